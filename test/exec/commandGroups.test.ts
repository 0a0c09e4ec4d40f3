// The agent's own commands are known by their process group while they run (runCommand), so
// a match pattern never finds them; a command that has ended is forgotten.
import { describe, expect, it } from 'vitest';
import { runningCommandGroups } from '../../src/exec/commandGroups.js';
import { runShellCommand } from '../../src/exec/runCommand.js';
import { readProcStat } from '../../src/process/procStat.js';
import { waitFor } from '../support/waitFor.js';

describe('runningCommandGroups', () => {
  it("holds a running command's process group, and forgets it once the command ended", async () => {
    const before = new Set(runningCommandGroups());
    const running = runShellCommand('sleep 1; echo done', { timeoutMs: 5000 });
    const group = (await waitFor(() => [...runningCommandGroups()].find((g) => !before.has(g)), { what: 'the command group' })) ?? 0;
    // The group is the shell's own: its leader is the command, and its sleep is in it.
    expect(readProcStat(group)?.pgrp).toBe(group);
    const result = await running;
    expect(result.exitCode).toBe(0);
    expect(runningCommandGroups().has(group)).toBe(false);
  });
});
