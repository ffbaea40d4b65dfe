/**
 * Details of the marked-up PDF a reader trips over: a running head and summary subtitle that are
 * never cut, no summary row without text, a Source column only when there are sources, and a
 * source's label once beside a line.
 */
import { describe, expect, it } from 'vitest';
import { compareDocuments } from '../../src/diff/compare-documents.js';
import { LabelPlacer } from '../../src/exporters/pdf/change-bars.js';
import { SUMMARY_TITLE } from '../../src/exporters/pdf/summary-pages.js';
import { documentToPdf, redlineToPdf } from '../../src/exporters/pdf/to-pdf.js';
import { fromDocx } from '../../src/importers/docx/from-docx.js';
import { buildDocx, p } from '../helpers/docx-builder.js';
import { pageTexts, requirePdfTools, squeeze } from '../helpers/pdf-tools.js';

const runPdf = requirePdfTools();

const TITLE = 'Section G: Security Requirements for Smart Metering Equipment and Communications Hubs';
const SUBTITLE = 'Smart Energy Code November 2026 Release: version 15.0 marked up against version 14.0';

function docx(paragraphs: readonly string[], name: string) {
  return fromDocx(buildDocx({ body: paragraphs.map((text) => p(text)).join('') }), name).document;
}

describe.runIf(runPdf)('PDF details', () => {
  it('sets a long title and subtitle in full on every page, in the header and on the summary', async () => {
    const old = docx(['The Supplier shall deliver the Goods.', 'The Buyer shall pay.'], 'g-v14.docx');
    const neu = docx(['The Supplier shall promptly deliver the Goods.', 'The Buyer shall pay.'], 'g-v15.docx');
    for (const pdf of [await redlineToPdf(compareDocuments(old, neu), { title: TITLE, subtitle: SUBTITLE }), await documentToPdf(neu, { title: TITLE, subtitle: SUBTITLE })]) {
      const pages = pageTexts(pdf, false);
      expect(pages.length).toBeGreaterThan(0);
      for (const page of pages) {
        expect(squeeze(page)).toContain(squeeze(TITLE));
        expect(squeeze(page)).toContain(squeeze(SUBTITLE));
        expect(page).not.toContain('…');
      }
    }
  });

  it('says what a change with no visible text is, and has no Source column without sources', async () => {
    const old = docx(['The Supplier shall deliver the Goods. The Buyer shall pay the Price.'], 'split-v1.docx');
    const neu = docx(['The Supplier shall deliver the Goods.', 'The Buyer shall pay the Price.'], 'split-v2.docx');
    const redline = compareDocuments(old, neu);
    expect(redline.changes.some((change) => change.newText.trim() === '' && change.oldText.trim() === '')).toBe(true);
    const summary = pageTexts(await redlineToPdf(redline))
      .filter((page) => page.includes(SUMMARY_TITLE))
      .join('\n');
    expect(summary).toContain('¶ (paragraph split)');
    // No row whose change column is a bare sign.
    expect(summary).not.toMatch(/(Insertion|Deletion)\s+[+−]\s+\d*\s*$/m);
    expect(summary).toMatch(/#\s+Clause\s+Kind\s+Change\s+Page/);
    expect(summary).not.toMatch(/\bSource\b/);
    const attributed = { ...redline, sources: [{ id: 'MP201' }], changes: redline.changes.map((change) => ({ ...change, sources: ['MP201'] })) };
    const withSources = pageTexts(await redlineToPdf(attributed))
      .filter((page) => page.includes(SUMMARY_TITLE))
      .join('\n');
    expect(withSources).toMatch(/#\s+Clause\s+Kind\s+Source\s+Change\s+Page/);
  });
});

describe('change bar labels', () => {
  it('puts a source’s label once beside a line, and labels below one another', () => {
    const placer = new LabelPlacer();
    const first = placer.place('Unattributed', 100);
    const second = placer.place('MP2', 100);
    expect(first).toBeDefined();
    expect(second).toBeGreaterThan(first as number);
    // The next line's bar has MP2 again: not repeated beside it.
    expect(placer.place('MP2', 112)).toBeUndefined();
    expect(placer.place('MP3', 112)).toBeGreaterThan(second as number);
    // Further down the page it is labelled again.
    expect(placer.place('MP2', 160)).toBe(166.5);
  });
});
