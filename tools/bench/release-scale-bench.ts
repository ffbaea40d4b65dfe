/**
 * Benchmark of a release of many small documents: whether the rate holds from the first
 * documents to the last (what a state file rewritten whole after every document broke: 1,363
 * documents a minute at the start of a 5,000-document release, 905 at the end).
 *
 * Generates DOCUMENTS pairs of short text versions (a few clauses, one word changed), runs
 * `redline release` on them with the change sets as the only output, and prints the rate over the
 * first and the last fifth of the documents, read from the progress lines as they arrive.
 *
 * `npm run build && npm run build:tools && node dist-tools/tools/bench/release-scale-bench.js [DOCUMENTS] [CONCURRENCY]`
 * (default 5,000 documents and 2 workers)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The shipped command line (dist/), as users run it: the tools are compiled apart, to dist-tools/tools/.
const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '../../../dist/cli/main.js');

export interface ScaleResult {
  readonly documents: number;
  readonly seconds: number;
  /** Documents a minute over the first and the last fifth of the run. */
  readonly firstRate: number;
  readonly lastRate: number;
}

function writeRelease(folder: string, documents: number): string {
  const entries = [];
  for (let i = 0; i < documents; i++) {
    const text = (word: string): string => `Clause ${i}.1 The Supplier shall notify the Panel within ${word} Working Days.\n\nClause ${i}.2 Each Party shall comply with this Section.\n`;
    writeFileSync(join(folder, `d${i}-1.txt`), text('ten'));
    writeFileSync(join(folder, `d${i}-2.txt`), text('five'));
    entries.push({ id: `d${i}`, title: `Document ${i}`, previous: { version: '1', file: `d${i}-1.txt` }, new: { version: '2', file: `d${i}-2.txt` } });
  }
  const manifest = join(folder, 'release.json');
  writeFileSync(manifest, JSON.stringify({ release: { id: 'SCALE', title: 'Scale', effectiveDate: '2026-11-27' }, sources: [], documents: entries, outputs: ['json'] }));
  return manifest;
}

export async function benchReleaseScale(documents: number, concurrency: number): Promise<ScaleResult> {
  const folder = mkdtempSync(join(tmpdir(), 'redline-release-scale-'));
  try {
    const manifest = writeRelease(folder, documents);
    const finished: number[] = [];
    const start = performance.now();
    const run = spawn(process.execPath, [CLI, 'release', manifest, '-o', join(folder, 'out'), '--concurrency', String(concurrency)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let pending = '';
    run.stderr.setEncoding('utf8');
    run.stderr.on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (/^\[\d+\/\d+\]/.test(line)) finished.push(performance.now());
    });
    const status = await new Promise<number | null>((done) => run.on('close', done));
    if (status !== 0) throw new Error(`the release exited with ${String(status)}`);
    const fifth = Math.floor(finished.length / 5);
    const rate = (from: number, to: number): number => (to - from) / (((finished[to - 1] as number) - (finished[from - 1] ?? start)) / 60_000);
    return { documents, seconds: (performance.now() - start) / 1000, firstRate: rate(1, fifth), lastRate: rate(finished.length - fifth, finished.length) };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const documents = Number(process.argv[2] ?? 5000);
  const concurrency = Number(process.argv[3] ?? 2);
  const result = await benchReleaseScale(documents, concurrency);
  process.stdout.write(
    `${result.documents} documents in ${result.seconds.toFixed(0)} s: ${result.firstRate.toFixed(0)} documents a minute over the first fifth, ${result.lastRate.toFixed(0)} over the last\n`,
  );
}
