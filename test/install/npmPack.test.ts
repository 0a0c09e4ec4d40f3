// What `npm pack` ships: what a user needs to install and run the agent
// (built code, SQL, man pages, completion, unit, install scripts, the example
// configuration), nothing of the development tree and no secret.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, ensureBuilt } from './installTree.js';

const execFileAsync = promisify(execFile);

describe('npm pack', () => {
  it('ships only what a user needs', async () => {
    await ensureBuilt();
    const { stdout } = await execFileAsync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 });
    const files = (JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((file) => file.path);

    const allowed =
      /^(dist\/.+\.js|sql\/[^/]+\.sql|man\/[^/]+\.8|completion\/monitor_service\.bash|scripts\/(install|uninstall)\.sh|scripts\/lib\/common\.sh|config\.ini\.example|monitor_service\.service|package\.json|README\.md|LICENSE)$/;
    expect(files.filter((file) => !allowed.test(file))).toEqual([]);
    for (const needed of [
      'dist/cli/monitorService.js',
      'dist/cli/testAlarm.js',
      'dist/cli/simpleTest.js',
      'sql/setup.sql',
      'man/monitor_service.8',
      'man/test-alarm.8',
      'man/simple-test.8',
      'completion/monitor_service.bash',
      'scripts/install.sh',
      'monitor_service.service',
      'config.ini.example',
    ]) {
      expect(files).toContain(needed);
    }
  });
});
