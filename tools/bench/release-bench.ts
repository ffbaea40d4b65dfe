/**
 * Benchmark of release runs: the bundled sample release (six documents, one of about 160 pages)
 * run from scratch with `--concurrency 1` and with the default (one worker per core), each in a
 * fresh process and a fresh output folder, best of `repeats`.
 *
 * It also prints the CPU time of each run (all threads: V8 compiles optimised code and collects
 * garbage on threads of its own) and the speed-up the sequential run's CPU time allows at most on
 * this machine: however well the documents are spread, two workers cannot finish before all the
 * CPU time the work needs has been spent on the cores there are.
 *
 * The same is measured on a release four times as large (the six documents four times over, in a
 * temporary copy of the sample), where the workers' start-up weighs less.
 *
 * `node dist-tools/tools/bench/release-bench.js [REPEATS]`
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { runNode } from './run-node.js';

const HERE = dirname(fileURLToPath(import.meta.url));
// The shipped command line (dist/), as users run it: the tools are compiled apart, to dist-tools/tools/.
const CLI = resolve(HERE, '../../../dist/cli/main.js');
const SAMPLE = resolve(HERE, '../../../samples/release/release.yaml');

export interface ReleaseBenchResult {
  readonly documents: number;
  readonly sequentialMs: number;
  readonly sequentialCpuMs: number;
  readonly parallelMs: number;
  readonly parallelCpuMs: number;
  readonly workers: number;
  readonly speedUp: number;
  /** The speed-up the sequential run's CPU time allows on this machine's cores. */
  readonly speedUpBound: number;
}

interface ReleaseTiming {
  readonly ms: number;
  readonly cpuMs: number;
}

function timeRelease(manifest: string, concurrency: number | undefined, repeats: number): ReleaseTiming {
  let best: ReleaseTiming = { ms: Infinity, cpuMs: NaN };
  for (let i = 0; i < repeats; i++) {
    const out = mkdtempSync(join(tmpdir(), 'redline-release-bench-'));
    const run = runNode([CLI, 'release', manifest, '-o', out, '-q', ...(concurrency === undefined ? [] : ['--concurrency', String(concurrency)])]);
    rmSync(out, { recursive: true, force: true });
    // Exit 4: the sample release reports its deliberate verification issues.
    if (run.status !== 0 && run.status !== 4) throw new Error(`release run failed with exit code ${String(run.status)}`);
    if (run.ms < best.ms) best = { ms: run.ms, cpuMs: run.cpuMs ?? NaN };
  }
  return best;
}

/** The sample release with its documents `copies` times over (ids suffixed), in a temporary folder. */
function largerSample(copies: number): { manifest: string; documents: number; folder: string } {
  const folder = mkdtempSync(join(tmpdir(), 'redline-release-bench-sample-'));
  cpSync(dirname(SAMPLE), folder, { recursive: true });
  const manifest = parse(readFileSync(SAMPLE, 'utf8')) as { documents: { id: string }[] };
  const documents = Array.from({ length: copies }, (_, k) => manifest.documents.map((d) => ({ ...d, id: `${d.id}-${k + 1}` }))).flat();
  const path = join(folder, 'release.json');
  writeFileSync(path, JSON.stringify({ ...manifest, documents }));
  return { manifest: path, documents: documents.length, folder };
}

function benchManifest(manifest: string, documents: number, repeats: number): ReleaseBenchResult {
  const sequential = timeRelease(manifest, 1, repeats);
  const parallel = timeRelease(manifest, undefined, repeats);
  const workers = availableParallelism();
  return {
    documents,
    sequentialMs: sequential.ms,
    sequentialCpuMs: sequential.cpuMs,
    parallelMs: parallel.ms,
    parallelCpuMs: parallel.cpuMs,
    workers,
    speedUp: sequential.ms / parallel.ms,
    speedUpBound: sequential.ms / (sequential.cpuMs / workers),
  };
}

/** The sample release (best of `repeats`), then four copies of it (one run each). */
export function benchRelease(repeats = 2): ReleaseBenchResult[] {
  const sample = benchManifest(SAMPLE, 6, repeats);
  const larger = largerSample(4);
  try {
    return [sample, benchManifest(larger.manifest, larger.documents, 1)];
  } finally {
    rmSync(larger.folder, { recursive: true, force: true });
  }
}

export function describeReleaseBench(results: readonly ReleaseBenchResult[]): string {
  return results.map(describeOne).join('');
}

function describeOne(result: ReleaseBenchResult): string {
  const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
  const name = result.documents === 6 ? 'Sample release (6 documents)' : `Sample release ×${result.documents / 6} (${result.documents} documents)`;
  return (
    `${name}: --concurrency 1 ${s(result.sequentialMs)} (CPU ${s(result.sequentialCpuMs)}); ` +
    `default (${result.workers} workers) ${s(result.parallelMs)} (CPU ${s(result.parallelCpuMs)}); speed-up ${result.speedUp.toFixed(2)}×\n` +
    `At most ${result.speedUpBound.toFixed(2)}× on ${result.workers} cores: the sequential run's CPU time spread over all of them\n`
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.stdout.write(describeReleaseBench(benchRelease(Number(process.argv[2] ?? 2))));
