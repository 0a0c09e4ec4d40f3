// `npm run bench` — every benchmark of issue 6 against a private MariaDB; prints a table
// and writes bench/results/latest.json (or quick.json with --quick).
//
//   vite-node bench/runAll.ts [--quick] [--only=burst,reaction,idle,registry,startup,rejected,watches,reaction-binlog]
//                             [--registry-sizes=1000,10000] [--out=FILE]
// BENCH_AGENT_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" profiles every agent it starts.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Cleanup } from './lib/context.js';
import { BENCHMARKS, formatTable, runBenchmarks, type BenchmarkName } from './lib/runner.js';

const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));

function parseArgs(argv: string[]): { quick: boolean; only: BenchmarkName[]; out: string; registrySizes?: number[] } {
  let quick = false;
  let registrySizes: number[] | undefined;
  let only: BenchmarkName[] = [...BENCHMARKS];
  let out = '';
  for (const arg of argv) {
    if (arg === '--') continue;
    if (arg === '--quick') quick = true;
    else if (arg.startsWith('--only=')) {
      const names = arg.slice('--only='.length).split(',').filter(Boolean);
      const unknown = names.filter((n) => !(BENCHMARKS as readonly string[]).includes(n));
      if (unknown.length > 0) throw new Error(`unknown benchmark(s): ${unknown.join(', ')} (known: ${BENCHMARKS.join(', ')})`);
      only = names as BenchmarkName[];
    } else if (arg.startsWith('--registry-sizes=')) {
      registrySizes = arg.slice('--registry-sizes='.length).split(',').map(Number);
      if (registrySizes.some((n) => !Number.isInteger(n) || n < 10)) throw new Error(`--registry-sizes: whole numbers ≥ 10 expected, got ${arg}`);
    } else if (arg.startsWith('--out=')) out = path.resolve(arg.slice('--out='.length));
    else throw new Error(`unknown argument ${arg}; usage: runAll [--quick] [--only=${BENCHMARKS.join(',')}] [--registry-sizes=N,…] [--out=FILE]`);
  }
  return { quick, only, registrySizes, out: out || path.join(RESULTS_DIR, quick ? 'quick.json' : 'latest.json') };
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const cleanup = new Cleanup();
  const interrupt = (signal: NodeJS.Signals): void => {
    process.stderr.write(`\nbench: ${signal}, stopping what was started…\n`);
    void cleanup.run().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  const started = Date.now();
  const note = (message: string): void => {
    process.stderr.write(`[bench +${((Date.now() - started) / 1000).toFixed(0)}s] ${message}\n`);
  };
  const report = await runBenchmarks({ quick: options.quick, only: options.only, registrySizes: options.registrySizes, note }, cleanup);
  await mkdir(path.dirname(options.out), { recursive: true });
  await writeFile(options.out, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(
    `${formatTable(report)}\n\nFigures written to ${path.relative(process.cwd(), options.out)} (${report.durationS} s${report.quick ? ', quick mode' : ''})\n`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
