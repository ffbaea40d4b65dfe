/**
 * A redline whose changes are attributed to sources: one colour per source (and a warning colour
 * for changes no source explains), a key on the first page, counts by source, and change bars
 * labelled with the sources' ids.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compareDocuments } from '../../src/diff/compare-documents.js';
import { DELETE_RED, WARNING_ORANGE } from '../../src/exporters/pdf/change-palette.js';
import { fromHex, type Rgb } from '../../src/exporters/pdf/colour.js';
import { redlineToPdf } from '../../src/exporters/pdf/to-pdf.js';
import { SOURCE_COLOURS } from '../../src/exporters/source-styles.js';
import { summaryEntries } from '../../src/exporters/summary-entries.js';
import { isRenumberOnly, isUnattributed } from '../../src/model/change-set.js';
import type { Redline } from '../../src/model/redline.js';
import type { SourceInfo } from '../../src/model/source.js';
import { addedPages, bodyPages, colouredPixels, type Pixmap, pageTexts, renderPages, requirePdfTools, syntheticPair } from '../helpers/pdf-tools.js';

const runPdf = requirePdfTools();

const SOURCES: readonly SourceInfo[] = [
  { id: 'MP093', title: 'Implementing IRP511 and CRP535 to support GBCS v3.2 devices', kind: 'modification' },
  { id: 'MP101', title: 'Security incident reporting', kind: 'modification' },
  { id: 'BEIS', title: 'Government designation of the security section', kind: 'designation' },
];

/** Every fourth change explained by no source, every fifth by two. */
function sourcesOf(index: number): string[] {
  if (index % 4 === 3) return [];
  const first = (SOURCES[index % 3] as SourceInfo).id;
  return index % 5 === 0 ? [first, (SOURCES[(index + 1) % 3] as SourceInfo).id] : [first];
}

function pixelsNear(pixmaps: readonly Pixmap[], colour: Rgb): number {
  const [r, g, b] = colour.map((c) => Math.round(c * 255)) as [number, number, number];
  return pixmaps.reduce((sum, pixmap) => sum + colouredPixels(pixmap, (pr, pg, pb) => Math.abs(pr - r) + Math.abs(pg - g) + Math.abs(pb - b) < 30), 0);
}

describe.runIf(runPdf)('redline PDF with sources', () => {
  let redline: Redline;
  let pages: string[];
  let summary: string;
  let pixmaps: Pixmap[];

  beforeAll(async () => {
    const pair = await syntheticPair({ footnotes: false, seed: 21 });
    const plain = compareDocuments(pair.old, pair.new);
    redline = { ...plain, sources: SOURCES, changes: plain.changes.map((change, i) => ({ ...change, sources: sourcesOf(i) })) };
    const pdf = await redlineToPdf(redline);
    pages = pageTexts(pdf);
    // The table of changes: in the summary, or at the back when the summary has no room for it.
    const added = addedPages(pages);
    summary = (added.list > 0 ? pages.slice(-added.list) : pages.slice(0, added.summary)).join('\n');
    pixmaps = renderPages(pdf, 30);
  });

  it('lists the sources with their titles in the key on the first page, and the unattributed changes', () => {
    for (const source of SOURCES) expect(pages[0]).toMatch(new RegExp(`${source.id}\\s+${source.title}`));
    expect(pages[0]).toMatch(/Unattributed\s+changes no source explains/);
  });

  it('counts the changes of each source as the change set does', () => {
    for (const source of SOURCES) {
      // One definition of a change everywhere: a clause only renumbered is counted apart, by no source.
      const count = redline.changes.filter((change) => change.sources.includes(source.id) && !isRenumberOnly(change)).length;
      // The key gives each source's count at the end of its line.
      expect(Number(new RegExp(`^\\s*${source.id}\\s.*\\s(\\d+) changes?\\s*$`, 'm').exec(pages[0] ?? '')?.[1]), source.id).toBe(count);
    }
    // Renumbered clauses are no source's edit and are not counted as unattributed.
    const unattributed = redline.changes.filter(isUnattributed).length;
    expect(unattributed).toBeGreaterThan(0);
    expect(Number(/^\s*Unattributed\s.*\s(\d+) changes?\s*$/m.exec(pages[0] ?? '')?.[1])).toBe(unattributed);
  });

  it('names the sources of each change in the table of changes, and labels its change bar with them', () => {
    const entries = summaryEntries(redline.changes);
    for (const entry of [...entries.changes, ...entries.renumbered]) {
      const id = entry.changeIds[0] as string;
      const row = new RegExp(`^\\s*${id}\\s.*$`, 'm').exec(summary)?.[0] ?? '';
      if (entry.kind === 'renumber') {
        expect(row.replace(/\s+/g, ' '), id).toMatch(/ Renumbering — /);
        continue;
      }
      const names = entry.sources.length === 0 ? ['Unattributed'] : [...entry.sources];
      expect(row.replace(/\s+/g, ' '), id).toContain(names.join(', '));
      const page = Number(/(\d+)\s*$/.exec(row)?.[1]);
      for (const name of names) expect(pages[page - 1], `${id}: ${name} beside its bar on page ${page}`).toContain(name);
    }
  });

  it('draws each source in its own colour, unattributed changes in the warning colour, and no classic red', () => {
    const body = bodyPages(pages, pixmaps);
    SOURCES.forEach((source, i) => expect(pixelsNear(body, fromHex(SOURCE_COLOURS[i] as string) as Rgb), source.id).toBeGreaterThan(20));
    expect(pixelsNear(body, WARNING_ORANGE)).toBeGreaterThan(20);
    expect(pixelsNear(body, DELETE_RED)).toBe(0);
  });
});
