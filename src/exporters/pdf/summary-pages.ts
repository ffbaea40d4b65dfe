/**
 * The summary at the front of a redline: what was compared, a key (the sources and their colours,
 * or the classic colours), the number of changes by kind and by source (clauses only renumbered
 * counted apart), and a table of the changes (clause path, kind, source, an excerpt, page) whose
 * rows link to the page the change is on: a clause inserted or deleted with its limbs in one row,
 * a move in one row with both ends and both pages, then the renumbered clauses, one row per
 * cascade (see `summary-entries.ts`).
 * Every line's height is known from its text alone (excerpts are cut to fit, a long clause path
 * wraps in its column), so the number of summary pages is known before the body is laid out: body
 * pages are numbered after them, and the summary is drawn once the body has placed the changes.
 */

import type { AttributionReport } from '../../attribution/report.js';
import { type Change, type ChangeCounts, type ChangeKind, countChanges } from '../../model/change-set.js';
import type { Redline } from '../../model/redline.js';
import { UNATTRIBUTED_AUTHOR } from '../../model/source.js';
import { citation } from '../change-citation.js';
import { type SummaryEntry, summaryEntries } from '../summary-entries.js';
import { findingCounts, findingSections } from './summary-findings.js';

export { excerpt } from '../summary-entries.js';

import { Canvas } from './canvas.js';
import { drawBar } from './change-bars.js';
import type { ChangePalette } from './change-palette.js';
import { BLACK, GREY, type Rgb } from './colour.js';
import type { PageGeometry } from './page-geometry.js';
import { moveEndKey, type PageSpot } from './paginator.js';
import type { RunningHeads } from './running-heads.js';
import { type ContentTag, PAGINATION_ARTIFACT, StructElement } from './structure.js';
import type { PlainStyle, TextPainter } from './text-painter.js';

export const CHANGE_KIND_LABELS: Readonly<Record<ChangeKind, string>> = {
  insert: 'Insertion',
  delete: 'Deletion',
  replace: 'Replacement',
  move: 'Move',
  format: 'Formatting',
  renumber: 'Renumbering',
  'table-row-insert': 'Row inserted',
  'table-row-delete': 'Row deleted',
};

/** The summary's headings, so that a reader (or a test) can tell summary pages from the body. */
export const SUMMARY_TITLE = 'Summary of changes';

const KIND_ORDER = Object.keys(CHANGE_KIND_LABELS) as ChangeKind[];
const LINK_BLUE: Rgb = [0.1, 0.25, 0.65];
const ROW_SHADE: Rgb = [0.955, 0.955, 0.955];
const HEADER_SHADE: Rgb = [0.88, 0.88, 0.88];
const ROW_RULE: Rgb = [0.85, 0.85, 0.85];

const TITLE: PlainStyle = { family: 'serif', variant: 'bold', size: 16, colour: BLACK };
const DOC_TITLE: PlainStyle = { family: 'serif', variant: 'bold', size: 11, colour: BLACK };
const TEXT: PlainStyle = { family: 'serif', variant: 'regular', size: 10, colour: BLACK };
const NOTE: PlainStyle = { family: 'sans', variant: 'regular', size: 8.5, colour: GREY };
const HEADING: PlainStyle = { family: 'sans', variant: 'bold', size: 9.5, colour: BLACK };
const CELL: PlainStyle = { family: 'sans', variant: 'regular', size: 7.5, colour: BLACK };
const CELL_BOLD: PlainStyle = { ...CELL, variant: 'bold' };
const COUNT: PlainStyle = { family: 'sans', variant: 'regular', size: 8.5, colour: BLACK };

const ROW_HEIGHT = 11;
/** The pitch of a wrapped clause path's further lines in a row. */
const CELL_LINE = 9;
/** A clause path longer than this many lines (a table row with a long key) is cut on its last. */
const MAX_CLAUSE_LINES = 3;
const HEADER_ROW_HEIGHT = 14;
const TABLE_HEADING_HEIGHT = 18;
const CONTINUED_HEIGHT = 24;

/** Where the body placed each change and each end of each move. */
export interface PlacedChanges {
  readonly changes: ReadonlyMap<string, PageSpot>;
  /** By `changeId:from` and `changeId:to`. */
  readonly moveEnds: ReadonlyMap<string, PageSpot>;
}

/** A line of the summary: a fixed height, and how to draw it once the changes are placed. */
interface SummaryLine {
  readonly height: number;
  /** A row of the table of changes (under the table's header row on every page). */
  readonly row?: boolean;
  /** Kept on the same page as the line after it. */
  readonly keepWithNext?: boolean;
  /** What the line is content of in the structure tree (none: it draws nothing but rules). */
  readonly tag?: ContentTag;
  draw(canvas: Canvas, top: number, placed: PlacedChanges): void;
}

type ColumnKey = 'id' | 'clause' | 'kind' | 'source' | 'change' | 'page';

interface Column {
  readonly key: ColumnKey;
  readonly title: string;
  readonly x: number;
  readonly width: number;
  readonly right?: boolean;
}

export class SummaryPages {
  private readonly redline: Redline;
  /** The attribution report, whose findings the summary lists (with sources). */
  private readonly report: AttributionReport | undefined;
  private readonly palette: ChangePalette;
  private readonly painter: TextPainter;
  private readonly geometry: PageGeometry;
  private readonly columns: Column[];
  /** The lines of each page (table header rows included). */
  private readonly pages: SummaryLine[][];
  /** The summary's section of the structure tree, and its table of changes. */
  private readonly section: StructElement;
  private readonly table: StructElement;
  private headerMade = false;

  constructor(redline: Redline, report: AttributionReport | undefined, palette: ChangePalette, painter: TextPainter, geometry: PageGeometry, heads: RunningHeads, section: StructElement) {
    this.redline = redline;
    this.report = report;
    this.palette = palette;
    this.painter = painter;
    this.geometry = geometry;
    this.section = section;
    this.table = new StructElement('Table', section);
    this.columns = columnsFor(geometry.textWidth, palette.hasSources);
    this.pages = this.paginate([...this.introLines(heads), ...this.tableLines()]);
  }

  get pageCount(): number {
    return this.pages.length;
  }

  /** Summary page `page` (1-based), with links to where the paginator placed each change. */
  draw(page: number, placed: PlacedChanges): Canvas {
    const canvas = new Canvas(this.geometry.height);
    let y = this.geometry.bodyTop;
    if (page > 1) {
      canvas.asArtifact(PAGINATION_ARTIFACT, () => this.painter.draw(canvas, `${SUMMARY_TITLE} (continued)`, this.left, y + 14, { ...TITLE, size: 12 }));
      y += CONTINUED_HEIGHT;
    }
    for (const line of this.pages[page - 1] ?? []) {
      const top = y;
      canvas.tagged(line.tag, () => line.draw(canvas, top, placed));
      y += line.height;
    }
    return canvas;
  }

  private get left(): number {
    return this.geometry.marginLeft;
  }

  /** Lines onto pages; rows of the table of changes get its header row at the top of each page. */
  private paginate(lines: readonly SummaryLine[]): SummaryLine[][] {
    const pages: SummaryLine[][] = [[]];
    const bottom = this.geometry.bodyBottom;
    let y = this.geometry.bodyTop;
    let headed = false;
    lines.forEach((line, i) => {
      const next = lines[i + 1];
      const header = line.row && !headed ? HEADER_ROW_HEIGHT : 0;
      const kept = line.keepWithNext && next ? next.height + (next.row ? HEADER_ROW_HEIGHT : 0) : 0;
      const page = pages[pages.length - 1] as SummaryLine[];
      if (page.length > 0 && y + header + line.height + kept > bottom) {
        pages.push([]);
        y = this.geometry.bodyTop + CONTINUED_HEIGHT;
        headed = false;
      }
      if (line.row && !headed) {
        (pages[pages.length - 1] as SummaryLine[]).push(this.headerRow());
        y += HEADER_ROW_HEIGHT;
        headed = true;
      }
      (pages[pages.length - 1] as SummaryLine[]).push(line);
      y += line.height;
    });
    return pages;
  }

  private introLines(heads: RunningHeads): SummaryLine[] {
    const lines: SummaryLine[] = [];
    // Wrapped, never cut: a long title or subtitle takes more lines.
    const text = (value: string, style: PlainStyle, height: number, type: 'P' | 'H1' = 'P'): void => {
      const wrapped = this.painter.wrap(value, this.geometry.textWidth, style);
      const tag = new StructElement(type, this.section);
      wrapped.forEach((line, i) => {
        const last = i === wrapped.length - 1;
        lines.push({ height: last ? height : style.size * 1.3, tag, draw: (canvas, top) => this.painter.draw(canvas, line, this.left, top + style.size, style) });
      });
    };
    text(SUMMARY_TITLE, TITLE, 26, 'H1');
    text(heads.title, DOC_TITLE, 16);
    if (heads.subtitle !== undefined) text(heads.subtitle, TEXT, 15);
    text(`Old version: ${this.redline.old.name}`, NOTE, 12);
    text(`New version: ${this.redline.new.name}`, NOTE, this.redline.view ? 12 : 20);
    const view = this.redline.view;
    if (view) {
      // A view by source: the reader must know which changes are shown and which are already in the text.
      text(`Shown as changes: ${view.shown.join(', ')}; changes no source explains are shown too.`, { ...TEXT, variant: 'bold', size: 9.5 }, 13);
      text(view.made.length > 0 ? `Taken as made (already in the old version shown, not marked): ${view.made.join(', ')}.` : 'No source is taken as made.', { ...TEXT, size: 9.5 }, 20);
    }
    const counts = countChanges(this.redline.changes);
    const { total, renumbered } = counts;
    const renumberedText = renumbered === 0 ? '' : `; ${renumbered} clause${renumbered === 1 ? '' : 's'} only renumbered (listed apart)`;
    text(total === 0 && renumbered === 0 ? 'No changes.' : `Total: ${total} change${total === 1 ? '' : 's'}${renumberedText}`, { ...TEXT, variant: 'bold', size: 10.5 }, 20);
    lines.push(this.heading('Key'));
    for (const entry of this.palette.legend(this.redline)) {
      lines.push({
        height: 13,
        tag: new StructElement('P', this.section),
        draw: (canvas, top) => {
          canvas.fill(this.left, top + 1.5, 8, 8, entry.colour);
          // The source's change bar beside its colour: its pattern tells apart sources whose colours repeat.
          drawBar(canvas, this.left + 11, top, top + 11, entry.pattern, entry.colour);
          const labelStyle = { ...COUNT, variant: 'bold' as const, colour: entry.colour };
          const width = this.painter.draw(canvas, entry.label, this.left + 17, top + 9, labelStyle);
          if (entry.title !== undefined) this.painter.draw(canvas, this.painter.fit(`  ${entry.title}`, this.geometry.textWidth - width - 17, COUNT), this.left + 17 + width, top + 9, COUNT);
        },
      });
    }
    // Renumbering is explained only where there is some (none with --ignore numbering).
    text(`Inserted text is underlined, deleted text struck through${renumbered > 0 ? '; a renumbered clause number is grey' : ''}.`, NOTE, 12);
    text('Moved text: ⇄ and a double underline, under a note naming the other end and its page.', NOTE, 12);
    text(`A bar in the outer margin marks each changed line${this.palette.hasSources ? ', labelled with its sources' : ''}${renumbered > 0 ? ' (none for renumbering)' : ''}.`, NOTE, 20);
    if (total > 0 || renumbered > 0) {
      const byKind: [string, readonly (readonly [string, number])[]] = ['Changes by kind', [...countByKind(counts), ...(renumbered > 0 ? [['Clauses only renumbered', renumbered] as const] : [])]];
      this.counts(lines, this.palette.hasSources ? [byKind, ['Changes by source', countBySource(this.redline, counts)]] : [byKind]);
    }
    this.findingLines(lines, text);
    return lines;
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

  private heading(title: string): SummaryLine {
    return { height: 16, keepWithNext: true, tag: new StructElement('H2', this.section), draw: (canvas, top) => this.painter.draw(canvas, title, this.left, top + HEADING.size, HEADING) };
  }

  /** Tables of counts side by side (by kind, by source), each a heading over label–count lines. */
  private counts(lines: SummaryLine[], tables: readonly (readonly [string, readonly (readonly [string, number])[]])[]): void {
    const width = this.geometry.textWidth / Math.max(1, tables.length);
    const x = (t: number): number => this.left + t * width;
    lines.push({
      height: 16,
      keepWithNext: true,
      draw: (canvas, top) => tables.forEach(([title], t) => canvas.tagged(new StructElement('H2', this.section), () => this.painter.draw(canvas, title, x(t), top + HEADING.size, HEADING))),
    });
    const rows = Math.max(0, ...tables.map(([, counts]) => counts.length));
    for (let r = 0; r < rows; r++) {
      lines.push({
        height: 12,
        draw: (canvas, top) =>
          tables.forEach(([, counts], t) => {
            const row = counts[r];
            if (!row) return;
            canvas.tagged(new StructElement('P', this.section), () => {
              this.painter.draw(canvas, this.painter.fit(row[0], 150, COUNT), x(t) + 8, top + 9, COUNT);
              this.painter.drawRight(canvas, String(row[1]), x(t) + 190, top + 9, COUNT);
            });
          }),
      });
    }
    lines.push({ height: 8, draw: () => undefined });
  }

  private tableLines(): SummaryLine[] {
    const entries = summaryEntries(this.redline.changes);
    if (entries.changes.length + entries.renumbered.length === 0) return [];
    const heading: SummaryLine = {
      height: TABLE_HEADING_HEIGHT,
      keepWithNext: true,
      tag: new StructElement('H2', this.section),
      draw: (canvas, top) => this.painter.draw(canvas, 'Table of changes', this.left, top + HEADING.size + 2, HEADING),
    };
    const renumbered = entries.renumbered.length === 0 ? [] : [this.sectionRow('Renumbered clauses (no change bars)'), ...entries.renumbered.map((entry, i) => this.entryRow(entry, i))];
    return [heading, ...entries.changes.map((entry, i) => this.entryRow(entry, i)), ...renumbered];
  }

  /** A row that opens a part of the table (the renumbered clauses), its title across all columns. */
  private sectionRow(title: string): SummaryLine {
    const row = new StructElement('TR', this.table);
    return {
      height: TABLE_HEADING_HEIGHT,
      row: true,
      keepWithNext: true,
      tag: row,
      draw: (canvas, top) => canvas.tagged(new StructElement('TD', row), () => this.painter.draw(canvas, title, this.left + 2, top + HEADING.size + 5, HEADING)),
    };
  }

  /** The table's header row: content on its first page, an artifact where it is repeated. */
  private headerRow(): SummaryLine {
    const first = !this.headerMade;
    this.headerMade = true;
    const cells = first ? new StructElement('TR', this.table) : undefined;
    return {
      height: HEADER_ROW_HEIGHT,
      tag: cells ?? PAGINATION_ARTIFACT,
      draw: (canvas, top) => {
        canvas.fill(this.left, top, this.geometry.textWidth, HEADER_ROW_HEIGHT, HEADER_SHADE);
        for (const column of this.columns) canvas.tagged(cells && new StructElement('TH', cells, { scope: 'Column' }), () => this.cell(canvas, column, column.title, top + 10, CELL_BOLD));
      },
    };
  }

  private entryRow(entry: SummaryEntry, index: number): SummaryLine {
    const row = new StructElement('TR', this.table);
    const id = entry.changeIds[0] as string;
    // The clause path is what a reader cites: wrapped in its column (a table row's name takes two
    // lines), not cut. Its height depends on the text alone, so the summary's pages stay known
    // before the body is laid out.
    const clauseLines = this.clauseLines(entry.clause);
    const height = ROW_HEIGHT + (clauseLines.length - 1) * CELL_LINE;
    return {
      height,
      row: true,
      tag: row,
      draw: (canvas, top, placed) => {
        const width = this.geometry.textWidth;
        if (index % 2 === 1) canvas.fill(this.left, top, width, height, ROW_SHADE);
        // A move's row gives both ends' pages, and links to each.
        const from = entry.move ? placed.moveEnds.get(moveEndKey(id, 'from')) : undefined;
        const to = entry.move ? placed.moveEnds.get(moveEndKey(id, 'to')) : undefined;
        const spot = from ?? placed.changes.get(id);
        const page = from && to ? `${from.page} → ${to.page}` : spot ? String(spot.page) : '—';
        const cells: Record<ColumnKey, string> = { id, clause: entry.clause, kind: CHANGE_KIND_LABELS[entry.kind], source: this.sourceOf(entry), change: entry.text, page };
        let pageCell: StructElement | undefined;
        for (const column of this.columns) {
          const colour = column.key === 'change' ? (entry.kind === 'renumber' ? GREY : this.palette.colour(id)) : column.key === 'page' && spot ? LINK_BLUE : BLACK;
          const cell = new StructElement('TD', row);
          if (column.key === 'page') pageCell = cell;
          if (column.key === 'clause') canvas.tagged(cell, () => clauseLines.forEach((line, i) => this.cell(canvas, column, line, top + 8 + i * CELL_LINE, { ...CELL, colour })));
          else canvas.tagged(cell, () => this.cell(canvas, column, cells[column.key], top + 8, { ...CELL, colour }));
        }
        // The row links to the change; in the structure the link is the page number's.
        if (spot) canvas.tagged(new StructElement('Link', pageCell ?? row), () => canvas.link(this.left, top, width, height, { kind: 'page', page: spot.page, top: spot.top }));
        if (to) canvas.tagged(new StructElement('Link', pageCell ?? row), () => this.linkSecondPage(canvas, top, String(to.page), to));
        canvas.line(this.left, top + height, this.left + width, top + height, ROW_RULE, 0.3);
      },
    };
  }

  /** A clause path in the lines of its column, at most `MAX_CLAUSE_LINES` (the last cut if need be). */
  private clauseLines(clause: string): string[] {
    const column = this.columns.find((c) => c.key === 'clause') as Column;
    const lines = this.painter.wrap(clause, column.width - 4, CELL);
    if (lines.length <= MAX_CLAUSE_LINES) return lines;
    return [...lines.slice(0, MAX_CLAUSE_LINES - 1), lines.slice(MAX_CLAUSE_LINES - 1).join(' ')];
  }

  /** A link over the last number of the Page cell (right-aligned) to where it points. */
  private linkSecondPage(canvas: Canvas, top: number, text: string, spot: PageSpot): void {
    const column = this.columns[this.columns.length - 1] as Column;
    const width = this.painter.width(text, CELL) + 2;
    canvas.link(this.left + column.x + column.width - width, top, width, ROW_HEIGHT, { kind: 'page', page: spot.page, top: spot.top });
  }

  private cell(canvas: Canvas, column: Column, text: string, baseline: number, style: PlainStyle): void {
    const fitted = this.painter.fit(text, column.width - 4, style);
    if (column.right) this.painter.drawRight(canvas, fitted, this.left + column.x + column.width - 2, baseline, style);
    else this.painter.draw(canvas, fitted, this.left + column.x + 2, baseline, style);
  }

  private sourceOf(entry: SummaryEntry): string {
    if (entry.sources.length > 0) return entry.sources.join(', ');
    return this.palette.hasSources && entry.kind !== 'renumber' ? UNATTRIBUTED_AUTHOR : '—';
  }
}

/** The table's columns; a Source column only when the redline has sources. */
function columnsFor(width: number, hasSources: boolean): Column[] {
  const fixed: Omit<Column, 'x'>[] = [
    { key: 'id', title: '#', width: 26 },
    { key: 'clause', title: 'Clause', width: 96 },
    { key: 'kind', title: 'Kind', width: 58 },
    ...(hasSources ? [{ key: 'source' as const, title: 'Source', width: 62 }] : []),
    { key: 'change', title: 'Change', width: 0 },
    { key: 'page', title: 'Page', width: 40, right: true },
  ];
  const flexible = width - fixed.reduce((sum, column) => sum + column.width, 0);
  let x = 0;
  return fixed.map((column) => {
    const placed = { ...column, x, width: column.width === 0 ? flexible : column.width };
    x += placed.width;
    return placed;
  });
}

function countByKind(counts: ChangeCounts): [string, number][] {
  return KIND_ORDER.map((kind): [string, number] => [CHANGE_KIND_LABELS[kind], counts.byKind[kind] ?? 0]).filter(([, count]) => count > 0);
}

function countBySource(redline: Redline, counts: ChangeCounts): [string, number][] {
  const bySource: [string, number][] = redline.sources.map((source) => [source.id, counts.bySource[source.id] ?? 0]);
  if (counts.unattributed > 0) bySource.push([UNATTRIBUTED_AUTHOR, counts.unattributed]);
  return bySource;
}

/** The clause a change is in, for lists of changes (the PDF's table, the HTML redline's panel): its clause path. */
export function clauseOf(change: Change): string {
  return citation(change.location);
}
