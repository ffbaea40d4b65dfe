/**
 * The clean PDF of one version: the document's own text (clause labels included) and nothing
 * else besides the running heads; no summary, no marks, no change bars.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compareDocuments } from '../../src/diff/compare-documents.js';
import { DELETE_RED, INSERT_BLUE, MOVE_GREEN } from '../../src/exporters/pdf/change-palette.js';
import { SUMMARY_TITLE } from '../../src/exporters/pdf/summary-pages.js';
import { documentToPdf, redlineToPdf } from '../../src/exporters/pdf/to-pdf.js';
import { fromDocx } from '../../src/importers/docx/from-docx.js';
import type { Block, Document } from '../../src/model/document.js';
import { inlineText } from '../../src/model/inline-text.js';
import { generateDocSpec } from '../../tools/synthetic/spec.js';
import { specToDocx } from '../../tools/synthetic/to-docx.js';
import { colouredPixels, featurePair, marginInk, pageTexts, pdfFonts, qpdfCheck, renderPages, requirePdfTools, SPECIAL_TEXT, squeeze, syntheticPair } from '../helpers/pdf-tools.js';

const runPdf = requirePdfTools();

/** A page's text without its running header (first line) and footer (last line). */
function bodyOf(page: string): string {
  const lines = page.split('\n').filter((line) => line.trim() !== '');
  return lines.slice(1, -1).join('\n');
}

/** Each paragraph's text as a reader sees it: its clause label, then its runs; tables cell by cell. */
function blockTexts(blocks: readonly Block[]): string[] {
  return blocks.flatMap((block) => {
    if (block.type === 'paragraph') return [`${block.numbering?.label ?? ''} ${block.inlines.map(inlineText).join('')}`.normalize('NFC')];
    if (block.type === 'table') return block.rows.flatMap((row) => row.cells.flatMap((cell) => blockTexts(cell.blocks)));
    return [];
  });
}

/**
 * The text with the repeats of the tables' header rows left out: their first appearance is the
 * document's, the others are the PDF's (at the top of each page a table continues on).
 */
function withoutRepeatedHeaders(text: string, document: Document): string {
  let out = text;
  for (const block of document.body) {
    if (block.type !== 'table') continue;
    for (const row of block.rows.filter((r) => r.isHeader)) {
      const cells = row.cells.flatMap((cell) => blockTexts(cell.blocks)).map((cell) => cell.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      let seen = false;
      out = out.replace(new RegExp(`^\\s*${cells.join('\\s+')}\\s*$`, 'gm'), (line) => {
        const keep = !seen;
        seen = true;
        return keep ? line : '';
      });
    }
  }
  return out;
}

/** Words, also cut after hyphens and dashes (where a line may break). */
function words(text: string): string[] {
  return text
    .split(/\s+/)
    .flatMap((word) => word.split(/(?<=[-‐‑–—/])/))
    .filter((word) => word !== '')
    .sort();
}

async function codeSection(tables: boolean): Promise<Document> {
  const spec = generateDocSpec({
    id: 'H',
    title: 'Section H: Testing',
    prefix: 'H',
    words: 5000,
    seed: 5,
    definitions: tables ? 12 : 0,
    matrixRows: tables ? 30 : 0,
    matrixColumns: 5,
    footnoteEvery: 0,
  });
  return fromDocx(await specToDocx(spec), 'section-h.docx').document;
}

describe.runIf(runPdf)('clean PDF of one version', () => {
  let plain: Document;
  let plainPdf: Uint8Array;

  beforeAll(async () => {
    plain = await codeSection(false);
    plainPdf = await documentToPdf(plain);
  });

  it('reads, page after page, exactly as the document: labels and text in order', () => {
    const pages = pageTexts(plainPdf);
    expect(pages.length).toBeGreaterThan(8);
    expect(squeeze(pages.map(bodyOf).join('\n'))).toBe(squeeze(blockTexts(plain.body).join('\n')));
  });

  it('has every word of a document with tables, and no other', async () => {
    const document = await codeSection(true);
    const pages = pageTexts(await documentToPdf(document));
    const text = pages.map(bodyOf).join('\n');
    expect(withoutRepeatedHeaders(text, document)).not.toBe(text);
    expect(words(withoutRepeatedHeaders(text, document))).toEqual(words(blockTexts(document.body).join('\n')));
  });

  it('draws special characters with no missing glyph, in embedded subset fonts', async () => {
    const pdf = await documentToPdf(featurePair().new);
    expect(squeeze(pageTexts(pdf).join(''))).toContain(squeeze(SPECIAL_TEXT));
    expect(pageTexts(pdf).join('')).not.toContain('\ufffd');
    expect(pdfFonts(pdf).every((font) => font.embedded && font.subset)).toBe(true);
    expect(qpdfCheck(pdf).status).toBe(0);
  });

  it('has no summary, no marks and no change bars', async () => {
    const pages = pageTexts(plainPdf);
    expect(pages.some((page) => page.includes(SUMMARY_TITLE))).toBe(false);
    const markColours = [INSERT_BLUE, DELETE_RED, MOVE_GREEN].map((colour) => colour.map((c) => Math.round(c * 255)));
    const marked = (r: number, g: number, b: number): boolean => markColours.some(([cr, cg, cb]) => Math.abs(r - (cr ?? 0)) + Math.abs(g - (cg ?? 0)) + Math.abs(b - (cb ?? 0)) < 40);
    for (const pixmap of renderPages(plainPdf, 30)) {
      expect(colouredPixels(pixmap, marked)).toBe(0);
      expect(marginInk(pixmap)).toBe(0);
    }
    const pair = await syntheticPair({ footnotes: false });
    const redline = compareDocuments(pair.old, pair.new);
    const clean = pageTexts(await documentToPdf(pair.new));
    const redlined = pageTexts(await redlineToPdf(redline));
    expect(clean.length).toBeLessThan(redlined.length);
    expect(clean.join('')).not.toContain('¶');
  });

  it('is the same bytes every time', async () => {
    expect(Buffer.compare(Buffer.from(plainPdf), Buffer.from(await documentToPdf(plain)))).toBe(0);
  });
});
