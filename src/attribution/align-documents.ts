/**
 * Character-level correspondence between two versions of a document, built with the diff core's
 * own alignment (blocks, paragraph runs with splits and merges, table rows and cells, notes):
 * the foundation of attribution, which asks of every changed character who changed it.
 */
import { alignBlocks } from '../diff/diff-blocks.js';
import type { DiffContext } from '../diff/diff-context.js';
import { alignTables, cellPairs } from '../diff/diff-tables.js';
import { MOVE_MIN_SIMILARITY, MOVE_MIN_WORDS } from '../diff/moves.js';
import { diffSequences } from '../diff/sequence-diff.js';
import { bagSize, dice } from '../diff/similarity.js';
import type { Token } from '../diff/tokenize.js';
import type { Block, Document, Note, NoteKind, Paragraph, Table, TableCell } from '../model/document.js';
import { CharMap } from './char-map.js';

export interface AlignOptions {
  /**
   * Also map paragraphs that stand elsewhere in `b` (moved), found as the diff finds moves: a
   * paragraph of at least {@link MOVE_MIN_WORDS} words left over on each side, the same text
   * (once in each) or nearly. For a source's own base against the old version, where clauses
   * may have moved since the source was drafted; never for a source's result against the new
   * version, where a paragraph found elsewhere is not where the source put it.
   */
  readonly followMoves?: boolean;
}

/** Maps every character of `a` that is unchanged in `b` to its place in `b`. */
export function alignDocuments(a: Document, b: Document, ctx: DiffContext, options: AlignOptions = {}): CharMap {
  const map = new CharMap();
  const alignBlockLists = (olds: readonly Block[], news: readonly Block[]): void => {
    const leftover: Leftover = { olds: [], news: [] };
    alignStory(olds, news, ctx, map, leftover);
    if (options.followMoves) alignMoved(leftover, ctx, map);
  };
  alignBlockLists(a.body, b.body);
  // Notes pair through their references: a reference that maps is the same note in both.
  const targets = new Map(noteReferences(b.body).map((r) => [`${referenceKey(r.paragraph, r.offset)}`, r.note]));
  for (const reference of noteReferences(a.body)) {
    const mapped = map.map(reference.paragraph, reference.offset, reference.offset + 1)[0];
    const target = mapped && targets.get(referenceKey(mapped.paragraph, mapped.start));
    const noteA = findNote(a, reference.note);
    const noteB = target && findNote(b, target);
    if (noteA && noteB) alignBlockLists(noteA.blocks, noteB.blocks);
  }
  for (const kind of ['headers', 'footers'] as const) {
    a[kind].forEach((story, i) => {
      const counterpart = b[kind][i];
      if (counterpart) alignBlockLists(story.blocks, counterpart.blocks);
    });
  }
  return map;
}

interface NoteReference {
  readonly paragraph: Paragraph;
  readonly offset: number;
  readonly note: { readonly kind: NoteKind; readonly id: string };
}

// Paragraph identity, not text, keys a reference: identical paragraphs hold different notes.
const paragraphKeys = new WeakMap<Paragraph, number>();
let nextParagraphKey = 0;
function referenceKey(paragraph: Paragraph, offset: number): string {
  let key = paragraphKeys.get(paragraph);
  if (key === undefined) {
    key = nextParagraphKey++;
    paragraphKeys.set(paragraph, key);
  }
  return `${key}:${offset}`;
}

/** The note references of a story, with their offsets (atoms count one character). */
function noteReferences(blocks: readonly Block[], out: NoteReference[] = []): NoteReference[] {
  for (const block of blocks) {
    if (block.type === 'paragraph') {
      let offset = 0;
      for (const inline of block.inlines) {
        if (inline.type === 'marker') continue;
        if (inline.type === 'atom' && inline.note) out.push({ paragraph: block, offset, note: inline.note });
        offset += inline.type === 'text' ? inline.text.length : 1;
      }
    } else if (block.type === 'table') {
      for (const row of block.rows) for (const cell of row.cells) noteReferences(cell.blocks, out);
    }
  }
  return out;
}

function findNote(doc: Document, note: { readonly kind: NoteKind; readonly id: string }): Note | undefined {
  return (note.kind === 'footnote' ? doc.footnotes : doc.endnotes).find((n) => n.id === note.id);
}

/** The paragraphs of a story that the alignment left unpaired on each side. */
interface Leftover {
  readonly olds: Paragraph[];
  readonly news: Paragraph[];
}

function alignStory(olds: readonly Block[], news: readonly Block[], ctx: DiffContext, map: CharMap, leftover: Leftover): void {
  for (const unit of alignBlocks(olds, news, ctx)) {
    if (unit.kind === 'equal') alignPair(unit.old, unit.neu, ctx, map, leftover);
    else if (unit.kind === 'run') {
      const first = unit.olds[0];
      if (first?.type === 'table' && unit.news[0]?.type === 'table') alignTableCells(first, unit.news[0], ctx, map, leftover);
      else alignParagraphRun(unit.olds.filter(isParagraph), unit.news.filter(isParagraph), ctx, map);
    } else if (unit.kind === 'deleted') leftover.olds.push(...unit.blocks.filter(isParagraph));
    else leftover.news.push(...unit.blocks.filter(isParagraph));
  }
}

/** Above this many candidate pairs only the same texts are paired (bounded cost, as in the diff). */
const SIMILARITY_PAIR_LIMIT = 250_000;

/**
 * Pairs the leftover paragraphs that are one paragraph moved, and maps their equal words.
 */
function alignMoved(leftover: Leftover, ctx: DiffContext, map: CharMap): void {
  for (const [old, neu] of pairMovedParagraphs(leftover.olds, leftover.news, ctx)) alignParagraphPair(old, neu, ctx, map);
}

/**
 * Among paragraphs deleted from one place and inserted in another, those that are one paragraph
 * moved, as the diff finds moves: at least {@link MOVE_MIN_WORDS} words, the same text once on
 * each side first, then the most alike at {@link MOVE_MIN_SIMILARITY} or more.
 */
export function pairMovedParagraphs(deleted: readonly Paragraph[], inserted: readonly Paragraph[], ctx: DiffContext): [Paragraph, Paragraph][] {
  const candidates = (list: readonly Paragraph[]): Paragraph[] => list.filter((p) => bagSize(ctx.bag(p)) >= MOVE_MIN_WORDS);
  const olds = candidates(deleted);
  const news = candidates(inserted);
  const pairs: [Paragraph, Paragraph][] = [];
  if (olds.length === 0 || news.length === 0) return pairs;
  const count = new Map<string, number>();
  for (const p of [...olds, ...news]) count.set(ctx.signature(p), (count.get(ctx.signature(p)) ?? 0) + 1);
  const newBySignature = new Map(news.map((p) => [ctx.signature(p), p]));
  const used = new Set<Paragraph>();
  for (const old of olds) {
    const match = newBySignature.get(ctx.signature(old));
    if (match && count.get(ctx.signature(old)) === 2) {
      pairs.push([old, match]);
      used.add(old).add(match);
    }
  }
  if (olds.length * news.length > SIMILARITY_PAIR_LIMIT) return pairs;
  for (const old of olds) {
    if (used.has(old)) continue;
    let best: Paragraph | undefined;
    let bestSimilarity = MOVE_MIN_SIMILARITY;
    for (const neu of news) {
      if (used.has(neu)) continue;
      const similarity = dice(ctx.bag(old), ctx.bag(neu));
      if (similarity >= bestSimilarity) {
        best = neu;
        bestSimilarity = similarity;
      }
    }
    if (best) {
      pairs.push([old, best]);
      used.add(old).add(best);
    }
  }
  return pairs;
}

/** Maps the equal words of two paragraphs known to be one paragraph (moved, or changed in place). */
export function alignParagraphPair(old: Paragraph, neu: Paragraph, ctx: DiffContext, map: CharMap): void {
  alignParagraphRun([old], [neu], ctx, map);
}

function isParagraph(block: Block): block is Paragraph {
  return block.type === 'paragraph';
}

function alignPair(old: Block, neu: Block, ctx: DiffContext, map: CharMap, leftover: Leftover): void {
  if (old.type === 'paragraph' && neu.type === 'paragraph') alignEqualParagraphs(old, neu, ctx, map);
  else if (old.type === 'table' && neu.type === 'table') alignTableCells(old, neu, ctx, map, leftover);
}

/**
 * Two paragraphs that matched exactly. When their text is the same character for character (the
 * rule, not the exception) it maps as one range; only a match under `--ignore` options needs the
 * tokens compared.
 */
function alignEqualParagraphs(old: Paragraph, neu: Paragraph, ctx: DiffContext, map: CharMap): void {
  const a = ctx.prepared(old).text;
  const b = ctx.prepared(neu).text;
  if (a === b) map.add(old, 0, a.length, neu, 0);
  else alignParagraphRun([old], [neu], ctx, map);
}

/** A table's cells are stories of their own; what is left over in them may have moved within the table. */
function alignTableCells(old: Table, neu: Table, ctx: DiffContext, map: CharMap, leftover: Leftover): void {
  const { columns, ops } = alignTables(old, neu, ctx);
  for (const op of ops) {
    if (op.type !== 'equal' && op.type !== 'pair') continue;
    const oldRow = old.rows[op.old];
    const newRow = neu.rows[op.new];
    if (!oldRow || !newRow) continue;
    const pairs: { old?: TableCell; neu?: TableCell }[] = columns
      ? cellPairs(oldRow, newRow, columns)
      : newRow.cells.map((cell, i) => ({ neu: cell, ...(oldRow.cells[i] && { old: oldRow.cells[i] }) }));
    for (const pair of pairs) if (pair.old && pair.neu) alignStory(pair.old.blocks, pair.neu.blocks, ctx, map, leftover);
  }
}

/** The tokens of a run of paragraphs as one sequence, with the paragraph of each. */
interface Located {
  readonly tokens: readonly Token[];
  readonly paragraphs: readonly Paragraph[];
}

function locate(paragraphs: readonly Paragraph[], ctx: DiffContext): Located {
  const tokens: Token[] = [];
  const owners: Paragraph[] = [];
  for (const paragraph of paragraphs) {
    for (const token of ctx.tokenized(paragraph).tokens) {
      tokens.push(token);
      owners.push(paragraph);
    }
  }
  return { tokens, paragraphs: owners };
}

/** Maps the equal tokens of a run of paragraphs (paragraph marks are not characters). */
function alignParagraphRun(olds: readonly Paragraph[], news: readonly Paragraph[], ctx: DiffContext, map: CharMap): void {
  const a = locate(olds, ctx);
  const b = locate(news, ctx);
  for (const segment of diffSequences(
    a.tokens.map((t) => t.key),
    b.tokens.map((t) => t.key),
  )) {
    if (!segment.equal) continue;
    for (let k = 0; k < segment.oldTo - segment.oldFrom; k++) {
      const x = a.tokens[segment.oldFrom + k] as Token;
      const y = b.tokens[segment.newFrom + k] as Token;
      if (x.text.length === y.text.length) map.add(a.paragraphs[segment.oldFrom + k] as Paragraph, x.start, x.end, b.paragraphs[segment.newFrom + k] as Paragraph, y.start);
    }
  }
}
