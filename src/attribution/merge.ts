/**
 * `redline apply`: the new version conformed from the old one and the sources' edits, a three-way
 * merge with the old version as the common base.
 *
 * Each source's own edits (its before against its after) are carried onto the old version's
 * blocks: paragraphs changed word by word, tables row by row (the cells of a changed row as
 * stories of their own, so word by word again), blocks deleted, blocks inserted after an anchor,
 * blocks replaced whole (a split or merged paragraph, a table whose columns changed). Edits of
 * different sources to different words of one paragraph, or different rows or cells of one table,
 * are all applied; edits of two sources to the same words (or the same block, or one row deleted
 * by one and changed by another) in different ways are conflicts, never resolved silently: the policy
 * says whether to stop (`fail`), take the first source's edit (`first`) or neither (`skip`).
 */
import { counterpartStory, diffDocuments } from '../diff/compare-documents.js';
import { alignBlocks, type BlockUnit } from '../diff/diff-blocks.js';
import { alignTables, sameShape } from '../diff/diff-tables.js';
import { DiffContext } from '../diff/diff-context.js';
import { resolveDiffOptions, type DiffOptions } from '../diff/options.js';
import { diffSequences } from '../diff/sequence-diff.js';
import { Diagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Atom, Block, Document, DocxSource, Inline, InlineWrapper, Note, NoteKind, Paragraph, Table, TableCell, TableRow } from '../model/document.js';
import { PackageBuilder } from '../ooxml/package-builder.js';
import { ResourceImporter } from '../ooxml/resource-importer.js';
import type { AttributionSource } from './attribute.js';
import { alignDocuments } from './align-documents.js';
import type { CharMap } from './char-map.js';
import type { Conflict } from './report.js';

export type ConflictPolicy = 'fail' | 'first' | 'skip';

export interface MergeResult {
  /** The merged version (in the old version's package). */
  readonly document: Document;
  readonly conflicts: readonly Conflict[];
  readonly diagnostics: readonly Diagnostic[];
}

/** A word-level edit of one paragraph of the old version. */
interface WordEdit {
  readonly source: string;
  /** The source's version the inserted words come from. */
  readonly document: Document;
  readonly start: number;
  readonly end: number;
  /** The inserted text: a range of the source's paragraph. */
  readonly from: Paragraph;
  readonly insertStart: number;
  readonly insertEnd: number;
}

/**
 * A row-level edit of one table of the old version (rows by index in the old table). A changed
 * row whose cells line up with the old row's is edited in its cells (`cells`: the edits are
 * claims on the cells' blocks); otherwise it is replaced whole (`change`). `to` is the row the
 * source made, quoted in conflicts.
 */
type RowEdit =
  | { readonly kind: 'change' | 'cells'; readonly row: number; readonly to: TableRow }
  | { readonly kind: 'delete'; readonly row: number }
  /** Inserted after old row `after` (-1: before the first row). */
  | { readonly kind: 'insert'; readonly after: number; readonly rows: readonly TableRow[] };

type Claim =
  | { readonly kind: 'words'; readonly source: string; readonly edits: readonly WordEdit[] }
  | { readonly kind: 'rows'; readonly source: string; readonly from: Document; readonly edits: readonly RowEdit[] }
  | { readonly kind: 'delete'; readonly source: string }
  | { readonly kind: 'replace'; readonly source: string; readonly from: Document; readonly blocks: readonly Block[]; readonly key: string };

/** Where blocks are inserted: after an old block, or at the start of a story (its block list). */
type Anchor = Block | readonly Block[];

interface Plan {
  readonly claims: Map<Block, Claim[]>;
  /** Blocks inserted at an anchor, in source order. */
  readonly inserts: Map<Anchor, { source: string; from: Document; blocks: readonly Block[] }[]>;
}

export function mergeSources(old: Document, sources: readonly AttributionSource[], policy: ConflictPolicy, options: DiffOptions = {}): MergeResult {
  const plan: Plan = { claims: new Map(), inserts: new Map() };
  for (const source of sources) planSource(old, source, plan, options);

  const diagnostics = new Diagnostics();
  const conflicts: Conflict[] = [];
  const adopter = new Adopter(old, diagnostics);
  const story = (blocks: readonly Block[], outerLabel?: string): Block[] => {
    const inserted = (anchor: Anchor): Block[] => (plan.inserts.get(anchor) ?? []).flatMap((i) => i.blocks.map((b) => adopter.block(b, i.from)));
    const out = inserted(blocks);
    // The clause a block belongs to, for the conflicts' locations: its own label or the last one.
    let label = outerLabel;
    for (const block of blocks) {
      if (block.type === 'paragraph' && block.numbering?.label) label = block.numbering.label;
      out.push(...resolve(block, plan.claims.get(block) ?? [], policy, { conflicts, adopter, label, story }));
      out.push(...inserted(block));
    }
    return out;
  };
  const body = story(old.body);
  const footnotes = old.footnotes.map((note) => ({ ...note, blocks: story(note.blocks) }));
  const endnotes = old.endnotes.map((note) => ({ ...note, blocks: story(note.blocks) }));
  const headers = old.headers.map((header) => ({ ...header, blocks: story(header.blocks) }));
  const footers = old.footers.map((footer) => ({ ...footer, blocks: story(footer.blocks) }));
  return { document: adopter.finish({ ...old, body, footnotes, endnotes, headers, footers }), conflicts, diagnostics: diagnostics.list() };
}

/** Carries one source's edits onto the old version's blocks: the body's, the notes', the headers' and footers'. */
function planSource(old: Document, source: AttributionSource, plan: Plan, options: DiffOptions): void {
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
  let anchor: Anchor = olds;
  for (const unit of alignBlocks(before, after, ctx)) {
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
        for (const block of unit.blocks) claim(toOld.get(block), { kind: 'delete', source: id });
        break;
      case 'inserted': {
        const list = plan.inserts.get(anchor) ?? [];
        list.push({ source: id, from: source.after, blocks: unit.blocks });
        plan.inserts.set(anchor, list);
        break;
      }
    }
  }
}

function keyOf(unit: Extract<BlockUnit, { kind: 'run' }>): string {
  return JSON.stringify(unit.news.map(blockText));
}

function blockText(block: Block): string {
  if (block.type === 'paragraph') return block.inlines.map((i) => (i.type === 'text' ? i.text : i.type === 'atom' ? i.key : '')).join('');
  if (block.type === 'table') return block.rows.map((r) => r.cells.map((c) => c.blocks.map(blockText).join('\n')).join('|')).join('\n');
  return block.key;
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
  for (const segment of diffSequences(a.tokens.map((t) => t.key), b.tokens.map((t) => t.key))) {
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

/** The blocks an old block becomes, given the claims of the sources on it. */
interface Resolution {
  readonly conflicts: Conflict[];
  readonly adopter: Adopter;
  /** The clause label of the block, for conflicts. */
  readonly label: string | undefined;
  /** Resolves a story (the blocks of a table cell) with the claims on its blocks. */
  readonly story: (blocks: readonly Block[], label: string | undefined) => Block[];
}

function resolve(block: Block, claims: readonly Claim[], policy: ConflictPolicy, at: Resolution): Block[] {
  if (claims.length === 0) return [block];
  const words = claims.filter((c): c is Extract<Claim, { kind: 'words' }> => c.kind === 'words');
  if (words.length === claims.length && block.type === 'paragraph') return [mergeWords(block, words, policy, at)];
  const rows = claims.filter((c): c is Extract<Claim, { kind: 'rows' }> => c.kind === 'rows');
  if (rows.length === claims.length && block.type === 'table') return [mergeRows(block, rows, policy, at)];
  const distinct = new Map(claims.map((c) => [claimKey(c), c]));
  if (distinct.size === 1) return applyClaim(block, claims[0] as Claim, at);
  const describe = (c: Claim): string => (c.kind === 'delete' ? '' : c.kind === 'replace' ? clip(c.blocks.map(blockText).join('\n')) : c.kind === 'rows' ? '(changed rows)' : '(changed words)');
  at.conflicts.push({ sources: [...new Set(claims.map((c) => c.source))], ...(at.label !== undefined && { label: at.label }), oldText: clip(blockText(block)), texts: Object.fromEntries(claims.map((c) => [c.source, describe(c)])) });
  return policy === 'first' ? applyClaim(block, claims[0] as Claim, at) : [block];
}

/** Whole blocks in a conflict are quoted by their start: enough to find them. */
function clip(text: string, max = 300): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

function claimKey(claim: Claim): string {
  if (claim.kind === 'delete') return 'delete';
  if (claim.kind === 'replace') return `replace:${claim.key}`;
  // Row claims that meet another kind of claim on one table always conflict.
  if (claim.kind === 'rows') return 'rows';
  return `words:${claim.edits.map((e) => `${e.start}-${e.end}:${textOf(e.from, e.insertStart, e.insertEnd)}`).join('|')}`;
}

function applyClaim(block: Block, claim: Claim, at: Resolution): Block[] {
  const { adopter } = at;
  if (claim.kind === 'delete') return [];
  if (claim.kind === 'replace') return claim.blocks.map((b) => adopter.block(b, claim.from));
  if (claim.kind === 'rows') return block.type === 'table' ? [mergeRows(block, [claim], 'first', { ...at, conflicts: [] })] : [block];
  return block.type === 'paragraph' ? [applyWordEdits(block, claim.edits, adopter)] : [block];
}

/** Applies the word edits of several sources to one paragraph; overlapping different edits conflict. */
/**
 * One source's word edits in a paragraph, those only a word apart joined: what a drafter changed
 * in one go ("within 30" → "in 60" is one change, though the diff sees two). Conflicts are
 * resolved a hunk at a time, so a policy never applies half of one source's change.
 */
interface Hunk {
  readonly source: string;
  readonly edits: WordEdit[];
  start: number;
  end: number;
}

function hunksOf(paragraph: Paragraph, claim: Extract<Claim, { kind: 'words' }>): Hunk[] {
  const hunks: Hunk[] = [];
  for (const edit of [...claim.edits].sort((x, y) => x.start - y.start || x.end - y.end)) {
    const last = hunks[hunks.length - 1];
    if (last && edit.start >= last.end && /^\s*\S*\s*$/.test(textOf(paragraph, last.end, edit.start))) {
      last.edits.push(edit);
      last.end = Math.max(last.end, edit.end);
    } else hunks.push({ source: claim.source, edits: [edit], start: edit.start, end: edit.end });
  }
  return hunks;
}

const hunkText = (hunk: Hunk): string => {
  const first = hunk.edits[0] as WordEdit;
  const last = hunk.edits[hunk.edits.length - 1] as WordEdit;
  return textOf(first.from, first.insertStart, last.insertEnd);
};

/**
 * Applies the word edits of several sources to one paragraph. Sources are taken in order; a hunk
 * that collides with an earlier source's different hunk is a conflict: `first` keeps the earlier
 * source's, `skip` neither (`fail` reports it, and nothing is written).
 */
function mergeWords(paragraph: Paragraph, claims: readonly Extract<Claim, { kind: 'words' }>[], policy: ConflictPolicy, { conflicts, adopter, label }: Resolution): Paragraph {
  const kept: Hunk[] = [];
  for (const claim of claims) {
    for (const hunk of hunksOf(paragraph, claim)) {
      const clashes = kept.filter((k) => k.source !== hunk.source && overlaps(k, hunk));
      if (clashes.length === 0) {
        kept.push(hunk);
        continue;
      }
      if (clashes.every((k) => sameHunk(k, hunk))) continue;
      for (const clash of clashes) {
        conflicts.push({
          sources: [clash.source, hunk.source],
          ...(label !== undefined && { label }),
          oldText: textOf(paragraph, Math.min(clash.start, hunk.start), Math.max(clash.end, hunk.end)),
          texts: { [clash.source]: hunkText(clash), [hunk.source]: hunkText(hunk) },
        });
        if (policy === 'skip') kept.splice(kept.indexOf(clash), 1);
      }
    }
  }
  const edits = kept.flatMap((h) => h.edits).sort((x, y) => x.start - y.start || x.end - y.end);
  return applyWordEdits(paragraph, edits, adopter);
}

function sameHunk(a: Hunk, b: Hunk): boolean {
  return a.edits.length === b.edits.length && a.edits.every((edit, i) => sameEdit(edit, b.edits[i] as WordEdit));
}

function rowText(row: TableRow): string {
  return row.cells.map((c) => c.blocks.map(blockText).join('\n')).join(' | ');
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

/**
 * Applies the row edits of several sources to one table. Edits in the cells of one row by several
 * sources are merged cell by cell (word by word); a row replaced whole or deleted by one source
 * and edited otherwise by another is a conflict.
 */
function mergeRows(table: Table, claims: readonly Extract<Claim, { kind: 'rows' }>[], policy: ConflictPolicy, { conflicts, adopter, label, story }: Resolution): Table {
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
      conflicts.push({ sources: [...new Set(edits.map((e) => e.source))], ...(label !== undefined && { label }), oldText: rowText(row), texts: Object.fromEntries(edits.map((e) => [e.source, e.row ? rowText(e.row) : ''])) });
      if (policy !== 'first') chosen = undefined;
    }
    if (!chosen) rows.push(row);
    else if (chosen.kind === 'cells') rows.push({ ...row, cells: row.cells.map((cell) => ({ ...cell, blocks: story(cell.blocks, label) })) });
    else if (chosen.row) rows.push(adopter.row(chosen.row, chosen.from));
    rows.push(...insertedAfter(i));
  });
  const { xml: _xml, ...rest } = table;
  return { ...rest, rows };
}

/** Two edits collide when they replace overlapping words, or insert at the same point. */
function overlaps(a: { readonly start: number; readonly end: number }, b: { readonly start: number; readonly end: number }): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  if (a.start === a.end) return a.start > b.start && a.start < b.end;
  if (b.start === b.end) return b.start > a.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}

function sameEdit(a: WordEdit, b: WordEdit): boolean {
  return a.start === b.start && a.end === b.end && textOf(a.from, a.insertStart, a.insertEnd) === textOf(b.from, b.insertStart, b.insertEnd);
}

/** The text of a paragraph between two offsets (atoms count one character). */
function textOf(paragraph: Paragraph, start: number, end: number): string {
  return sliceInlines(paragraph, start, end)
    .map((i) => (i.type === 'text' ? i.text : ''))
    .join('');
}

/** The inlines of a paragraph between two offsets, text runs cut at the edges. */
function sliceInlines(paragraph: Paragraph, start: number, end: number): Inline[] {
  const out: Inline[] = [];
  let offset = 0;
  for (const inline of paragraph.inlines) {
    if (inline.type === 'marker') {
      if (offset >= start && offset < end) out.push(inline);
      continue;
    }
    const length = inline.type === 'text' ? inline.text.length : 1;
    const from = Math.max(start, offset);
    const to = Math.min(end, offset + length);
    if (from < to) out.push(inline.type === 'text' ? { ...inline, text: inline.text.slice(from - offset, to - offset) } : inline);
    offset += length;
  }
  return out;
}

function applyWordEdits(paragraph: Paragraph, edits: readonly WordEdit[], adopter: Adopter): Paragraph {
  let length = 0;
  for (const inline of paragraph.inlines) if (inline.type !== 'marker') length += inline.type === 'text' ? inline.text.length : 1;
  const inlines: Inline[] = [];
  let position = 0;
  for (const edit of edits) {
    inlines.push(...sliceInlines(paragraph, position, edit.start));
    inlines.push(...sliceInlines(edit.from, edit.insertStart, edit.insertEnd).map((i) => adopter.inline(i, edit.document)));
    position = Math.max(position, edit.end);
  }
  inlines.push(...sliceInlines(paragraph, position, length + 1));
  const { xml: _xml, ...rest } = paragraph;
  return { ...rest, inlines };
}

/**
 * Content taken from a source's package, adopted into the old version's package: pictures and
 * links it points at are copied over, notes it refers to are added with fresh ids, and its
 * verbatim XML is dropped so that it is written anew.
 */
class Adopter {
  private readonly old: Document;
  private readonly builder: PackageBuilder | undefined;
  private readonly importers = new Map<DocxSource, ResourceImporter>();
  private readonly notes: Record<NoteKind, Note[]> = { footnote: [], endnote: [] };
  private readonly nextNote: Record<NoteKind, number>;
  private readonly diagnostics: Diagnostics;

  constructor(old: Document, diagnostics: Diagnostics) {
    this.old = old;
    this.diagnostics = diagnostics;
    this.builder = old.docx && new PackageBuilder(old.docx.parts);
    const next = (notes: readonly Note[]): number => Math.max(0, ...notes.map((n) => Number(n.id)).filter(Number.isFinite)) + 1;
    this.nextNote = { footnote: next(old.footnotes), endnote: next(old.endnotes) };
  }

  block(block: Block, from: Document): Block {
    if (block.type === 'paragraph') {
      const { xml: _xml, ...rest } = block;
      return { ...rest, inlines: block.inlines.map((i) => this.inline(i, from)) };
    }
    if (block.type === 'table') {
      const { xml: _xml, ...rest } = block satisfies Table;
      return { ...rest, rows: block.rows.map((row) => this.row(row, from)) };
    }
    return block;
  }

  row(row: TableRow, from: Document): TableRow {
    return { ...row, cells: row.cells.map((cell) => ({ ...cell, blocks: cell.blocks.map((b) => this.block(b, from)) })) };
  }

  inline(inline: Inline, from: Document): Inline {
    if (inline.type === 'marker' || from.docx === this.old.docx) return inline;
    const remap = (xml: string): string => this.remap(xml, from);
    const adoptWrapper = (w: InlineWrapper): InlineWrapper => ({ ...w, open: remap(w.open), ...(w.parent && { parent: adoptWrapper(w.parent) }) });
    const wrapper = inline.wrapper && adoptWrapper(inline.wrapper);
    const adopted = { ...inline, ...(wrapper && { wrapper }) };
    if (adopted.type !== 'atom') return adopted;
    if (adopted.note) return this.note(adopted, adopted.note.kind, adopted.note.id, from);
    return { ...adopted, xml: remap(adopted.xml) };
  }

  /** A note reference from a source: its note is added to the old version with a fresh id. */
  private note(atom: Atom, kind: NoteKind, id: string, from: Document): Atom {
    const note = (kind === 'footnote' ? from.footnotes : from.endnotes).find((n) => n.id === id);
    if (!note) return atom;
    const fresh = String(this.nextNote[kind]++);
    this.notes[kind].push({ ...note, id: fresh, blocks: note.blocks.map((b) => this.block(b, from)) });
    return { ...atom, note: { kind, id: fresh }, xml: atom.xml.replace(/\bw:id="[^"]*"/, `w:id="${fresh}"`) };
  }

  private remap(xml: string, from: Document): string {
    if (!from.docx || !this.builder || !this.old.docx || !/\br:[a-z]+="/.test(xml)) return xml;
    let importer = this.importers.get(from.docx);
    if (!importer) {
      importer = new ResourceImporter(from.docx, this.builder, 100_000 * (this.importers.size + 1));
      this.importers.set(from.docx, importer);
    }
    const remapped = importer.remap(xml, from.docx.mainPart, this.old.docx.mainPart);
    if (remapped !== xml) this.diagnostics.info('apply/adopted-resources', 'pictures or links inserted by a source were copied into the applied version');
    return remapped;
  }

  /** The merged document, with the adopted notes and parts added. */
  finish(merged: Document): Document {
    const docx = this.old.docx && this.builder ? { ...this.old.docx, parts: this.builder.finalParts() } : undefined;
    return { ...merged, footnotes: [...merged.footnotes, ...this.notes.footnote], endnotes: [...merged.endnotes, ...this.notes.endnote], ...(docx && { docx }) };
  }
}
