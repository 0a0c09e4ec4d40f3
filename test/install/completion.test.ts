// The bash completion shipped in completion/, run by a real bash as
// bash-completion would: the function registered for each command, asked
// for the word under the cursor.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './installTree.js';

const execFileAsync = promisify(execFile);
const SCRIPT = path.join(REPO_ROOT, 'completion/monitor_service.bash');

/** The completions bash offers for `line` (the cursor at its end). */
async function complete(line: string): Promise<string[]> {
  const words = line.split(' ');
  const program = `
    source ${JSON.stringify(SCRIPT)}
    COMP_WORDS=(${words.map((w) => JSON.stringify(w)).join(' ')})
    COMP_CWORD=${words.length - 1}
    COMP_LINE=${JSON.stringify(line)}
    COMP_POINT=${line.length}
    fn=$(complete -p ${words[0]} | sed -E 's/.*-F ([^ ]+).*/\\1/')
    "$fn" ${words[0]} "${words.at(-1)}" "${words.at(-2) ?? ''}"
    printf '%s\\n' "\${COMPREPLY[@]}"
  `;
  const { stdout } = await execFileAsync('bash', ['--norc', '-c', program], { cwd: REPO_ROOT });
  return stdout.split('\n').filter(Boolean).sort();
}

describe('bash completion', () => {
  it('completes the commands and options of monitor_service', async () => {
    expect(await complete('monitor_service ')).toEqual(['--check-config', '--config', '--help', '--once', '--version', 'help', 'run', 'status'].sort());
    expect(await complete('monitor_service --ch')).toEqual(['--check-config']);
    expect(await complete('monitor_service st')).toEqual(['status']);
  });

  it('completes test-alarm subcommands, and only options after one', async () => {
    expect(await complete('test-alarm re')).toEqual(['reset-all']);
    expect(await complete('test-alarm list --')).toEqual(['--config', '--help', '--version']);
  });

  it('completes simple-test options and files after --config', async () => {
    expect(await complete('simple-test --w')).toEqual(['--wait']);
    expect(await complete('simple-test --config config.ini.ex')).toEqual(['config.ini.example']);
  });
});
