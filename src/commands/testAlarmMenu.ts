import { createInterface, type Interface } from 'node:readline';
import { describeDatabase } from './openDatabase.js';
import { listAction, resetAllAction, setAction, setAllAction, type TestAlarmSession } from './testAlarmActions.js';
import { EXIT_OK } from './exitCodes.js';

export const MENU = `
  1) View all monitored processes
  2) Set one process in alarm
  3) Set all processes in alarm
  4) Reset all alarms
  5) Quit
`;

/**
 * The interactive menu of the guide's test_alarm.sh. A database error is
 * reported and the menu comes back; end of input or Ctrl+C quits like 5.
 */
export async function runTestAlarmMenu(session: TestAlarmSession, input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<number> {
  const rl = createInterface({ input, output, terminal: Boolean((input as { isTTY?: boolean }).isTTY) });
  rl.on('SIGINT', () => rl.close());
  const ask = promptReader(rl, output);

  output.write(`Process Monitor Service - alarm test (${describeDatabase(session.config.database)})\n`);
  try {
    for (;;) {
      output.write(MENU);
      const choice = await ask('Choice [1-5]: ');
      if (choice === null) return EXIT_OK;
      const done = await runChoice(choice.trim(), session, ask, output);
      if (done) return EXIT_OK;
    }
  } finally {
    rl.close();
  }
}

/** Runs one menu entry; true means quit. */
async function runChoice(
  choice: string,
  session: TestAlarmSession,
  ask: (prompt: string) => Promise<string | null>,
  output: NodeJS.WritableStream,
): Promise<boolean> {
  switch (choice) {
    case '1':
      await listAction(session);
      return false;
    case '2': {
      const target = await ask('Process id or name: ');
      if (target === null) return true;
      await setAction(session, target);
      return false;
    }
    case '3':
      await setAllAction(session);
      return false;
    case '4':
      await resetAllAction(session);
      return false;
    case '5':
    case 'q':
    case 'quit':
      return true;
    default:
      output.write(`"${choice.slice(0, 20)}" is not a choice: type a number from 1 to 5.\n`);
      return false;
  }
}

/**
 * Asks and reads one line at a time. Lines are queued as they arrive, so input
 * piped in ahead of the prompts (a script feeding the menu) is not lost, as it
 * would be with question(). null once input ended.
 */
export function promptReader(rl: Interface, output: NodeJS.WritableStream): (prompt: string) => Promise<string | null> {
  const lines: string[] = [];
  let ended = false;
  let waiting: ((line: string | null) => void) | undefined;
  rl.on('line', (line) => {
    if (waiting) {
      const deliver = waiting;
      waiting = undefined;
      deliver(line);
    } else lines.push(line);
  });
  rl.on('close', () => {
    ended = true;
    waiting?.(null);
    waiting = undefined;
  });
  return (prompt) => {
    // Lines read before the input ended are still answers.
    if (ended) {
      const rest = lines.shift();
      if (rest !== undefined) output.write(prompt);
      return Promise.resolve(rest ?? null);
    }
    rl.setPrompt(prompt);
    rl.prompt();
    const queued = lines.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve) => (waiting = resolve));
  };
}
