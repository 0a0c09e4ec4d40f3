// The user guide's log lines are a contract: each one in guideMessages must read,
// word for word, as in the README's example log (copied from the guide).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { guideMessages } from '../../src/log/messages.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** Each guide line as the guide's example prints it (the Record type makes a new guide line need an entry). */
const AS_IN_THE_GUIDE: Record<keyof typeof guideMessages, string> = {
  serviceStart: `INFO - ${guideMessages.serviceStart()}`,
  foundAlarm: `INFO - ${guideMessages.foundAlarm('apache2', 1)}`,
  beginRestart: `INFO - ${guideMessages.beginRestart('apache2', 'service')}`,
  restartSucceeded: `INFO - ${guideMessages.restartSucceeded('apache2')}`,
  healthCheckFailed: `ERROR - ${guideMessages.healthCheckFailed('apache2')}`,
  breakerOpened: `WARNING - ${guideMessages.breakerOpened('apache2', 3)}`,
};

describe("the user guide's log lines", () => {
  it.each(Object.entries(AS_IN_THE_GUIDE))('%s reads as in the README example', (_key, line) => {
    expect(README.split('\n').some((readmeLine) => readmeLine.endsWith(line))).toBe(true);
  });
});
