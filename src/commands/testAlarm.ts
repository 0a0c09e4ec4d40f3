import { loadConfigOrExplain, printConfigWarnings } from './loadConfigOrExplain.js';
import { EXIT_CONFIG } from './exitCodes.js';
import { closeDatabase } from '../db/Database.js';
import { openToolDatabase } from './openDatabase.js';
import { listAction, PROGRAM, resetAllAction, setAction, setAllAction, type TestAlarmSession } from './testAlarmActions.js';
import { runTestAlarmMenu } from './testAlarmMenu.js';

export type TestAlarmCommand = { kind: 'menu' } | { kind: 'list' } | { kind: 'set'; target: string } | { kind: 'set-all' } | { kind: 'reset-all' };

/** test-alarm: loads the agent's config, runs one command (or the menu), returns the exit status. */
export async function testAlarm(configFile: string, command: TestAlarmCommand): Promise<number> {
  const config = loadConfigOrExplain(PROGRAM, configFile);
  if (config) printConfigWarnings(PROGRAM, config);
  if (!config) return EXIT_CONFIG;
  const session: TestAlarmSession = { config, db: openToolDatabase(config), out: process.stdout };
  try {
    switch (command.kind) {
      case 'menu':
        return await runTestAlarmMenu(session, process.stdin, process.stdout);
      case 'list':
        return await listAction(session);
      case 'set':
        return await setAction(session, command.target);
      case 'set-all':
        return await setAllAction(session);
      case 'reset-all':
        return await resetAllAction(session);
    }
  } finally {
    await closeDatabase(session.db);
  }
}
