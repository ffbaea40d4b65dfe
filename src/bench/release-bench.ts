/**
 * Benchmark of release runs: the bundled sample release (six documents, one of about 160 pages)
 * run from scratch with `--concurrency 1` and with the default (one worker per core), each in a
 * fresh process and a fresh output folder, best of `repeats`.
 *
 * `node dist/bench/release-bench.js [REPEATS]`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runNode } from './run-node.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const CLI = resolve(HERE, '../cli/main.js');
const SAMPLE = resolve(HERE, '../../samples/release/release.yaml');

export interface ReleaseBenchResult {
  readonly sequentialMs: number;
  readonly parallelMs: number;
  readonly workers: number;
  readonly speedUp: number;
}

function timeRelease(concurrency: number | undefined, repeats: number): number {
  let best = Infinity;
  for (let i = 0; i < repeats; i++) {
    const out = mkdtempSync(join(tmpdir(), 'redline-release-bench-'));
    const run = runNode([CLI, 'release', SAMPLE, '-o', out, '-q', ...(concurrency === undefined ? [] : ['--concurrency', String(concurrency)])]);
    rmSync(out, { recursive: true, force: true });
    // Exit 4: the sample release reports its deliberate verification issues.
    if (run.status !== 0 && run.status !== 4) throw new Error(`release run failed with exit code ${String(run.status)}`);
    best = Math.min(best, run.ms);
  }
  return best;
}

export function benchRelease(repeats = 2): ReleaseBenchResult {
  const sequentialMs = timeRelease(1, repeats);
  const parallelMs = timeRelease(undefined, repeats);
  return { sequentialMs, parallelMs, workers: availableParallelism(), speedUp: sequentialMs / parallelMs };
}

export function describeReleaseBench(result: ReleaseBenchResult): string {
  return `Sample release (6 documents): --concurrency 1 ${(result.sequentialMs / 1000).toFixed(2)} s; default (${result.workers} workers) ${(result.parallelMs / 1000).toFixed(2)} s; speed-up ${result.speedUp.toFixed(2)}×\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.stdout.write(describeReleaseBench(benchRelease(Number(process.argv[2] ?? 2))));
