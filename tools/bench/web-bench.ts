/// <reference lib="dom" />
/**
 * Benchmark of the browser app in headless Chromium: the site built as `npm run build:web` builds
 * it, served on the loopback interface, opened at `index.html?old=…&new=…` on the 160-page sample
 * (section G of the sample release), without sources and with its three. Each figure is the app's
 * own `redline:compare` measure: from the files in hand to the redline shown (the worker's
 * comparison and outputs, handing them over, laying out the view), median of three runs in fresh
 * pages; and the whole page, from navigation to the redline shown (loading the app, its fonts and
 * the documents included). Also the size of the site's files.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSite, repositoryRoot, type SiteFile } from '../web/build-site.js';
import { hasChromium, launchChromium } from './chromium.js';
import { serveFolder } from './static-server.js';

const RELEASE = join(repositoryRoot(), 'samples/release');
const FILES = ['documents/section-g-v14.0.docx', 'documents/section-g-v15.0.docx', 'sources/mp201-section-g.docx', 'sources/mp202-section-g-tracked.docx', 'sources/beis-section-g.docx'];
const RUNS = 3;

export interface WebTiming {
  readonly label: string;
  readonly changes: number;
  /** Median of the runs: files in hand → redline shown. */
  readonly compareMs: number;
  /** Median of the runs: navigation → redline shown. */
  readonly pageMs: number;
  readonly runs: readonly number[];
}

export interface WebBench {
  readonly files: readonly SiteFile[];
  readonly timings: readonly WebTiming[];
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

export async function benchWeb(): Promise<WebBench> {
  const site = mkdtempSync(join(tmpdir(), 'redline-web-bench-'));
  try {
    const files = await buildSite(site);
    mkdirSync(join(site, 'bench'));
    for (const file of FILES) copyFileSync(join(RELEASE, file), join(site, 'bench', file.slice(file.indexOf('/') + 1)));
    const server = await serveFolder(site);
    const browser = await launchChromium();
    try {
      const base = `${server.url}index.html?old=bench/section-g-v14.0.docx&new=bench/section-g-v15.0.docx`;
      const cases = [
        { label: '160 pages, no sources', url: base },
        {
          label: '160 pages, 3 sources (MP201, MP202 tracked, BEIS)',
          url: `${base}&source=MP201:bench/mp201-section-g.docx&source=MP202:bench/mp202-section-g-tracked.docx&source=BEIS:bench/beis-section-g.docx`,
        },
      ];
      const timings: WebTiming[] = [];
      for (const { label, url } of cases) {
        const runs: { compare: number; page: number; changes: number }[] = [];
        for (let run = 0; run < RUNS; run++) {
          const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
          await page.goto(url);
          await page.waitForFunction(() => document.body.dataset.state === 'shown' || document.body.dataset.state === 'failed', null, { timeout: 300_000 });
          const measured = await page.evaluate(() => ({
            state: document.body.dataset.state,
            status: document.getElementById('status')?.textContent ?? '',
            compare: performance.getEntriesByName('redline:compare')[0]?.duration ?? Number.NaN,
            page: performance.now(),
            changes: new Set(Array.from(document.querySelectorAll<HTMLElement>('[data-change-id]'), (e) => e.dataset.changeId)).size,
          }));
          await page.close();
          if (measured.state !== 'shown') throw new Error(`${label}: ${measured.status}`);
          runs.push(measured);
        }
        timings.push({ label, changes: runs[0]?.changes ?? 0, compareMs: median(runs.map((r) => r.compare)), pageMs: median(runs.map((r) => r.page)), runs: runs.map((r) => r.compare) });
      }
      return { files, timings };
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    rmSync(site, { recursive: true, force: true });
  }
}

export function describeWebBench(bench: WebBench): string {
  const kb = (bytes: number): string => `${Math.round(bytes / 1024)} KB`;
  let out = '| in the browser (headless Chromium) | changes | files in hand → redline shown | page opened → redline shown | runs |\n|---|---|---|---|---|\n';
  for (const t of bench.timings)
    out += `| ${t.label} | ${t.changes} | ${(t.compareMs / 1000).toFixed(2)} s | ${(t.pageMs / 1000).toFixed(2)} s | ${t.runs.map((ms) => (ms / 1000).toFixed(2)).join(', ')} s |\n`;
  const scripts = bench.files.filter((f) => f.file.endsWith('.js'));
  const fonts = bench.files.filter((f) => f.file.startsWith('fonts/'));
  const sum = (files: readonly SiteFile[], key: 'bytes' | 'gzipped'): number => files.reduce((n, f) => n + f[key], 0);
  out += `\nBundle: ${scripts.map((f) => `${f.file} ${kb(f.bytes)} (${kb(f.gzipped)} gzipped)`).join(', ')}; the PDF's fonts ${kb(sum(fonts, 'bytes'))} (${kb(sum(fonts, 'gzipped'))} gzipped); the whole site ${kb(sum(bench.files, 'bytes'))}.\n`;
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!hasChromium()) process.stdout.write('Browser bench skipped: no Chromium at /usr/bin/chromium.\n');
  else process.stdout.write(describeWebBench(await benchWeb()));
}
