/**
 * Layout of a long redline (a synthetic code section of about thirty pages): tables that cross
 * page breaks repeat their header rows, changes read in document order, only the changed pages
 * are kept when asked (with their real numbers), footnotes stay on the page that calls them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compareDocuments } from '../../src/diff/compare-documents.js';
import { documentToPdf, redlineToPdf } from '../../src/exporters/pdf/to-pdf.js';
import { fromDocx } from '../../src/importers/docx/from-docx.js';
import { displayText } from '../../src/model/inline-text.js';
import type { Redline } from '../../src/model/redline.js';
import { buildDocx, p } from '../helpers/docx-builder.js';
import { type AddedPages, addedPages, bodyPages, footerNumbers, marginInk, pageTexts, qpdfCheck, renderPages, requirePdfTools, squeeze, syntheticPair } from '../helpers/pdf-tools.js';

const runPdf = requirePdfTools();

/** A page's text without its running header (first line) and footer (last line). */
function bodyOf(page: string): string {
  const lines = page.split('\n').filter((line) => line.trim() !== '');
  return lines.slice(1, -1).join('\n');
}

describe.runIf(runPdf)('redline PDF of a thirty-page code section', () => {
  let redline: Redline;
  let pdf: Uint8Array;
  let pages: string[];
  let added: AddedPages;

  beforeAll(async () => {
    const pair = await syntheticPair({ footnotes: false });
    redline = compareDocuments(pair.old, pair.new);
    pdf = await redlineToPdf(redline, { subtitle: 'Marked up against v1' });
    pages = pageTexts(pdf);
    added = addedPages(pages);
  });

  it('is long enough to test pagination, and valid', () => {
    expect(pages.length).toBeGreaterThan(25);
    expect(qpdfCheck(pdf).status).toBe(0);
  });

  it('repeats a table’s header row at the top of every page it continues on', () => {
    const matrixPages = bodyPages(
      pages,
      pages.map((page, i) => ({ page: bodyOf(page), number: i + 1 })),
    ).filter(({ page }) => /G-R\d{3}/.test(page));
    expect(matrixPages.length).toBeGreaterThan(1);
    for (const { page, number } of matrixPages) {
      const header = page.search(/^\s*Requirement\s+Role A\s+Role B\s+Role C\s+Role D\s*$/m);
      expect(header, `page ${number}`).toBeGreaterThanOrEqual(0);
      expect(header, `page ${number}`).toBeLessThan(page.search(/G-R\d{3}/));
    }
  });

  it('shows every changed piece of the body’s paragraphs, in document order', () => {
    // The text column of A4 only: move notes stand in the margin beside it.
    const column = pageTexts(pdf, true, { left: 70, right: 526 });
    const body = squeeze(bodyPages(pages, column).map(bodyOf).join('\n'));
    let from = 0;
    let checked = 0;
    for (const block of redline.body) {
      if (block.type !== 'paragraph') continue;
      for (const piece of block.pieces) {
        if (piece.status === 'equal') continue;
        const text = squeeze(displayText(piece.inline));
        if (text === '' || /^\[.*\]$/.test(text)) continue;
        const at = body.indexOf(text, from);
        expect(at, `${piece.status} "${text}" (${piece.changeId}) after offset ${from}`).toBeGreaterThanOrEqual(0);
        from = at + text.length;
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('keeps only the pages with changes when asked, each with its real number', async () => {
    const changedOnly = await redlineToPdf(redline, { subtitle: 'Marked up against v1', changedPagesOnly: true });
    const full = renderPages(pdf, 30);
    const bodyEnd = pages.length - added.list;
    const changed = full.flatMap((pixmap, i) => (i >= added.summary && i < bodyEnd && marginInk(pixmap) > 0 ? [i + 1] : []));
    expect(changed.length).toBeGreaterThan(5);
    expect(changed.length).toBeLessThan(bodyEnd - added.summary);
    const kept = pageTexts(changedOnly);
    // The summary and the list of changes are kept whole.
    const expected = [...Array.from({ length: added.summary }, (_, i) => i + 1), ...changed, ...Array.from({ length: added.list }, (_, i) => bodyEnd + i + 1)];
    expect(footerNumbers(kept)).toEqual(expected.map((page) => ({ page, of: pages.length })));
    kept.forEach((text, i) => expect(text, `page ${expected[i]}`).toBe(pages[(expected[i] as number) - 1]));
  });
});

describe.runIf(runPdf)('a table row taller than a page', () => {
  it('is split between pages, under the repeated header row, losing no line', async () => {
    const cell = (paragraphs: string): string => `<w:tc>${paragraphs}</w:tc>`;
    const lines = Array.from({ length: 120 }, (_, i) => `Obligation line ${i + 1} of the long cell.`);
    const body = `<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="6000"/></w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr>${cell(p('Heading one'))}${cell(p('Heading two'))}</w:tr><w:tr>${cell(lines.map((line) => p(line)).join(''))}${cell(p('Short cell'))}</w:tr></w:tbl>${p('After the table.')}`;
    const document = fromDocx(buildDocx({ body }), 'tall-row.docx').document;
    const pages = pageTexts(await documentToPdf(document));
    const holding = pages.filter((page) => /Obligation line/.test(page));
    expect(holding.length).toBeGreaterThan(1);
    for (const page of holding) expect(bodyOf(page)).toMatch(/^\s*Heading one\s+Heading two/);
    const found = pages.join('\n').match(/Obligation line \d+/g) ?? [];
    expect(found).toEqual(lines.map((line) => line.replace(/ of the long cell\./, '')));
  });
});

describe.runIf(runPdf)('footnotes in a long redline', () => {
  it('sets each footnote on the page that calls it', async () => {
    const pair = await syntheticPair({ footnotes: true });
    const pages = pageTexts(await redlineToPdf(compareDocuments(pair.old, pair.new)));
    const notes = pages.flatMap((page, i) => [...page.matchAll(/^\s*(\d+)\s*See the guidance note published by the Panel for clause (\d+)\./gm)].map((m) => ({ page: i, number: m[1] })));
    expect(notes.length).toBeGreaterThan(3);
    for (const note of notes) {
      const body = bodyOf(pages[note.page] ?? '').split(/See the guidance note/)[0] ?? '';
      // The call: the note's number raised right after the clause's last word.
      expect(body, `note ${note.number} on page ${note.page + 1}`).toMatch(new RegExp(`[a-z.]${note.number}\\b`));
    }
  });
});
