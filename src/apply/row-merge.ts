/**
 * Merging row edits of several sources in one table: rows inserted (all kept, in source order; the
 * same row once), deleted, replaced whole, or edited in their cells, cell by cell and word by word.
 */
import type { Document, Table, TableRow } from '../model/document.js';
import { pushAll } from '../util/arrays.js';
import type { Claim, ConflictPolicy, Resolution, RowEdit } from './claims.js';
import { rowText } from './merge-text.js';

/**
 * Applies the row edits of several sources to one table. Edits in the cells of one row by several
 * sources are merged cell by cell (word by word); a row replaced whole or deleted by one source
 * and edited otherwise by another is a conflict.
 */
export function mergeRows(table: Table, claims: readonly Extract<Claim, { kind: 'rows' }>[], policy: ConflictPolicy, { conflicts, adopter, label, story }: Resolution): Table {
  const outcome = new Map<number, { source: string; kind: RowEdit['kind']; row?: TableRow; from: Document }[]>();
  const inserts = new Map<number, { text: string; row: TableRow }[]>();
  for (const claim of claims) {
    for (const edit of claim.edits) {
      if (edit.kind === 'insert') {
        // Rows several sources insert at one place are all kept, in source order; the same row once.
        const list = inserts.get(edit.after) ?? [];
        for (const row of edit.rows) if (!list.some((r) => r.text === rowText(row))) list.push({ text: rowText(row), row: adopter.row(row, claim.from) });
        inserts.set(edit.after, list);
        continue;
      }
      const list = outcome.get(edit.row) ?? [];
      list.push({ source: claim.source, kind: edit.kind, from: claim.from, ...(edit.kind !== 'delete' && { row: edit.to }) });
      outcome.set(edit.row, list);
    }
  }
  const insertedAfter = (anchor: number): TableRow[] => (inserts.get(anchor) ?? []).map((i) => i.row);
  const rows: TableRow[] = insertedAfter(-1);
  table.rows.forEach((row, i) => {
    const edits = outcome.get(i) ?? [];
    const distinct = new Map(edits.map((e) => [e.kind === 'cells' ? '\u0000cells' : e.row ? rowText(e.row) : '\u0000deleted', e]));
    let chosen = edits[0];
    if (distinct.size > 1) {
      conflicts.push({
        sources: [...new Set(edits.map((e) => e.source))],
        ...(label !== undefined && { label }),
        oldText: rowText(row),
        texts: Object.fromEntries(edits.map((e) => [e.source, e.row ? rowText(e.row) : ''])),
      });
      if (policy !== 'first') chosen = undefined;
    }
    if (!chosen) rows.push(row);
    else if (chosen.kind === 'cells') rows.push({ ...row, cells: row.cells.map((cell) => ({ ...cell, blocks: story(cell.blocks, label) })) });
    else if (chosen.row) rows.push(adopter.row(chosen.row, chosen.from));
    pushAll(rows, insertedAfter(i));
  });
  const { xml: _xml, ...rest } = table;
  return { ...rest, rows };
}
