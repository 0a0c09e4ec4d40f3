// docker-compose.yml validates (`docker-compose config`), and the compose
// stack, the Dockerfile and docker/config.ini agree with each other and with
// the project (setup.sql mounted, agent pointed at its config, entry point).
// No Docker engine is needed: nothing is built or started here.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import ini from 'ini';
import { beforeAll, describe, expect, it } from 'vitest';
import { flattenSections } from '../../src/config/flattenSections.js';
import { validateConfig } from '../../src/config/validateConfig.js';
import { findExecutable } from '../support/mariadbServer.js';
import { skipReasonOrFail } from '../support/skipRule.js';
import { REPO_ROOT } from './installTree.js';

const execFileAsync = promisify(execFile);

const dockerCompose = await findExecutable('docker-compose');
const skipReason = skipReasonOrFail('docker-compose', dockerCompose ? undefined : 'docker-compose not found (Debian package docker-compose)');

describe.skipIf(skipReason)('docker-compose config', () => {
  let resolved: string;

  beforeAll(async () => {
    // --no-interpolate is not in compose v1; plain `config` validates the file
    // against the schema and prints the resolved stack.
    const { stdout } = await execFileAsync(dockerCompose!, ['--file', path.join(REPO_ROOT, 'docker-compose.yml'), 'config'], {
      cwd: REPO_ROOT,
      timeout: 60_000,
    });
    resolved = stdout;
  }, 90_000);

  it('accepts docker-compose.yml and resolves both services', () => {
    expect(resolved).toMatch(/^ {2}mysql:$/m);
    expect(resolved).toMatch(/^ {2}agent:$/m);
    expect(resolved).toMatch(/image: mysql:8$/m);
  });

  it('loads sql/setup.sql into the MySQL container on first start', () => {
    expect(resolved).toContain(`${path.join(REPO_ROOT, 'sql/setup.sql')}:/docker-entrypoint-initdb.d/`);
  });

  it('gives MySQL a health check and starts the agent only once it passes', () => {
    expect(resolved).toMatch(/healthcheck:\n(?: {6}.*\n)*? {6}test:/);
    expect(resolved).toMatch(/depends_on:\n {6}mysql:\n {8}condition: service_healthy/);
  });

  it('points the agent at the mounted docker/config.ini', () => {
    const match = /MONITOR_SERVICE_CONFIG: (\S+)/.exec(resolved);
    expect(match).not.toBeNull();
    expect(resolved).toContain(`${path.join(REPO_ROOT, 'docker/config.ini')}:${match![1]}:ro`);
  });
});

describe('Dockerfile and docker/config.ini', () => {
  it('builds from node:20-bookworm-slim and runs the wrapper install.sh creates', async () => {
    const dockerfile = await readFile(path.join(REPO_ROOT, 'Dockerfile'), 'utf8');
    const froms = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(froms.length).toBeGreaterThan(0);
    for (const image of froms) expect(image).toBe('node:20-bookworm-slim');
    expect(dockerfile).toMatch(/^RUN npm ci\b/m);
    expect(dockerfile).toMatch(/npm run build/);
    expect(dockerfile).toMatch(/scripts\/install\.sh/);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["\/usr\/local\/bin\/monitor_service"\]$/m);
  });

  it('does not keep out of the build context what the build needs', async () => {
    const ignored = (await readFile(path.join(REPO_ROOT, '.dockerignore'), 'utf8'))
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    for (const needed of [
      'src',
      'scripts',
      'sql',
      'man',
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'config.ini.example',
      'monitor_service.service',
    ]) {
      expect(ignored).not.toContain(needed);
    }
  });

  it('is a valid configuration with no warnings, reading the password from the mounted secret', async () => {
    const sections = flattenSections(ini.parse(await readFile(path.join(REPO_ROOT, 'docker/config.ini'), 'utf8')));
    const { config, problems } = validateConfig(sections);
    expect(problems).toEqual([]);
    expect(config.warnings).toEqual([]);
    expect(config.database.host).toBe('mysql');
    expect(config.database.password).toBe('');
    expect(config.database.password_file).toBe('/run/secrets/db_password');
    expect(existsSync(path.join(REPO_ROOT, 'docker/db_password'))).toBe(true);
  });
});
