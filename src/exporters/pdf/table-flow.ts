/**
 * Tables as flow items, one per row. Column widths come from the table's grid (or the redline's,
 * when columns were inserted or deleted), scaled down to the text width; every cell is framed;
 * the rows marked as headers at the top of the table are repeated at the top of each page it
 * continues on; a row taller than a page is split between its cells' lines. Inserted and deleted
 * rows, and the cells of inserted and deleted columns, are tinted in their change's colour.
 *
 * A DOCX table keeps its own look: cell shading (`w:shd`) and the borders its properties and
 * style give it (none where it has none); tables from text and Markdown are framed as a grid. In a
 * redline a dark shading is drawn lighter, so that black text and the change colours stay
 * readable; in a clean PDF it is drawn as it is, and text in the automatic colour turns white on
 * it, as in Word.
 */

import type { Border, TableBorders } from '../../model/document.js';
import type { RedlineBlock, RedlineRow, RedlineTable } from '../../model/redline.js';
import { maxOf } from '../../util/arrays.js';
import { blockFlow } from './block-flow.js';
import type { Canvas } from './canvas.js';
import { fromHex, isDark, type Rgb, tint } from './colour.js';
import type { ChangeBar, FlowItem, MoveEnd, RowInfo, TableInfo } from './flow.js';
import { type FlowContext, type StoryContext, TABLE_TEXT_SCALE } from './flow-context.js';
import type { Footnote } from './inline-items.js';
import { StructElement } from './structure.js';

const PAD_X = 4;
const PAD_Y = 3;
const BORDER_WIDTH = 0.5;
const BORDER_COLOUR: Rgb = [0.35, 0.35, 0.35];
/** The grid tables without borders of their own (text, Markdown) are framed with. */
const GRID: Border = { width: BORDER_WIDTH };
/** How strongly a dark cell shading is kept in a redline (see the module comment). */
const DARK_SHADING_IN_REDLINE = 0.3;

type TableCellBorders = Readonly<Partial<Record<'top' | 'bottom' | 'left' | 'right', Border | null>>>;
const TINT_STRENGTH = 0.14;
const TABLE_SPACE = 4;
const MIN_CELL_WIDTH = 12;

export function* tableFlow(block: RedlineTable, width: number, ctx: FlowContext, story: StoryContext): Generator<FlowItem, void, undefined> {
  const grid = columnGrid(block.columnWidths ?? block.table.columnWidths, block.rows, width);
  const parent = story.parent ?? ctx.structure;
  ctx.lists.end(parent);
  const element = new StructElement('Table', parent);
  const cellStory: StoryContext = { ...story, scale: TABLE_TEXT_SCALE, parent: element, inTable: true };
  const headerRows: FlowItem[] = [];
  const info: TableInfo = { headerRows };
  let leading = true;
  for (let r = 0; r < block.rows.length; r++) {
    const isHeader: boolean = leading && (block.rows[r] as RedlineRow).row.isHeader;
    leading = isHeader;
    const item = rowItem(block, r, grid, { table: info, isHeader }, ctx, cellStory);
    if (isHeader) headerRows.push(item);
    yield item;
  }
}

/** Left edges of the grid columns and the right edge of the last, in points from the table's left. */
function columnGrid(widths: readonly number[], rows: readonly RedlineRow[], available: number): number[] {
  const count = maxOf(
    rows.map((row) => row.cells.reduce((n, cell) => n + Math.max(1, cell.cell.gridSpan), 0)),
    Math.max(1, widths.length),
  );
  const known = widths.filter((w) => w > 0);
  const fallback = known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : available / count;
  const filled = Array.from({ length: count }, (_, i) => ((widths[i] ?? 0) > 0 ? (widths[i] as number) : fallback));
  const total = filled.reduce((a, b) => a + b, 0);
  const scale = total > available ? available / total : 1;
  const edges = [0];
  for (const w of filled) edges.push((edges[edges.length - 1] as number) + w * scale);
  return edges;
}

interface Positioned {
  readonly item: FlowItem;
  readonly top: number;
}

interface CellBox {
  readonly x: number;
  readonly width: number;
  readonly items: readonly Positioned[];
  readonly contentHeight: number;
  readonly tint?: Rgb;
  /** The cell's own shading, as drawn. */
  readonly shading?: Rgb;
  /** Vertically merged with the cell above or below: no border there. */
  readonly openTop: boolean;
  readonly openBottom: boolean;
  /** Its edges' borders (null: none), or undefined for the default grid. */
  readonly edges?: Readonly<Record<'top' | 'bottom' | 'left' | 'right', Border | null>>;
}

interface RowParts {
  readonly cells: readonly CellBox[];
  readonly info: RowInfo;
  readonly tint?: Rgb;
  /** The change of a row inserted or deleted as a whole. */
  readonly changeId?: string;
  /** For a row moved as a whole: which end of the move it is. */
  readonly moveEnd?: MoveEnd;
  readonly spaceBefore: number;
  readonly spaceAfter: number;
}

function rowItem(block: RedlineTable, r: number, grid: readonly number[], info: RowInfo, ctx: FlowContext, story: StoryContext): RowItem {
  const row = block.rows[r] as RedlineRow;
  const status = block.status === 'inserted' || block.status === 'deleted' ? block.status : row.status;
  const wholeRow = ctx.palette && (status === 'inserted' || status === 'deleted');
  const continuing = mergedBelow(block.rows[r + 1]);
  const columns = grid.length - 1;
  const tableBorders = block.table.borders;
  const tr = new StructElement('TR', story.parent);
  let column = 0;
  const cells = row.cells.map((cell): CellBox => {
    const start = Math.min(column, columns - 1);
    column += Math.max(1, cell.cell.gridSpan);
    const x = grid[start] as number;
    const right = Math.max(grid[Math.min(column, columns)] as number, x + MIN_CELL_WIDTH);
    // Header rows' cells head their columns; a continued vertical merge is part of the cell above.
    const cellElement = info.isHeader ? new StructElement('TH', tr, { scope: 'Column' }) : new StructElement('TD', tr);
    const fill = cell.cell.shading === undefined ? undefined : fromHex(cell.cell.shading);
    const shading = fill && ctx.palette && isDark(fill) ? tint(fill, DARK_SHADING_IN_REDLINE) : fill;
    const background = fill && !ctx.palette ? { background: fill } : {};
    const items = cell.cell.vMerge === 'continue' ? [] : [...blockFlow(cell.blocks, right - x - 2 * PAD_X, ctx, { ...story, parent: cellElement, ...background })];
    const colour = ctx.palette && cell.status ? ctx.palette.colour(firstChangeId(cell.blocks)) : undefined;
    const edges = tableBorders && cellEdges(tableBorders, cell.cell.borders, r === 0, r === block.rows.length - 1, start === 0, column >= columns);
    return {
      x,
      width: right - x,
      ...stack(items),
      ...(colour && { tint: tint(colour, TINT_STRENGTH) }),
      ...(shading && { shading }),
      openTop: cell.cell.vMerge === 'continue',
      openBottom: continuing.has(start),
      ...(edges && { edges }),
    };
  });
  return new RowItem({
    cells,
    info,
    ...(wholeRow && ctx.palette && { tint: tint(ctx.palette.colour(row.changeId), TINT_STRENGTH) }),
    ...(wholeRow && row.changeId !== undefined && { changeId: row.changeId }),
    ...(wholeRow && ctx.palette?.change(row.changeId)?.kind === 'move' && { moveEnd: status === 'deleted' ? 'from' : 'to' }),
    spaceBefore: r === 0 ? TABLE_SPACE : 0,
    spaceAfter: r === block.rows.length - 1 ? TABLE_SPACE : 0,
  });
}

/** A cell's four borders: its own, else the table's outer edge or inside line where it stands. */
function cellEdges(
  table: TableBorders,
  own: TableCellBorders | undefined,
  firstRow: boolean,
  lastRow: boolean,
  firstColumn: boolean,
  lastColumn: boolean,
): Record<'top' | 'bottom' | 'left' | 'right', Border | null> {
  const pick = (edge: 'top' | 'bottom' | 'left' | 'right', outer: boolean, inside: Border | null): Border | null => {
    const mine = own?.[edge];
    return mine !== undefined ? mine : outer ? table[edge] : inside;
  };
  return { top: pick('top', firstRow, table.insideH), bottom: pick('bottom', lastRow, table.insideH), left: pick('left', firstColumn, table.insideV), right: pick('right', lastColumn, table.insideV) };
}

/** Grid columns where the next row's cell continues a vertical merge. */
function mergedBelow(next: RedlineRow | undefined): Set<number> {
  const starts = new Set<number>();
  let column = 0;
  for (const cell of next?.cells ?? []) {
    if (cell.cell.vMerge === 'continue') starts.add(column);
    column += Math.max(1, cell.cell.gridSpan);
  }
  return starts;
}

function firstChangeId(blocks: readonly RedlineBlock[]): string | undefined {
  for (const block of blocks) {
    if (block.type === 'paragraph') {
      const id = block.pieces.find((piece) => piece.changeId !== undefined)?.changeId ?? block.markChangeId;
      if (id !== undefined) return id;
    } else if (block.type === 'table') {
      for (const row of block.rows) {
        if (row.changeId !== undefined) return row.changeId;
        for (const cell of row.cells) {
          const id = firstChangeId(cell.blocks);
          if (id !== undefined) return id;
        }
      }
    } else if (block.changeId !== undefined) {
      return block.changeId;
    }
  }
  return undefined;
}

/** Stacks a cell's items, with the space between them (none above the first). */
function stack(items: readonly FlowItem[]): { items: Positioned[]; contentHeight: number } {
  const positioned: Positioned[] = [];
  let y = 0;
  let previous: FlowItem | undefined;
  for (const item of items) {
    const top = previous ? y + previous.spaceAfter + item.spaceBefore : y;
    positioned.push({ item, top });
    y = top + item.height;
    previous = item;
  }
  return { items: positioned, contentHeight: y };
}

class RowItem implements FlowItem {
  readonly height: number;
  readonly spaceBefore: number;
  readonly spaceAfter: number;
  readonly keepWithNext: boolean;
  readonly pageBreakBefore = false;
  readonly footnotes: readonly Footnote[];
  readonly bars: readonly ChangeBar[];
  readonly row: RowInfo;
  private readonly parts: RowParts;

  constructor(parts: RowParts) {
    this.parts = parts;
    this.row = parts.info;
    this.height =
      maxOf(
        parts.cells.map((cell) => cell.contentHeight),
        0,
      ) +
      2 * PAD_Y;
    this.spaceBefore = parts.spaceBefore;
    this.spaceAfter = parts.spaceAfter;
    // A header row stays with the first row under it.
    this.keepWithNext = parts.info.isHeader;
    this.footnotes = parts.cells.flatMap((cell) => cell.items.flatMap((p) => p.item.footnotes));
    this.bars =
      parts.changeId !== undefined
        ? [{ top: 0, bottom: this.height, changeIds: [parts.changeId], ...(parts.moveEnd !== undefined && { moves: [{ changeId: parts.changeId, end: parts.moveEnd }] }) }]
        : parts.cells.flatMap((cell) => cell.items.flatMap((p) => p.item.bars.map((bar) => ({ ...bar, top: PAD_Y + p.top + bar.top, bottom: PAD_Y + p.top + bar.bottom }))));
  }

  draw(canvas: Canvas, left: number, top: number): void {
    const cells = this.parts.cells;
    const last = cells[cells.length - 1];
    if (this.parts.tint && last) canvas.fill(left, top, last.x + last.width, this.height, this.parts.tint);
    for (const cell of cells) if (cell.shading) canvas.fill(left + cell.x, top, cell.width, this.height, cell.shading);
    for (const cell of cells) if (cell.tint) canvas.fill(left + cell.x, top, cell.width, this.height, cell.tint);
    for (const cell of cells) for (const p of cell.items) p.item.draw(canvas, left + cell.x + PAD_X, top + PAD_Y + p.top);
    for (const cell of cells) this.drawBorders(canvas, cell, left + cell.x, top);
  }

  private drawBorders(canvas: Canvas, cell: CellBox, x: number, top: number): void {
    const bottom = top + this.height;
    const edges = cell.edges ?? { top: GRID, bottom: GRID, left: GRID, right: GRID };
    const line = (border: Border | null, x1: number, y1: number, x2: number, y2: number): void => {
      if (border) canvas.line(x1, y1, x2, y2, border.color === undefined ? BORDER_COLOUR : (fromHex(border.color) ?? BORDER_COLOUR), border.width);
    };
    line(edges.left, x, top, x, bottom);
    line(edges.right, x + cell.width, top, x + cell.width, bottom);
    if (!cell.openTop) line(edges.top, x, top, x + cell.width, top);
    if (!cell.openBottom) line(edges.bottom, x, bottom, x + cell.width, bottom);
  }

  split(height: number, force: boolean): readonly [FlowItem, FlowItem] | undefined {
    const room = height - 2 * PAD_Y;
    const heads: CellBox[] = [];
    const tails: CellBox[] = [];
    for (const cell of this.parts.cells) {
      let count = cell.items.findIndex((p) => p.top + p.item.height > room);
      if (count < 0) count = cell.items.length;
      if (force && count === 0 && cell.items.length > 0) count = 1;
      const rest = cell.items.slice(count);
      const shift = rest[0]?.top ?? 0;
      heads.push({ ...cell, ...stackedFrom(cell.items.slice(0, count), 0), openBottom: false });
      tails.push({ ...cell, ...stackedFrom(rest, shift), openTop: false });
    }
    if (tails.every((cell) => cell.items.length === 0) || heads.every((cell) => cell.items.length === 0)) return undefined;
    return [new RowItem({ ...this.parts, cells: heads, spaceAfter: 0 }), new RowItem({ ...this.parts, cells: tails, spaceBefore: 0 })];
  }
}

/** Items moved up by `shift`, with the height they take. */
function stackedFrom(items: readonly Positioned[], shift: number): { items: Positioned[]; contentHeight: number } {
  const moved = items.map((p) => ({ item: p.item, top: p.top - shift }));
  const last = moved[moved.length - 1];
  return { items: moved, contentHeight: last ? last.top + last.item.height : 0 };
}
