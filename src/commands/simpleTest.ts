import { sleep } from '../clock/sleep.js';
import type { Config } from '../config/types.js';
import type { Database } from '../db/Database.js';
import { listProcesses } from '../db/sql/listProcesses.js';
import { readAlarm } from '../db/sql/readAlarm.js';
import { recentHistory } from '../db/sql/recentHistory.js';
import { setAlarm } from '../db/sql/setAlarm.js';
import { oneLine } from './displayText.js';
import { EXIT_FAILURE, EXIT_OK } from './exitCodes.js';
import { resolveTarget } from './resolveTarget.js';
import { simpleTestVerdict } from './simpleTestVerdict.js';
import { withToolDatabase } from './withToolDatabase.js';

const PROGRAM = 'simple-test';
export const DEFAULT_PROCESS = 'apache2';
/** How often --wait reads the alarm back. */
const POLL_MS = 250;

export interface SimpleTestOptions {
  configFile: string;
  process: string;
  /** Seconds to wait for an agent to clear the alarm; undefined: print instructions only. */
  waitSeconds: number | undefined;
}

const write = (text: string): void => void process.stdout.write(`${text}\n`);

/**
 * The guide's simple_test.sh: put one process in alarm, read it back, and
 * either tell the operator how to finish the test or (--wait) watch a running
 * agent clear it.
 */
export function simpleTest(options: SimpleTestOptions): Promise<number> {
  return withToolDatabase({ program: PROGRAM }, options.configFile, (db, config) => runSteps(db, config, options));
}

async function runSteps(db: Database, config: Config, options: SimpleTestOptions): Promise<number> {
  const found = resolveTarget(options.process, await listProcesses(db, config.monitor.circuit_reset_time));
  if (!found.ok) {
    process.stderr.write(`${PROGRAM}: ${found.message}\n`);
    return EXIT_FAILURE;
  }
  const id = found.row.process_id;
  const name = oneLine(found.row.process_name ?? `process ${id}`, 40);
  // History rows after this id are the agent's answer to our alarm.
  const before = (await recentHistory(db, id, 1))[0]?.id ?? 0;

  write(`Step 1: setting ${name} (ID ${id}) in alarm`);
  await setAlarm(db, id);
  const alarma = await readAlarm(db, id);
  if (alarma !== 1) {
    write(`FAIL: STATUS_PROCESS.alarma for ID ${id} reads ${alarma ?? 'no row'} after setting it to 1`);
    return EXIT_FAILURE;
  }
  write(`Step 2: verified: STATUS_PROCESS.alarma = 1 for ${name} (ID ${id})`);

  if (options.waitSeconds === undefined) {
    for (const line of instructions(config, name, id)) write(line);
    return EXIT_OK;
  }

  write(`Step 3: waiting up to ${options.waitSeconds}s for a running monitor_service to restart ${name} and clear the alarm`);
  if (options.waitSeconds < config.monitor.check_interval) {
    write(`  note: agents poll every ${config.monitor.check_interval}s (check_interval); a shorter wait may end before the next poll`);
  }
  const started = Date.now();
  const deadline = started + options.waitSeconds * 1000;
  let cleared: boolean;
  for (;;) {
    cleared = (await readAlarm(db, id)) !== 1;
    if (cleared || Date.now() >= deadline) break;
    await sleep(Math.min(POLL_MS, deadline - Date.now()));
  }
  // The agent clears the alarm, then records the outcome: give that write a moment (the
  // history row is still in_progress right after the clear), within the wait, plus a second.
  let newest = (await recentHistory(db, id, 1, before))[0];
  const recordDeadline = Math.max(deadline, Date.now()) + 1000;
  while (cleared && newest?.outcome === 'in_progress' && Date.now() < recordDeadline) {
    await sleep(POLL_MS);
    newest = (await recentHistory(db, id, 1, before))[0];
  }
  const verdict = simpleTestVerdict({
    name,
    processId: id,
    alarmCleared: cleared,
    waitedSeconds: (Date.now() - started) / 1000,
    newest,
    checkIntervalSeconds: config.monitor.check_interval,
  });
  for (const line of verdict.lines) write(line);
  return verdict.pass ? EXIT_OK : EXIT_FAILURE;
}

/** Step 3 of the guide's script: how to finish the test by hand. */
export function instructions(config: Config, name: string, id: number): string[] {
  const log = config.logging.log_file ? `sudo tail -f ${config.logging.log_file}` : 'sudo journalctl -fu monitor_service';
  return [
    'Step 3: to complete the test:',
    `  1. run the monitor service:   sudo systemctl start monitor_service   (or: monitor_service --config ${config.file})`,
    `  2. check the logs:            ${log}`,
    `     expect: "Found process in alarm: ${name} (ID: ${id})"`,
    `             "RESTART LOG: Beginning restart procedure for ${name} (strategy: …)"`,
    `             "Alarm cleared for ${name} (ID: ${id})"`,
    '  3. check the alarm is cleared: test-alarm list   (alarma back to 0)',
    `  or let this tool watch:         simple-test ${name} --wait 120`,
  ];
}
