// The shared entry of the three programs: how argv and a command's outcome become an exit status.
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { configFileOf, createProgram } from '../../src/cli/createProgram.js';
import { programExitStatus } from '../../src/cli/runProgram.js';
import { EXIT_FAILURE, EXIT_USAGE } from '../../src/commands/exitCodes.js';
import { VERSION } from '../../src/version.js';
import { CLI, runCli } from './runCli.js';

/** A program like the real ones, whose commander output is captured instead of printed. */
function captured(): { program: Command; out: string[]; err: string[]; stderr: NodeJS.WritableStream } {
  const out: string[] = [];
  const err: string[] = [];
  const program = createProgram('probe', 'a probe').configureOutput({ writeOut: (s) => out.push(s), writeErr: (s) => err.push(s) });
  program
    .command('sub')
    .option('--flag', 'a flag')
    .action(() => undefined);
  const stderr = { write: (s: string) => err.push(s) } as unknown as NodeJS.WritableStream;
  return { program, out, err, stderr };
}
const argv = (...args: string[]): string[] => ['node', 'probe', ...args];

describe('programExitStatus', () => {
  it("returns the command's status once argv is parsed", async () => {
    const { program, stderr } = captured();
    let chosen = 'none';
    program.commands[0]!.action(() => void (chosen = 'sub'));
    expect(await programExitStatus(program, argv('sub'), () => (chosen === 'sub' ? 7 : 0), stderr)).toBe(7);
  });

  it('--help and --version end with 0 without running the command', async () => {
    for (const args of [['--help'], ['--version'], ['sub', '--help']]) {
      const { program, out, stderr } = captured();
      let ran = false;
      expect(await programExitStatus(program, argv(...args), () => ((ran = true), 5), stderr)).toBe(0);
      expect(ran).toBe(false);
      expect(out.join('')).not.toBe('');
    }
    const { program, out, stderr } = captured();
    await programExitStatus(program, argv('-V'), () => 5, stderr);
    expect(out.join('')).toBe(`probe ${VERSION}\n`);
  });

  it('a usage error, on the program or a subcommand, ends with EXIT_USAGE and says why', async () => {
    for (const args of [['--bogus'], ['sub', '--bogus'], ['-c']]) {
      const { program, err, stderr } = captured();
      let ran = false;
      expect(await programExitStatus(program, argv(...args), () => ((ran = true), 5), stderr)).toBe(EXIT_USAGE);
      expect(ran).toBe(false);
      expect(err.join('')).toMatch(/^error: /);
    }
  });

  it('an unexpected error, in an action or the command, is one "program: message" line and EXIT_FAILURE', async () => {
    const inCommand = captured();
    const failing = (): number => {
      throw new Error('disk on fire');
    };
    expect(await programExitStatus(inCommand.program, argv('sub'), failing, inCommand.stderr)).toBe(EXIT_FAILURE);
    expect(inCommand.err).toEqual(['probe: disk on fire\n']);

    const inAction = captured();
    inAction.program.commands[0]!.action(() => Promise.reject(new Error('no such thing')));
    expect(await programExitStatus(inAction.program, argv('sub'), () => 0, inAction.stderr)).toBe(EXIT_FAILURE);
    expect(inAction.err).toEqual(['probe: no such thing\n']);
  });
});

describe('configFileOf', () => {
  it('reads --config (short and long)', async () => {
    for (const args of [
      ['-c', '/etc/x.ini'],
      ['--config', '/etc/x.ini'],
    ]) {
      const { program, stderr } = captured();
      await programExitStatus(program, argv(...args), () => 0, stderr);
      expect(configFileOf(program)).toBe('/etc/x.ini');
    }
  });
});

describe('the three programs share the entry', () => {
  it.each([
    ['monitor_service', CLI.monitorService],
    ['test-alarm', CLI.testAlarm],
    ['simple-test', CLI.simpleTest],
  ])('%s: --version prints name and version; a usage error', async (name, script) => {
    const version = await runCli(script, ['--version']);
    expect(version).toMatchObject({ exitCode: 0, stdout: `${name} ${VERSION}`, stderr: '' });
    const usage = await runCli(script, ['--no-such-option']);
    expect(usage).toMatchObject({ exitCode: EXIT_USAGE, stdout: '', stderr: "error: unknown option '--no-such-option'" });
  });

  it("monitor_service --help shows the agent's own options, not only run --help", async () => {
    const help = await runCli(CLI.monitorService, ['--help']);
    expect(help.exitCode).toBe(0);
    for (const option of ['--config', '--check-config', '--once', '--version']) expect(help.stdout).toContain(option);
  });
});
