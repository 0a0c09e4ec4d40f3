// Smoke test of the benchmark command (bench/runAll.ts): its smallest part, the registry
// poll at 1,000 processes, run as `npm run bench` would run it (its own private MariaDB),
// the shape of the JSON it writes, and the index the poll reads. No timing thresholds: those
// are the bench's to report.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { mariadbSkipReason } from '../support/mariadb.js';
import { withTempDir } from '../support/tempDir.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const VITE_NODE = path.join(ROOT, 'node_modules', '.bin', 'vite-node');

const finite = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value);

// The parts of the report (bench/runAll.ts --out) this test reads; the JSON is untrusted input,
// so every field the test does not itself compare is `unknown`.
interface RegistryPoint {
  registered: unknown;
  alarms: unknown;
  explain: Record<string, unknown>[];
  [key: string]: unknown;
}
interface QuickReport {
  quick: unknown;
  generatedAt: unknown;
  machine: Record<string, unknown>;
  results: { registry: { points: RegistryPoint[]; sql: unknown; growth: unknown; indexUsed: unknown } };
  verdicts: { benchmark: unknown; value: unknown }[];
}

describe.skipIf(mariadbSkipReason())('bench --quick', () => {
  it('runs the registry benchmark at 1,000 processes and writes finite figures', async () => {
    await withTempDir('monitor-benchquick-', async (dir) => {
      const out = path.join(dir, 'quick.json');
      const run = await execa(VITE_NODE, ['bench/runAll.ts', '--quick', '--only=registry', '--registry-sizes=1000', `--out=${out}`], {
        cwd: ROOT,
        reject: false,
        all: true,
      });
      expect(run.exitCode, run.all).toBe(0);
      expect(run.stdout).toMatch(/\| registry +\| poll with 1,000 registered/);

      const report = JSON.parse(await readFile(out, 'utf8')) as QuickReport;
      expect(report.quick).toBe(true);
      expect(typeof report.generatedAt).toBe('string');
      for (const key of ['cpuModel', 'kernel', 'os', 'node', 'mariadb']) expect(report.machine[key], key).toMatch(/\S/);
      for (const key of ['cores', 'memoryGb']) expect(finite(report.machine[key]), key).toBe(true);

      const registry = report.results.registry;
      expect(registry.points).toHaveLength(1);
      const [point] = registry.points;
      if (!point) throw new Error('registry.points is empty');
      expect(point.registered).toBe(1000);
      expect(point.alarms).toBe(10);
      for (const key of ['polls', 'medianMs', 'p95Ms', 'rowsReadPerPoll']) expect(finite(point[key]), key).toBe(true);
      expect(point.explain.length).toBeGreaterThan(0);
      expect(registry.sql).toMatch(/FROM STATUS_PROCESS/);
      expect(finite(registry.growth)).toBe(true);
      // EXPLAIN of the statement captured from the agent's own pollAlarms(): a range scan of
      // the alarma index, and primary-key lookups for the joins (README, Performance).
      const byTable = Object.fromEntries(point.explain.map((row) => [String(row.table), row]));
      expect(byTable.s).toMatchObject({ type: 'range', key: 'idx_status_process_alarma' });
      expect(byTable.p).toMatchObject({ type: 'eq_ref', key: 'PRIMARY' });
      expect(byTable.b).toMatchObject({ type: 'eq_ref', key: 'PRIMARY' });
      expect(registry.indexUsed).toBe(true);

      expect(report.verdicts.length).toBeGreaterThan(0);
      for (const verdict of report.verdicts) {
        expect(verdict.benchmark).toBe('registry');
        expect(typeof verdict.value).toBe('string');
      }
    });
  });
});
