/**
 * The marked-up PDF, read back with qpdf and poppler as a reader would see it: a valid file with
 * embedded subset fonts, every character drawn, every change visible, the same bytes every time.
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, type PDFRef, PDFString } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareDocuments } from '../../src/diff/compare-documents.js';
import { INSERT_BLUE } from '../../src/exporters/pdf/change-palette.js';
import { tint } from '../../src/exporters/pdf/colour.js';
import { CHANGE_LIST_TITLE, SUMMARY_TITLE } from '../../src/exporters/pdf/summary-pages.js';
import { documentToPdf, redlineToPdf } from '../../src/exporters/pdf/to-pdf.js';
import { summaryEntries } from '../../src/exporters/summary-entries.js';
import { summaryParts } from '../../src/exporters/summary-parts.js';
import { fromDocx } from '../../src/importers/docx/from-docx.js';
import { type Change, summariseChanges } from '../../src/model/change-set.js';
import type { Redline } from '../../src/model/redline.js';
import {
  addedPages,
  colouredPixels,
  featurePair,
  footerNumbers,
  type Pixmap,
  pageTexts,
  pdfFonts,
  pdfImages,
  pdfInfo,
  pdfText,
  qpdfCheck,
  renderPages,
  requirePdfTools,
  SPECIAL_TEXT,
  squeeze,
} from '../helpers/pdf-tools.js';

const runPdf = requirePdfTools();

/** How the summary counts each kind of change in words, one and many. */
const KIND_WORDS: Readonly<Partial<Record<Change['kind'], readonly [string, string]>>> = {
  insert: ['insertion', 'insertions'],
  delete: ['deletion', 'deletions'],
  replace: ['replacement', 'replacements'],
  move: ['move', 'moves'],
  format: ['formatting change', 'formatting changes'],
  'table-row-insert': ['row inserted', 'rows inserted'],
  'table-row-delete': ['row deleted', 'rows deleted'],
};

/** The words of a change's old and new text. */
function changeWords(change: Change): string[] {
  return `${change.oldText} ${change.newText}`.split(/\s+/).filter((word) => word !== '' && word !== '|' && !/^\[.*\]$/.test(word));
}

describe.runIf(runPdf)('redline PDF of a document using every feature', () => {
  let redline: Redline;
  let pdf: Uint8Array;
  let pages: string[];

  beforeAll(async () => {
    const pair = featurePair();
    redline = compareDocuments(pair.old, pair.new);
    pdf = await redlineToPdf(redline, { subtitle: 'Marked up against version 1' });
    pages = pageTexts(pdf);
  });

  it('passes qpdf --check', () => {
    const check = qpdfCheck(pdf);
    expect(check.status, check.output).toBe(0);
    expect(check.output).toMatch(/No syntax or stream encoding errors found/);
  });

  it('embeds every font it uses, as subsets of DejaVu Serif, with DejaVu Sans for what the serif lacks', () => {
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font, font.name).toMatchObject({ embedded: true, subset: true, unicode: true });
      expect(font.name).toMatch(/^[A-Z]{6}\+DejaVu(Serif|Sans)/);
    }
    expect(fonts.map((f) => f.name)).toContainEqual(expect.stringMatching(/\+DejaVuSerif$/));
    // ✓ is not in DejaVu Serif: it must come from DejaVu Sans.
    expect(fonts.map((f) => f.name)).toContainEqual(expect.stringMatching(/\+DejaVuSans$/));
    // Subsets of a few dozen glyphs: the whole file is far smaller than one complete font.
    const serif = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSerif.ttf');
    expect(pdf.length).toBeLessThan(statSync(serif).size / 3);
  });

  it('draws accents, curly quotes, dashes, ≤ ≥ → £ €, Greek and symbols with no missing glyph', () => {
    const text = pdfText(pdf);
    expect(squeeze(text)).toContain(squeeze(SPECIAL_TEXT));
    expect(text).not.toContain('\ufffd');
  });

  it('is byte-identical from run to run, and carries no dates unless given one', async () => {
    const again = await redlineToPdf(redline, { subtitle: 'Marked up against version 1' });
    expect(Buffer.compare(Buffer.from(pdf), Buffer.from(again))).toBe(0);
    const info = pdfInfo(pdf);
    expect(info.CreationDate).toBeUndefined();
    expect(info.ModDate).toBeUndefined();
    const dated = pdfInfo(await redlineToPdf(redline, { date: '2026-03-01T09:30:00Z' }));
    expect(dated.CreationDate).toMatch(/2026/);
    expect(dated.ModDate).toMatch(/2026/);
  });

  it('sets the title, subject, producer and creator', () => {
    expect(pdfInfo(pdf)).toMatchObject({ Title: 'features-v2.docx', Subject: 'Marked up against version 1', Producer: 'Redline', Creator: 'Redline' });
  });

  it('shows every inserted and every deleted word of the change set', () => {
    const text = squeeze(pages.join(''));
    const body = squeeze(pages.filter((page) => !page.includes(SUMMARY_TITLE)).join(''));
    for (const change of redline.changes) for (const word of changeWords(change)) expect(change.kind === 'renumber' ? text : body, `${change.id} ${change.kind}: ${word}`).toContain(squeeze(word));
  });

  it('marks inserted and deleted paragraph marks with a pilcrow, which the clean version has not', async () => {
    expect(redline.body.some((b) => b.type === 'paragraph' && b.mark === 'inserted')).toBe(true);
    expect(pdfText(pdf)).toContain('¶');
    expect(pdfText(await documentToPdf(redline.new))).not.toContain('¶');
  });

  it('shows renumbered clauses with their old and new labels', () => {
    const renumbered = redline.changes.find((change) => change.kind === 'renumber');
    expect(renumbered).toBeDefined();
    const body = pages.filter((page) => !page.includes(SUMMARY_TITLE)).join('');
    expect(body).toMatch(new RegExp(`${(renumbered?.oldLabel ?? '').replace('.', '\\.')}\\s+${(renumbered?.newLabel ?? '').replace('.', '\\.')}`));
  });

  it('embeds the picture from the DOCX package and draws the equation as a labelled box', () => {
    const images = pdfImages(pdf);
    expect(images).toHaveLength(1);
    expect(images[0]).toMatchObject({ width: 40, height: 20 });
    expect(pdfText(pdf)).toContain('[equation]');
  });

  it('sets the footnote, with its number, at the foot of the page that calls it', () => {
    const page = pages.find((text) => !text.includes(SUMMARY_TITLE) && text.includes('revised footnote'));
    expect(page).toBeDefined();
    const lines = (page ?? '').split('\n').filter((line) => line.trim() !== '');
    const noteLine = lines.findIndex((line) => /A revised footnote at the foot of the page\./.test(line));
    const callLine = lines.findIndex((line) => /a note1 with/.test(line));
    expect(callLine).toBeGreaterThanOrEqual(0);
    expect(noteLine).toBeGreaterThan(callLine);
    // The note's number is raised, so pdftotext may give it a line of its own just above.
    const numbered = /^\s*1\s+A revised/.test(lines[noteLine] ?? '') || lines[noteLine - 1]?.trim() === '1';
    expect(numbered, lines.slice(noteLine - 1, noteLine + 1).join('\n')).toBe(true);
    // Only the footer follows the note.
    expect(noteLine).toBe(lines.length - 2);
  });

  it('starts a new page at a page break', () => {
    const last = pages[pages.length - 1] ?? '';
    expect(last).toContain('After a page break.');
    expect(pages[pages.length - 2]).not.toContain('After a page break.');
  });

  it('links the document’s external hyperlinks', async () => {
    const loaded = await PDFDocument.load(pdf);
    const uris = loaded.getPages().flatMap((page) =>
      annotations(page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)).flatMap((annot) => {
        const uri = annot.lookupMaybe(PDFName.of('A'), PDFDict)?.lookup(PDFName.of('URI'));
        return uri instanceof PDFHexString || uri instanceof PDFString ? [uri.decodeText()] : [];
      }),
    );
    expect(uris).toEqual(['https://example.com/terms']);
  });

  it('tints a whole inserted row and the cells of an inserted column, and the clean version not', async () => {
    const tintColour = tint(INSERT_BLUE, 0.14).map((c) => Math.round(c * 255));
    const near = (r: number, g: number, b: number): boolean => Math.abs(r - (tintColour[0] ?? 0)) < 6 && Math.abs(g - (tintColour[1] ?? 0)) < 6 && Math.abs(b - (tintColour[2] ?? 0)) < 6;
    const bodyPage = pages.findIndex((text) => !text.includes(SUMMARY_TITLE) && text.includes('A written request for Goods')) + 1;
    const [marked] = renderPages(pdf, 40, bodyPage, bodyPage);
    const [clean] = renderPages(await documentToPdf(redline.new), 40, 1, 1);
    // At 40 dpi the tables are about 235 pixels wide; a column is a third of the second one.
    const tintedRows = tintPerPixelRow(marked as Pixmap, near);
    expect(tintedRows.filter((count) => count > 150).length, 'pixel rows across an inserted table row').toBeGreaterThan(4);
    expect(tintedRows.filter((count) => count > 40 && count < 100).length, 'pixel rows across inserted column cells').toBeGreaterThan(8);
    expect(colouredPixels(clean as Pixmap, near)).toBe(0);
  });

  it('puts the running header and `page N of M` on every page', () => {
    expect(footerNumbers(pages)).toEqual(pages.map((_, i) => ({ page: i + 1, of: pages.length })));
    for (const page of pages) expect(page.trimStart()).toMatch(/^features-v2\.docx\s+Marked up against version 1/);
  });

  it('has an outline of the headings, nested by level', async () => {
    const outline = (await PDFDocument.load(pdf)).catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
    expect(outlineTitles(outline)).toEqual([
      [SUMMARY_TITLE, []],
      ['Definitions and Scope', [['Payment', []]]],
      ['Tables', []],
      ['Other Terms', []],
    ]);
  });

  it('lays out Letter pages when asked', async () => {
    expect(pdfInfo(await redlineToPdf(redline, { pageSize: 'Letter' }))['Page size']).toMatch(/^612 x 792 pts/);
    expect(pdfInfo(pdf)['Page size']).toMatch(/^595\.28 x 841\.89 pts \(A4\)/);
  });
});

describe.runIf(runPdf)('redline PDF of the sample Section G', () => {
  let redline: Redline;
  let pdf: Uint8Array;
  let pages: string[];
  let loaded: PDFDocument;

  beforeAll(async () => {
    const sample = (name: string): Uint8Array => readFileSync(resolve(__dirname, '../../samples/compare', name));
    redline = compareDocuments(fromDocx(sample('section-g-v1.docx'), 'section-g-v1.docx').document, fromDocx(sample('section-g-v2.docx'), 'section-g-v2.docx').document);
    pdf = await redlineToPdf(redline);
    pages = pageTexts(pdf);
    loaded = await PDFDocument.load(pdf);
  });

  it('keeps its summary to one page: the counts, and the changes by part, each part’s count, clauses and pages', () => {
    const added = addedPages(pages);
    expect(added).toEqual({ summary: 1, list: 2 });
    const first = pages[0] ?? '';
    const counts = summariseChanges(redline.changes);
    expect(counts.renumbered).toBeGreaterThan(0);
    expect(first).toContain(`Total: ${counts.total} changes; ${counts.renumbered} clauses only renumbered`);
    const byKind = Object.entries(KIND_WORDS)
      .filter(([kind]) => (counts.byKind[kind as Change['kind']] ?? 0) > 0)
      .map(([kind, [one, many]]) => {
        const count = counts.byKind[kind as Change['kind']] ?? 0;
        return `${count} ${count === 1 ? one : many}`;
      });
    expect(squeeze(first)).toContain(squeeze(`By kind: ${byKind.join(', ')}.`));
    const parts = summaryParts(summaryEntries(redline.changes).changes);
    expect(parts.map((part) => part.name)).toEqual(['Opening paragraphs', 'G1 Introduction', 'G2 Scope and Application', 'Footnotes']);
    let listed = 0;
    for (const part of parts) {
      const changes = part.entries.reduce((sum, entry) => sum + entry.changeIds.length, 0);
      const row = new RegExp(`^${part.name.split(' ')[0]}\\s.*?\\s${changes}\\s.*\\s(\\d+)(–(\\d+))?\\s*$`, 'm').exec(first);
      expect(row, part.name).not.toBeNull();
      const pagesOf = part.entries.map((entry) => redline.changes.find((change) => change.id === entry.changeIds[0]) as Change).map((change) => pageOfChange(change));
      expect([Number(row?.[1]), Number(row?.[3] ?? row?.[1])], part.name).toEqual([Math.min(...pagesOf), Math.max(...pagesOf)]);
      listed += changes;
    }
    expect(listed).toBe(counts.total);
    expect(first).toMatch(new RegExp(`listed with its text in the ${CHANGE_LIST_TITLE}, page ${pages.length - 1}\\.`));
  });

  it('lists every change at the back, one row per entry, renumbered clauses apart, a row per cascade', () => {
    const counts = summariseChanges(redline.changes);
    const entries = summaryEntries(redline.changes);
    const list = pages.slice(-addedPages(pages).list).join('\n');
    const rows = list.match(/^\s*c\d+\s/gm) ?? [];
    expect(rows.map((row) => row.trim())).toEqual([...entries.changes, ...entries.renumbered].map((entry) => entry.changeIds[0]));
    expect(pages.slice(0, -addedPages(pages).list).join('\n')).not.toMatch(/^\s*c\d+\s+G/m);
    // A row per cascade: far fewer rows than renumbered clauses.
    expect(entries.renumbered.length).toBeLessThan(counts.renumbered / 4);
  });

  it('links each part of the summary to its first change, and to the list of changes', () => {
    const parts = summaryParts(summaryEntries(redline.changes).changes);
    const targets = linkTargets(0, 1);
    expect(targets).toHaveLength(parts.length + 1);
    parts.forEach((part, i) => {
      const change = redline.changes.find((c) => c.id === part.entries[0]?.changeIds[0]) as Change;
      expect((targets[i] as number) + 1, part.name).toBe(pageOfChange(change));
    });
    expect((targets[parts.length] as number) + 1).toBe(pages.length - addedPages(pages).list + 1);
  });

  it('links each row of the list of changes to the page its change is on, a move’s row to both ends', () => {
    const added = addedPages(pages);
    const links = linkTargets(pages.length - added.list, pages.length);
    const entries = summaryEntries(redline.changes);
    const all = [...entries.changes, ...entries.renumbered];
    expect(links).toHaveLength(all.length + entries.changes.filter((entry) => entry.move).length);
    const list = pages.slice(-added.list).join('\n');
    let next = 0;
    for (const entry of all) {
      const id = entry.changeIds[0] as string;
      const change = redline.changes.find((c) => c.id === id) as Change;
      const target = links[next++] as number;
      expect(target, id).toBeGreaterThanOrEqual(added.summary);
      expect(target, id).toBeLessThan(pages.length - added.list);
      const listed = new RegExp(`^\\s*${id}\\s.*?(\\d+)\\s*$`, 'm').exec(list);
      if (entry.move) {
        const second = links[next++] as number;
        expect(Number(listed?.[1]), id).toBe(second + 1);
        expect(squeeze(pages[second] ?? ''), `${id} arrives on page ${second + 1}`).toContain(squeeze(change.newText.slice(0, 40)));
      } else {
        expect(Number(listed?.[1]), id).toBe(target + 1);
      }
      const snippet = change.kind === 'renumber' ? (change.newLabel ?? '') : (changeWords(change)[0] ?? '');
      expect(squeeze(pages[target] ?? ''), `${id} on page ${target + 1}`).toContain(squeeze(snippet));
    }
  });

  /** The pages (0-based) the links on pages `from` to `to` (0-based, exclusive) go to, in order. */
  function linkTargets(from: number, to: number): number[] {
    const pageIndex = new Map(loaded.getPages().map((page, i) => [page.ref.toString(), i]));
    return loaded
      .getPages()
      .slice(from, to)
      .flatMap((page) => annotations(page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)))
      .map((annot) => annot.lookup(PDFName.of('Dest'), PDFArray).get(0))
      .map((ref) => pageIndex.get((ref as PDFRef).toString()) ?? -1);
  }

  /** The page (1-based) of the body that shows a change first, by the list of changes' row for it. */
  function pageOfChange(change: Change): number {
    const list = pages.slice(-addedPages(pages).list).join('\n');
    const row = new RegExp(`^\\s*${change.id}\\s.*?(\\d+)( → (\\d+))?\\s*$`, 'm').exec(list);
    return Number(change.kind === 'move' ? (row?.[3] ?? row?.[1]) : row?.[1]);
  }

  it('ties the two ends of every move together with notes that name the other end and its page, and link to it', () => {
    const moves = redline.changes.filter((change) => change.kind === 'move');
    expect(moves.length).toBeGreaterThan(0);
    const body = pages.map((page) => squeeze(page));
    const pageIndex = new Map(loaded.getPages().map((page, i) => [page.ref.toString(), i]));
    const pageIndexOf = (annot: PDFDict): number => {
      const dest = annot.lookupMaybe(PDFName.of('Dest'), PDFArray);
      return dest ? (pageIndex.get((dest.get(0) as PDFRef).toString()) ?? -1) : -1;
    };
    for (const move of moves) {
      const from = move.from?.path as string;
      const to = move.to?.path as string;
      const fromPage = body.findIndex((page) => page.includes(squeeze(`Moved to ${to}`)));
      const toPage = body.findIndex((page) => page.includes(squeeze(`Moved from ${from}`)));
      expect(fromPage, `${move.id}: "Moved to ${to}"`).toBeGreaterThan(0);
      expect(toPage, `${move.id}: "Moved from ${from}"`).toBeGreaterThan(0);
      expect(body[fromPage]).toContain(squeeze(`(p. ${toPage + 1})`));
      expect(body[toPage]).toContain(squeeze(`(p. ${fromPage + 1})`));
      const noteLinks = (page: number): number[] => annotations(loaded.getPages()[page]?.node.lookupMaybe(PDFName.of('Annots'), PDFArray)).map((annot) => pageIndexOf(annot));
      expect(noteLinks(fromPage)).toContain(toPage);
      expect(noteLinks(toPage)).toContain(fromPage);
    }
  });

  it('has an outline of the clause headings, between the summary and the list of changes', () => {
    const outline = loaded.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
    expect(outline).toBeDefined();
    const titles: string[] = [];
    for (let item = outline?.lookupMaybe(PDFName.of('First'), PDFDict); item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      titles.push(item.lookup(PDFName.of('Title'), PDFHexString).decodeText());
      expect(item.lookup(PDFName.of('Dest'), PDFArray).size()).toBe(5);
    }
    const headings = redline.new.body.filter((block) => block.type === 'paragraph' && block.headingLevel === 1);
    expect(titles).toHaveLength(headings.length + 2);
    expect([titles[0], titles[1], titles[titles.length - 1]]).toEqual([SUMMARY_TITLE, 'G1 Introduction', CHANGE_LIST_TITLE]);
  });

  it('puts `page N of M` on every page', () => {
    expect(footerNumbers(pages)).toEqual(pages.map((_, i) => ({ page: i + 1, of: pages.length })));
  });
});

type OutlineTree = [string, OutlineTree][];

/** An outline's titles, nested as its items are. */
function outlineTitles(parent: PDFDict | undefined): OutlineTree {
  const items: OutlineTree = [];
  for (let item = parent?.lookupMaybe(PDFName.of('First'), PDFDict); item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
    items.push([item.lookup(PDFName.of('Title'), PDFHexString).decodeText(), outlineTitles(item)]);
  }
  return items;
}

/** The number of pixels of a colour in each row of pixels. */
function tintPerPixelRow(pixmap: Pixmap, near: (r: number, g: number, b: number) => boolean): number[] {
  return Array.from({ length: pixmap.height }, (_, y) => colouredPixels({ width: pixmap.width, height: 1, data: pixmap.data.subarray(y * pixmap.width * 3, (y + 1) * pixmap.width * 3) }, near));
}

function annotations(array: PDFArray | undefined): PDFDict[] {
  if (!array) return [];
  return array.asArray().map((_, i) => array.lookup(i, PDFDict));
}
