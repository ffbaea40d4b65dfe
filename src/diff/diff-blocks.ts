/**
 * Block-level diff of a story (the body, a table cell, a note): aligns the blocks, groups
 * paragraphs into runs for the word diff (detecting splits and merges), diffs tables row by row,
 * and makes sure the story's paragraph marks stay valid for Word's accept/reject.
 */
import type { Block, Paragraph, Table, TableRow } from '../model/document.js';
import type { RedlineBlock, RedlineParagraph } from '../model/redline.js';
import { pushAll } from '../util/arrays.js';
import { assertNever } from '../util/assert-never.js';
import { type AlignOp, type InternedSequences, internSignatures, type PairingOptions, visitAlignment } from './align.js';
import type { DiffContext } from './diff-context.js';
import { diffParagraphPair, diffParagraphRun, isUnchangedParagraph, unchangedParagraph, wholeParagraphs } from './diff-paragraphs.js';
import { diffIdenticalTables, diffTables, sameShape, wholeTable } from './diff-tables.js';
import { detectMoves, MOVE_MIN_WORDS } from './moves.js';
import { dice, EMPTY_BAG, mergeBags, type WordBag } from './similarity.js';
import { fixStoryMarks } from './story-marks.js';
import { isWhiteSpaceCode } from './tokenize.js';

/** Paragraphs at least this alike (Dice of their words) are paired as one changed paragraph. */
export const PARAGRAPH_PAIR_THRESHOLD = 0.4;
/** Tables at least this alike are compared row by row (otherwise deleted and inserted). */
export const TABLE_PAIR_THRESHOLD = 0.2;
/** A split or merge is recognised when joining a neighbour raises the similarity by this much. */
const SPLIT_GAIN = 0.1;

/** A block's exact-match signature, and its word bag (computed only if it is ever needed). */
export class BlockInfo {
  readonly block: Block;
  readonly signature: string;
  private readonly ctx: DiffContext;
  private cachedBag: WordBag | undefined;
  private cachedRowKeys: readonly string[] | undefined;

  /** `signature`: the block's signature when the caller has it already (tables make theirs anew). */
  constructor(ctx: DiffContext, block: Block, signature?: string) {
    this.ctx = ctx;
    this.block = block;
    if (block.type === 'table') {
      // Made once: the signature is the rows' keys, which similarity needs too.
      this.cachedRowKeys = rowKeys(ctx, block);
      this.signature = tableSignature(this.cachedRowKeys);
    } else {
      this.signature = signature ?? blockSignature(ctx, block);
    }
  }

  get bag(): WordBag {
    this.cachedBag ??= blockBag(this.ctx, this.block);
    return this.cachedBag;
  }

  /** A table's rows, each as the exact-match key of its cells (empty for other blocks). */
  get rowKeys(): readonly string[] {
    this.cachedRowKeys ??= this.block.type === 'table' ? rowKeys(this.ctx, this.block) : [];
    return this.cachedRowKeys;
  }
}

function blockSignature(ctx: DiffContext, block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return ctx.computeSignature(block);
    case 'table':
      return tableSignature(rowKeys(ctx, block));
    case 'opaque':
      return `\u0002o${block.key}`;
  }
}

/**
 * The content controls (custom XML) a block stands in, as part of its exact-match signature: of
 * two blocks that read alike, the one in the same control is the same block (the other goes with
 * the control it lost or gained), so each view keeps its controls around the right text.
 */
function containersOf(block: Block): string {
  let keys = '';
  for (let c = block.container; c; c = c.parent) keys += `\u0007${c.key}`;
  return keys;
}

/** The rows' text itself, like a paragraph's: maps hash strings natively, faster than a hash in script. */
function tableSignature(rowKeys: readonly string[]): string {
  return `\u0002t${rowKeys.join('\u0005')}`;
}

function rowKeys(ctx: DiffContext, table: Table): string[] {
  return table.rows.map((row) => row.cells.map((cell) => cell.blocks.map((b) => blockSignature(ctx, b)).join('\u0003')).join('\u0004'));
}

/**
 * Dice of two tables' multisets of rows (identical rows in common). Rows without text are left
 * out: blank rows that two different tables share say nothing about their being one table.
 */
function rowDice(a: readonly string[], b: readonly string[]): number {
  const counts = new Map<string, number>();
  let total = 0;
  for (const key of a) {
    if (!hasText(key)) continue;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    total++;
  }
  let shared = 0;
  for (const key of b) {
    if (!hasText(key)) continue;
    total++;
    const left = counts.get(key) ?? 0;
    if (left > 0) {
      shared++;
      counts.set(key, left - 1);
    }
  }
  return total === 0 ? 0 : (2 * shared) / total;
}

/** Whether a row key holds anything but white space and the cell and block separators. */
function hasText(key: string): boolean {
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c !== 3 && c !== 4 && !isWhiteSpaceCode(c)) return true;
  }
  return false;
}

function blockBag(ctx: DiffContext, block: Block): WordBag {
  switch (block.type) {
    case 'paragraph':
      return ctx.bag(block);
    case 'table':
      return mergeBags(block.rows.flatMap((row) => row.cells.flatMap((cell) => cell.blocks.map((b) => blockBag(ctx, b)))));
    case 'opaque':
      return EMPTY_BAG;
  }
}

function sameTableShape(a: Table, b: Table): boolean {
  return a.rows.length === b.rows.length && a.rows.every((row, i) => sameShape(row, b.rows[i] as TableRow));
}

/** How alike two paragraphs that share a bookmark or comment count at least. */
const ANCHORED_SIMILARITY = 0.9;

/**
 * What names a paragraph in both versions: the ranges it starts (bookmarks, comments; Word's
 * last-edit bookmark left out) and the content controls it holds (by their ids).
 */
function anchorsOf(paragraph: Paragraph): string[] {
  const out: string[] = [];
  for (const inline of paragraph.inlines) {
    if (inline.type === 'marker') {
      if (inline.range?.role === 'start' && inline.range.name !== 'bookmark _GoBack') out.push(inline.range.name);
    } else if (inline.wrapper?.kind === 'content-control' && out[out.length - 1] !== inline.wrapper.key) {
      out.push(inline.wrapper.key);
    }
  }
  return out;
}

function shareAnchor(a: Paragraph, b: Paragraph): boolean {
  const anchors = anchorsOf(a);
  return anchors.length > 0 && anchorsOf(b).some((name) => anchors.includes(name));
}

/**
 * Tables with at least this share of identical rows are as alike as that share says, without
 * counting their words (a long definitions table would need every cell's words).
 */
const TABLE_ROWS_ALIKE = 0.5;

function blockSimilarity(a: BlockInfo, b: BlockInfo): number {
  if (a.block.type !== b.block.type || a.block.type === 'opaque') return 0;
  if (a.block.type === 'paragraph') {
    const sim = dice(a.bag, b.bag);
    // A bookmark, comment or content control both paragraphs hold says they are one paragraph,
    // however rewritten (a heading's table-of-contents bookmark, a form field's paragraph): paired
    // before any merely similar paragraph, the range or control keeps its place in both views.
    return sim < ANCHORED_SIMILARITY && shareAnchor(a.block, b.block as Paragraph) ? ANCHORED_SIMILARITY : sim;
  }
  const rows = rowDice(a.rowKeys, b.rowKeys);
  const sim = rows >= TABLE_ROWS_ALIKE ? rows : dice(a.bag, b.bag);
  // Tables are scaled so that one threshold serves both kinds of block.
  const scaled = Math.min(1, (sim * PARAGRAPH_PAIR_THRESHOLD) / TABLE_PAIR_THRESHOLD);
  // A table of the same shape (rows, and cells in each) is the same table, however few its words
  // (a form whose one filled-in word changed): its changes stay changes in its cells.
  return scaled < PARAGRAPH_PAIR_THRESHOLD && sameTableShape(a.block, b.block as Table) ? PARAGRAPH_PAIR_THRESHOLD : scaled;
}

/**
 * How two block lists correspond, in reading order: blocks equal, runs of paragraphs (a changed
 * paragraph, or a split or merge) or a pair of tables compared together, and blocks deleted or
 * inserted (deletions first within a region).
 */
export type BlockUnit =
  | {
      readonly kind: 'equal';
      readonly old: Block;
      readonly neu: Block;
      /**
       * Two paragraphs of one text run each whose signatures are those runs' text: their texts
       * are known equal without comparing them again (most matched paragraphs of a document).
       */
      readonly sameText?: boolean;
    }
  | { readonly kind: 'run'; readonly olds: readonly Block[]; readonly news: readonly Block[] }
  | { readonly kind: 'deleted'; readonly blocks: readonly Block[] }
  | { readonly kind: 'inserted'; readonly blocks: readonly Block[] };

/**
 * One side of a story, for alignment: every block's signature, and block infos (word bags, row
 * keys) made only for the blocks that need them, those between exact matches; most blocks of a
 * long story match exactly and need no more than their signature.
 */
class StorySide {
  readonly blocks: readonly Block[];
  readonly signatures: readonly string[];
  /** 0, 1, 2…: the items the alignment works on, standing for the blocks. */
  readonly positions: readonly number[];
  private readonly ctx: DiffContext;
  private readonly infos = new Map<number, BlockInfo>();

  constructor(ctx: DiffContext, blocks: readonly Block[]) {
    this.ctx = ctx;
    this.blocks = blocks;
    this.signatures = blocks.map((block, i) => {
      if (block.type !== 'table') return block.container ? blockSignature(ctx, block) + containersOf(block) : blockSignature(ctx, block);
      const info = new BlockInfo(ctx, block);
      this.infos.set(i, info);
      return block.container ? info.signature + containersOf(block) : info.signature;
    });
    this.positions = blocks.map((_, i) => i);
  }

  info(index: number): BlockInfo {
    let info = this.infos.get(index);
    if (info === undefined) {
      info = new BlockInfo(this.ctx, this.blocks[index] as Block, this.signatures[index]);
      this.infos.set(index, info);
    }
    return info;
  }

  isParagraph(index: number): boolean {
    return (this.blocks[index] as Block).type === 'paragraph';
  }

  /**
   * Whether the block is a paragraph of one text run whose signature is that run's text (no
   * atoms, nothing normalised): the signature then stands for the text itself. Unless options
   * normalise the text, the two are the very same string object, and comparing them costs nothing.
   */
  signatureIsText(index: number): boolean {
    const block = this.blocks[index] as Block;
    if (block.type !== 'paragraph') return false;
    let text: string | undefined;
    for (const inline of block.inlines) {
      if (inline.type === 'marker') continue;
      if (inline.type !== 'text' || text !== undefined) return false;
      text = inline.text;
    }
    return text === this.signatures[index];
  }
}

/** The unit of two blocks that matched exactly (equal signatures). */
function equalUnit(old: StorySide, neu: StorySide, i: number, j: number): BlockUnit {
  return { kind: 'equal', old: old.blocks[i] as Block, neu: neu.blocks[j] as Block, sameText: old.signatureIsText(i) && neu.signatureIsText(j) };
}

/** Aligns two block lists (one story): exact matches, then pairs, splits and merges. */
export function alignBlocks(olds: readonly Block[], news: readonly Block[], ctx: DiffContext): BlockUnit[] {
  const old = new StorySide(ctx, olds);
  const neu = new StorySide(ctx, news);
  const units: BlockUnit[] = [];
  visitBlockUnits(
    old,
    neu,
    () => internSides(old, neu),
    (unit) => units.push(unit),
    ctx,
  );
  return units;
}

function internSides(old: StorySide, neu: StorySide): InternedSequences {
  return internSignatures(old.signatures, neu.signatures, (signature) => signature);
}

/** Hands the units of two story sides to `visit` in reading order, as the alignment finds them. */
function visitBlockUnits(old: StorySide, neu: StorySide, interned: () => InternedSequences, visit: (unit: BlockUnit) => void, ctx: DiffContext): void {
  // Most stories of a table's cells, headers and notes did not change at all.
  if (old.blocks.length === neu.blocks.length && old.signatures.every((signature, i) => signature === neu.signatures[i])) {
    old.blocks.forEach((_, i) => visit(equalUnit(old, neu, i, i)));
    return;
  }
  let region: AlignOp[] = [];
  const flush = (): void => {
    if (region.length > 0) regionUnits(region, old, neu).forEach(visit);
    region = [];
  };
  const options: PairingOptions<number> = {
    onLimit: (limit) => ctx.limitReached(limit),
    similarity: (i: number, j: number) => blockSimilarity(old.info(i), neu.info(j)),
    threshold: PARAGRAPH_PAIR_THRESHOLD,
    clearlyAlike: (i: number, j: number) => old.isParagraph(i) && neu.isParagraph(j) && sameInPlace(old.signatures[i] as string, neu.signatures[j] as string) >= CLEARLY_ALIKE,
    // A paragraph found verbatim on the other side was moved there: pairing it with whatever
    // stands in its old place would hide the move behind an unrelated rewrite.
    canPairAlone: (i: number, j: number, aInNew: boolean, bInOld: boolean) =>
      (old.isParagraph(i) && neu.isParagraph(j) && !(aInNew && hasWords(old.signatures[i] as string, MOVE_MIN_WORDS)) && !(bInOld && hasWords(neu.signatures[j] as string, MOVE_MIN_WORDS))) ||
      (old.blocks[i]?.type === 'table' && neu.blocks[j]?.type === 'table' && sameTableShape(old.blocks[i] as Table, neu.blocks[j] as Table)),
  };
  visitAlignment(old.positions, neu.positions, options, interned(), (op) => {
    if (op.type !== 'equal') {
      region.push(op);
      return;
    }
    flush();
    visit(equalUnit(old, neu, op.old, op.new));
  });
  flush();
}

/**
 * Paragraphs that keep this share of their text in place (the same beginning and end around
 * one changed stretch) are paired without weighing their words: nearly all their words are
 * shared, far above the pairing threshold, and no other pairing in the gap could do better.
 */
const CLEARLY_ALIKE = 0.8;

/** The share of the longer text that the two share as a common beginning and end. */
function sameInPlace(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 1;
  const shorter = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < shorter && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  return (prefix + suffix) / longer;
}

/** Whether the text has at least `count` runs of non-space characters (counted without splitting it). */
function hasWords(text: string, count: number): boolean {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length && words < count; i++) {
    const space = isWhiteSpaceCode(text.charCodeAt(i));
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words >= count;
}

/** Diffs two block lists (one story) into redline blocks. */
export function diffBlocks(olds: readonly Block[], news: readonly Block[], ctx: DiffContext): RedlineBlock[] {
  if (isUnchangedStory(olds, news, ctx)) return news.map((neu, i) => unchangedParagraph(olds[i] as Paragraph, neu as Paragraph, ctx));
  const old = new StorySide(ctx, olds);
  const neu = new StorySide(ctx, news);
  let interned: InternedSequences | undefined;
  const internedOnce = (): InternedSequences => (interned ??= internSides(old, neu));
  const out: RedlineBlock[] = [];
  visitBlockUnits(
    old,
    neu,
    internedOnce,
    (unit) => {
      switch (unit.kind) {
        case 'equal':
          equalBlock(unit.old, unit.neu, unit.sameText === true, ctx, out);
          break;
        case 'run': {
          const first = unit.olds[0] as Block;
          if (first.type === 'table') out.push(diffTables(first, unit.news[0] as Table, ctx));
          else pushAll(out, paragraphRun(unit.olds as Paragraph[], unit.news as Paragraph[], ctx));
          break;
        }
        case 'deleted':
          pushAll(out, unpairedBlocks(unit.blocks, 'old', ctx));
          break;
        case 'inserted':
          pushAll(out, unpairedBlocks(unit.blocks, 'new', ctx));
          break;
      }
    },
    ctx,
  );
  let counts: Int32Array | undefined;
  const countOf = (signature: string): number => {
    const { oldIds, newIds, ids } = internedOnce();
    if (!counts) {
      counts = new Int32Array(ids.size);
      for (const id of oldIds) counts[id] = (counts[id] as number) + 1;
      for (const id of newIds) counts[id] = (counts[id] as number) + 1;
    }
    const id = ids.get(signature);
    return id === undefined ? 0 : (counts[id] as number);
  };
  return fixStoryMarks(ctx.options.detectMoves ? detectMoves(out, countOf, ctx) : out);
}

/**
 * Whether two stories are the same paragraphs, runs and formatting included: most cells, notes
 * and headers did not change, and need no alignment, move detection or mark fixing.
 */
function isUnchangedStory(olds: readonly Block[], news: readonly Block[], ctx: DiffContext): boolean {
  if (olds.length !== news.length) return false;
  for (let i = 0; i < olds.length; i++) {
    const old = olds[i] as Block;
    const neu = news[i] as Block;
    if (old.type !== 'paragraph' || neu.type !== 'paragraph' || !isUnchangedParagraph(old, neu, ctx)) return false;
  }
  return true;
}

/** Appends the redline of two blocks that matched exactly (a paragraph may still differ in formatting). */
function equalBlock(old: Block, neu: Block, sameText: boolean, ctx: DiffContext, out: RedlineBlock[]): void {
  // Blocks match only when their signatures do, and signatures differ between kinds.
  switch (neu.type) {
    case 'paragraph':
      if (isUnchangedParagraph(old as Paragraph, neu, ctx, sameText)) out.push(unchangedParagraph(old as Paragraph, neu, ctx));
      else pushAll(out, paragraphRun([old as Paragraph], [neu], ctx));
      break;
    case 'table':
      out.push(diffIdenticalTables(old as Table, neu, ctx));
      break;
    case 'opaque':
      out.push({ type: 'opaque', block: neu, side: 'new', status: 'equal' });
      break;
    default:
      assertNever(neu, 'block');
  }
}

function paragraphRun(olds: readonly Paragraph[], news: readonly Paragraph[], ctx: DiffContext): RedlineParagraph[] {
  if (olds.length === 0 || news.length === 0) return wholeParagraphs(olds.length === 0 ? news : olds, olds.length === 0 ? 'new' : 'old', ctx);
  if (olds.length === 1 && news.length === 1) return diffParagraphPair(olds[0] as Paragraph, news[0] as Paragraph, ctx);
  return diffParagraphRun(
    olds.map((p) => ctx.tokenized(p)),
    news.map((p) => ctx.tokenized(p)),
    ctx,
  );
}

/** A unit of output: paragraphs compared together, or one table/opaque block. */
interface Run {
  readonly olds: number[];
  readonly news: number[];
}

/**
 * The units of the blocks between two exact matches. Pairs become runs; unpaired paragraphs next
 * to a run join it when that explains them better (a split or a merge); what is left is deleted
 * or inserted, deletions first.
 */
function regionUnits(ops: readonly AlignOp[], old: StorySide, neu: StorySide): BlockUnit[] {
  if (ops.length === 0) return [];
  const only = ops[0] as AlignOp;
  // The commonest region, one changed block, has no neighbours to absorb.
  if (ops.length === 1 && only.type === 'pair') return [{ kind: 'run', olds: [old.blocks[only.old] as Block], news: [neu.blocks[only.new] as Block] }];
  const runs: Run[] = [];
  const unpairedOld = new Set<number>();
  const unpairedNew = new Set<number>();
  for (const op of ops) {
    if (op.type === 'pair') runs.push({ olds: [op.old], news: [op.new] });
    else if (op.type === 'delete') unpairedOld.add(op.old);
    else if (op.type === 'insert') unpairedNew.add(op.new);
  }
  for (const run of runs) absorbNeighbours(run, old, neu, unpairedOld, unpairedNew);

  const units: BlockUnit[] = [];
  const oldQueue = [...unpairedOld].sort((a, b) => a - b);
  const newQueue = [...unpairedNew].sort((a, b) => a - b);
  const blocksOf = (indexes: readonly number[], side: StorySide): Block[] => indexes.map((i) => side.blocks[i] as Block);
  // Read positions in the queues: `shift` would copy the rest of a queue each time.
  let oldHead = 0;
  let newHead = 0;
  const emitUnpairedBefore = (oldLimit: number, newLimit: number): void => {
    const deleted: number[] = [];
    while (oldHead < oldQueue.length && (oldQueue[oldHead] as number) < oldLimit) deleted.push(oldQueue[oldHead++] as number);
    const inserted: number[] = [];
    while (newHead < newQueue.length && (newQueue[newHead] as number) < newLimit) inserted.push(newQueue[newHead++] as number);
    if (deleted.length > 0) units.push({ kind: 'deleted', blocks: blocksOf(deleted, old) });
    if (inserted.length > 0) units.push({ kind: 'inserted', blocks: blocksOf(inserted, neu) });
  };
  for (const run of runs) {
    emitUnpairedBefore(run.olds[0] as number, run.news[0] as number);
    units.push({ kind: 'run', olds: blocksOf(run.olds, old), news: blocksOf(run.news, neu) });
  }
  emitUnpairedBefore(Infinity, Infinity);
  return units;
}

/** Runs at least this alike are taken as they are: absorbing a neighbour cannot help. */
const NO_SPLIT_ABOVE = 0.9;
/** How many unpaired neighbours a run may take in one step (a split around an inserted paragraph). */
const SPLIT_LOOKAHEAD = 3;

/** Extends a paired paragraph run with adjacent unpaired paragraphs that it absorbs (split/merge). */
function absorbNeighbours(run: Run, old: StorySide, neu: StorySide, unpairedOld: Set<number>, unpairedNew: Set<number>): void {
  if (!old.isParagraph(run.olds[0] as number)) return;
  const bagOf = (indexes: readonly number[], side: StorySide): WordBag => (indexes.length === 1 ? side.info(indexes[0] as number).bag : mergeBags(indexes.map((i) => side.info(i).bag)));
  const score = (olds: readonly number[], news: readonly number[]): number => dice(bagOf(olds, old), bagOf(news, neu));
  /** The neighbours on one side of the run, nearest first, while they are unpaired paragraphs. */
  // A split or merge stays within one content control: paragraphs joined across a control's edge
  // would put one view's text outside the control the other view has it in.
  const containers = (side: StorySide, index: number): string => containersOf(side.blocks[index] as Block);
  const neighbours = (list: readonly number[], pool: Set<number>, side: StorySide, atEnd: boolean): number[] => {
    const out: number[] = [];
    const own = containers(side, list[0] as number);
    for (let k = 1; k <= SPLIT_LOOKAHEAD; k++) {
      const index = atEnd ? (list[list.length - 1] as number) + k : (list[0] as number) - k;
      if (!pool.has(index) || side.blocks[index]?.type !== 'paragraph' || containers(side, index) !== own) break;
      out.push(index);
    }
    return out;
  };
  const hasNeighbour = (): boolean =>
    neighbours(run.news, unpairedNew, neu, true).length +
      neighbours(run.news, unpairedNew, neu, false).length +
      neighbours(run.olds, unpairedOld, old, true).length +
      neighbours(run.olds, unpairedOld, old, false).length >
    0;
  let grew = true;
  while (grew && hasNeighbour()) {
    grew = false;
    const base = score(run.olds, run.news);
    // A pair that already explains itself almost wholly is no split or merge; nor is a pair below
    // the pairing threshold, which only a shared bookmark or comment paired: the paragraph the
    // anchor names, rewritten, and its neighbours inserted or deleted beside it.
    if (base >= NO_SPLIT_ABOVE || base < PARAGRAPH_PAIR_THRESHOLD) break;
    for (const [side, atEnd] of [
      ['new', true],
      ['new', false],
      ['old', true],
      ['old', false],
    ] as const) {
      const list = side === 'new' ? run.news : run.olds;
      const pool = side === 'new' ? unpairedNew : unpairedOld;
      const candidates = neighbours(list, pool, side === 'new' ? neu : old, atEnd);
      for (let count = 1; count <= candidates.length; count++) {
        const taken = candidates.slice(0, count);
        const extended = atEnd ? [...list, ...taken] : [...taken.reverse(), ...list];
        const gain = side === 'new' ? score(run.olds, extended) : score(extended, run.news);
        if (gain >= base + SPLIT_GAIN) {
          list.splice(0, list.length, ...extended);
          for (const index of taken) pool.delete(index);
          grew = true;
          break;
        }
      }
      if (grew) break;
    }
  }
}

/** Deleted (old side) or inserted (new side) blocks, consecutive paragraphs as one run. */
function unpairedBlocks(blocks: readonly Block[], side: 'old' | 'new', ctx: DiffContext): RedlineBlock[] {
  const out: RedlineBlock[] = [];
  let paragraphs: Paragraph[] = [];
  const flushParagraphs = (): void => {
    if (paragraphs.length > 0) pushAll(out, side === 'old' ? paragraphRun(paragraphs, [], ctx) : paragraphRun([], paragraphs, ctx));
    paragraphs = [];
  };
  for (const block of blocks) {
    if (block.type === 'paragraph') {
      paragraphs.push(block);
      continue;
    }
    flushParagraphs();
    const status = side === 'old' ? 'deleted' : 'inserted';
    out.push(block.type === 'table' ? wholeTable(block, side, ctx) : { type: 'opaque', block, side, status });
  }
  flushParagraphs();
  return out;
}
