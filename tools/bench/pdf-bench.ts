/**
 * Benchmark of the PDF exporter: a synthetic pair of about `pages` pages (500 words a page, like
 * `npm run bench`), compared, then rendered as a marked-up PDF. It reports the wall time of
 * `redlineToPdf` alone, the process's peak RSS (which also covers generating and comparing the
 * pair: an upper bound for the exporter) and the number of pages of the PDF.
 *
 * `node dist-tools/tools/bench/pdf-bench.js [PAGES,…]` measures each size in a fresh Node process, so that
 * every peak RSS figure is that size's own (default 100,1000).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { compareDocuments } from '../../src/diff/compare-documents.js';
import { redlineToPdf } from '../../src/exporters/pdf/to-pdf.js';
import { fromDocx } from '../../src/importers/docx/from-docx.js';
import { generatePair } from './generate-pair.js';

export interface PdfBenchResult {
  /** Wall time of `redlineToPdf`. */
  readonly ms: number;
  /** Peak resident set size of the process so far. */
  readonly rssMb: number;
  /** Pages of the PDF. */
  readonly pages: number;
}

export async function benchPdf(pages: number): Promise<PdfBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'redline-pdf-bench-'));
  try {
    const pair = await generatePair(dir, pages);
    const old = fromDocx(readFileSync(pair.oldDocx), pair.oldDocx).document;
    const neu = fromDocx(readFileSync(pair.newDocx), pair.newDocx).document;
    const redline = compareDocuments(old, neu);
    const start = performance.now();
    const pdf = await redlineToPdf(redline);
    const ms = performance.now() - start;
    const rssMb = process.resourceUsage().maxRSS / 1024;
    const count = (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();
    return { ms, rssMb, pages: count };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const SELF = fileURLToPath(import.meta.url);
const ONE = '--one';

/** Measures each size in a fresh process (so each peak RSS is that size's own); a Markdown table. */
export function pdfBenchTable(sizes: readonly number[]): string {
  let table = '| synthetic pages | PDF pages | redlineToPdf | peak RSS (whole process) |\n|---|---|---|---|\n';
  for (const size of sizes) {
    const run = spawnSync(process.execPath, [SELF, ONE, String(size)], { encoding: 'utf8', maxBuffer: 16 << 20 });
    if (run.status !== 0) throw new Error(`benchmark of ${size} pages failed: ${run.stderr}`);
    const result = JSON.parse(run.stdout) as PdfBenchResult;
    table += `| ${size} | ${result.pages} | ${(result.ms / 1000).toFixed(2)} s | ${result.rssMb.toFixed(0)} MB |\n`;
  }
  return table;
}

async function main(args: readonly string[]): Promise<void> {
  if (args[0] === ONE) {
    process.stdout.write(`${JSON.stringify(await benchPdf(Number(args[1])))}\n`);
    return;
  }
  process.stdout.write(pdfBenchTable((args[0] ?? '100,1000').split(',').map(Number)));
}

if (process.argv[1] && resolve(process.argv[1]) === SELF) await main(process.argv.slice(2));
