/**
 * Planning the merge: each source's own edits (its before against its after) carried onto the old
 * version's blocks as claims — paragraphs changed word by word, tables row by row (the cells of a
 * changed row as stories of their own, so word by word again), blocks deleted, blocks inserted
 * after an anchor, blocks replaced whole (a split or merged paragraph, a table whose columns
 * changed), paragraphs moved to an anchor (the old paragraph itself, so that other sources' word
 * edits in it go with it) — in the body, the notes, and the headers and footers.
 */

import { alignDocuments, pairMovedParagraphs } from '../attribution/align-documents.js';
import type { AttributionSource } from '../attribution/attribute.js';
import type { CharMap } from '../attribution/char-map.js';
import { counterpartStory, diffDocuments } from '../diff/compare-documents.js';
import { alignBlocks, type BlockUnit } from '../diff/diff-blocks.js';
import { DiffContext } from '../diff/diff-context.js';
import { alignTables, sameShape } from '../diff/diff-tables.js';
import { type DiffOptions, resolveDiffOptions } from '../diff/options.js';
import { diffSequences } from '../diff/sequence-diff.js';
import type { Block, Document, Note, Paragraph, Table, TableCell, TableRow } from '../model/document.js';
import type { Anchor, Claim, Placed, Plan, RowEdit, WordEdit } from './claims.js';
import { blockText } from './merge-text.js';

/** Carries one source's edits onto the old version's blocks: the body's, the notes', the headers' and footers'. */
export function planSource(old: Document, source: AttributionSource, plan: Plan, options: DiffOptions): void {
  const ctx = (): DiffContext => new DiffContext(resolveDiffOptions({ ...options, detectMoves: false }));
  const chars: CharMap | undefined = source.before === old ? undefined : alignDocuments(source.before, old, ctx());
  planStory(old.body, source.before.body, source.after.body, source, chars, plan, ctx());
  // Notes of the source's before and after versions, paired through their references.
  const pairs = diffDocuments(source.before, source.after, { ...options, detectMoves: false }).notes.filter((n) => n.side === 'new' && n.oldId !== undefined);
  for (const kind of ['footnote', 'endnote'] as const) {
    const notesOf = (doc: Document): readonly Note[] => (kind === 'footnote' ? doc.footnotes : doc.endnotes);
    for (const pair of pairs.filter((n) => n.kind === kind)) {
      const before = notesOf(source.before).find((n) => n.id === pair.oldId);
      const after = notesOf(source.after).find((n) => n.id === pair.id);
      const target = notesOf(old).find((n) => n.id === pair.oldId);
      if (before && after && target) planStory(target.blocks, before.blocks, after.blocks, source, chars, plan, ctx());
    }
  }
  // Headers and footers pair as the diff pairs them: the n-th of each kind and variant.
  for (const kind of ['headers', 'footers'] as const) {
    for (const target of old[kind]) {
      const before = counterpartStory(source.before[kind], old[kind], target);
      const after = counterpartStory(source.after[kind], old[kind], target);
      if (before && after) planStory(target.blocks, before.blocks, after.blocks, source, chars, plan, ctx());
    }
  }
}

function planStory(olds: readonly Block[], before: readonly Block[], after: readonly Block[], source: AttributionSource, chars: CharMap | undefined, plan: Plan, ctx: DiffContext): void {
  const toOld = blockMap(before, olds, ctx);
  const id = source.info.id;
  const claim = (block: Block | undefined, c: Claim): void => {
    if (!block) return;
    const list = plan.claims.get(block) ?? [];
    list.push(c);
    plan.claims.set(block, list);
  };
  const units = alignBlocks(before, after, ctx);
  const moved = movedParagraphs(units, ctx);
  let anchor: Anchor = olds;
  for (const unit of units) {
    switch (unit.kind) {
      case 'equal':
        anchor = toOld.get(unit.old) ?? anchor;
        break;
      case 'run': {
        const targets = unit.olds.map((b) => toOld.get(b));
        const [before1, after1] = [unit.olds[0], unit.news[0]];
        const single = unit.olds.length === 1 && unit.news.length === 1;
        if (single && before1?.type === 'paragraph' && after1?.type === 'paragraph') {
          claim(targets[0], { kind: 'words', source: id, edits: wordEdits(before1, after1, targets[0], chars, id, source.after, ctx) });
        } else if (single && before1?.type === 'table' && after1?.type === 'table' && targets[0]?.type === 'table' && sameGrid(before1, after1, targets[0])) {
          const planCells = (beforeRow: TableRow, afterRow: TableRow, targetRow: TableRow): boolean => {
            if (!sameShape(beforeRow, afterRow) || !sameShape(beforeRow, targetRow)) return false;
            targetRow.cells.forEach((cell, c) => planStory(cell.blocks, (beforeRow.cells[c] as TableCell).blocks, (afterRow.cells[c] as TableCell).blocks, source, chars, plan, ctx));
            return true;
          };
          claim(targets[0], { kind: 'rows', source: id, from: source.after, edits: rowEdits(before1, after1, targets[0], ctx, planCells) });
        } else {
          targets.forEach((target, i) => claim(target, i === 0 ? { kind: 'replace', source: id, from: source.after, blocks: unit.news, key: keyOf(unit) } : { kind: 'delete', source: id }));
        }
        anchor = targets[targets.length - 1] ?? anchor;
        break;
      }
      case 'deleted':
        // A paragraph the source moved leaves with its move (at its destination, below).
        for (const block of unit.blocks) if (!moved.from.has(block)) claim(toOld.get(block), { kind: 'delete', source: id });
        break;
      case 'inserted': {
        const items = unit.blocks.map((block): Placed => {
          const from = moved.to.get(block);
          const target = from && toOld.get(from);
          if (!from || !target || from.type !== 'paragraph' || block.type !== 'paragraph') return { kind: 'new', block };
          // The old paragraph itself goes there, with the words the source changed on the way.
          const list = plan.moves.get(target) ?? [];
          list.push({ source: id, to: anchor });
          plan.moves.set(target, list);
          const edits = wordEdits(from, block, target, chars, id, source.after, ctx);
          if (edits.length > 0) claim(target, { kind: 'words', source: id, edits });
          return { kind: 'moved', block: target };
        });
        const list = plan.inserts.get(anchor) ?? [];
        list.push({ source: id, from: source.after, items });
        plan.inserts.set(anchor, list);
        break;
      }
    }
  }
}

/**
 * The paragraphs a source moved within a story: deleted in one place and inserted in another, the
 * same paragraph as the diff finds moves (before → after, and after → before).
 */
function movedParagraphs(units: readonly BlockUnit[], ctx: DiffContext): { from: Set<Block>; to: Map<Block, Block> } {
  const deleted = units.flatMap((u) => (u.kind === 'deleted' ? u.blocks.filter((b): b is Paragraph => b.type === 'paragraph') : []));
  const inserted = units.flatMap((u) => (u.kind === 'inserted' ? u.blocks.filter((b): b is Paragraph => b.type === 'paragraph') : []));
  const pairs = pairMovedParagraphs(deleted, inserted, ctx);
  return { from: new Set(pairs.map(([b]) => b)), to: new Map(pairs.map(([b, a]) => [a, b])) };
}

function keyOf(unit: Extract<BlockUnit, { kind: 'run' }>): string {
  return JSON.stringify(unit.news.map(blockText));
}

/** Which block of the old version each block of the source's before version is. */
function blockMap(before: readonly Block[], olds: readonly Block[], ctx: DiffContext): Map<Block, Block> {
  const map = new Map<Block, Block>();
  if (before === olds) {
    for (const block of olds) map.set(block, block);
    return map;
  }
  for (const unit of alignBlocks(before, olds, ctx)) {
    if (unit.kind === 'equal') map.set(unit.old, unit.neu);
    else if (unit.kind === 'run' && unit.olds.length === 1 && unit.news.length === 1) map.set(unit.olds[0] as Block, unit.news[0] as Block);
  }
  return map;
}

/** The word edits turning `before` into `after`, on the offsets of the old paragraph `target`. */
function wordEdits(before: Paragraph, after: Paragraph, target: Block | undefined, chars: CharMap | undefined, source: string, document: Document, ctx: DiffContext): WordEdit[] {
  const a = ctx.tokenized(before);
  const b = ctx.tokenized(after);
  const offset = (tokens: typeof a.tokens, i: number): number => (i < tokens.length ? (tokens[i]?.start ?? 0) : (tokens[tokens.length - 1]?.end ?? 0));
  const edits: WordEdit[] = [];
  for (const segment of diffSequences(
    a.tokens.map((t) => t.key),
    b.tokens.map((t) => t.key),
  )) {
    if (segment.equal) continue;
    let start = offset(a.tokens, segment.oldFrom);
    let end = offset(a.tokens, segment.oldTo);
    if (chars && target?.type === 'paragraph') {
      // The source's base differs from the old version: carry the edit over by context.
      const point = (at: number): number | undefined => chars.map(before, at, at + 1).find((r) => r.paragraph === target)?.start;
      const mappedStart = start < end ? point(start) : start > 0 ? (point(start - 1) ?? -1) + 1 : 0;
      const mappedEnd = start < end ? (point(end - 1) ?? -1) + 1 : mappedStart;
      if (mappedStart === undefined || mappedEnd === undefined || mappedStart < 0) continue;
      start = mappedStart;
      end = Math.max(mappedStart, mappedEnd);
    }
    edits.push({ source, document, start, end, from: after, insertStart: offset(b.tokens, segment.newFrom), insertEnd: offset(b.tokens, segment.newTo) });
  }
  return edits;
}

/** Whether tables have one grid: the same columns, every row spanning all of them. */
function sameGrid(...tables: readonly Table[]): boolean {
  const spans = (t: Table): number[] => t.rows.map((row) => row.cells.reduce((n, cell) => n + cell.gridSpan, 0));
  const width = tables[0]?.columnWidths.length ?? 0;
  return tables.every((t) => t.columnWidths.length === width && spans(t).every((n) => n === width));
}

/**
 * The row edits turning table `before` into `after`, on the rows of the old table `target`.
 * `planCells` carries a changed row's edits into the target row's cells, when their cells line up.
 */
function rowEdits(before: Table, after: Table, target: Table, ctx: DiffContext, planCells: (before: TableRow, after: TableRow, target: TableRow) => boolean): RowEdit[] {
  const toOld = new Map<number, number>();
  if (before === target) before.rows.forEach((_, i) => toOld.set(i, i));
  else for (const op of alignTables(before, target, ctx).ops) if (op.type === 'equal' || op.type === 'pair') toOld.set(op.old, op.new);
  const edits: RowEdit[] = [];
  let anchor = -1;
  for (const op of alignTables(before, after, ctx).ops) {
    if (op.type === 'equal') anchor = toOld.get(op.old) ?? anchor;
    else if (op.type === 'pair') {
      const row = toOld.get(op.old);
      if (row !== undefined) {
        const to = after.rows[op.new] as TableRow;
        edits.push({ kind: planCells(before.rows[op.old] as TableRow, to, target.rows[row] as TableRow) ? 'cells' : 'change', row, to });
      }
      anchor = row ?? anchor;
    } else if (op.type === 'delete') {
      const row = toOld.get(op.old);
      if (row !== undefined) edits.push({ kind: 'delete', row });
    } else {
      const last = edits[edits.length - 1];
      if (last?.kind === 'insert' && last.after === anchor) edits[edits.length - 1] = { ...last, rows: [...last.rows, after.rows[op.new] as TableRow] };
      else edits.push({ kind: 'insert', after: anchor, rows: [after.rows[op.new] as TableRow] });
    }
  }
  return edits;
}
