/**
 * PDF outputs through the command line: `compare -o OUT.pdf` with its options, `convert`, and
 * their usage errors. (The PDF itself is tested in test/exporters/pdf*.test.ts.)
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const SAMPLES = resolve(__dirname, '../../samples/compare');
const OLD = join(SAMPLES, 'section-g-v1.docx');
const NEW = join(SAMPLES, 'section-g-v2.docx');
const dir = tempDir('redline-pdf-cli-');

async function pdf(path: string): Promise<PDFDocument> {
  return PDFDocument.load(readFileSync(path), { updateMetadata: false });
}

describe('PDF outputs on the command line', () => {
  it('writes the marked-up PDF beside the DOCX from one comparison, with the title and subtitle given', async () => {
    const result = runCli(['compare', OLD, NEW, '-o', join(dir, 'r.docx'), '-o', join(dir, 'r.pdf'), '--title', 'Section G', '--subtitle', 'Marked up against v1.0']);
    expect(result.status, result.stderr).toBe(0);
    const doc = await pdf(join(dir, 'r.pdf'));
    expect(doc.getTitle()).toBe('Section G');
    expect(doc.getSubject()).toBe('Marked up against v1.0');
    const [width, height] = [doc.getPage(0).getWidth(), doc.getPage(0).getHeight()];
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
  });

  it('takes --page-size Letter and keeps fewer pages with --changed-pages-only', async () => {
    runCli(['compare', OLD, NEW, '-o', join(dir, 'letter.pdf'), '--page-size', 'Letter']);
    runCli(['compare', OLD, NEW, '-o', join(dir, 'changed.pdf'), '--page-size', 'Letter', '--changed-pages-only']);
    const full = await pdf(join(dir, 'letter.pdf'));
    const changed = await pdf(join(dir, 'changed.pdf'));
    expect([Math.round(full.getPage(0).getWidth()), Math.round(full.getPage(0).getHeight())]).toEqual([612, 792]);
    expect(changed.getPageCount()).toBeGreaterThan(0);
    expect(changed.getPageCount()).toBeLessThan(full.getPageCount());
  });

  it('converts a version to a clean PDF, and a Markdown version to a clean DOCX', async () => {
    expect(runCli(['convert', NEW, '-o', join(dir, 'clean.pdf')]).status).toBe(0);
    expect((await pdf(join(dir, 'clean.pdf'))).getPageCount()).toBeGreaterThan(5);
    const md = join(dir, 'terms.md');
    writeFileSync(md, '# Terms\n\n1. The Supplier shall deliver.\n');
    expect(runCli(['convert', md, '-o', join(dir, 'terms.docx')]).status).toBe(0);
    expect(readFileSync(join(dir, 'terms.docx')).subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses a bad page size or output format with one line and no file', () => {
    const bad = runCli(['compare', OLD, NEW, '-o', join(dir, 'bad.pdf'), '--page-size', 'A3']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--page-size: 'A3' is not A4 or Letter/);
    expect(existsSync(join(dir, 'bad.pdf'))).toBe(false);
    const format = runCli(['convert', NEW, '-o', join(dir, 'clean.odt')]);
    expect(format.status).toBe(2);
    expect(format.stderr).toMatch(/clean\.odt: convert writes \.pdf or \.docx/);
  });
});
