/**
 * Word diff of paragraphs into redline paragraphs.
 *
 * A run of old paragraphs is compared with a run of new ones as one token stream in which each
 * paragraph mark is a token. A changed paragraph is the 1×1 case; a split (1×2) shows an
 * inserted paragraph mark, a merge (2×1) a deleted one, exactly what Word's accept/reject need.
 * The runs' final marks always correspond to each other.
 */
import type { Atom, Inline, Marker, Paragraph, RunFormat } from '../model/document.js';
import { isUnchangedPiece, type MarkStatus, type PieceStatus, type RedlineParagraph, type RedlinePiece } from '../model/redline.js';
import { visibleRunFormat } from '../model/run-format.js';
import { chunkBoundaries } from './chunks.js';
import { cleanupSemantic, isSentenceEndCode } from './cleanup.js';
import { diffBlocks } from './diff-blocks.js';
import type { DiffContext } from './diff-context.js';
import { diffSequences, type Segment } from './sequence-diff.js';
import { hashText } from './similarity.js';
import { ATOM_CHAR, isWhiteSpaceCode, type PreparedParagraph, type Token, type TokenizedParagraph, tokenizeRange } from './tokenize.js';

const MARK_KEY = '\u0000\u00b6';

/**
 * The tokens of a run of paragraphs as one sequence, a `mark` token between paragraphs. A run of
 * one paragraph (the commonest) is its own token list, not copied.
 */
interface Stream {
  readonly tokens: readonly Token[];
  /** Per token, the index in the run of its paragraph (absent: all are the first's). */
  readonly paragraphs?: Int32Array;
}

function buildStream(run: readonly TokenizedParagraph[]): Stream {
  if (run.length === 1) return { tokens: (run[0] as TokenizedParagraph).tokens };
  const tokens: Token[] = [];
  const owners: number[] = [];
  run.forEach((tp, paragraph) => {
    for (const token of tp.tokens) {
      tokens.push(token);
      owners.push(paragraph);
    }
    if (paragraph < run.length - 1) {
      const end = tp.tokens.length > 0 ? (tp.tokens[tp.tokens.length - 1] as Token).end : 0;
      tokens.push({ key: MARK_KEY, text: '\n', kind: 'mark', start: end, end });
      owners.push(paragraph);
    }
  });
  return { tokens, paragraphs: Int32Array.from(owners) };
}

function paragraphAt(stream: Stream, index: number): number {
  return stream.paragraphs ? (stream.paragraphs[index] as number) : 0;
}

function tokenAt(stream: Stream, index: number): Token {
  return stream.tokens[index] as Token;
}

/**
 * Whether a paragraph that matched exactly has the same runs too, formatting included, so that
 * it can be written back as it was, without tokenising. `sameText`: the caller knows that the
 * two paragraphs are one text run each with the same text.
 */
export function isUnchangedParagraph(old: Paragraph, neu: Paragraph, ctx: DiffContext, sameText = false): boolean {
  const olds = old.inlines;
  const news = neu.inlines;
  const checkFormat = !ctx.options.ignoreFormatting;
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < olds.length && (olds[i] as Inline).type === 'marker') i++;
    while (j < news.length && (news[j] as Inline).type === 'marker') j++;
    if (i === olds.length || j === news.length) break;
    const a = olds[i++] as Inline;
    const b = news[j++] as Inline;
    if (a.type === 'text' && b.type === 'text') {
      if ((!sameText && a.text !== b.text) || (checkFormat && a.props !== b.props && formatKey(a.direct) !== formatKey(b.direct))) return false;
    } else if (a.type === 'atom' && b.type === 'atom') {
      if (a.key !== b.key || a.stories || b.stories) return false;
    } else {
      return false;
    }
  }
  return i === olds.length && j === news.length;
}

/** The redline of a paragraph that {@link isUnchangedParagraph} found unchanged. */
export function unchangedParagraph(old: Paragraph, neu: Paragraph, ctx: DiffContext): RedlineParagraph {
  if (old.inlines.some((inline) => inline.type === 'atom' && inline.note)) recordNotePairs(old, neu, ctx);
  return { type: 'paragraph', paragraph: neu, side: 'new', previous: old, mark: 'equal', pieces: piecesOf(neu, 'equal'), unchanged: true };
}

/** A paragraph's inlines as pieces of one status, changed ones with their origin. */
function piecesOf(paragraph: Paragraph, status: PieceStatus): RedlinePiece[] {
  let offset = 0;
  // `map`, not `push`: the array is made at its final size (most paragraphs have one run, and a
  // pushed-to array reserves room for seventeen, which the garbage collector then copies).
  return paragraph.inlines.map((inline): RedlinePiece => {
    if (inline.type === 'marker') return { status: 'equal', inline };
    const at = offset;
    offset += inline.type === 'text' ? inline.text.length : 1;
    // Unchanged text needs no origin: only changed pieces are traced back to their source.
    return status === 'equal' ? { status, inline } : { status, inline, origin: { paragraph, offset: at } };
  });
}

function recordNotePairs(old: Paragraph, neu: Paragraph, ctx: DiffContext): void {
  const oldNotes = old.inlines.flatMap((i) => (i.type === 'atom' && i.note ? [i.note] : []));
  const newNotes = neu.inlines.flatMap((i) => (i.type === 'atom' && i.note ? [i.note] : []));
  newNotes.forEach((note, k) => ctx.recordNote({ kind: note.kind, newId: note.id, ...(oldNotes[k] && { oldId: oldNotes[k].id }) }));
}

/** Paragraphs inserted (new side) or deleted (old side) whole. */
export function wholeParagraphs(paragraphs: readonly Paragraph[], side: 'old' | 'new', ctx: DiffContext): RedlineParagraph[] {
  const status = side === 'new' ? 'inserted' : 'deleted';
  return paragraphs.map((paragraph) => {
    const pieces: RedlinePiece[] = [];
    for (const piece of piecesOf(paragraph, status)) {
      const inline = piece.inline;
      if (inline.type === 'marker') {
        // The old version's ranges go into the deletion, for Reject All to restore them (see
        // old-markers.ts); its proofing marks are not worth restoring.
        if (side === 'new') pieces.push(piece);
        else if (inline.range) pieces.push({ status: 'deleted', inline });
        continue;
      }
      if (inline.type === 'atom' && inline.note) ctx.recordNote(side === 'new' ? { kind: inline.note.kind, newId: inline.note.id } : { kind: inline.note.kind, oldId: inline.note.id });
      const stories = inline.type === 'atom' && inline.stories ? inline.stories.map((blocks) => (side === 'new' ? diffBlocks([], blocks, ctx) : diffBlocks(blocks, [], ctx))) : undefined;
      pieces.push(stories ? { ...piece, stories } : piece);
    }
    return { type: 'paragraph', paragraph, side, mark: status, pieces, unchanged: false };
  });
}

/**
 * One changed paragraph against its new self. Only the sentences that changed are tokenised and
 * diffed: the unchanged sentences before and after them (found by comparing characters) go out
 * as one equal stretch each. Cutting at sentence boundaries keeps the clean-up passes, which work
 * sentence by sentence, exactly as they would be on the whole paragraph.
 */
export function diffParagraphPair(old: Paragraph, neu: Paragraph, ctx: DiffContext): RedlineParagraph[] {
  const a = ctx.prepared(old);
  const b = ctx.prepared(neu);
  const { prefix, suffix } = unchangedSentences(a, b);
  if (a.text.length + b.text.length - 2 * (prefix + suffix) > WORD_DIFF_CHARS) return diffLongPair(a, b, ctx);
  const oldTp = tokenizeRange(a, prefix, a.text.length - suffix, ctx.options);
  const newTp = tokenizeRange(b, prefix, b.text.length - suffix, ctx.options);
  return diffParagraphRun([oldTp], [newTp], ctx, { prefix, suffix, oldLength: a.text.length, newLength: b.text.length });
}

/**
 * A changed middle longer than this (both sides' characters together) is not tokenised whole:
 * it is aligned chunk by chunk first, and only the chunks that differ are compared word by word.
 * Real paragraphs are far shorter (a long one is a few thousand characters).
 */
const WORD_DIFF_CHARS = 400_000;

/**
 * A pair of very long paragraphs (a text file of one huge line, or of a million lines in one
 * paragraph): the shared beginning and end are found by characters, the middle is cut into
 * content-defined chunks that are aligned first; differing chunks are compared word by word when
 * small enough, and shown as a deletion and an insertion otherwise (reported as coarse). Memory
 * and time stay proportional to the text, never to its square.
 */
function diffLongPair(a: PreparedParagraph, b: PreparedParagraph, ctx: DiffContext): RedlineParagraph[] {
  const max = Math.min(a.text.length, b.text.length);
  const prefix = wordStart(a.text, sharedRun(a, b, 1, max));
  const suffix = a.text.length - wordEnd(a.text, a.text.length - sharedRun(a, b, -1, max - prefix));
  const oldEnd = a.text.length - suffix;
  const newEnd = b.text.length - suffix;
  // The emitter needs each paragraph's inlines, not its tokens: tokens are made range by range.
  const emitter = new ParagraphEmitter([tokenizeRange(a, 0, 0, ctx.options)], [tokenizeRange(b, 0, 0, ctx.options)], ctx);
  if (prefix > 0) emitter.equal(0, wholeSpan(0, prefix), 0, wholeSpan(0, prefix));
  const oldBounds = chunkBoundaries(a.text, prefix, oldEnd);
  const newBounds = chunkBoundaries(b.text, prefix, newEnd);
  const segments = diffSequences(chunkKeys(a, oldBounds), chunkKeys(b, newBounds), { onLimit: () => ctx.limitReached('edit-length', b.paragraph) });
  for (const segment of segments) {
    const oldFrom = oldBounds[segment.oldFrom] as number;
    const oldTo = oldBounds[segment.oldTo] as number;
    const newFrom = newBounds[segment.newFrom] as number;
    const newTo = newBounds[segment.newTo] as number;
    if (segment.equal) {
      emitter.equal(0, wholeSpan(oldFrom, oldTo), 0, wholeSpan(newFrom, newTo));
    } else if (oldTo - oldFrom + (newTo - newFrom) <= WORD_DIFF_CHARS) {
      emitTokenDiff(emitter, { tokens: tokenizeRange(a, oldFrom, oldTo, ctx.options).tokens }, { tokens: tokenizeRange(b, newFrom, newTo, ctx.options).tokens }, ctx, b.paragraph);
    } else {
      if (oldTo > oldFrom) emitter.deleted(0, oldFrom, oldTo);
      if (newTo > newFrom) emitter.inserted(0, newFrom, newTo);
      // Text replaced by other words altogether is a replacement however it is aligned.
      if (sharesWords(a.text, oldFrom, oldTo, b.text, newFrom, newTo)) ctx.limitReached('edit-length', b.paragraph);
    }
  }
  if (suffix > 0) emitter.equal(0, wholeSpan(oldEnd, a.text.length), 0, wholeSpan(newEnd, b.text.length));
  emitter.endParagraph('equal', 0, 0);
  return emitter.out;
}

/** Whether two stretches of text have a word in common (word hashes of the shorter one, looked up). */
function sharesWords(a: string, aFrom: number, aTo: number, b: string, bFrom: number, bTo: number): boolean {
  const [short, sFrom, sTo, long, lFrom, lTo] = aTo - aFrom <= bTo - bFrom ? [a, aFrom, aTo, b, bFrom, bTo] : [b, bFrom, bTo, a, aFrom, aTo];
  const words = new Set<number>();
  forEachWord(short, sFrom, sTo, (hash) => words.add(hash));
  let shared = false;
  forEachWord(long, lFrom, lTo, (hash) => {
    if (words.has(hash)) shared = true;
  });
  return shared;
}

function forEachWord(text: string, from: number, to: number, visit: (hash: number) => void): void {
  let start = -1;
  for (let i = from; i <= to; i++) {
    const boundary = i === to || isWhiteSpaceCode(text.charCodeAt(i));
    if (boundary && start >= 0) {
      visit(hashText(text, start, i));
      start = -1;
    } else if (!boundary && start < 0) {
      start = i;
    }
  }
}

/** Each chunk's text, atoms by their keys (two pictures are one character each in the text). */
function chunkKeys(prepared: PreparedParagraph, bounds: readonly number[]): string[] {
  const keys: string[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const from = bounds[k] as number;
    const to = bounds[k + 1] as number;
    let key = prepared.text.slice(from, to);
    if (prepared.atomKeys.size > 0 && key.includes(ATOM_CHAR)) {
      for (let i = from; i < to; i++) if (prepared.text.charCodeAt(i) === 0xfffc) key += `\u0000${prepared.atomKeys.get(i) ?? ''}`;
    }
    keys.push(key);
  }
  return keys;
}

/** `at`, moved back to the start of its word (never more than a chunk's length). */
function wordStart(text: string, at: number): number {
  let i = at;
  while (i > 0 && at - i < 4096 && !isWhiteSpaceCode(text.charCodeAt(i - 1))) i--;
  return i > 0 && at - i >= 4096 ? at : i;
}

/** `at`, moved on to the end of its word (never more than a chunk's length). */
function wordEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length && i - at < 4096 && !isWhiteSpaceCode(text.charCodeAt(i))) i++;
  return i < text.length && i - at >= 4096 ? at : i;
}

interface Frame {
  readonly prefix: number;
  readonly suffix: number;
  readonly oldLength: number;
  readonly newLength: number;
}

/** Shared text is first compared this many characters at a time, natively, then character by character. */
const SHARED_CHUNK = 64;

/** How many characters two texts share from their starts (`step` 1) or their ends (`step` -1), atoms by key. */
function sharedRun(a: PreparedParagraph, b: PreparedParagraph, step: 1 | -1, limit: number): number {
  const at = a.text;
  const bt = b.text;
  let n = 0;
  // Atoms read alike whatever their keys, so only text without them is compared by chunks.
  if (a.atomKeys.size === 0 && b.atomKeys.size === 0) {
    const chunk = (text: string, from: number): string => (step === 1 ? text.substring(from, from + SHARED_CHUNK) : text.substring(text.length - from - SHARED_CHUNK, text.length - from));
    while (n + SHARED_CHUNK <= limit && chunk(at, n) === chunk(bt, n)) n += SHARED_CHUNK;
  }
  let i = step === 1 ? n : at.length - 1 - n;
  let j = step === 1 ? n : bt.length - 1 - n;
  while (n < limit) {
    const c = at.charCodeAt(i);
    if (c !== bt.charCodeAt(j) || (c === 0xfffc && a.atomKeys.get(i) !== b.atomKeys.get(j))) break;
    i += step;
    j += step;
    n++;
  }
  return n;
}

/** Whether a sentence starts at `i`: after `.`, `!`, `?` or `;` and the white space after it. */
function isSentenceStart(text: string, i: number): boolean {
  if (i === 0 || i >= text.length) return false;
  if (!isWhiteSpaceCode(text.charCodeAt(i - 1)) || isWhiteSpaceCode(text.charCodeAt(i))) return false;
  let k = i - 1;
  while (k > 0 && isWhiteSpaceCode(text.charCodeAt(k))) k--;
  return isSentenceEndCode(text.charCodeAt(k));
}

/** Lengths of the unchanged leading and trailing whole sentences of two versions of a paragraph. */
function unchangedSentences(a: PreparedParagraph, b: PreparedParagraph): { prefix: number; suffix: number } {
  const max = Math.min(a.text.length, b.text.length);
  const p = sharedRun(a, b, 1, max);
  const s = sharedRun(a, b, -1, max - p);
  let prefix = p;
  while (prefix > 0 && !isSentenceStart(a.text, prefix)) prefix--;
  let start = a.text.length - s;
  while (start < a.text.length && !isSentenceStart(a.text, start)) start++;
  return { prefix, suffix: a.text.length - start };
}

/** Diffs a run of old paragraphs against a run of new ones (both non-empty). */
export function diffParagraphRun(olds: readonly TokenizedParagraph[], news: readonly TokenizedParagraph[], ctx: DiffContext, frame?: Frame): RedlineParagraph[] {
  const emitter = new ParagraphEmitter(olds, news, ctx);
  if (frame && frame.prefix > 0) emitter.equal(0, wholeSpan(0, frame.prefix), 0, wholeSpan(0, frame.prefix));

  emitTokenDiff(emitter, buildStream(olds), buildStream(news), ctx, news[0]?.paragraph);
  if (frame && frame.suffix > 0) emitter.equal(0, wholeSpan(frame.oldLength - frame.suffix, frame.oldLength), 0, wholeSpan(frame.newLength - frame.suffix, frame.newLength));
  emitter.endParagraph('equal', news.length - 1, olds.length - 1);
  return emitter.out;
}

/** The word diff of two token streams, cleaned up, handed to the emitter. */
function emitTokenDiff(emitter: ParagraphEmitter, oldStream: Stream, newStream: Stream, ctx: DiffContext, paragraph: Paragraph | undefined): void {
  const oldTokens = oldStream.tokens;
  const newTokens = newStream.tokens;
  const raw = diffSequences(
    oldTokens.map((t) => t.key),
    newTokens.map((t) => t.key),
    { onLimit: () => ctx.limitReached('edit-length', paragraph) },
  );
  const segments = cleanupSemantic(raw, oldTokens, newTokens);
  for (const segment of segments) {
    if (segment.equal) {
      emitEqual(emitter, oldStream, newStream, segment);
      continue;
    }
    if (!emitAtomOnlyChange(emitter, oldStream, newStream, segment)) emitChange(emitter, oldStream, newStream, segment);
  }
}

function wholeSpan(start: number, end: number): Token {
  return { key: '', text: '', kind: 'word', start, end };
}

/**
 * Emits an equal stretch: runs of tokens whose text is the same on both sides go out as one
 * range (a handful of pieces, not one per word); tokens equal only after normalisation (case,
 * quotes) go one by one.
 */
function emitEqual(emitter: ParagraphEmitter, oldStream: Stream, newStream: Stream, segment: Segment): void {
  let runStart = -1;
  const flush = (end: number): void => {
    if (runStart < 0) return;
    const first = segment.oldFrom + runStart;
    const newFirst = segment.newFrom + runStart;
    const last = segment.oldFrom + end - 1;
    const newLast = segment.newFrom + end - 1;
    emitter.equal(
      paragraphAt(oldStream, first),
      span(tokenAt(oldStream, first), tokenAt(oldStream, last)),
      paragraphAt(newStream, newFirst),
      span(tokenAt(newStream, newFirst), tokenAt(newStream, newLast)),
    );
    runStart = -1;
  };
  for (let k = 0; k < segment.oldTo - segment.oldFrom; k++) {
    const o = tokenAt(oldStream, segment.oldFrom + k);
    const n = tokenAt(newStream, segment.newFrom + k);
    if (n.kind === 'mark') {
      flush(k);
      emitter.endParagraph('equal', paragraphAt(newStream, segment.newFrom + k), paragraphAt(oldStream, segment.oldFrom + k));
    } else if (o.text === n.text) {
      if (runStart < 0) runStart = k;
    } else {
      flush(k);
      emitter.equal(paragraphAt(oldStream, segment.oldFrom + k), o, paragraphAt(newStream, segment.newFrom + k), n);
    }
  }
  flush(segment.oldTo - segment.oldFrom);
}

function span(first: Token, last: Token): Token {
  return first === last ? first : { key: '', text: '', kind: first.kind, start: first.start, end: last.end };
}

/**
 * A change in which the text stayed the same and only atoms came or went (a note reference put
 * inside a word: `Vi{+[1]+}deo`, not `[-Video-]{+Vi[1]deo+}`) is shown at the level of characters.
 */
function emitAtomOnlyChange(emitter: ParagraphEmitter, oldStream: Stream, newStream: Stream, segment: Segment): boolean {
  const olds = oldStream.tokens.slice(segment.oldFrom, segment.oldTo);
  const news = newStream.tokens.slice(segment.newFrom, segment.newTo);
  if (olds.length === 0 || news.length === 0 || olds.some((t) => t.kind === 'mark') || news.some((t) => t.kind === 'mark')) return false;
  if (!olds.some((t) => t.kind === 'atom') && !news.some((t) => t.kind === 'atom')) return false;
  const plain = (tokens: readonly Token[]): string =>
    tokens
      .filter((t) => t.kind !== 'atom')
      .map((t) => t.key)
      .join('');
  if (plain(olds) !== plain(news)) return false;

  const oldChars = characters(olds);
  const newChars = characters(news);
  const oldParagraph = paragraphAt(oldStream, segment.oldFrom);
  const newParagraph = paragraphAt(newStream, segment.newFrom);
  for (const part of diffSequences(
    oldChars.map((c) => c.key),
    newChars.map((c) => c.key),
  )) {
    if (part.equal) {
      for (let k = part.oldFrom; k < part.oldTo; k++) {
        emitter.equal(oldParagraph, oldChars[k] as Token, newParagraph, newChars[part.newFrom + k - part.oldFrom] as Token);
      }
      continue;
    }
    if (part.oldTo > part.oldFrom) emitter.deleted(oldParagraph, (oldChars[part.oldFrom] as Token).start, (oldChars[part.oldTo - 1] as Token).end);
    if (part.newTo > part.newFrom) emitter.inserted(newParagraph, (newChars[part.newFrom] as Token).start, (newChars[part.newTo - 1] as Token).end);
  }
  return true;
}

/** The stream's tokens cut into one token per character (atoms stay whole). */
function characters(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  for (const token of tokens) {
    if (token.kind === 'atom') {
      out.push(token);
      continue;
    }
    let offset = token.start;
    for (const char of token.text) {
      out.push({ key: char, text: char, kind: token.kind, start: offset, end: offset + char.length });
      offset += char.length;
    }
  }
  return out;
}

/**
 * Emits a changed stretch: the deleted text, then the inserted text. A range both versions have
 * (a bookmark, a comment) that starts or ends inside (or at the edge of) both the deleted and the
 * inserted text is written between their parts, deleted and inserted text before it, the rest
 * after, so that it stands at its place in both views.
 */
function emitChange(emitter: ParagraphEmitter, oldStream: Stream, newStream: Stream, segment: Segment): void {
  const { oldFrom, oldTo, newFrom, newTo } = segment;
  let deleted = chunksOf(oldStream, oldFrom, oldTo);
  let inserted = chunksOf(newStream, newFrom, newTo);
  if (deleted.length > 0 && inserted.length > 0) {
    for (const cut of emitter.sharedCuts(spanOf(deleted), spanOf(inserted))) {
      const [deletedHead, deletedTail] = splitChunks(deleted, cut.old);
      const [insertedHead, insertedTail] = splitChunks(inserted, cut.new);
      emitChunks(emitter, deletedHead, 'deleted');
      emitChunks(emitter, insertedHead, 'inserted');
      deleted = deletedTail;
      inserted = insertedTail;
    }
  }
  emitChunks(emitter, deleted, 'deleted');
  emitChunks(emitter, inserted, 'inserted');
}

/** A stretch of one side's text in one paragraph, or the end of a paragraph (its mark). */
type Chunk = { readonly paragraph: number; readonly start: number; readonly end: number } | { readonly mark: number };

/** A place in a run of paragraphs: a paragraph and an offset in it. */
interface Position {
  readonly paragraph: number;
  readonly offset: number;
}

function chunksOf(stream: Stream, from: number, to: number): Chunk[] {
  const chunks: Chunk[] = [];
  let i = from;
  while (i < to) {
    const paragraph = paragraphAt(stream, i);
    if (tokenAt(stream, i).kind === 'mark') {
      chunks.push({ mark: paragraph });
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < to && tokenAt(stream, j + 1).kind !== 'mark') j++;
    chunks.push({ paragraph, start: tokenAt(stream, i).start, end: tokenAt(stream, j).end });
    i = j + 1;
  }
  return chunks;
}

/** Where a list of chunks starts and ends. */
function spanOf(chunks: readonly Chunk[]): { readonly from: Position; readonly to: Position } {
  const edge = (chunk: Chunk, end: boolean): Position =>
    'mark' in chunk ? { paragraph: chunk.mark + (end ? 1 : 0), offset: end ? 0 : Infinity } : { paragraph: chunk.paragraph, offset: end ? chunk.end : chunk.start };
  return { from: edge(chunks[0] as Chunk, false), to: edge(chunks[chunks.length - 1] as Chunk, true) };
}

/** Cuts chunks at a position: what comes before it, and what after (a mark belongs after its paragraph's text). */
function splitChunks(chunks: readonly Chunk[], at: Position): [Chunk[], Chunk[]] {
  const head: Chunk[] = [];
  const tail: Chunk[] = [];
  for (const chunk of chunks) {
    if ('mark' in chunk) {
      (chunk.mark < at.paragraph ? head : tail).push(chunk);
    } else if (chunk.paragraph < at.paragraph || (chunk.paragraph === at.paragraph && chunk.end <= at.offset)) {
      head.push(chunk);
    } else if (chunk.paragraph > at.paragraph || chunk.start >= at.offset) {
      tail.push(chunk);
    } else {
      head.push({ ...chunk, end: at.offset });
      tail.push({ ...chunk, start: at.offset });
    }
  }
  return [head, tail];
}

function emitChunks(emitter: ParagraphEmitter, chunks: readonly Chunk[], status: 'deleted' | 'inserted'): void {
  for (const chunk of chunks) {
    if ('mark' in chunk) emitter.endParagraph(status, status === 'inserted' ? chunk.mark : undefined, status === 'deleted' ? chunk.mark : undefined);
    else if (status === 'deleted') emitter.deleted(chunk.paragraph, chunk.start, chunk.end);
    else emitter.inserted(chunk.paragraph, chunk.start, chunk.end);
  }
}

const formatKeys = new WeakMap<RunFormat, string>();

/** The formatting that shows on white space: lines and backgrounds, not weight or slant. */
function spaceVisible(format: RunFormat): RunFormat {
  return {
    ...(format.underline !== undefined && { underline: format.underline }),
    ...(format.strike !== undefined && { strike: format.strike }),
    ...(format.doubleStrike !== undefined && { doubleStrike: format.doubleStrike }),
    ...(format.highlight !== undefined && { highlight: format.highlight }),
  };
}

function formatKey(format: RunFormat): string {
  let key = formatKeys.get(format);
  if (key === undefined) {
    key = JSON.stringify(visibleRunFormat(format));
    formatKeys.set(format, key);
  }
  return key;
}

/** The inline of a tokenised paragraph that holds `offset`. */
function inlineAt(tp: TokenizedParagraph, offset: number): number {
  let lo = 0;
  let hi = tp.inlineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((tp.inlineStarts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function inlineEnd(tp: TokenizedParagraph, index: number): number {
  const inline = tp.inlines[index] as Inline;
  return (tp.inlineStarts[index] as number) + (inline.type === 'text' ? inline.text.length : 1);
}

function sliceInline(inline: Inline, from: number, to: number): Inline {
  if (inline.type !== 'text' || (from === 0 && to === inline.text.length)) return inline;
  return { ...inline, text: inline.text.slice(from, to) };
}

/**
 * The pieces of `tp` between two offsets, all of one status (the content of an insertion, a
 * deletion or a move). Note references are recorded; text boxes get their stories inserted or
 * deleted whole.
 */
export function slicePieces(tp: TokenizedParagraph, from: number, to: number, status: PieceStatus, ctx: DiffContext, moveName?: string): { piece: RedlinePiece; origin: Inline }[] {
  const out: { piece: RedlinePiece; origin: Inline }[] = [];
  const removed = status === 'deleted' || status === 'moved-from';
  let offset = from;
  while (offset < to) {
    const index = inlineAt(tp, offset);
    const inline = tp.inlines[index] as Inline;
    const start = tp.inlineStarts[index] as number;
    const end = Math.min(to, inlineEnd(tp, index));
    if (inline.type === 'atom' && inline.note) {
      ctx.recordNote(removed ? { kind: inline.note.kind, oldId: inline.note.id } : { kind: inline.note.kind, newId: inline.note.id });
    }
    const stories = inline.type === 'atom' && inline.stories ? inline.stories.map((blocks) => (removed ? diffBlocks(blocks, [], ctx) : diffBlocks([], blocks, ctx))) : undefined;
    out.push({
      piece: {
        status,
        inline: sliceInline(inline, offset - start, end - start),
        origin: { paragraph: tp.paragraph, offset },
        ...(stories && { stories }),
        ...(moveName !== undefined && { moveName }),
      },
      origin: inline,
    });
    offset = end;
  }
  return out;
}

/**
 * A marker of one side of a paragraph run, at its offset. A range marker of the new side that
 * the old side has too (same range, same role) is one marker with two places.
 */
interface MarkerSlot {
  readonly paragraph: number;
  readonly offset: number;
  readonly marker: Marker;
  /** Old slots: the new slot it is the same marker as. New slots: the old slot. */
  partner?: MarkerSlot;
  done: boolean;
}

/** Where a side of the run has been written to: paragraph, then offset. */
interface Cursor {
  paragraph: number;
  offset: number;
}

const isAtOrBefore = (slot: Position, cursor: Position): boolean => slot.paragraph < cursor.paragraph || (slot.paragraph === cursor.paragraph && slot.offset <= cursor.offset);
const comesBefore = (a: Position, b: Position): boolean => a.paragraph < b.paragraph || (a.paragraph === b.paragraph && a.offset < b.offset);

function markerSlots(run: readonly TokenizedParagraph[]): MarkerSlot[][] {
  return run.map((tp, paragraph) =>
    [...tp.markers.keys()].sort((a, b) => a - b).flatMap((offset) => (tp.markers.get(offset) as readonly Marker[]).map((marker): MarkerSlot => ({ paragraph, offset, marker, done: false }))),
  );
}

/** Pairs the range markers both sides have, in order (the n-th start of a range with the n-th). */
function pairSlots(olds: readonly MarkerSlot[][], news: readonly MarkerSlot[][]): void {
  const waiting = new Map<string, MarkerSlot[]>();
  for (const slot of news.flat()) {
    const range = slot.marker.range;
    if (!range) continue;
    const key = `${range.role} ${range.name}`;
    const list = waiting.get(key);
    if (list) list.push(slot);
    else waiting.set(key, [slot]);
  }
  if (waiting.size === 0) return;
  for (const slot of olds.flat()) {
    const range = slot.marker.range;
    const partner = range && waiting.get(`${range.role} ${range.name}`)?.shift();
    if (!partner) continue;
    slot.partner = partner;
    partner.partner = slot;
  }
}

/** The pending slots of a paragraph strictly between two offsets, in order. */
function slotsWithin(slots: readonly MarkerSlot[] | undefined, from: number, to: number): number[] {
  const out: number[] = [];
  for (const slot of slots ?? []) if (!slot.done && slot.offset > from && slot.offset < to && out[out.length - 1] !== slot.offset) out.push(slot.offset);
  return out;
}

class ParagraphEmitter {
  readonly out: RedlineParagraph[] = [];
  private pieces: RedlinePiece[] = [];
  /** The source inline of each piece, to merge neighbours cut from the same run. */
  private origins: Inline[] = [];
  /** Markers of each new and each old paragraph, by offset. */
  private readonly newSlots: MarkerSlot[][];
  private readonly oldSlots: MarkerSlot[][];
  /** How far each side has been written. */
  private readonly newAt: Cursor = { paragraph: 0, offset: 0 };
  private readonly oldAt: Cursor = { paragraph: 0, offset: 0 };
  private readonly olds: readonly TokenizedParagraph[];
  private readonly news: readonly TokenizedParagraph[];
  private readonly ctx: DiffContext;

  constructor(olds: readonly TokenizedParagraph[], news: readonly TokenizedParagraph[], ctx: DiffContext) {
    this.olds = olds;
    this.news = news;
    this.ctx = ctx;
    this.newSlots = markerSlots(news);
    this.oldSlots = markerSlots(olds);
    pairSlots(this.oldSlots, this.newSlots);
  }

  equal(oldParagraph: number, oldToken: Token, newParagraph: number, newToken: Token): void {
    const oldTp = this.olds[oldParagraph] as TokenizedParagraph;
    const newTp = this.news[newParagraph] as TokenizedParagraph;
    const sameLength = oldToken.end - oldToken.start === newToken.end - newToken.start;
    const oldOffsetOf = (offset: number): number => (sameLength ? oldToken.start + (offset - newToken.start) : oldToken.start);
    // Markers inside the stretch cut it, so that each is written where it stands.
    const stops = [
      ...slotsWithin(this.newSlots[newParagraph], newToken.start, newToken.end),
      ...(sameLength ? slotsWithin(this.oldSlots[oldParagraph], oldToken.start, oldToken.end).map((o) => newToken.start + (o - oldToken.start)) : []),
    ].sort((a, b) => a - b);
    let offset = newToken.start;
    while (offset < newToken.end) {
      this.flushOld(oldParagraph, oldOffsetOf(offset));
      this.flushNew(newParagraph, offset);
      const newIndex = inlineAt(newTp, offset);
      const newInline = newTp.inlines[newIndex] as Inline;
      const oldOffset = oldOffsetOf(offset);
      const oldIndex = inlineAt(oldTp, oldOffset);
      const oldInline = oldTp.inlines[oldIndex] as Inline;
      let to = Math.min(newToken.end, inlineEnd(newTp, newIndex));
      if (sameLength) to = Math.min(to, newToken.start + (inlineEnd(oldTp, oldIndex) - oldToken.start));
      const stop = stops.find((o) => o > offset);
      if (stop !== undefined) to = Math.min(to, stop);
      const start = newTp.inlineStarts[newIndex] as number;
      const piece = sliceInline(newInline, offset - start, to - start);
      if (newInline.type === 'atom' && newInline.note) {
        const oldId = oldInline.type === 'atom' && oldInline.note?.kind === newInline.note.kind ? oldInline.note.id : undefined;
        this.ctx.recordNote({ kind: newInline.note.kind, newId: newInline.note.id, ...(oldId !== undefined && { oldId }) });
      }
      const stories = newInline.type === 'atom' && newInline.stories ? this.storyDiff(oldInline, newInline) : undefined;
      this.push('equal', piece, newInline, this.previousFormat(oldInline, newInline, piece), stories, { paragraph: newTp.paragraph, offset });
      this.moveCursor(this.newAt, newParagraph, to);
      this.moveCursor(this.oldAt, oldParagraph, oldOffsetOf(to));
      offset = to;
    }
    this.moveCursor(this.oldAt, oldParagraph, oldToken.end);
  }

  deleted(oldParagraph: number, from: number, to: number): void {
    if (from >= to) return;
    const tp = this.olds[oldParagraph] as TokenizedParagraph;
    let start = from;
    for (const stop of [...slotsWithin(this.oldSlots[oldParagraph], from, to), to]) {
      this.flushOld(oldParagraph, start);
      this.pushSlices(tp, start, stop, 'deleted');
      this.moveCursor(this.oldAt, oldParagraph, stop);
      start = stop;
    }
  }

  inserted(newParagraph: number, from: number, to: number): void {
    if (from >= to) return;
    const tp = this.news[newParagraph] as TokenizedParagraph;
    let start = from;
    for (const stop of [...slotsWithin(this.newSlots[newParagraph], from, to), to]) {
      this.flushNew(newParagraph, start);
      this.pushSlices(tp, start, stop, 'inserted');
      this.moveCursor(this.newAt, newParagraph, stop);
      start = stop;
    }
  }

  /**
   * Where a changed stretch is cut for the ranges both sides have in it (at its edges included):
   * pairs of positions (old, new), increasing on both sides.
   */
  sharedCuts(deleted: { from: Position; to: Position }, inserted: { from: Position; to: Position }): { old: Position; new: Position }[] {
    const within = (slot: MarkerSlot, span: { from: Position; to: Position }): boolean => !comesBefore(slot, span.from) && !comesBefore(span.to, slot);
    const cuts: { old: Position; new: Position }[] = [];
    for (const slot of this.oldSlots.flat()) {
      const partner = slot.partner;
      if (!partner || slot.done || !within(slot, deleted) || !within(partner, inserted)) continue;
      const last = cuts[cuts.length - 1];
      if (!last || (!comesBefore(slot, last.old) && !comesBefore(partner, last.new))) cuts.push({ old: slot, new: partner });
    }
    return cuts;
  }

  /** Ends the paragraph being built at a mark of the given status. */
  endParagraph(mark: MarkStatus, newParagraph: number | undefined, oldParagraph: number | undefined): void {
    if (oldParagraph !== undefined) {
      this.flushOld(oldParagraph, Infinity);
      this.moveCursor(this.oldAt, oldParagraph + 1, 0);
    }
    if (newParagraph !== undefined) {
      this.flushNew(newParagraph, Infinity);
      this.moveCursor(this.newAt, newParagraph + 1, 0);
    }
    const newTp = newParagraph === undefined ? undefined : this.news[newParagraph];
    const oldTp = oldParagraph === undefined ? undefined : this.olds[oldParagraph];
    const main = (newTp ?? oldTp) as TokenizedParagraph;
    const unchanged = mark === 'equal' && newTp !== undefined && oldTp !== undefined && this.olds.length === 1 && this.news.length === 1 && this.pieces.every(isUnchangedPiece);
    this.out.push({
      type: 'paragraph',
      paragraph: main.paragraph,
      side: newTp ? 'new' : 'old',
      mark,
      pieces: this.pieces,
      unchanged,
      ...(newTp && oldTp && { previous: oldTp.paragraph }),
    });
    this.pieces = [];
    this.origins = [];
  }

  private moveCursor(cursor: Cursor, paragraph: number, offset: number): void {
    if (paragraph > cursor.paragraph || (paragraph === cursor.paragraph && offset > cursor.offset)) {
      cursor.paragraph = paragraph;
      cursor.offset = offset;
    }
  }

  private previousFormat(oldInline: Inline, newInline: Inline, piece: Inline): RedlinePiece['previousFormat'] {
    if (this.ctx.options.ignoreFormatting || oldInline.type !== 'text' || newInline.type !== 'text' || piece.type !== 'text') return undefined;
    if (oldInline.props === newInline.props || formatKey(oldInline.direct) === formatKey(newInline.direct)) return undefined;
    if (/^\s*$/.test(piece.text) && formatKey(spaceVisible(oldInline.direct)) === formatKey(spaceVisible(newInline.direct))) return undefined;
    return { format: oldInline.direct, ...(oldInline.props !== undefined && { props: oldInline.props }) };
  }

  private pushSlices(tp: TokenizedParagraph, from: number, to: number, status: PieceStatus): void {
    for (const { piece, origin } of slicePieces(tp, from, to, status, this.ctx)) this.push(status, piece.inline, origin, undefined, piece.stories, piece.origin);
  }

  /** Text boxes that stayed: their stories are compared one by one. */
  private storyDiff(oldInline: Inline, newInline: Atom): RedlinePiece['stories'] {
    const oldStories = oldInline.type === 'atom' ? (oldInline.stories ?? []) : [];
    return (newInline.stories ?? []).map((blocks, i) => diffBlocks(oldStories[i] ?? [], blocks, this.ctx));
  }

  private push(status: PieceStatus, inline: Inline, origin: Inline, previousFormat: RedlinePiece['previousFormat'], stories?: RedlinePiece['stories'], from?: RedlinePiece['origin']): void {
    const last = this.pieces[this.pieces.length - 1];
    if (
      last &&
      last.status === status &&
      this.origins[this.origins.length - 1] === origin &&
      last.inline.type === 'text' &&
      inline.type === 'text' &&
      last.previousFormat?.props === previousFormat?.props &&
      (last.previousFormat === undefined) === (previousFormat === undefined)
    ) {
      this.pieces[this.pieces.length - 1] = { ...last, inline: { ...last.inline, text: last.inline.text + inline.text } };
      return;
    }
    this.pieces.push({ status, inline, ...(from && { origin: from }), ...(previousFormat && { previousFormat }), ...(stories && { stories }) });
    this.origins.push(origin);
  }

  private pushMarker(status: 'equal' | 'deleted', marker: Marker): void {
    this.pieces.push({ status, inline: marker });
    this.origins.push(marker);
  }

  /**
   * Writes the new paragraph's markers that stand at or before `offset`. A marker the old side
   * has too is written here even when the old side has not reached its place: the new version's
   * place wins where the two cannot both hold.
   */
  private flushNew(newParagraph: number, offset: number): void {
    for (const slot of this.newSlots[newParagraph] ?? []) {
      if (slot.offset > offset) break;
      if (slot.done) continue;
      slot.done = true;
      if (slot.partner) slot.partner.done = true;
      this.pushMarker('equal', slot.marker);
    }
  }

  /**
   * Writes the old paragraph's markers that stand at or before `offset`: a range only the old
   * version has as deleted markup (kept or dropped by old-markers.ts); one both have when the new
   * side has reached its place too (otherwise the new side writes it when it gets there).
   */
  private flushOld(oldParagraph: number, offset: number): void {
    for (const slot of this.oldSlots[oldParagraph] ?? []) {
      if (slot.offset > offset) break;
      if (slot.done) continue;
      const partner = slot.partner;
      if (!partner) {
        slot.done = true;
        if (slot.marker.range) this.pushMarker('deleted', slot.marker);
      } else if (isAtOrBefore(partner, this.newAt)) {
        slot.done = true;
        if (!partner.done) {
          partner.done = true;
          this.pushMarker('equal', partner.marker);
        }
      }
    }
  }
}
