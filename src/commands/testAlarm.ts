import { assignAction, listAction, PROGRAM, resetAllAction, setAction, setAllAction, type TestAlarmSession } from './testAlarmActions.js';
import { runTestAlarmMenu } from './testAlarmMenu.js';
import { withToolDatabase } from './withToolDatabase.js';

export type TestAlarmCommand =
  | { kind: 'menu' }
  | { kind: 'list'; json?: boolean }
  | { kind: 'set'; target: string }
  | { kind: 'set-all' }
  | { kind: 'reset-all' }
  | { kind: 'assign'; target: string; host: string };

/** test-alarm: loads the agent's config, runs one command (or the menu), returns the exit status. */
export function testAlarm(configFile: string, command: TestAlarmCommand): Promise<number> {
  return withToolDatabase({ program: PROGRAM }, configFile, (db, config) => {
    const session: TestAlarmSession = { config, db, out: process.stdout };
    switch (command.kind) {
      case 'menu':
        return runTestAlarmMenu(session, process.stdin, process.stdout);
      case 'list':
        return listAction(session, command.json);
      case 'set':
        return setAction(session, command.target);
      case 'set-all':
        return setAllAction(session);
      case 'reset-all':
        return resetAllAction(session);
      case 'assign':
        return assignAction(session, command.target, command.host);
    }
  });
}
