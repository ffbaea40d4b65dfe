/**
 * The marked-up and clean PDFs are tagged for assistive technology: a structure tree in reading
 * order (headings, paragraphs, numbered clauses as lists, tables with header cells, notes, links,
 * figures), the document's language and title, running heads, page numbers and change bars as
 * artifacts, and each change's kind and source in its element's replacement text. Read back with
 * poppler (`pdfinfo`, `pdfinfo -struct-text`) and qpdf (`--json`), as a checker would.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compareDocuments } from '../../src/diff/compare-documents.js';
import { documentToPdf, redlineToPdf } from '../../src/exporters/pdf/to-pdf.js';
import type { Redline } from '../../src/model/redline.js';
import { featurePair, pdfInfo, pdfObjects, pdfStructure, qpdfCheck, requirePdfTools } from '../helpers/pdf-tools.js';

const runPdf = requirePdfTools();

/** The value of every `/Alt` in the file (qpdf writes text strings as `u:…`). */
function alts(objects: Record<string, unknown>): string[] {
  return Object.values(objects).flatMap((value) => {
    const alt = (value as Record<string, unknown> | undefined)?.['/Alt'];
    return typeof alt === 'string' ? [alt.replace(/^u:/, '')] : [];
  });
}

function catalog(objects: Record<string, unknown>): Record<string, unknown> {
  return Object.values(objects).find((value) => (value as Record<string, unknown> | undefined)?.['/Type'] === '/Catalog') as Record<string, unknown>;
}

/** Element names of the structure tree, in order. */
function elements(structure: string): string[] {
  return structure.split('\n').flatMap((line) => /^\s*([A-Z][A-Za-z0-9]*)\b(?: \((?:block|inline)\))?:?$/.exec(line)?.[1] ?? []);
}

describe.runIf(runPdf)('tagged PDF', () => {
  let redline: Redline;
  let marked: Uint8Array;
  let clean: Uint8Array;

  beforeAll(async () => {
    const pair = featurePair();
    redline = compareDocuments(pair.old, pair.new);
    marked = await redlineToPdf(redline, { subtitle: 'Marked up against version 1' });
    clean = await documentToPdf(pair.new);
  });

  it('says it is tagged, with a language, a title shown in the window, and valid structure', () => {
    for (const pdf of [marked, clean]) {
      expect(pdfInfo(pdf).Tagged).toBe('yes');
      expect(qpdfCheck(pdf).status).toBe(0);
      const root = catalog(pdfObjects(pdf));
      expect(root['/MarkInfo']).toEqual({ '/Marked': true });
      expect(String(root['/Lang'])).toMatch(/^u:[a-z]{2}/);
      const preferences = root['/ViewerPreferences'];
      expect(typeof preferences === 'string' ? pdfObjects(pdf)[`obj:${preferences}`] : preferences).toMatchObject({ '/DisplayDocTitle': true });
      expect(root['/StructTreeRoot']).toBeDefined();
    }
  });

  it('has the document’s structure in reading order: headings, lists of clauses, tables with header cells, notes, links, figures', () => {
    const structure = pdfStructure(clean);
    const names = elements(structure);
    expect(names[0]).toBe('Document');
    for (const name of ['H1', 'H2', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD', 'Note', 'Link', 'Figure']) expect(names, name).toContain(name);
    expect(structure).toMatch(/TH:\s*\n\s*\/Scope \/Column/);
    // Reading order: the first heading before the clauses under it, the tables' heading before them.
    const text = structure.replace(/\s+/g, ' ');
    expect(text.indexOf('Definitions and Scope')).toBeLessThan(text.indexOf('The Supplier shall promptly deliver'));
    expect(text.indexOf('Tables')).toBeLessThan(text.indexOf('The items ordered'));
    // A clause's label is its list item's label.
    expect(structure).toMatch(/Lbl \(block\)\s*\n\s*"1\.?\d*\.?"/);
  });

  it('keeps running heads, page numbers and change bars out of the structure (artifacts)', () => {
    const structure = pdfStructure(marked);
    expect(structure).not.toMatch(/page \d+ of \d+/);
    // The subtitle is content once, on the summary; the running heads of every page are not.
    expect(structure.split('Marked up against version 1').length - 1).toBe(1);
    expect(Number(pdfInfo(marked).Pages)).toBeGreaterThan(1);
    // The summary comes first, as it is read.
    const text = structure.replace(/\s+/g, ' ');
    expect(text.indexOf('Summary of changes')).toBeLessThan(text.indexOf('Definitions and Scope'));
    expect(elements(structure)).toContain('Sect');
  });

  it('gives every change its kind (and source) as replacement text a screen reader reads', async () => {
    const markedAlts = alts(pdfObjects(marked));
    expect(markedAlts).toContainEqual(expect.stringMatching(/^Inserted: .*promptly/));
    expect(markedAlts).toContainEqual(expect.stringMatching(/^Deleted: thirty/));
    expect(markedAlts).toContainEqual(expect.stringMatching(/^Moved here/));
    expect(alts(pdfObjects(clean)).filter((alt) => /^(Inserted|Deleted|Moved)/.test(alt))).toEqual([]);
    const attributed = { ...redline, sources: [{ id: 'MP201' }], changes: redline.changes.map((change) => ({ ...change, sources: ['MP201'] })) };
    const withSources = alts(pdfObjects(await redlineToPdf(attributed)));
    expect(withSources).toContainEqual(expect.stringMatching(/^Inserted by MP201: .*promptly/));
  });
});
