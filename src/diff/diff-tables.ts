/**
 * Table diff: rows aligned like blocks (exact matches, then pairing by similarity), cells of
 * paired rows diffed as stories of their own. A row whose cell structure changed is shown as the
 * old row deleted and the new row inserted.
 */
import type { Table, TableCell, TableRow } from '../model/document.js';
import type { RedlineCell, RedlineRow, RedlineTable, RowStatus, Side } from '../model/redline.js';
import { hashString } from '../util/hash.js';
import { alignSequences } from './align.js';
import { BlockInfo, diffBlocks } from './diff-blocks.js';
import type { DiffContext } from './diff-context.js';
import { dice, mergeBags, type WordBag } from './similarity.js';
import { isUnchangedBlock } from './unchanged.js';

/** Rows at least this alike are compared cell by cell. */
export const ROW_PAIR_THRESHOLD = 0.3;

interface RowInfo {
  readonly row: TableRow;
  readonly signature: string;
  readonly bag: WordBag;
}

function rowInfo(ctx: DiffContext, row: TableRow): RowInfo {
  const cells = row.cells.map((cell) => cell.blocks.map((b) => new BlockInfo(ctx, b)));
  let bag: WordBag | undefined;
  return {
    row,
    signature: hashString(cells.map((c) => c.map((b) => b.signature).join('\u0003')).join('\u0004')),
    get bag(): WordBag {
      bag ??= mergeBags(cells.flat().map((b) => b.bag));
      return bag;
    },
  };
}

export function diffTables(old: Table, neu: Table, ctx: DiffContext): RedlineTable {
  const oldRows = old.rows.map((r) => rowInfo(ctx, r));
  const newRows = neu.rows.map((r) => rowInfo(ctx, r));
  const ops = alignSequences(oldRows, newRows, {
    signature: (r) => r.signature,
    similarity: (a, b) => (sameShape(a.row, b.row) ? dice(a.bag, b.bag) : 0),
    threshold: ROW_PAIR_THRESHOLD,
    canPairAlone: (a, b) => sameShape(a.row, b.row),
  });
  const rows: RedlineRow[] = [];
  for (const op of ops) {
    if (op.type === 'delete') rows.push(wholeRow(old.rows[op.old] as TableRow, 'old', ctx));
    else if (op.type === 'insert') rows.push(wholeRow(neu.rows[op.new] as TableRow, 'new', ctx));
    else rows.push(...pairedRows(old.rows[op.old] as TableRow, neu.rows[op.new] as TableRow, ctx));
  }
  const status: RowStatus = rows.every((r) => r.status === 'equal') ? 'equal' : 'modified';
  return { type: 'table', table: neu, side: 'new', status, rows };
}

function sameShape(a: TableRow, b: TableRow): boolean {
  return a.cells.length === b.cells.length && a.cells.every((cell, i) => cell.gridSpan === (b.cells[i] as TableCell).gridSpan);
}

function pairedRows(old: TableRow, neu: TableRow, ctx: DiffContext): RedlineRow[] {
  if (!sameShape(old, neu)) return [wholeRow(old, 'old', ctx), wholeRow(neu, 'new', ctx)];
  const cells: RedlineCell[] = neu.cells.map((cell, i) => ({ cell, side: 'new', blocks: diffBlocks((old.cells[i] as TableCell).blocks, cell.blocks, ctx) }));
  const unchanged = cells.every((c) => c.blocks.every(isUnchangedBlock));
  return [{ status: unchanged ? 'equal' : 'modified', row: neu, side: 'new', cells }];
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
