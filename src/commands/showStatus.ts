import { EXIT_FAILURE } from './exitCodes.js';

/** Placeholder until the status screen lands (issue 4). */
export async function showStatus(_file: string): Promise<number> {
  process.stderr.write('monitor_service status: not implemented yet\n');
  return EXIT_FAILURE;
}
