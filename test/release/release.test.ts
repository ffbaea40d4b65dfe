/**
 * Release runs through the CLI: the bundled sample release end to end (every declared output,
 * the report's verification, a second run that skips everything and changes no byte), and on
 * small copies of it: a run killed midway and restarted, a corrupt document failing alone, shards
 * merged into the report of one full run, and manifest errors.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { SourceStyles } from '../../src/exporters/source-styles.js';
import { summaryEntries } from '../../src/exporters/summary-entries.js';
import type { Change } from '../../src/model/change-set.js';
import { buildSampleRelease } from '../../tools/samples/build-release.js';
import { CLI, runCli, tempDir } from '../helpers/cli.js';
import { addedPages, hasCommand, legendColours, pageTexts, pdfText, requirePdfTools } from '../helpers/pdf-tools.js';
import { hasLibreOffice, requireOrSkip, runLoRedline } from '../helpers/shared.js';

const SAMPLE = resolve(__dirname, '../../samples/release/release.yaml');

interface ReportJson {
  readonly modifications: { id: string; status: string; documents: string[]; notApplied: number }[];
  readonly documents: { id: string; status: string; mismatch: string[]; changes: number; renumbered: number; unattributed: number; outputs: { kind: string; file: string }[]; error?: string }[];
  readonly log: { document: string; previousVersion: string; newVersion: string; effectiveDate: string }[];
  readonly issues: { document: string; type: string; sources: string[]; label?: string }[];
}
interface SummaryJson {
  readonly processed: string[];
  readonly skipped: string[];
  readonly outOfDate: string[];
  readonly failed: string[];
  readonly exitCode: number;
}

const readReport = (folder: string, name = 'report.json'): ReportJson => JSON.parse(readFileSync(join(folder, name), 'utf8')) as ReportJson;

/** Every file under a folder with its bytes, by relative path. */
function snapshot(folder: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(folder, path), readFileSync(path));
    }
  };
  walk(folder);
  return files;
}

/** The sample's previous version of a document: `documents/<id>-v<version>.docx`. */
function previousVersion(folder: string, report: ReportJson, id: string): string {
  const version = report.log.find((l) => l.document === id)?.previousVersion ?? '';
  return join(folder, 'documents', `${id}-v${version}.docx`);
}

function expectValidOutput(path: string): void {
  const bytes = readFileSync(path);
  if (path.endsWith('.docx')) expect(() => unzipSync(bytes), path).not.toThrow();
  else if (path.endsWith('.pdf')) expect(bytes.subarray(-6).toString('latin1'), path).toMatch(/%%EOF\s*$/);
  else if (path.endsWith('.json')) expect(() => JSON.parse(bytes.toString('utf8')), path).not.toThrow();
  else if (path.endsWith('.html')) expect(bytes.toString('utf8'), path).toMatch(/^<!DOCTYPE html>[\s\S]*<\/html>\n$/);
}

describe('the sample release', () => {
  const out = tempDir('redline-release-');
  let first: ReturnType<typeof runCli>;

  beforeAll(() => {
    first = runCli(['release', SAMPLE, '-o', out, '--json']);
  }, 300_000);

  it('writes every declared output of every document, and the report files', () => {
    expect(first.stderr).toMatch(/\[6\/6\]/);
    const summary = JSON.parse(first.stdout) as SummaryJson;
    expect(summary.processed.sort()).toEqual(['appendix-c', 'section-a', 'section-d', 'section-g', 'section-h', 'section-l']);
    const report = readReport(out);
    for (const document of report.documents) {
      expect(document.outputs.map((o) => o.kind).sort(), document.id).toEqual(['clean-docx', 'clean-pdf', 'html', 'json', 'redline-docx', 'redline-pdf']);
      for (const output of document.outputs) expectValidOutput(join(out, output.file));
    }
    for (const file of ['index.html', 'report.md', 'report.json', 'document-log.csv']) expect(existsSync(join(out, file)), file).toBe(true);
  });

  it('reports exactly the deliberate issues (exit 4): one unattributed change, one edit not applied', () => {
    expect(first.status).toBe(4);
    const report = readReport(out);
    expect(report.issues.map((i) => [i.document, i.type, i.sources.join(',')])).toEqual([
      ['section-g', 'unattributed', ''],
      ['section-l', 'not applied', 'MP205'],
    ]);
    expect(report.modifications.map((m) => [m.id, m.status])).toEqual([
      ['MP201', 'implemented'],
      ['MP202', 'implemented'],
      ['MP203', 'implemented'],
      ['MP204', 'implemented'],
      ['MP205', 'partially implemented'],
      ['BEIS', 'implemented'],
    ]);
    expect(report.modifications.find((m) => m.id === 'MP202')?.documents).toEqual(['section-g', 'appendix-c']);
    expect(report.documents.every((d) => d.mismatch.length === 0)).toBe(true);
    expect(report.documents.find((d) => d.id === 'appendix-c')?.status).toBe('ok');
  });

  it.runIf(requirePdfTools())('draws each source in one colour in every document, the colour of its place in the manifest', () => {
    const report = readReport(out);
    const order = report.modifications.map((m) => m.id);
    const expected = new SourceStyles(order);
    const seen = new Map<string, { document: string; rgb: [number, number, number] }[]>();
    for (const document of report.documents) {
      const pdf = document.outputs.find((o) => o.kind === 'redline-pdf');
      if (!pdf) continue;
      for (const [id, rgb] of legendColours(readFileSync(join(out, pdf.file)), order)) seen.set(id, [...(seen.get(id) ?? []), { document: document.id, rgb }]);
    }
    // Every source is in the key of at least one document, and most in several.
    expect([...seen.keys()].sort()).toEqual([...order].sort());
    expect([...seen.values()].filter((list) => list.length > 1).length).toBeGreaterThan(1);
    for (const [id, list] of seen) {
      const hex = expected.styleOf(id).colour;
      const want = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
      for (const { document, rgb } of list)
        expect(
          rgb.every((c, i) => Math.abs(c - (want[i] as number)) <= 4),
          `${id} in ${document}: ${rgb.join(',')} vs #${hex}`,
        ).toBe(true);
    }
  });

  it.runIf(requirePdfTools())("counts each document's changes alike in its JSON, its PDF and the report, and lists its findings on its PDF", () => {
    const report = readReport(out);
    const file = (document: ReportJson['documents'][number], kind: string): string => join(out, document.outputs.find((o) => o.kind === kind)?.file ?? '');
    for (const document of report.documents) {
      const { summary } = JSON.parse(readFileSync(file(document, 'json'), 'utf8')) as { summary: { total: number; renumbered: number } };
      expect([document.changes, document.renumbered], document.id).toEqual([summary.total, summary.renumbered]);
      const text = pdfText(readFileSync(file(document, 'redline-pdf')));
      const renumbered = summary.renumbered === 0 ? '' : `; ${summary.renumbered} clauses? only renumbered`;
      expect(text, document.id).toMatch(new RegExp(`Total: ${summary.total} changes?${renumbered}`));
      expect(text, document.id).toMatch(/Verification findings/);
    }
    const pdfOf = (id: string): string => pdfText(readFileSync(file(report.documents.find((d) => d.id === id) as ReportJson['documents'][number], 'redline-pdf')));
    expect(pdfOf('section-g')).toMatch(/Unattributed \(changes no source explains\): 1/);
    expect(pdfOf('section-l')).toMatch(/Not applied \(source edits the new version does not have\): 1\s+• MP205 at L5\.36: expected “test the” → “within 20 Working Days”/);
    expect(pdfOf('section-a')).not.toMatch(/Unattributed \(|Not applied \(/);
  });

  it.runIf(requirePdfTools())('keeps each summary of changes to its first page, listing every change at the back when the page has no room', () => {
    const report = readReport(out);
    const lists: Record<string, number> = {};
    for (const document of report.documents) {
      const output = document.outputs.find((o) => o.kind === 'redline-pdf');
      if (!output) continue;
      const pages = pageTexts(readFileSync(join(out, output.file)));
      const added = addedPages(pages);
      expect(added.summary, document.id).toBe(1);
      lists[document.id] = added.list;
      // Every change has its row, in the summary or in the list at the back.
      const rows = (added.list > 0 ? pages.slice(-added.list) : pages.slice(0, 1)).join('\n').match(/^\s*c\d+\s/gm) ?? [];
      const { changes } = JSON.parse(readFileSync(join(out, document.outputs.find((o) => o.kind === 'json')?.file ?? ''), 'utf8')) as { changes: Change[] };
      const entries = summaryEntries(changes);
      expect(
        rows.map((row) => row.trim()),
        document.id,
      ).toEqual([...entries.changes, ...entries.renumbered].map((entry) => entry.changeIds[0]));
    }
    // Section G (75 changes, 146 renumbered clauses) was five pages of rows: now one page, and its list at the back.
    expect(lists['section-g']).toBeGreaterThan(0);
  });

  it('logs the version of each document now in force, also as CSV', () => {
    const report = readReport(out);
    expect(report.log.map((l) => `${l.document} ${l.previousVersion}→${l.newVersion} ${l.effectiveDate}`)).toEqual([
      'section-g 14.0→15.0 2026-11-27',
      'section-a 14.0→15.0 2026-11-27',
      'section-h 9.1→10.0 2026-11-27',
      'section-l 6.0→6.1 2026-11-27',
      'section-d 11.0→12.0 2026-11-27',
      'appendix-c 3.0→4.0 2026-11-27',
    ]);
    const csv = readFileSync(join(out, 'document-log.csv'), 'utf8').split('\r\n');
    expect(csv[0]).toBe('document,title,previous_version,new_version,effective_date,release');
    expect(csv[1]).toBe('section-g,Section G: Security,14.0,15.0,2026-11-27,R2026-11');
  });

  it('writes redlines whose Reject All is the previous version and Accept All the new one', () => {
    const folder = resolve(SAMPLE, '..');
    for (const id of ['section-g', 'section-h', 'appendix-c']) {
      const report = readReport(out);
      const document = report.documents.find((d) => d.id === id);
      const file = (kind: string): string => join(out, document?.outputs.find((o) => o.kind === kind)?.file ?? '');
      const verify = runCli(['verify', file('redline-docx'), previousVersion(folder, report, id), file('clean-docx')]);
      expect(verify.status, `${id}: ${verify.stdout}`).toBe(0);
    }
  }, 120_000);

  it('skips every document on a second run and leaves every file byte-identical', () => {
    const before = snapshot(out);
    const again = runCli(['release', SAMPLE, '-o', out, '--json']);
    expect(again.status).toBe(4);
    const summary = JSON.parse(again.stdout) as SummaryJson;
    expect(summary.processed).toEqual([]);
    expect(summary.skipped).toHaveLength(6);
    const after = snapshot(out);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [file, bytes] of before) expect(Buffer.compare(bytes, after.get(file) as Buffer), file).toBe(0);
  }, 60_000);

  it('--force with --only redoes those documents, with byte-identical outputs', () => {
    const before = snapshot(out);
    const forced = runCli(['release', SAMPLE, '-o', out, '--json', '--force', '--only', 'section-d,appendix-c']);
    expect((JSON.parse(forced.stdout) as SummaryJson).processed.sort()).toEqual(['appendix-c', 'section-d']);
    const after = snapshot(out);
    for (const [file, bytes] of before) expect(Buffer.compare(bytes, after.get(file) as Buffer), file).toBe(0);
  }, 120_000);

  const runLibreOffice = requireOrSkip('LibreOffice and ../shared/tools/lo-redline', hasLibreOffice());
  it.runIf(runLibreOffice)(
    'passes LibreOffice verify on every redline DOCX of the release',
    () => {
      const folder = resolve(SAMPLE, '..');
      const report = readReport(out);
      const cases = report.documents.map((d) => {
        const file = (kind: string): string => join(out, d.outputs.find((o) => o.kind === kind)?.file ?? '');
        return { name: d.id, file: file('redline-docx'), old: previousVersion(folder, report, d.id), new: file('clean-docx') };
      });
      const manifest = join(out, '..', `${relative('/', out).replace(/\//g, '-')}-verify.json`);
      writeFileSync(manifest, JSON.stringify({ defaults: { ignore_empty_lines: true }, cases }));
      const run = runLoRedline(['verify-many', manifest]);
      expect(run.stdout, run.stdout.slice(-3000)).toMatch(/6 passed, 0 failed/);
    },
    600_000,
  );

  const runChromium = requireOrSkip('Chromium (/usr/bin/chromium) for the release page', hasCommand('chromium') || existsSync('/usr/bin/chromium'));
  it.runIf(runChromium)(
    'has a release page that loads in Chromium with no console errors, shows its tables, and whose links all resolve',
    async () => {
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
      try {
        const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
        const errors: string[] = [];
        page.on('console', (message) => {
          if (message.type() === 'error') errors.push(message.text());
        });
        page.on('pageerror', (error) => errors.push(error.message));
        await page.goto(`file://${join(out, 'index.html')}`);
        expect(errors).toEqual([]);
        expect(await page.locator('#modifications tbody tr').count()).toBe(6);
        expect(await page.locator('#documents tbody tr').count()).toBe(6);
        expect(await page.locator('#document-log tbody tr').count()).toBe(6);
        expect(await page.locator('#issues tbody tr').count()).toBe(2);
        const links = await page.locator('a').evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
        expect(links.length).toBe(6 * 6 + 3);
        // Each document's interactive redline is linked beside its redline DOCX and PDF.
        const labels = await page.locator('#documents td.outputs').first().locator('a').allTextContents();
        expect(labels.slice(0, 3)).toEqual(['redline DOCX', 'redline PDF', 'redline HTML']);
        for (const link of links) expect(existsSync(decodeURI(new URL(link).pathname)), link).toBe(true);
        await page.screenshot({ path: join(out, 'index.png'), fullPage: true });
      } finally {
        await browser.close();
      }
    },
    120_000,
  );
});

describe('release runs on a small copy of the sample release', () => {
  const source = tempDir('redline-small-release-');
  beforeAll(async () => {
    await buildSampleRelease(source, 0.05);
  }, 60_000);

  /** A fresh copy of the small release, so each test can spoil its own. */
  const copy = (): string => {
    const folder = tempDir('redline-small-copy-');
    cpSync(source, folder, { recursive: true });
    return folder;
  };
  /** A fresh copy of the release, run once into its `out` folder. */
  const runOnce = (): { release: string; manifest: string; out: string } => {
    const release = copy();
    const manifest = join(release, 'release.yaml');
    const out = join(release, 'out');
    runCli(['release', manifest, '-o', out]);
    return { release, manifest, out };
  };

  it('completes a run killed midway, leaving no temporary or corrupt file', async () => {
    const release = copy();
    const out = join(release, 'out');
    const killed = spawn(process.execPath, [CLI, 'release', join(release, 'release.yaml'), '-o', out, '--concurrency', '1'], { stdio: ['ignore', 'ignore', 'pipe'] });
    await new Promise<void>((done) => {
      killed.stderr.on('data', (chunk: Buffer) => {
        if (/\[1\/6\]/.test(chunk.toString())) killed.kill('SIGKILL');
      });
      killed.on('exit', () => done());
    });
    const restarted = runCli(['release', join(release, 'release.yaml'), '-o', out, '--json', '--concurrency', '1']);
    expect(restarted.status, restarted.stderr).toBe(4);
    const summary = JSON.parse(restarted.stdout) as SummaryJson;
    expect(summary.skipped.length).toBeGreaterThanOrEqual(1);
    expect(summary.processed.length, 'the kill landed before the run finished').toBeGreaterThanOrEqual(1);
    expect(summary.processed.length + summary.skipped.length).toBe(6);
    const files = [...snapshot(out).keys()];
    expect(files.filter((f) => f.endsWith('.redline-tmp'))).toEqual([]);
    for (const file of files) expectValidOutput(join(out, file));
    // The same bytes as a run that was never interrupted.
    const clean = join(release, 'clean');
    runCli(['release', join(release, 'release.yaml'), '-o', clean]);
    const expected = snapshot(clean);
    const restartedFiles = snapshot(out);
    expect([...restartedFiles.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [file, bytes] of restartedFiles) if (!file.startsWith('.redline-state')) expect(Buffer.compare(bytes, expected.get(file) as Buffer), file).toBe(0);
  }, 180_000);

  it.runIf(requirePdfTools())(
    'shows only the sources a document names in showSources, the others taken as made',
    () => {
      const release = copy();
      const manifest = join(release, 'release.yaml');
      writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('    title: "Section G: Security"\n', '    title: "Section G: Security"\n    showSources: [BEIS]\n'));
      const out = join(release, 'out');
      const result = runCli(['release', manifest, '-o', out, '--only', 'section-g']);
      expect([0, 4], result.stderr).toContain(result.status);
      const document = readReport(out).documents.find((d) => d.id === 'section-g') as ReportJson['documents'][number];
      const json = JSON.parse(readFileSync(join(out, document.outputs.find((o) => o.kind === 'json')?.file ?? ''), 'utf8')) as { changes: { kind: string; sources: string[] }[] };
      const shown = json.changes.filter((c) => c.kind !== 'renumber');
      expect(shown.filter((c) => c.sources.includes('BEIS')).length).toBeGreaterThan(0);
      expect(shown.filter((c) => c.sources.some((id) => id !== 'BEIS'))).toEqual([]);
      const pdf = pdfText(readFileSync(join(out, document.outputs.find((o) => o.kind === 'redline-pdf')?.file ?? '')));
      expect(pdf).toMatch(/Shown as changes: BEIS;[\s\S]*Taken as made \(already in the old version shown, not marked\): MP201, MP202\./);
    },
    180_000,
  );

  it('fails a corrupt document alone: the others complete and the report says why (exit 5)', () => {
    const release = copy();
    writeFileSync(join(release, 'documents', 'section-d-v11.0.docx'), 'PK\u0003\u0004 this is not a zip archive');
    const out = join(release, 'out');
    const result = runCli(['release', join(release, 'release.yaml'), '-o', out, '--json']);
    expect(result.status).toBe(5);
    const report = readReport(out);
    const failed = report.documents.find((d) => d.id === 'section-d');
    expect(failed?.status).toBe('failed');
    expect(failed?.error).toMatch(/section-d-v11\.0\.docx: /);
    expect(report.documents.filter((d) => d.status !== 'failed').map((d) => d.id)).toEqual(['section-g', 'section-a', 'section-h', 'section-l', 'appendix-c']);
    for (const d of report.documents.filter((x) => x.status !== 'failed')) expect(d.outputs).toHaveLength(6);
    expect(report.issues.filter((i) => i.type === 'failed').map((i) => i.document)).toEqual(['section-d']);
    expect(report.log.map((l) => l.document)).not.toContain('section-d');
  }, 120_000);

  it('joins --shard 1/2 and 2/2 into exactly the report of one full run', () => {
    const release = copy();
    const manifest = join(release, 'release.yaml');
    const full = join(release, 'full');
    const sharded = join(release, 'sharded');
    runCli(['release', manifest, '-o', full]);
    const one = runCli(['release', manifest, '-o', sharded, '--shard', '1/2', '--json']);
    const two = runCli(['release', manifest, '-o', sharded, '--shard', '2/2', '--json']);
    const slices = [one, two].map((r) => (JSON.parse(r.stdout) as SummaryJson).processed.sort());
    expect(slices).toEqual([
      ['section-d', 'section-g', 'section-h'],
      ['appendix-c', 'section-a', 'section-l'],
    ]);
    const merged = runCli(['release', '--merge-reports', join(sharded, 'report-shard-1-of-2.json'), join(sharded, 'report-shard-2-of-2.json'), '-o', sharded]);
    expect(merged.status).toBe(4);
    for (const file of ['report.json', 'report.md', 'index.html', 'document-log.csv']) expect(readFileSync(join(sharded, file), 'utf8'), file).toBe(readFileSync(join(full, file), 'utf8'));
  }, 180_000);

  it('merges shard reports written to other folders, linking to their outputs', () => {
    const release = copy();
    const manifest = join(release, 'release.yaml');
    runCli(['release', manifest, '-o', join(release, 'a'), '--shard', '1/2']);
    runCli(['release', manifest, '-o', join(release, 'b'), '--shard', '2/2']);
    const merged = join(release, 'merged');
    const result = runCli(['release', '--merge-reports', join(release, 'a', 'report-shard-1-of-2.json'), join(release, 'b', 'report-shard-2-of-2.json'), '-o', merged]);
    expect(result.status).toBe(4);
    const report = readReport(merged);
    expect(report.documents).toHaveLength(6);
    for (const d of report.documents) for (const o of d.outputs) expect(statSync(join(merged, o.file)).isFile(), o.file).toBe(true);
    const twice = runCli(['release', '--merge-reports', join(release, 'a', 'report-shard-1-of-2.json'), join(release, 'a', 'report-shard-1-of-2.json'), '-o', merged]);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toMatch(/shard 1 of 2 is given twice/);
    const missing = runCli(['release', '--merge-reports', join(release, 'a', 'report-shard-1-of-2.json'), '-o', merged]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/shard\(s\) 2 of 2 are missing/);
  }, 180_000);

  it('redoes a document whose output was tampered with or whose input changed, and only that one', () => {
    const { release, manifest, out } = runOnce();
    writeFileSync(join(out, 'section-d', 'section-d-v12.0.pdf'), 'tampered');
    const tampered = JSON.parse(runCli(['release', manifest, '-o', out, '--json']).stdout) as SummaryJson;
    expect(tampered.processed).toEqual(['section-d']);
    expect(
      readFileSync(join(out, 'section-d', 'section-d-v12.0.pdf'))
        .subarray(0, 4)
        .toString(),
    ).toBe('%PDF');
    copyFileSync(join(release, 'documents', 'section-a-v15.0.docx'), join(release, 'documents', 'section-l-v6.1.docx'));
    const changed = JSON.parse(runCli(['release', manifest, '-o', out, '--json']).stdout) as SummaryJson;
    expect(changed.processed).toEqual(['section-l']);
  }, 120_000);

  it('with --only, reports a document left out whose input changed as not run, with a warning, not with its stale results', () => {
    const { release, manifest, out } = runOnce();
    copyFileSync(join(release, 'documents', 'section-a-v15.0.docx'), join(release, 'documents', 'section-l-v6.1.docx'));
    const result = runCli(['release', manifest, '-o', out, '--only', 'section-d', '--json']);
    const summary = JSON.parse(result.stdout) as SummaryJson;
    expect(summary.outOfDate).toEqual(['section-l']);
    expect(result.stderr).toMatch(/warning: section-l: not run \(--only\), and its outputs are out of date/);
    const documents = readReport(out).documents;
    expect(documents.find((d) => d.id === 'section-l')?.status).toBe('not run');
    expect(documents.find((d) => d.id === 'section-a')?.status).not.toBe('not run');
    const full = JSON.parse(runCli(['release', manifest, '-o', out, '--json']).stdout) as SummaryJson;
    expect([full.processed, full.outOfDate]).toEqual([['section-l'], []]);
  }, 120_000);

  it('removes the outputs of a document that fails on a re-run, so that nothing stale looks current', () => {
    const { release, manifest, out } = runOnce();
    expect(existsSync(join(out, 'section-a', 'section-a-v15.0-redline.docx'))).toBe(true);
    writeFileSync(join(release, 'sources', 'mp201-section-a.docx'), 'not a document');
    const result = runCli(['release', manifest, '-o', out]);
    expect(result.status).toBe(5);
    expect(readdirSync(join(out, 'section-a'))).toEqual([]);
    expect(readReport(out).documents.find((d) => d.id === 'section-a')?.error).toMatch(/^mp201-section-a\.docx: /);
  }, 120_000);

  it('fails a conformed document whose sources conflict, listing the conflicts (exit 5)', () => {
    const release = copy();
    // A rival copy of MP202's tracked redline of appendix C, with its first insertion worded otherwise.
    const files = unzipSync(readFileSync(join(release, 'sources', 'mp202-appendix-c-tracked.docx')));
    const xml = new TextDecoder().decode(files['word/document.xml']);
    const rivalXml = xml.replace(/(<w:ins\b[^>]*>(?:(?!<\/w:ins>).)*?<w:t(?: [^>]*)?>)([^<]+)/s, '$1$2 (as amended)');
    expect(rivalXml).not.toBe(xml);
    writeFileSync(join(release, 'sources', 'rival-appendix-c.docx'), zipSync({ ...files, 'word/document.xml': new TextEncoder().encode(rivalXml) }));
    const manifest = join(release, 'release.yaml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('file: sources/beis-appendix-c.docx', 'file: sources/rival-appendix-c.docx'));
    const result = runCli(['release', manifest, '-o', join(release, 'out'), '--only', 'appendix-c']);
    expect(result.status).toBe(5);
    const report = readReport(join(release, 'out'));
    const issues = report.issues.filter((i) => i.document === 'appendix-c');
    expect(issues[0]?.type).toBe('failed');
    expect(issues.slice(1).map((i) => [i.type, i.sources.join('+')])).toEqual([['conflict', 'MP202+BEIS']]);
    expect(report.documents.find((d) => d.id === 'appendix-c')?.outputs).toEqual([{ kind: 'json', file: 'appendix-c/appendix-c-v4.0-changes.json' }]);
  }, 120_000);

  it('exits with one line, and does not hang, when the output folder cannot be written', () => {
    const release = copy();
    const out = join(release, 'out');
    mkdirSync(join(out, '.redline-state.json'), { recursive: true });
    const result = runCli(['release', join(release, 'release.yaml'), '-o', out, '--concurrency', '3']);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/\.redline-state\.json: cannot be written \(is a directory, not a file\)/);
  }, 120_000);

  describe('manifest errors name the file and the field (exit 2, nothing written)', () => {
    const cases: [string, (yaml: string) => string, RegExp][] = [
      [
        'a missing file',
        (y) => y.replace('documents/section-d-v12.0.docx', 'documents/section-d-v99.docx'),
        /release\.yaml: documents\[4\]\.new\.file: 'documents\/section-d-v99\.docx' does not exist/,
      ],
      [
        'an unknown source',
        (y) => y.replace(/- id: MP205\n(\s+)file: sources\/mp205-section-d/, '- id: MP999\n$1file: sources/mp205-section-d'),
        /release\.yaml: documents\[4\]\.sources\[0\]\.id: unknown source 'MP999'/,
      ],
      [
        'a path escaping the folder',
        (y) => y.replace('file: documents/section-a-v14.0.docx', 'file: ../outside.docx'),
        /release\.yaml: documents\[1\]\.previous\.file: '\.\.\/outside\.docx' is outside the manifest's folder/,
      ],
      ['a bad source kind', (y) => y.replace('kind: designation', 'kind: statute'), /release\.yaml: sources\[5\]\.kind: 'statute' is not modification or designation/],
      ['an unknown field', (y) => y.replace('effectiveDate:', 'efective: x\n  effectiveDate:'), /release\.yaml: release\.efective: is not a known field/],
      ['malformed YAML', (y) => `${y}\n  - : [unclosed`, /release\.yaml: not valid YAML/],
      ['a version given as a number', (y) => y.replace('version: "14.0"', 'version: 14.0'), /release\.yaml: documents\[0\]\.previous\.version: 14 is a number: quote the version label/],
      ['an impossible date', (y) => y.replace('effectiveDate: 2026-11-27', 'effectiveDate: "2026-02-30"'), /release\.yaml: release\.effectiveDate: '2026-02-30' is not a date/],
      ['a document id that is a report file', (y) => y.replace('- id: section-d', '- id: report.json'), /release\.yaml: documents\[4\]\.id: 'report\.json' is the name of a release report file/],
      ['ids equal but for case', (y) => y.replace('- id: section-d', '- id: Section-G'), /release\.yaml: documents\[4\]\.id: 'Section-G' is given twice/],
      ['an output given twice', (y) => y.replace('  - json', '  - json\n  - json'), /release\.yaml: outputs\[6\]: 'json' is given twice/],
      ['no outputs', (y) => y.replace(/outputs:\n( {2}- .*\n)+/, 'outputs: []\n'), /release\.yaml: outputs: is empty/],
    ];
    for (const [what, spoil, message] of cases) {
      it(`rejects ${what}`, () => {
        const release = copy();
        const manifest = join(release, 'release.yaml');
        writeFileSync(manifest, spoil(readFileSync(manifest, 'utf8')));
        const out = join(release, 'out');
        const result = runCli(['release', manifest, '-o', out]);
        expect(result.status, result.stderr).toBe(2);
        expect(result.stderr.trim().split('\n')).toHaveLength(1);
        expect(result.stderr).toMatch(message);
        expect(existsSync(out)).toBe(false);
      });
    }
    it('rejects a symbolic link inside the folder that points outside it', () => {
      const release = copy();
      const outside = join(tempDir('redline-outside-'), 'section-a.docx');
      copyFileSync(join(release, 'documents', 'section-a-v14.0.docx'), outside);
      symlinkSync(outside, join(release, 'documents', 'linked.docx'));
      const manifest = join(release, 'release.yaml');
      writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('file: documents/section-a-v14.0.docx', 'file: documents/linked.docx'));
      const result = runCli(['release', manifest, '-o', join(release, 'out')]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/documents\[1\]\.previous\.file: 'documents\/linked\.docx' is outside the manifest's folder/);
    });

    it('accepts an absolute path outside the folder', () => {
      const release = copy();
      const manifest = join(release, 'release.yaml');
      const outside = join(tempDir('redline-outside-'), 'section-a.docx');
      copyFileSync(join(release, 'documents', 'section-a-v14.0.docx'), outside);
      writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('file: documents/section-a-v14.0.docx', `file: ${outside}`));
      const result = runCli(['release', manifest, '-o', join(release, 'out'), '--only', 'section-a', '--json']);
      expect((JSON.parse(result.stdout) as SummaryJson).processed).toEqual(['section-a']);
    }, 60_000);
  });
});
