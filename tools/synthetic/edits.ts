/**
 * Edits of a synthetic document, addressed by clause and row ids: word changes, clauses inserted,
 * deleted and moved, table rows inserted, deleted and changed. `randomEdits` draws a realistic
 * release's worth of them; the edits themselves are the ground truth of what changed.
 */
import { clauseText, definitionText } from './legal-text.js';
import type { Random } from './random.js';
import type { ClauseSpec, DocSpec, LimbSpec, PartSpec, RowSpec, TableSpec } from './spec.js';

export type SpecEdit =
  | { readonly kind: 'replace-words'; readonly id: string; readonly at: number; readonly remove: number; readonly insert: readonly string[] }
  | { readonly kind: 'insert-clause'; readonly after: string; readonly clause: ClauseSpec }
  | { readonly kind: 'delete-clause'; readonly id: string }
  | { readonly kind: 'move-clause'; readonly id: string; readonly after: string }
  | { readonly kind: 'edit-cell'; readonly table: string; readonly row: string; readonly cell: number; readonly text: string }
  | { readonly kind: 'insert-row'; readonly table: string; readonly after: string; readonly row: RowSpec }
  | { readonly kind: 'delete-row'; readonly table: string; readonly row: string };

function mapText<T extends ClauseSpec | LimbSpec>(item: T, id: string, change: (text: string) => string): T {
  if (item.id === id) return { ...item, text: change(item.text) };
  return { ...item, limbs: item.limbs.map((limb) => mapText(limb, id, change)) };
}

function replaceWords(text: string, at: number, remove: number, insert: readonly string[]): string {
  const { before, inserted, after } = splitWordEdit(text, { at, remove, insert });
  return [...before, ...inserted, ...after].join(' ');
}

/** The words of a text around a word edit: those before it, those it removes and inserts, those after. */
export function splitWordEdit(
  text: string,
  edit: { readonly at: number; readonly remove: number; readonly insert: readonly string[] },
): { before: string[]; removed: string[]; inserted: string[]; after: string[] } {
  const words = text.split(' ');
  const index = Math.min(edit.at, words.length);
  // The last word (with the sentence's full stop) is never removed.
  const count = Math.min(edit.remove, Math.max(0, words.length - index - 1));
  return { before: words.slice(0, index), removed: words.slice(index, index + count), inserted: [...edit.insert], after: words.slice(index + count) };
}

function mapTable(part: PartSpec, tableId: string, change: (table: TableSpec) => TableSpec): PartSpec {
  return part.table?.id === tableId ? { ...part, table: change(part.table) } : part;
}

export function applyEdit(spec: DocSpec, edit: SpecEdit): DocSpec {
  const parts = spec.parts;
  switch (edit.kind) {
    case 'replace-words':
      return { ...spec, parts: parts.map((p) => ({ ...p, clauses: p.clauses.map((c) => mapText(c, edit.id, (t) => replaceWords(t, edit.at, edit.remove, edit.insert))) })) };
    case 'insert-clause':
      return { ...spec, parts: parts.map((p) => ({ ...p, clauses: p.clauses.flatMap((c) => (c.id === edit.after ? [c, edit.clause] : [c])) })) };
    case 'delete-clause':
      return { ...spec, parts: parts.map((p) => ({ ...p, clauses: p.clauses.filter((c) => c.id !== edit.id) })) };
    case 'move-clause': {
      const moved = parts.flatMap((p) => p.clauses).find((c) => c.id === edit.id);
      if (!moved) return spec;
      const without = applyEdit(spec, { kind: 'delete-clause', id: edit.id });
      return applyEdit(without, { kind: 'insert-clause', after: edit.after, clause: moved });
    }
    case 'edit-cell':
      return {
        ...spec,
        parts: parts.map((p) =>
          mapTable(p, edit.table, (t) => ({ ...t, rows: t.rows.map((r) => (r.id === edit.row ? { ...r, cells: r.cells.map((c, i) => (i === edit.cell ? edit.text : c)) } : r)) })),
        ),
      };
    case 'insert-row':
      return { ...spec, parts: parts.map((p) => mapTable(p, edit.table, (t) => ({ ...t, rows: t.rows.flatMap((r) => (r.id === edit.after ? [r, edit.row] : [r])) }))) };
    case 'delete-row':
      return { ...spec, parts: parts.map((p) => mapTable(p, edit.table, (t) => ({ ...t, rows: t.rows.filter((r) => r.id !== edit.row) }))) };
  }
}

/** Applies edits in order; word edits (the many) are applied in one pass over the document. */
export function applyEdits(spec: DocSpec, edits: readonly SpecEdit[]): DocSpec {
  const wordEdits = new Map<string, SpecEdit[]>();
  for (const edit of edits) {
    if (edit.kind !== 'replace-words') continue;
    const list = wordEdits.get(edit.id) ?? [];
    list.push(edit);
    wordEdits.set(edit.id, list);
  }
  const editText = <T extends ClauseSpec | LimbSpec>(item: T): T => {
    const own = wordEdits.get(item.id);
    const text = own ? own.reduce((t, e) => (e.kind === 'replace-words' ? replaceWords(t, e.at, e.remove, e.insert) : t), item.text) : item.text;
    return { ...item, text, limbs: item.limbs.map(editText) };
  };
  const worded = wordEdits.size === 0 ? spec : { ...spec, parts: spec.parts.map((p) => ({ ...p, clauses: p.clauses.map(editText) })) };
  return edits.filter((e) => e.kind !== 'replace-words').reduce(applyEdit, worded);
}

export interface RandomEditOptions {
  /** Share of words changed by word edits (0.02 = 2%). */
  readonly wordRate: number;
  readonly insertClauses: number;
  readonly deleteClauses: number;
  readonly moveClauses: number;
  readonly rowChanges: number;
  /** Id prefix for inserted clauses and rows. */
  readonly tag: string;
}

const REPLACEMENTS = ['reasonable', 'promptly', 'the Authority', 'Material', 'written', 'Relevant', 'within 20 Working Days', 'subject to Section H5', 'all', 'any relevant', 'the DCC'];

/** Disjoint random edits: each clause and row is touched by at most one edit. */
export function randomEdits(spec: DocSpec, random: Random, options: RandomEditOptions): SpecEdit[] {
  const clauses = spec.parts.flatMap((p) => p.clauses);
  const used = new Set<string>();
  const free = (): ClauseSpec | undefined => {
    for (let tries = 0; tries < 50; tries++) {
      const clause = random.pick(clauses);
      if (!used.has(clause.id)) {
        used.add(clause.id);
        return clause;
      }
    }
    return undefined;
  };
  const edits: SpecEdit[] = [];
  const totalWords = clauses.reduce((n, c) => n + c.text.split(' ').length, 0);
  let changedWords = 0;
  while (changedWords < totalWords * options.wordRate) {
    const clause = free();
    if (!clause) break;
    const words = clause.text.split(' ').length;
    const remove = 1 + random.int(3);
    const insert = random.chance(0.2) ? [] : random.pick(REPLACEMENTS).split(' ');
    edits.push({ kind: 'replace-words', id: clause.id, at: random.int(Math.max(1, words - 4)), remove, insert });
    changedWords += Math.max(remove, insert.length);
  }
  for (let i = 0; i < options.insertClauses; i++) {
    const after = free();
    if (after) edits.push({ kind: 'insert-clause', after: after.id, clause: { id: `${options.tag}-new-${i + 1}`, text: clauseText(random, 2), limbs: [] } });
  }
  for (let i = 0; i < options.deleteClauses; i++) {
    const clause = free();
    if (clause) edits.push({ kind: 'delete-clause', id: clause.id });
  }
  for (let i = 0; i < options.moveClauses; i++) {
    const clause = free();
    const after = free();
    if (clause && after) edits.push({ kind: 'move-clause', id: clause.id, after: after.id });
  }
  const tables = spec.parts.flatMap((p) => (p.table ? [p.table] : []));
  const usedRows = new Set<string>();
  for (let i = 0; i < options.rowChanges && tables.length > 0; i++) {
    const table = random.pick(tables);
    const row = random.pick(table.rows);
    if (usedRows.has(row.id)) continue;
    usedRows.add(row.id);
    const roll = random.int(3);
    if (roll === 0)
      edits.push({
        kind: 'edit-cell',
        table: table.id,
        row: row.id,
        cell: table.kind === 'definitions' ? 1 : 1 + random.int(row.cells.length - 1),
        text: table.kind === 'definitions' ? definitionText(random) : 'Revised',
      });
    else if (roll === 1) edits.push({ kind: 'delete-row', table: table.id, row: row.id });
    else edits.push({ kind: 'insert-row', table: table.id, after: row.id, row: { id: `${options.tag}-row-${i + 1}`, cells: row.cells.map((c, k) => (k === 0 ? `${c} (new)` : c)) } });
  }
  return edits;
}
