/**
 * The summary at the front of a redline, kept to its first page where it can be: what was
 * compared, a key (the sources with their colours and counts, or the classic colours), the
 * changes by kind (clauses only renumbered counted apart), the verification findings, and the
 * changes themselves. When the table of changes fits on that page it is there; when it does not,
 * the summary gives the changes by part of the document (one row per top-level clause: how many,
 * by whom, which clauses, which pages) and the table follows the document as the list of changes,
 * as Litera and Workshare put theirs at the back. Either way every row links to its page.
 * Lines have fixed heights (see `summary-layout.ts`), so the added pages are known before the body
 * is laid out, and drawn once the body has placed the changes.
 */

import type { AttributionReport } from '../../attribution/report.js';
import { type Change, type ChangeCounts, type ChangeKind, countChanges } from '../../model/change-set.js';
import type { Redline } from '../../model/redline.js';
import { UNATTRIBUTED_AUTHOR } from '../../model/source.js';
import { citation } from '../change-citation.js';
import { type SummaryEntries, summaryEntries } from '../summary-entries.js';
import { summaryParts } from '../summary-parts.js';
import { Canvas } from './canvas.js';
import { drawBar } from './change-bars.js';
import type { ChangePalette } from './change-palette.js';
import { CHANGE_KIND_LABELS, ChangeTable } from './change-table.js';
import type { PageGeometry } from './page-geometry.js';
import { PartTable } from './part-table.js';
import type { RunningHeads } from './running-heads.js';
import { PAGINATION_ARTIFACT, StructElement } from './structure.js';
import { findingCounts, findingSections } from './summary-findings.js';
import { CONTINUED_HEIGHT, COUNT, DOC_TITLE, HEADING, LINK_BLUE, NOTE, type PlacedChanges, paginateLines, type SummaryLine, TABLE_HEADING_HEIGHT, TEXT, TITLE } from './summary-layout.js';
import type { PlainStyle, TextPainter } from './text-painter.js';

export { excerpt } from '../summary-entries.js';
export { CHANGE_KIND_LABELS } from './change-table.js';
export type { PlacedChanges } from './summary-layout.js';

/** The summary's headings, so that a reader (or a test) can tell summary pages from the body. */
export const SUMMARY_TITLE = 'Summary of changes';
/** The title of the list of changes at the back, when the summary has no room for it. */
export const CHANGE_LIST_TITLE = 'List of changes';

const KIND_ORDER = Object.keys(CHANGE_KIND_LABELS) as ChangeKind[];

/** How kinds are counted in a sentence: one and many. */
const KIND_COUNTS: Readonly<Record<ChangeKind, readonly [string, string]>> = {
  insert: ['insertion', 'insertions'],
  delete: ['deletion', 'deletions'],
  replace: ['replacement', 'replacements'],
  move: ['move', 'moves'],
  format: ['formatting change', 'formatting changes'],
  renumber: ['renumbering', 'renumberings'],
  'table-row-insert': ['row inserted', 'rows inserted'],
  'table-row-delete': ['row deleted', 'rows deleted'],
};

/** Pages of lines, and the title of the pages after the first. */
interface AddedPages {
  readonly pages: readonly (readonly SummaryLine[])[];
  readonly continued: string;
}

export class SummaryPages {
  private readonly redline: Redline;
  /** The attribution report, whose findings the summary lists (with sources). */
  private readonly report: AttributionReport | undefined;
  private readonly palette: ChangePalette;
  private readonly painter: TextPainter;
  private readonly geometry: PageGeometry;
  /** The summary's section of the structure tree. */
  private readonly section: StructElement;
  private readonly counts: ChangeCounts;
  private readonly summary: AddedPages;
  /** The list of changes at the back, when the summary gives the changes by part. */
  private readonly list: AddedPages | undefined;

  /** `listSection`: the structure tree's section for the list of changes, read after the body. */
  constructor(
    redline: Redline,
    report: AttributionReport | undefined,
    palette: ChangePalette,
    painter: TextPainter,
    geometry: PageGeometry,
    heads: RunningHeads,
    section: StructElement,
    listSection: StructElement,
  ) {
    this.redline = redline;
    this.report = report;
    this.palette = palette;
    this.painter = painter;
    this.geometry = geometry;
    this.section = section;
    this.counts = countChanges(redline.changes);
    const intro = this.introLines(heads);
    const entries = summaryEntries(redline.changes);
    const whole = paginateLines([...intro, ...this.tableLines(entries)], geometry);
    if (whole.length <= 1 || entries.changes.length === 0) {
      this.summary = { pages: whole, continued: `${SUMMARY_TITLE} (continued)` };
      return;
    }
    this.summary = { pages: paginateLines([...intro, ...this.partLines(entries)], geometry), continued: `${SUMMARY_TITLE} (continued)` };
    this.list = { pages: paginateLines(this.listLines(entries, listSection), geometry), continued: `${CHANGE_LIST_TITLE} (continued)` };
  }

  /** The summary's pages, before the body. */
  get pageCount(): number {
    return this.summary.pages.length;
  }

  /** The list of changes' pages, after the body (none when the summary holds the table of changes). */
  get listPageCount(): number {
    return this.list?.pages.length ?? 0;
  }

  /** Summary page `page` (1-based), with links to where the paginator placed each change. */
  draw(page: number, placed: PlacedChanges): Canvas {
    return this.drawPage(this.summary, page, placed);
  }

  /** Page `page` (1-based) of the list of changes. */
  drawList(page: number, placed: PlacedChanges): Canvas {
    return this.list ? this.drawPage(this.list, page, placed) : new Canvas(this.geometry.height);
  }

  private drawPage(pages: AddedPages, page: number, placed: PlacedChanges): Canvas {
    const canvas = new Canvas(this.geometry.height);
    let y = this.geometry.bodyTop;
    if (page > 1) {
      canvas.asArtifact(PAGINATION_ARTIFACT, () => this.painter.draw(canvas, pages.continued, this.left, y + 14, { ...TITLE, size: 12 }));
      y += CONTINUED_HEIGHT;
    }
    for (const line of pages.pages[page - 1] ?? []) {
      const top = y;
      canvas.tagged(line.tag, () => line.draw(canvas, top, placed));
      y += line.height;
    }
    return canvas;
  }

  private get left(): number {
    return this.geometry.marginLeft;
  }

  /** Lines of text in `parent`'s section, wrapped, never cut: a long title or subtitle takes more lines. */
  private text(parent: StructElement, value: string, style: PlainStyle, height: number, type: 'P' | 'H1' = 'P'): SummaryLine[] {
    const wrapped = this.painter.wrap(value, this.geometry.textWidth, style);
    const tag = new StructElement(type, parent);
    return wrapped.map((line, i) => ({
      height: i === wrapped.length - 1 ? height : style.size * 1.3,
      tag,
      draw: (canvas, top) => this.painter.draw(canvas, line, this.left, top + style.size, style),
    }));
  }

  private introLines(heads: RunningHeads): SummaryLine[] {
    const lines: SummaryLine[] = [];
    const text = (value: string, style: PlainStyle, height: number, type: 'P' | 'H1' = 'P'): void => {
      lines.push(...this.text(this.section, value, style, height, type));
    };
    text(SUMMARY_TITLE, TITLE, 26, 'H1');
    text(heads.title, DOC_TITLE, 16);
    if (heads.subtitle !== undefined) text(heads.subtitle, TEXT, 15);
    text(`Old version: ${this.redline.old.name}  ·  New version: ${this.redline.new.name}`, NOTE, this.redline.view ? 12 : 20);
    const view = this.redline.view;
    if (view) {
      // A view by source: the reader must know which changes are shown and which are already in the text.
      text(`Shown as changes: ${view.shown.join(', ')}; changes no source explains are shown too.`, { ...TEXT, variant: 'bold', size: 9.5 }, 13);
      text(view.made.length > 0 ? `Taken as made (already in the old version shown, not marked): ${view.made.join(', ')}.` : 'No source is taken as made.', { ...TEXT, size: 9.5 }, 20);
    }
    const { total, renumbered } = this.counts;
    const renumberedText = renumbered === 0 ? '' : `; ${renumbered} clause${renumbered === 1 ? '' : 's'} only renumbered (listed apart)`;
    text(total === 0 && renumbered === 0 ? 'No changes.' : `Total: ${total} change${total === 1 ? '' : 's'}${renumberedText}`, { ...TEXT, variant: 'bold', size: 10.5 }, 15);
    if (total > 0 || renumbered > 0) text(`By kind: ${kindSentence(this.counts)}.`, COUNT, 18);
    lines.push(this.heading(this.palette.hasSources ? 'Key, with each source’s changes' : 'Key'));
    lines.push(...this.keyLines());
    // Renumbering is explained only where there is some (none with --ignore numbering).
    const marks = `Inserted text is underlined, deleted text struck through${renumbered > 0 ? '; a renumbered clause number is grey' : ''}.`;
    const moves = 'Moved text: ⇄ and a double underline, under a note naming the other end and its page.';
    const bars = `A bar in the outer margin marks each changed line${this.palette.hasSources ? ', labelled with its sources' : ''}${renumbered > 0 ? ' (none for renumbering)' : ''}.`;
    text(`${marks} ${moves} ${bars}`, NOTE, 18);
    this.findingLines(lines, text);
    return lines;
  }

  /** The key: a line per source (or per kind of mark) with its colour, its change bar and, for a source, its changes. */
  private keyLines(): SummaryLine[] {
    const countWidth = 40;
    return this.palette.legend(this.redline).map((entry) => ({
      height: 13,
      tag: new StructElement('P', this.section),
      draw: (canvas, top) => {
        canvas.fill(this.left, top + 1.5, 8, 8, entry.colour);
        // The source's change bar beside its colour: its pattern tells apart sources whose colours repeat.
        drawBar(canvas, this.left + 11, top, top + 11, entry.pattern, entry.colour);
        const labelStyle = { ...COUNT, variant: 'bold' as const, colour: entry.colour };
        const width = this.painter.draw(canvas, entry.label, this.left + 17, top + 9, labelStyle);
        const count = this.palette.hasSources ? this.sourceCount(entry.label) : undefined;
        const room = this.geometry.textWidth - width - 17 - (count === undefined ? 0 : countWidth);
        if (entry.title !== undefined) this.painter.draw(canvas, this.painter.fit(`  ${entry.title}`, room, COUNT), this.left + 17 + width, top + 9, COUNT);
        if (count !== undefined) this.painter.drawRight(canvas, `${count} change${count === 1 ? '' : 's'}`, this.left + this.geometry.textWidth, top + 9, COUNT);
      },
    }));
  }

  private sourceCount(label: string): number {
    return label === UNATTRIBUTED_AUTHOR ? this.counts.unattributed : (this.counts.bySource[label] ?? 0);
  }

  /** The verification findings: each list of the attribution report, a line per finding (wrapped, never cut). */
  private findingLines(lines: SummaryLine[], text: (value: string, style: PlainStyle, height: number) => void): void {
    if (!this.report) return;
    const sections = findingSections(this.report, CHANGE_KIND_LABELS);
    lines.push(this.heading('Verification findings'));
    if (sections.length === 0) {
      text('None: every change is attributed to a source, and every source edit is applied as the source has it.', COUNT, 20);
      return;
    }
    text(`${findingCounts(this.report)}.`, { ...COUNT, variant: 'bold' }, 14);
    for (const section of sections) {
      text(section.title, { ...COUNT, variant: 'bold' }, 12);
      for (const item of section.items) text(`•  ${item}`, COUNT, 11);
    }
    lines.push({ height: 8, draw: () => undefined });
  }

  /** A heading of the summary; a table's stands a little further from what is above it. */
  private heading(title: string, table = false): SummaryLine {
    const gap = table ? TABLE_HEADING_HEIGHT - 16 : 0;
    return {
      height: 16 + gap,
      keepWithNext: true,
      tag: new StructElement('H2', this.section),
      draw: (canvas, top) => this.painter.draw(canvas, title, this.left, top + HEADING.size + gap, HEADING),
    };
  }

  /** The table of changes, in the summary. */
  private tableLines(entries: SummaryEntries): SummaryLine[] {
    if (entries.changes.length + entries.renumbered.length === 0) return [];
    return [this.heading('Table of changes', true), ...new ChangeTable(this.palette, this.painter, this.geometry, this.section).rows(entries)];
  }

  /** The changes by part, and where the list of every change is. */
  private partLines(entries: SummaryEntries): SummaryLine[] {
    const order = this.palette.legend(this.redline).map((entry) => entry.label);
    const parts = new PartTable(this.palette, order, this.painter, this.geometry, this.section).rows(summaryParts(entries.changes));
    const cascades = entries.renumbered.length;
    const tag = new StructElement('P', this.section);
    const link = new StructElement('Link', tag);
    // Its page number is known only once the body is laid out, and short enough for the line to fit.
    const pointer: SummaryLine = {
      height: cascades > 0 ? 18 : 24,
      tag,
      draw: (canvas, top, placed) => {
        const where = placed.listPage === undefined ? 'after the document' : `page ${placed.listPage}`;
        const x = this.left + this.painter.draw(canvas, `Every change is listed with its text in the ${CHANGE_LIST_TITLE}, `, this.left, top + 14, COUNT);
        const width = canvas.tagged(link, () => this.painter.draw(canvas, where, x, top + 14, { ...COUNT, colour: LINK_BLUE }));
        if (placed.listPage !== undefined) canvas.tagged(link, () => canvas.link(x, top + 4, width, 13, { kind: 'page', page: placed.listPage as number, top: this.geometry.bodyTop }));
        this.painter.draw(canvas, '.', x + width, top + 14, COUNT);
      },
    };
    const renumbered =
      cascades === 0
        ? []
        : this.text(this.section, `The ${this.counts.renumbered} clauses only renumbered follow the changes there, one row for each of ${cascades} cascade${cascades === 1 ? '' : 's'}.`, COUNT, 14);
    return [this.heading('Changes by part', true), ...parts, pointer, ...renumbered];
  }

  /** The list of changes at the back: its title, what it holds, and the table. */
  private listLines(entries: SummaryEntries, section: StructElement): SummaryLine[] {
    return [
      ...this.text(section, CHANGE_LIST_TITLE, TITLE, 26, 'H1'),
      ...this.text(section, 'Every change in the order of the document, linked to its page; a move gives both ends. The clauses only renumbered follow, one row per cascade.', NOTE, 18),
      ...new ChangeTable(this.palette, this.painter, this.geometry, section).rows(entries),
    ];
  }
}

/** "56 replacements, 12 deletions, 1 move": the changes by kind (renumbering is counted in the total's line). */
function kindSentence(counts: ChangeCounts): string {
  const kinds = KIND_ORDER.filter((kind) => kind !== 'renumber' && (counts.byKind[kind] ?? 0) > 0).map((kind) => plural(counts.byKind[kind] ?? 0, KIND_COUNTS[kind]));
  return kinds.length > 0 ? kinds.join(', ') : 'none (clauses only renumbered)';
}

function plural(count: number, [one, many]: readonly [string, string]): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The clause a change is in, for lists of changes (the PDF's table, the HTML redline's panel): its clause path. */
export function clauseOf(change: Change): string {
  return citation(change.location);
}
