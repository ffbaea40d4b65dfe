/**
 * Table diff.
 *
 * - Columns: when the two tables have a different number of columns, columns are aligned first
 *   (by header and content) and cells of inserted or deleted columns are marked as such.
 * - Rows are aligned like blocks (exact matches, then pairing by similarity). In a table keyed by
 *   its first column (a definitions table: term | definition), rows pair by that key, so an
 *   amended definition is a changed row and a new term an inserted row.
 * - Cells of paired rows are diffed as stories of their own, so a changed row shows word changes,
 *   not a deleted row and an inserted one. Rows whose cell structure changed otherwise (merged
 *   cells) are shown deleted and inserted.
 * - A row deleted in one place and inserted in another (same text, at least
 *   {@link ROW_MOVE_MIN_WORDS} words, unique in the table) is a move.
 */
import type { Table, TableCell, TableRow } from '../model/document.js';
import { isUnchangedBlock, type RedlineBlock, type RedlineCell, type RedlinePiece, type RedlineRow, type RedlineTable, type RowStatus, type Side } from '../model/redline.js';
import { pushAll } from '../util/arrays.js';
import { type AlignOp, alignSequences } from './align.js';
import { BlockInfo, diffBlocks } from './diff-blocks.js';
import type { DiffContext } from './diff-context.js';
import { bagSize, dice, mergeBags, type WordBag } from './similarity.js';

/** Rows at least this alike are compared cell by cell. */
export const ROW_PAIR_THRESHOLD = 0.3;
/** In a keyed table, rows with different keys pair only when nearly identical (a renamed term). */
const KEYED_RENAME_THRESHOLD = 0.8;
export const ROW_MOVE_MIN_WORDS = 3;
const COLUMN_PAIR_THRESHOLD = 0.3;

/** One column of the output: a column of both tables, or of one of them only. */
export interface ColumnSlot {
  readonly old?: number;
  readonly new?: number;
}

export class RowInfo {
  readonly row: TableRow;
  readonly signature: string;
  readonly key: string;
  private readonly cells: readonly (readonly BlockInfo[])[];
  private cachedBag: WordBag | undefined;

  constructor(ctx: DiffContext, row: TableRow, columns: readonly number[] | undefined) {
    this.row = row;
    const picked = columns ? columns.map((c) => row.cells[c]) : row.cells;
    this.cells = picked.map((cell) => (cell ? cell.blocks.map((b) => new BlockInfo(ctx, b)) : []));
    this.signature = this.cells.map((c) => c.map((b) => b.signature).join('\u0003')).join('\u0004');
    this.key = this.cells[0]?.map((b) => b.signature).join('\u0003') ?? '';
  }

  get bag(): WordBag {
    this.cachedBag ??= mergeBags(this.cells.flat().map((b) => b.bag));
    return this.cachedBag;
  }
}

function isRectangular(table: Table): boolean {
  const width = table.rows[0]?.cells.length ?? 0;
  return table.rows.every((row) => row.cells.length === width && row.cells.every((cell) => cell.gridSpan === 1 && cell.vMerge === undefined));
}

/** How the rows (and, when their number changed, the columns) of two tables correspond. */
export interface TableAlignment {
  readonly columns?: readonly ColumnSlot[];
  readonly ops: readonly AlignOp[];
  readonly oldRows: readonly RowInfo[];
  readonly newRows: readonly RowInfo[];
}

export function alignTables(old: Table, neu: Table, ctx: DiffContext): TableAlignment {
  const columns = alignColumns(old, neu, ctx);
  const oldRows = old.rows.map(
    (r) =>
      new RowInfo(
        ctx,
        r,
        columns?.filter((s) => s.old !== undefined && s.new !== undefined).map((s) => s.old as number),
      ),
  );
  const newRows = neu.rows.map(
    (r) =>
      new RowInfo(
        ctx,
        r,
        columns?.filter((s) => s.old !== undefined && s.new !== undefined).map((s) => s.new as number),
      ),
  );
  const keyed = isKeyed(oldRows) && isKeyed(newRows);
  // In tables of the same shape (not keyed by a first column: there a new key is a new row), rows
  // of the same shape pair however few words they share (a form's row whose one word, in a
  // drop-down, changed): a change stays a change in a cell.
  const shaped = !keyed && columns === undefined && old.rows.length === neu.rows.length && old.rows.every((row, i) => sameShape(row, neu.rows[i] as TableRow));
  const ops = alignSequences(oldRows, newRows, {
    signature: (r) => r.signature,
    similarity: (a, b) => {
      const sim = rowSimilarity(a, b, keyed, columns !== undefined);
      return shaped && sim < ROW_PAIR_THRESHOLD && sameShape(a.row, b.row) ? ROW_PAIR_THRESHOLD : sim;
    },
    threshold: ROW_PAIR_THRESHOLD,
    canPairAlone: (a, b) => columns !== undefined || sameShape(a.row, b.row),
    onLimit: (limit) => ctx.limitReached(limit),
  });
  return { ...(columns && { columns }), ops, oldRows, newRows };
}

export function diffTables(old: Table, neu: Table, ctx: DiffContext): RedlineTable {
  const { columns, ops, oldRows, newRows } = alignTables(old, neu, ctx);
  const rows: RedlineRow[] = [];
  for (const op of ops) {
    if (op.type === 'delete') rows.push(wholeRow(old.rows[op.old] as TableRow, 'old', ctx));
    else if (op.type === 'insert') rows.push(wholeRow(neu.rows[op.new] as TableRow, 'new', ctx));
    else pushAll(rows, pairedRows(old.rows[op.old] as TableRow, neu.rows[op.new] as TableRow, columns, ctx));
  }
  const withMoves = detectRowMoves(rows, ops, oldRows, newRows, ctx);
  const status: RowStatus = withMoves.every((r) => r.status === 'equal') && columns === undefined ? 'equal' : 'modified';
  const grid = columns?.map((slot) => (slot.new !== undefined ? neu.columnWidths[slot.new] : old.columnWidths[slot.old as number]) ?? 0);
  return { type: 'table', table: neu, side: 'new', status, rows: withMoves, ...(grid && { columnWidths: grid }) };
}

/**
 * Two tables whose text matched exactly: rows pair one for one, with no alignment to compute;
 * their cells are still compared for formatting.
 */
export function diffIdenticalTables(old: Table, neu: Table, ctx: DiffContext): RedlineTable {
  const rows = neu.rows.flatMap((row, i) => pairedRows(old.rows[i] as TableRow, row, undefined, ctx));
  const status: RowStatus = rows.every((r) => r.status === 'equal') ? 'equal' : 'modified';
  return { type: 'table', table: neu, side: 'new', status, rows };
}

function isKeyed(rows: readonly RowInfo[]): boolean {
  if (rows.length < 3) return false;
  const keys = new Set<string>();
  for (const row of rows) {
    if (row.key === '' || keys.has(row.key)) return false;
    keys.add(row.key);
  }
  return true;
}

function rowSimilarity(a: RowInfo, b: RowInfo, keyed: boolean, columnsChanged: boolean): number {
  if (!columnsChanged && !sameShape(a.row, b.row)) return 0;
  if (keyed) {
    if (a.key === b.key) return 1;
    const sim = dice(a.bag, b.bag);
    return sim >= KEYED_RENAME_THRESHOLD ? sim : 0;
  }
  return dice(a.bag, b.bag);
}

/** Whether two rows have the same cells: as many, spanning the same columns. */
export function sameShape(a: TableRow, b: TableRow): boolean {
  return a.cells.length === b.cells.length && a.cells.every((cell, i) => cell.gridSpan === (b.cells[i] as TableCell).gridSpan);
}

/**
 * When the tables differ in their number of columns (and neither has merged cells), which old
 * column is which new one; undefined when the columns are the same.
 */
function alignColumns(old: Table, neu: Table, ctx: DiffContext): ColumnSlot[] | undefined {
  const oldWidth = old.rows[0]?.cells.length ?? 0;
  const newWidth = neu.rows[0]?.cells.length ?? 0;
  if (oldWidth === newWidth || !isRectangular(old) || !isRectangular(neu)) return undefined;
  const column = (table: Table, c: number): { header: string; bag: WordBag } => {
    const infos = table.rows.map((row) => (row.cells[c] as TableCell).blocks.map((b) => new BlockInfo(ctx, b)));
    return { header: infos[0]?.map((b) => b.signature).join('\u0003') ?? '', bag: mergeBags(infos.flat().map((b) => b.bag)) };
  };
  const oldColumns = Array.from({ length: oldWidth }, (_, c) => column(old, c));
  const newColumns = Array.from({ length: newWidth }, (_, c) => column(neu, c));
  const ops = alignSequences(oldColumns, newColumns, {
    signature: (c) => c.header,
    similarity: (a, b) => dice(a.bag, b.bag),
    threshold: COLUMN_PAIR_THRESHOLD,
  });
  return ops.map((op): ColumnSlot => (op.type === 'delete' ? { old: op.old } : op.type === 'insert' ? { new: op.new } : { old: op.old, new: op.new }));
}

function pairedRows(old: TableRow, neu: TableRow, columns: readonly ColumnSlot[] | undefined, ctx: DiffContext): RedlineRow[] {
  if (columns) return [columnChangedRow(old, neu, columns, ctx)];
  if (!sameShape(old, neu)) return [wholeRow(old, 'old', ctx), wholeRow(neu, 'new', ctx)];
  const cells: RedlineCell[] = neu.cells.map((cell, i) => ({ cell, side: 'new', blocks: diffBlocks((old.cells[i] as TableCell).blocks, cell.blocks, ctx) }));
  const unchanged = cells.every((c) => c.blocks.every(isUnchangedBlock));
  return [{ status: unchanged ? 'equal' : 'modified', row: neu, side: 'new', cells }];
}

/** The cells of a row of a table whose columns changed, in the order of the written columns. */
export function cellPairs(old: TableRow, neu: TableRow, columns: readonly ColumnSlot[]): { old?: TableCell; neu?: TableCell }[] {
  return columns.map((slot) => {
    const oldCell = slot.old === undefined ? undefined : old.cells[slot.old];
    const newCell = slot.new === undefined ? undefined : neu.cells[slot.new];
    return { ...(oldCell && { old: oldCell }), ...(newCell && { neu: newCell }) };
  });
}

function columnChangedRow(old: TableRow, neu: TableRow, columns: readonly ColumnSlot[], ctx: DiffContext): RedlineRow {
  const cells: RedlineCell[] = cellPairs(old, neu, columns).map(({ old: oldCell, neu: newCell }) => {
    if (oldCell && newCell) return { cell: newCell, side: 'new', blocks: diffBlocks(oldCell.blocks, newCell.blocks, ctx) };
    if (newCell) return { cell: newCell, side: 'new', status: 'inserted', blocks: diffBlocks([], newCell.blocks, ctx) };
    const deleted = oldCell as TableCell;
    return { cell: deleted, side: 'old', status: 'deleted', blocks: diffBlocks(deleted.blocks, [], ctx) };
  });
  return { status: 'modified', row: neu, side: 'new', cells };
}

/** A row deleted (old side) or inserted (new side) as a whole. */
export function wholeRow(row: TableRow, side: Side, ctx: DiffContext): RedlineRow {
  const cells: RedlineCell[] = row.cells.map((cell) => ({
    cell,
    side,
    blocks: side === 'old' ? diffBlocks(cell.blocks, [], ctx) : diffBlocks([], cell.blocks, ctx),
  }));
  return { status: side === 'old' ? 'deleted' : 'inserted', row, side, cells };
}

/** A table deleted or inserted as a whole: every row deleted or inserted. */
export function wholeTable(table: Table, side: Side, ctx: DiffContext): RedlineTable {
  return { type: 'table', table, side, status: side === 'old' ? 'deleted' : 'inserted', rows: table.rows.map((row) => wholeRow(row, side, ctx)) };
}

/** Deleted and inserted rows with the same (unique) text become a moved row. */
function detectRowMoves(rows: readonly RedlineRow[], ops: readonly AlignOp[], oldRows: readonly RowInfo[], newRows: readonly RowInfo[], ctx: DiffContext): RedlineRow[] {
  if (!ctx.options.detectMoves) return [...rows];
  const count = new Map<string, number>();
  for (const row of [...oldRows, ...newRows]) count.set(row.signature, (count.get(row.signature) ?? 0) + 1);
  const deletedBySignature = new Map<string, RedlineRow>();
  const insertedBySignature = new Map<string, RedlineRow>();
  // One map per side: the two versions may share a row object (a version built from another).
  const deletedRows = new Map<TableRow, RedlineRow>();
  const insertedRows = new Map<TableRow, RedlineRow>();
  for (const row of rows) {
    if (row.status === 'deleted') deletedRows.set(row.row, row);
    else if (row.status === 'inserted') insertedRows.set(row.row, row);
  }
  for (const op of ops) {
    if (op.type === 'delete') {
      const info = oldRows[op.old] as RowInfo;
      const row = deletedRows.get(info.row);
      if (row && count.get(info.signature) === 2 && bagSize(info.bag) >= ROW_MOVE_MIN_WORDS) deletedBySignature.set(info.signature, row);
    } else if (op.type === 'insert') {
      const info = newRows[op.new] as RowInfo;
      const row = insertedRows.get(info.row);
      if (row && count.get(info.signature) === 2) insertedBySignature.set(info.signature, row);
    }
  }
  const replaced = new Map<RedlineRow, RedlineRow>();
  for (const [signature, from] of deletedBySignature) {
    const to = insertedBySignature.get(signature);
    if (!to) continue;
    const name = ctx.nextMoveName();
    replaced.set(from, asMoved(from, 'moved-from', name));
    replaced.set(to, asMoved(to, 'moved-to', name));
  }
  return rows.map((row) => replaced.get(row) ?? row);
}

/** A whole deleted (inserted) row whose content is marked moved-from (moved-to) instead. */
function asMoved(row: RedlineRow, status: 'moved-from' | 'moved-to', moveName: string): RedlineRow {
  const from = status === 'moved-from' ? 'deleted' : 'inserted';
  const block = (b: RedlineBlock): RedlineBlock => {
    if (b.type !== 'paragraph') return b;
    const pieces = b.pieces.map((p): RedlinePiece => (p.status === from ? { ...p, status, moveName } : p));
    return { ...b, pieces, moveName, ...(b.mark === from && { mark: status }) };
  };
  return { ...row, cells: row.cells.map((cell) => ({ ...cell, blocks: cell.blocks.map(block) })) };
}
