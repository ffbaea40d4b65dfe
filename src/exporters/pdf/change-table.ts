/**
 * The table of changes: a row per summary entry (clause path, kind, source, an excerpt, page),
 * linking to the page its change is on; a move's row gives both ends and both pages and links to
 * each; then the renumbered clauses, one row per cascade. Every row's height is known from its
 * text (excerpts cut to fit, a long clause path wrapped in its column).
 */
import type { ChangeKind } from '../../model/change-set.js';
import { UNATTRIBUTED_AUTHOR } from '../../model/source.js';
import type { SummaryEntries, SummaryEntry } from '../summary-entries.js';
import type { Canvas } from './canvas.js';
import type { ChangePalette } from './change-palette.js';
import { BLACK, GREY } from './colour.js';
import type { PageGeometry } from './page-geometry.js';
import { moveEndKey, type PageSpot } from './paginator.js';
import { PAGINATION_ARTIFACT, StructElement } from './structure.js';
import {
  CELL,
  CELL_BOLD,
  CELL_LINE,
  HEADER_ROW_HEIGHT,
  HEADER_SHADE,
  HEADING,
  LINK_BLUE,
  type PlacedChanges,
  ROW_HEIGHT,
  ROW_RULE,
  ROW_SHADE,
  type SummaryLine,
  TABLE_HEADING_HEIGHT,
} from './summary-layout.js';
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

/** A clause path longer than this many lines (a table row with a long key) is cut on its last. */
const MAX_CLAUSE_LINES = 3;

type ColumnKey = 'id' | 'clause' | 'kind' | 'source' | 'change' | 'page';

export interface Column<K extends string = ColumnKey> {
  readonly key: K;
  readonly title: string;
  readonly x: number;
  readonly width: number;
  readonly right?: boolean;
}

/** The parts of a table the summary and the list of changes share: columns, cells, the header row. */
export abstract class SummaryTable<K extends string> {
  protected readonly painter: TextPainter;
  protected readonly geometry: PageGeometry;
  protected readonly columns: readonly Column<K>[];
  protected readonly table: StructElement;
  private headerMade = false;

  constructor(painter: TextPainter, geometry: PageGeometry, parent: StructElement, columns: readonly Column<K>[]) {
    this.painter = painter;
    this.geometry = geometry;
    this.table = new StructElement('Table', parent);
    this.columns = columns;
  }

  /** The header row: content on its first page, an artifact where it is repeated. */
  readonly header = (): SummaryLine => {
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
  };

  protected get left(): number {
    return this.geometry.marginLeft;
  }

  protected column(key: K): Column<K> {
    return this.columns.find((c) => c.key === key) as Column<K>;
  }

  /** A cell's text in the lines of its column, at most `maxLines` (the last cut if need be). */
  protected wrapped(key: K, text: string, maxLines: number): string[] {
    const lines = this.painter.wrap(text, this.column(key).width - 4, CELL);
    if (lines.length <= maxLines) return lines;
    return [...lines.slice(0, maxLines - 1), lines.slice(maxLines - 1).join(' ')];
  }

  protected cell(canvas: Canvas, column: Column<K>, text: string, baseline: number, style: PlainStyle): void {
    const fitted = this.painter.fit(text, column.width - 4, style);
    if (column.right) this.painter.drawRight(canvas, fitted, this.left + column.x + column.width - 2, baseline, style);
    else this.painter.draw(canvas, fitted, this.left + column.x + 2, baseline, style);
  }

  /**
   * A row as tall as its tallest cell (`lines` lines), shaded every other row and ruled under; `draw`
   * fills its cells once the changes are placed.
   */
  protected row(lines: number, index: number, draw: (canvas: Canvas, top: number, placed: PlacedChanges, row: StructElement, height: number) => void): SummaryLine {
    const row = new StructElement('TR', this.table);
    const height = ROW_HEIGHT + (lines - 1) * CELL_LINE;
    return {
      height,
      header: this.header,
      tag: row,
      draw: (canvas, top, placed) => {
        if (index % 2 === 1) canvas.fill(this.left, top, this.geometry.textWidth, height, ROW_SHADE);
        draw(canvas, top, placed, row, height);
        canvas.line(this.left, top + height, this.left + this.geometry.textWidth, top + height, ROW_RULE, 0.3);
      },
    };
  }
}

export class ChangeTable extends SummaryTable<ColumnKey> {
  private readonly palette: ChangePalette;

  constructor(palette: ChangePalette, painter: TextPainter, geometry: PageGeometry, parent: StructElement) {
    super(painter, geometry, parent, layoutColumns(geometry.textWidth, changeColumns(palette.hasSources)));
    this.palette = palette;
  }

  /** The rows: the changes, then the renumbered clauses under a title row of their own. */
  rows(entries: SummaryEntries): SummaryLine[] {
    const renumbered = entries.renumbered.length === 0 ? [] : [this.titleRow('Renumbered clauses (no change bars)'), ...entries.renumbered.map((entry, i) => this.entryRow(entry, i))];
    return [...entries.changes.map((entry, i) => this.entryRow(entry, i)), ...renumbered];
  }

  /** A row that opens a part of the table (the renumbered clauses), its title across all columns. */
  private titleRow(title: string): SummaryLine {
    const row = new StructElement('TR', this.table);
    return {
      height: TABLE_HEADING_HEIGHT,
      header: this.header,
      keepWithNext: true,
      tag: row,
      draw: (canvas, top) => canvas.tagged(new StructElement('TD', row), () => this.painter.draw(canvas, title, this.left + 2, top + HEADING.size + 5, HEADING)),
    };
  }

  private entryRow(entry: SummaryEntry, index: number): SummaryLine {
    const id = entry.changeIds[0] as string;
    // The clause path is what a reader cites: wrapped in its column (a table row's name takes two
    // lines), not cut.
    const clauseLines = this.wrapped('clause', entry.clause, MAX_CLAUSE_LINES);
    return this.row(clauseLines.length, index, (canvas, top, placed, row, height) => {
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
      if (spot) canvas.tagged(new StructElement('Link', pageCell ?? row), () => canvas.link(this.left, top, this.geometry.textWidth, height, { kind: 'page', page: spot.page, top: spot.top }));
      if (to) canvas.tagged(new StructElement('Link', pageCell ?? row), () => this.linkSecondPage(canvas, top, String(to.page), to));
    });
  }

  /** A link over the last number of the Page cell (right-aligned) to where it points. */
  private linkSecondPage(canvas: Canvas, top: number, text: string, spot: PageSpot): void {
    const column = this.column('page');
    const width = this.painter.width(text, CELL) + 2;
    canvas.link(this.left + column.x + column.width - width, top, width, ROW_HEIGHT, { kind: 'page', page: spot.page, top: spot.top });
  }

  private sourceOf(entry: SummaryEntry): string {
    if (entry.sources.length > 0) return entry.sources.join(', ');
    return this.palette.hasSources && entry.kind !== 'renumber' ? UNATTRIBUTED_AUTHOR : '—';
  }
}

/** The table's columns; a Source column only when the redline has sources. */
function changeColumns(hasSources: boolean): Omit<Column<ColumnKey>, 'x'>[] {
  return [
    { key: 'id', title: '#', width: 26 },
    { key: 'clause', title: 'Clause', width: 96 },
    { key: 'kind', title: 'Kind', width: 58 },
    ...(hasSources ? [{ key: 'source' as const, title: 'Source', width: 62 }] : []),
    { key: 'change', title: 'Change', width: 0 },
    { key: 'page', title: 'Page', width: 40, right: true },
  ];
}

/** Columns side by side across `width`; the one of width 0 takes what the others leave. */
export function layoutColumns<K extends string>(width: number, fixed: readonly Omit<Column<K>, 'x'>[]): Column<K>[] {
  const flexible = width - fixed.reduce((sum, column) => sum + column.width, 0);
  let x = 0;
  return fixed.map((column) => {
    const placed = { ...column, x, width: column.width === 0 ? flexible : column.width };
    x += placed.width;
    return placed;
  });
}
