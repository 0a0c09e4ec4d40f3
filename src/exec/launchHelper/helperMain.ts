// The launch helper's program (run by LaunchHelper with child_process.fork): starts
// each command it is sent, detached, and reports its PID and later its exit. Forking a
// small process costs a fraction of forking the agent, and the agent's thread no longer
// waits for each exec. It holds no secret (its environment is the commands' one) and
// exits when the agent goes away (the IPC channel closes); what it started runs on.
import { spawn } from 'node:child_process';
import type { LaunchReport, LaunchRequest } from './helperProtocol.js';

function report(message: LaunchReport): void {
  if (process.connected) process.send?.(message);
}

process.on('message', (request: LaunchRequest) => {
  const child = spawn(request.file, request.args, { detached: true, stdio: 'ignore', cwd: '/' });
  child.once('spawn', () => report({ id: request.id, kind: 'spawned', pid: child.pid }));
  child.once('error', (error: NodeJS.ErrnoException) => report({ id: request.id, kind: 'error', code: error.code, message: error.message }));
  child.once('exit', (code, signal) => report({ id: request.id, kind: 'exit', code, signal }));
});
process.on('disconnect', () => process.exit(0));
report({ kind: 'ready' });
