// The scan worker's program (a worker thread started by ScanWorker): walks /proc
// each time it is asked and posts the table back, so that during a burst the
// agent's thread does not spend its time in thousands of open/read/close calls.
import { parentPort } from 'node:worker_threads';
import { readProcessTable } from '../readProcessTable.js';

parentPort?.on('message', () => parentPort?.postMessage(readProcessTable()));
