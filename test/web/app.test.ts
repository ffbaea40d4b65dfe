/**
 * The comparison app (`npm run build:web`), built here into a temporary folder, served on the
 * loopback interface and driven in real headless Chromium: the sample pair loaded through
 * `?old=&new=` and through the file inputs gives the CLI's JSON byte for byte (DOCX, Markdown and
 * text), and with sources the CLI's attribution; the downloaded DOCX passes `redline verify` and LibreOffice's check; the PDF
 * downloads; and after the page has loaded it makes no request at all.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaticServer, serveFolder } from '../../tools/bench/static-server.js';
import { buildSite } from '../../tools/web/build-site.js';
import { launchChromium, type PageWatch, requireChromium, watchPage } from '../helpers/browser.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { hasCommand, pdfText } from '../helpers/pdf-tools.js';
import { hasLibreOffice, requireOrSkip, runLoRedline } from '../helpers/shared.js';

const SAMPLES = resolve(__dirname, '../../samples');
const OLD = 'section-g-v1.docx';
const NEW = 'section-g-v2.docx';
const RELEASE_FILES = ['documents/section-g-v14.0.docx', 'documents/section-g-v15.0.docx', 'sources/mp201-section-g.docx', 'sources/mp202-section-g-tracked.docx', 'sources/beis-section-g.docx'];

const runChromium = requireChromium('the browser app');

describe.runIf(runChromium)('the comparison app in Chromium', () => {
  const site = tempDir('redline-site-');
  const work = tempDir('redline-app-');
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  let watch: PageWatch;
  /** The CLI's JSON of the sample pair, run where the files are, so that both name them alike. */
  let cliJson: string;

  beforeAll(async () => {
    await buildSite(site);
    mkdirSync(join(site, 'release'));
    for (const file of RELEASE_FILES) copyFileSync(join(SAMPLES, 'release', file), join(site, 'release', file.slice(file.indexOf('/') + 1)));
    server = await serveFolder(site);
    browser = await launchChromium();
    const run = runCli(['compare', OLD, NEW, '-o', join(work, 'cli.json')], join(SAMPLES, 'compare'));
    expect(run.status, run.stderr).toBe(0);
    cliJson = readFileSync(join(work, 'cli.json'), 'utf8');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(query = ''): Promise<void> {
    await page?.close();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    watch = await watchPage(page);
    await page.goto(`${server.url}index.html${query}`);
  }

  async function shown(): Promise<void> {
    await page.waitForFunction(() => ['shown', 'failed'].includes(document.body.dataset.state ?? ''), null, { timeout: 120_000 });
    expect(await page.locator('body').getAttribute('data-state'), (await page.locator('#status').textContent()) ?? '').toBe('shown');
  }

  /** Clicks a download button and returns the file's bytes. */
  async function download(kind: string): Promise<Buffer> {
    const [file] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.locator(`button[data-download="${kind}"]`).click()]);
    const path = join(work, `${Date.now()}-${file.suggestedFilename()}`);
    await file.saveAs(path);
    return readFileSync(path);
  }

  it('through ?old=&new=, shows the sample pair’s redline and downloads the CLI’s JSON byte for byte', async () => {
    await open(`?old=samples/${OLD}&new=samples/${NEW}`);
    await shown();
    const json = (await download('json')).toString('utf8');
    expect(json).toBe(cliJson);
    const changes = (JSON.parse(json) as { changes: { id: string }[] }).changes;
    const ids = await page.$$eval('.rl [data-change-id]', (elements) => [...new Set(elements.map((e) => (e as HTMLElement).dataset.changeId))]);
    expect(ids.sort()).toEqual(changes.map((c) => c.id).sort());
    expect(watch.errors).toEqual([]);
    // The page, its style, its two scripts, the PDF's fonts and the two documents: all of this site.
    for (const request of watch.requests) expect(request.startsWith(server.url), request).toBe(true);
    expect(watch.requests.filter((r) => r.includes('/samples/')).map((r) => r.slice(server.url.length))).toEqual([`samples/${OLD}`, `samples/${NEW}`]);
  });

  it('through the file inputs, gives the same changes; after loading, makes no request at all', async () => {
    await open();
    await page.waitForFunction(() => document.body.dataset.state === 'ready' && document.body.dataset.fonts === 'loaded');
    const loaded = watch.requests.length;
    const served = server.requests.length;
    await page.setInputFiles('#old-file', join(SAMPLES, 'compare', OLD));
    await page.setInputFiles('#new-file', join(SAMPLES, 'compare', NEW));
    await page.locator('#compare').click();
    await shown();
    const json = (await download('json')).toString('utf8');
    expect(json).toBe(cliJson);
    await download('html');
    await page.keyboard.press('n');
    await page.locator('.rl button[data-action="view"]').click();
    // Downloads are made in the page (blob: URLs); nothing reaches the network or the site.
    expect(watch.requests.slice(loaded).filter((r) => !r.startsWith('blob:'))).toEqual([]);
    expect(server.requests.length).toBe(served);
    expect(watch.errors).toEqual([]);
  });

  it('downloads a DOCX that passes redline verify, and the HTML redline of the CLI', async () => {
    await open(`?old=samples/${OLD}&new=samples/${NEW}`);
    await shown();
    const docx = join(work, 'app-redline.docx');
    writeFileSync(docx, await download('docx'));
    const verify = runCli(['verify', docx, join(SAMPLES, 'compare', OLD), join(SAMPLES, 'compare', NEW)]);
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);
    const html = (await download('html')).toString('utf8');
    const cli = runCli(['compare', OLD, NEW, '-o', join(work, 'cli.html')], join(SAMPLES, 'compare'));
    expect(cli.status).toBe(0);
    // The same page but for the viewer script's text (the app's is minified).
    const withoutScript = (text: string): string => text.replace(/<script>[\s\S]*<\/script>/, '').replace(/script-src '[^']*'/, '');
    expect(withoutScript(html)).toBe(withoutScript(readFileSync(join(work, 'cli.html'), 'utf8')));
    writeFileSync(join(work, 'app-redline.html'), html);
  });

  const runLibreOffice = requireOrSkip('LibreOffice and ../shared/tools/lo-redline', hasLibreOffice());
  it.runIf(runLibreOffice)(
    'downloads a DOCX that passes LibreOffice’s check',
    () => {
      const run = runLoRedline(['verify', join(work, 'app-redline.docx'), join(SAMPLES, 'compare', OLD), join(SAMPLES, 'compare', NEW)]);
      expect(run.status, run.stdout + run.stderr).toBe(0);
    },
    300_000,
  );

  it('makes the PDF in the browser, with its fonts', async () => {
    await open(`?old=samples/${OLD}&new=samples/${NEW}`);
    await shown();
    const pdf = await download('pdf');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    if (hasCommand('pdftotext')) expect(pdfText(pdf)).toMatch(/Summary of changes[\s\S]*Total: 58 changes; 43 clauses only renumbered/);
    expect(watch.errors).toEqual([]);
  });

  it('attributes the 160-page sample to its three sources as the CLI does', async () => {
    const source = (id: string, file: string): string => `&source=${id}:release/${file}`;
    await open(
      `?old=release/section-g-v14.0.docx&new=release/section-g-v15.0.docx${source('MP201', 'mp201-section-g.docx')}${source('MP202', 'mp202-section-g-tracked.docx')}${source('BEIS', 'beis-section-g.docx')}`,
    );
    await shown();
    const json = (await download('json')).toString('utf8');
    const folder = join(site, 'release');
    const cli = runCli(
      [
        'compare',
        'section-g-v14.0.docx',
        'section-g-v15.0.docx',
        '--source',
        'MP201=mp201-section-g.docx',
        '--source',
        'MP202=mp202-section-g-tracked.docx',
        '--source',
        'BEIS=beis-section-g.docx',
        '-o',
        join(work, 'g.json'),
      ],
      folder,
    );
    expect(cli.status).toBe(4);
    expect(json).toBe(readFileSync(join(work, 'g.json'), 'utf8'));
    expect(await page.locator('.rl-findings li').count()).toBe(1);
    expect(await page.locator('input[data-filter="source"]').count()).toBe(4);
    expect(watch.errors).toEqual([]);
  }, 180_000);

  it('compares Markdown and plain text as the CLI does (their Word packages made in the browser)', async () => {
    const texts: Readonly<Record<string, string>> = {
      'terms-v1.md': '# Terms\n\n1. The Supplier shall deliver the Goods within thirty days.\n2. The Buyer shall pay the Price.\n\n| Term | Meaning |\n|---|---|\n| Goods | The items |\n',
      'terms-v2.md':
        '# Terms\n\n1. The Supplier shall promptly deliver the Goods within forty days.\n2. The Buyer shall pay the Price on time.\n3. Notices must be in writing.\n\n| Term | Meaning |\n|---|---|\n| Goods | The items ordered |\n| Price | The amount |\n',
      'notice-v1.txt': 'Clause 1. The old text of the notice.\n\nClause 2. Unchanged words.\n',
      'notice-v2.txt': 'Clause 1. The new text of the notice.\n\nClause 2. Unchanged words, and more.\n',
    };
    for (const [name, text] of Object.entries(texts)) writeFileSync(join(work, name), text);
    for (const [old, neu] of [
      ['terms-v1.md', 'terms-v2.md'],
      ['notice-v1.txt', 'notice-v2.txt'],
    ] as const) {
      await open();
      await page.waitForFunction(() => document.body.dataset.state === 'ready');
      await page.setInputFiles('#old-file', join(work, old));
      await page.setInputFiles('#new-file', join(work, neu));
      await page.locator('#compare').click();
      await shown();
      const cli = runCli(['compare', old, neu, '-o', `${old}.json`], work);
      expect(cli.status, cli.stderr).toBe(0);
      expect((await download('json')).toString('utf8'), old).toBe(readFileSync(join(work, `${old}.json`), 'utf8'));
      expect(watch.errors).toEqual([]);
    }
  }, 120_000);

  it('says why when a file is not a document it can read, in the CLI’s words', async () => {
    await open();
    await page.waitForFunction(() => document.body.dataset.state === 'ready');
    const pdf = Buffer.from('%PDF-1.4 not really');
    writeFileSync(join(work, 'notes.pdf'), pdf);
    await page.setInputFiles('#old-file', { name: 'notes.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.setInputFiles('#new-file', join(SAMPLES, 'compare', NEW));
    await page.locator('#compare').click();
    await page.waitForFunction(() => document.body.dataset.state === 'failed');
    const cli = runCli(['compare', 'notes.pdf', join(SAMPLES, 'compare', NEW), '-o', 'x.json'], work);
    expect(cli.status).toBe(2);
    expect(await page.locator('#status').textContent()).toBe(cli.stderr.trim().replace(/^redline: /, ''));
    expect(watch.errors).toEqual([]);
  });
});
