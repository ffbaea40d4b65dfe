/**
 * Move detection: paragraphs deleted in one place and inserted in another are a move when they
 * are the same or nearly the same text. The moved text is marked moved-from at its source and
 * moved-to at its destination; words changed on the way show as a deletion at the source and an
 * insertion at the destination, so Accept All and Reject All still give the two versions.
 *
 * Thresholds (short or common fragments never count as moves):
 * - a move starts from a paragraph of at least {@link MOVE_MIN_WORDS} words whose text occurs
 *   once in each version, matched exactly or at a similarity of {@link MOVE_MIN_SIMILARITY};
 * - it then grows over the neighbouring deleted and inserted paragraphs (a clause's limbs) that
 *   are at least {@link MOVE_GROW_SIMILARITY} alike, whatever their length;
 * - a deletion right next to its insertion is a change in place, not a move.
 */
import type { Marker, Paragraph } from '../model/document.js';
import type { RedlineBlock, RedlineParagraph, RedlinePiece } from '../model/redline.js';
import { pushAll } from '../util/arrays.js';
import { cleanupSemantic } from './cleanup.js';
import type { DiffContext } from './diff-context.js';
import { slicePieces } from './diff-paragraphs.js';
import { diffSequences } from './sequence-diff.js';
import { bagSize, dice } from './similarity.js';
import type { TokenizedParagraph } from './tokenize.js';

export const MOVE_MIN_WORDS = 8;
export const MOVE_MIN_SIMILARITY = 0.75;
export const MOVE_GROW_SIMILARITY = 0.5;
/** Above this many candidate pairs only exact matches are looked for (bounded cost). */
const SIMILARITY_PAIR_LIMIT = 250_000;

function isWhole(block: RedlineBlock | undefined, side: 'old' | 'new'): block is RedlineParagraph {
  if (block?.type !== 'paragraph' || block.side !== side) return false;
  const status = side === 'old' ? 'deleted' : 'inserted';
  return block.mark === status && block.pieces.every((p) => p.status === status || p.inline.type === 'marker');
}

/**
 * How often a paragraph signature occurs in the two versions of the story together (the caller
 * has every block's signature interned already).
 */
export type SignatureCounter = (signature: string) => number;

/**
 * Finds moved paragraphs among a story's wholly deleted and wholly inserted ones: seeds (each
 * unique in its version, at least `MOVE_MIN_WORDS` words) paired exactly by signature, then by
 * similarity; each seed grown over neighbours at least `MOVE_GROW_SIMILARITY` alike, so a clause
 * moves with its limbs; each group rewritten as moved-from and moved-to paragraphs.
 */
export function detectMoves(blocks: readonly RedlineBlock[], countSignatures: SignatureCounter, ctx: DiffContext): RedlineBlock[] {
  const deleted: number[] = [];
  const inserted: number[] = [];
  blocks.forEach((block, i) => {
    if (isWhole(block, 'old')) deleted.push(i);
    else if (isWhole(block, 'new')) inserted.push(i);
  });
  if (deleted.length === 0 || inserted.length === 0) return [...blocks];

  const paragraph = (i: number): Paragraph => (blocks[i] as RedlineParagraph).paragraph;
  // Unique in each version: the signature occurs at most twice over both (once deleted, once inserted).
  const isSeed = (i: number): boolean => bagSize(ctx.bag(paragraph(i))) >= MOVE_MIN_WORDS && countSignatures(ctx.signature(paragraph(i))) <= 2;
  const search: MoveSearch = { blocks, ctx, used: new Set(), paragraph, isSeed };
  const pairs = exactPairs(search, deleted, inserted);
  pushAll(pairs, similarPairs(search, deleted, inserted));
  const out = [...blocks];
  for (const seed of pairs) rewriteMove(out, search, growMove(search, seed));
  return out;
}

/** What the steps of a move search share: the story, the paragraphs already taken by a move. */
interface MoveSearch {
  readonly blocks: readonly RedlineBlock[];
  readonly ctx: DiffContext;
  readonly used: Set<number>;
  readonly paragraph: (i: number) => Paragraph;
  /** A paragraph that may start a move. */
  readonly isSeed: (i: number) => boolean;
}

/** Seeds whose text is the same in both places. */
function exactPairs({ ctx, used, paragraph, isSeed }: MoveSearch, deleted: readonly number[], inserted: readonly number[]): [number, number][] {
  const pairs: [number, number][] = [];
  const insertedBySignature = new Map<string, number>();
  for (const i of inserted) if (isSeed(i)) insertedBySignature.set(ctx.signature(paragraph(i)), i);
  for (const d of deleted) {
    if (!isSeed(d)) continue;
    const i = insertedBySignature.get(ctx.signature(paragraph(d)));
    if (i !== undefined && !used.has(i) && Math.abs(i - d) > 1) {
      pairs.push([d, i]);
      used.add(d).add(i);
    }
  }
  return pairs;
}

/** Seeds left over, each paired with its most similar counterpart (at least `MOVE_MIN_SIMILARITY`); bounded. */
function similarPairs({ ctx, used, paragraph, isSeed }: MoveSearch, deleted: readonly number[], inserted: readonly number[]): [number, number][] {
  const pairs: [number, number][] = [];
  const looseDeleted = deleted.filter((d) => !used.has(d) && isSeed(d));
  const looseInserted = inserted.filter((i) => !used.has(i) && isSeed(i));
  if (looseDeleted.length * looseInserted.length > SIMILARITY_PAIR_LIMIT) {
    ctx.limitReached('similarity-pairs');
    return pairs;
  }
  for (const d of looseDeleted) {
    let best = -1;
    let bestSim = MOVE_MIN_SIMILARITY;
    for (const i of looseInserted) {
      if (used.has(i) || Math.abs(i - d) <= 1) continue;
      const sim = dice(ctx.bag(paragraph(d)), ctx.bag(paragraph(i)));
      if (sim >= bestSim) {
        bestSim = sim;
        best = i;
      }
    }
    if (best >= 0) {
      pairs.push([d, best]);
      used.add(d).add(best);
    }
  }
  return pairs;
}

/** A seed grown over the neighbours that moved with it, in order. */
function growMove({ blocks, ctx, used, paragraph }: MoveSearch, [seedD, seedI]: [number, number]): [number, number][] {
  // An empty paragraph is no moved text: a move of nothing but a paragraph mark is a deletion
  // (insertion) of that mark, and LibreOffice does not apply a moved mark without moved text.
  const grows = (d: number, i: number): boolean =>
    isWhole(blocks[d], 'old') &&
    isWhole(blocks[i], 'new') &&
    !used.has(d) &&
    !used.has(i) &&
    Math.abs(i - d) > 1 &&
    ctx.signature(paragraph(d)) !== '' &&
    ctx.signature(paragraph(i)) !== '' &&
    (ctx.signature(paragraph(d)) === ctx.signature(paragraph(i)) || dice(ctx.bag(paragraph(d)), ctx.bag(paragraph(i))) >= MOVE_GROW_SIMILARITY);
  const group: [number, number][] = [[seedD, seedI]];
  for (let k = 1; grows(seedD + k, seedI + k); k++) {
    group.push([seedD + k, seedI + k]);
    used.add(seedD + k).add(seedI + k);
  }
  for (let k = 1; grows(seedD - k, seedI - k); k++) {
    group.unshift([seedD - k, seedI - k]);
    used.add(seedD - k).add(seedI - k);
  }
  return group;
}

/** Rewrites a group's paragraphs as one move: moved-from where they were, moved-to where they are. */
function rewriteMove(out: RedlineBlock[], { blocks, ctx }: MoveSearch, group: readonly [number, number][]): void {
  const moveName = ctx.nextMoveName();
  for (const [d, i] of group) {
    const source = blocks[d] as RedlineParagraph;
    const destination = blocks[i] as RedlineParagraph;
    const moved = diffMove(ctx.tokenized(source.paragraph), ctx.tokenized(destination.paragraph), moveName, ctx);
    out[d] = { type: 'paragraph', paragraph: source.paragraph, side: 'old', mark: 'moved-from', pieces: moved.source, unchanged: false, moveName };
    out[i] = { type: 'paragraph', paragraph: destination.paragraph, side: 'new', previous: source.paragraph, mark: 'moved-to', pieces: moved.destination, unchanged: false, moveName };
  }
}

/** The source and destination pieces of one moved paragraph, with the words changed on the way. */
function diffMove(old: TokenizedParagraph, neu: TokenizedParagraph, moveName: string, ctx: DiffContext): { source: RedlinePiece[]; destination: RedlinePiece[] } {
  const segments = cleanupSemantic(
    diffSequences(
      old.tokens.map((t) => t.key),
      neu.tokens.map((t) => t.key),
      { onLimit: () => ctx.limitReached('edit-length') },
    ),
    old.tokens,
    neu.tokens,
  );
  const offset = (tp: TokenizedParagraph, index: number): number => (index < tp.tokens.length ? (tp.tokens[index]?.start ?? 0) : (tp.tokens[tp.tokens.length - 1]?.end ?? 0));
  const source: RedlinePiece[] = [];
  const destination: RedlinePiece[] = [];
  for (const segment of segments) {
    const oldFrom = offset(old, segment.oldFrom);
    const oldTo = offset(old, segment.oldTo);
    const newFrom = offset(neu, segment.newFrom);
    const newTo = offset(neu, segment.newTo);
    if (segment.equal) {
      pushAll(
        source,
        slicePieces(old, oldFrom, oldTo, 'moved-from', ctx, moveName).map((s) => s.piece),
      );
      pushAll(
        destination,
        slicePieces(neu, newFrom, newTo, 'moved-to', ctx, moveName).map((s) => s.piece),
      );
    } else {
      pushAll(
        source,
        slicePieces(old, oldFrom, oldTo, 'deleted', ctx).map((s) => s.piece),
      );
      pushAll(
        destination,
        slicePieces(neu, newFrom, newTo, 'inserted', ctx).map((s) => s.piece),
      );
    }
  }
  return { source: withMarkers(old, source, 'old'), destination: withMarkers(neu, destination, 'new') };
}

/**
 * A moved paragraph's pieces with its markers put back where they stand: the destination's as
 * they are, the source's ranges as deleted markup (old-markers.ts keeps those the new version
 * does not have elsewhere, which a moved range has: at the destination).
 */
function withMarkers(tp: TokenizedParagraph, pieces: readonly RedlinePiece[], side: 'old' | 'new'): RedlinePiece[] {
  const slots = [...tp.markers.entries()].sort((a, b) => a[0] - b[0]);
  if (slots.length === 0) return [...pieces];
  const asPieces = (markers: readonly Marker[]): RedlinePiece[] =>
    side === 'new' ? markers.map((inline) => ({ status: 'equal', inline })) : markers.filter((m) => m.range).map((inline) => ({ status: 'deleted', inline }));
  const out: RedlinePiece[] = [];
  let k = 0;
  for (const piece of pieces) {
    const at = piece.origin?.offset ?? 0;
    while (k < slots.length && (slots[k] as [number, readonly Marker[]])[0] <= at) out.push(...asPieces((slots[k++] as [number, readonly Marker[]])[1]));
    out.push(piece);
  }
  while (k < slots.length) out.push(...asPieces((slots[k++] as [number, readonly Marker[]])[1]));
  return out;
}
