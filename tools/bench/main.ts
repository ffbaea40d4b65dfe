/**
 * `npm run bench`: generates pairs of synthetic code documents of about 100, 300 and 1,000 pages
 * (≈500 words a page, ≈2% of words changed, clauses inserted, deleted and moved, table rows
 * changed) and prints a table of timings. Not a test: it prints figures.
 *
 * Columns: the diff core (two models to a redline, in a fresh process per pair: its first run,
 * while V8 is still compiling, and the median of the 20 runs after it), `redline compare`
 * DOCX→DOCX end to end in a fresh process with its peak RSS, and on the same plain text
 * `git diff --no-index --word-diff=porcelain` and jsdiff's `diffWords` (capped at 60 s). Then the
 * marked-up PDF of the 1,000-page pair, the sample release with `--concurrency 1` against the
 * default, and the browser app on the 160-page sample in headless Chromium (skipped without it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diffWords } from 'diff';
import { hasChromium } from './chromium.js';
import type { CoreTiming } from './core-timing.js';
import { generatePair, type Pair, WORDS_PER_PAGE } from './generate-pair.js';
import { pdfBenchTable } from './pdf-bench.js';
import { benchRelease, describeReleaseBench } from './release-bench.js';
import { runNode } from './run-node.js';
import { benchWeb, describeWebBench } from './web-bench.js';

const HERE = dirname(fileURLToPath(import.meta.url));
// The shipped command line (dist/), as users run it: the tools are compiled apart, to dist-tools/tools/.
const CLI = resolve(HERE, '../../../dist/cli/main.js');
const CORE_TIMING = resolve(HERE, 'core-timing.js');
const JSDIFF_CAP_MS = 60_000;

/** The diff core's timing on a pair, measured in a fresh process (see `core-timing.ts`). */
function timeDiffCore(pair: Pair): CoreTiming {
  const run = spawnSync(process.execPath, [CORE_TIMING, pair.oldDocx, pair.newDocx], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`core timing failed on ${pair.oldDocx}: ${run.stderr.trim()}`);
  return JSON.parse(run.stdout) as CoreTiming;
}

function timeGit(pair: Pair): number | undefined {
  const start = performance.now();
  const run = spawnSync('git', ['diff', '--no-index', '--word-diff=porcelain', pair.oldText, pair.newText], { maxBuffer: 256 << 20 });
  const ms = performance.now() - start;
  return run.status === 0 || run.status === 1 ? ms : undefined;
}

function timeJsdiff(pair: Pair): number | undefined {
  const start = performance.now();
  const result = diffWords(readFileSync(pair.oldText, 'utf8'), readFileSync(pair.newText, 'utf8'), { timeout: JSDIFF_CAP_MS });
  const ms = performance.now() - start;
  return result === undefined ? undefined : ms;
}

const seconds = (ms: number | undefined): string => (ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'redline-bench-'));
  const sizes = (process.env.BENCH_PAGES ?? '100,300,1000').split(',').map(Number);
  const rows: string[][] = [];
  const endToEnd = new Map<number, number>();
  process.stdout.write(`Compare benchmark (${WORDS_PER_PAGE} words a page; files in ${dir})\n`);
  for (const pages of sizes) {
    const pair = await generatePair(dir, pages);
    const core = timeDiffCore(pair);
    const e2e = runNode([CLI, 'compare', pair.oldDocx, pair.newDocx, '-o', join(dir, `${pages}-redline.docx`), '-q']);
    endToEnd.set(pages, e2e.ms);
    const git = timeGit(pair);
    const jsdiff = timeJsdiff(pair);
    rows.push([
      String(pages),
      String(pair.words),
      String(core.changes),
      `${core.firstMs.toFixed(0)} ms`,
      `${core.warmMs.toFixed(0)} ms`,
      seconds(e2e.ms),
      e2e.rssMb === undefined ? 'n/a' : `${e2e.rssMb.toFixed(0)} MB`,
      git === undefined ? 'n/a' : `${git.toFixed(0)} ms`,
      jsdiff === undefined ? '> 60 s' : seconds(jsdiff),
    ]);
  }
  const header = ['pages', 'words', 'changes', 'diff core, 1st run', 'diff core, warm', 'compare DOCX→DOCX', 'peak RSS', 'git word-diff', 'jsdiff diffWords'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
  process.stdout.write(`${line(header)}\n| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |\n${rows.map(line).join('\n')}\n`);
  const t300 = endToEnd.get(300);
  const t1000 = endToEnd.get(1000);
  if (t300 !== undefined && t1000 !== undefined) process.stdout.write(`1,000 pages / 300 pages (end to end): ${(t1000 / t300).toFixed(2)}×\n`);
  process.stdout.write(`\nMarked-up PDF (redlineToPdf of the 1,000-page pair; peak RSS of the whole process)\n${pdfBenchTable([1000])}`);
  process.stdout.write(`\n${describeReleaseBench(benchRelease())}`);
  process.stdout.write(hasChromium() ? `\n${describeWebBench(await benchWeb())}` : '\nBrowser app: skipped (no Chromium at /usr/bin/chromium).\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
