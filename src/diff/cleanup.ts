/**
 * Readability passes over a word diff, after diff-match-patch's `diff_cleanupSemantic` and
 * `diff_cleanupSemanticLossless`, adapted to tokens:
 *
 * 1. an equality no longer than the changes on both sides of it (or made only of spaces and
 *    punctuation) is folded into one change, so there is no confetti of tiny islands;
 * 2. a sentence of which less than {@link REWRITE_THRESHOLD} of the words survive is shown as one
 *    replacement; a sentence replaced from its first word to its last takes its full stop along
 *    (`[-The cat sat.-]{+Dogs run.+}`, not `[-The cat sat-]{+Dogs run+}.`);
 * 3. a pure insertion or deletion slides to the position where it starts on a word and ends on a
 *    space (`a {+new +}word`, not `a{+ new+} word`), and never takes the punctuation that ends
 *    the word before it: an appended sentence is `work.{+ Appendix.+}`, not `work{+. Appendix+}.`,
 *    and a list item `pay; {+the Agent shall act; +}and`, as diff-match-patch's semantic lossless
 *    clean-up does for word boundaries.
 *
 * Every pass keeps the invariants: the old tokens in order are the old text, the new tokens in
 * order are the new text.
 */

import { pushAll } from '../util/arrays.js';
import type { Segment } from './sequence-diff.js';
import type { Token } from './tokenize.js';

/** Below this share of surviving word characters a sentence is shown as rewritten. */
export const REWRITE_THRESHOLD = 0.4;

export function cleanupSemantic(segments: readonly Segment[], oldTokens: readonly Token[], newTokens: readonly Token[]): Segment[] {
  let out = absorbSmallEqualities(segments, oldTokens, newTokens);
  out = collapseRewrittenSentences(out, oldTokens, newTokens);
  out = slideEdits(out, oldTokens, newTokens);
  return out;
}

function textLength(tokens: readonly Token[], from: number, to: number): number {
  let length = 0;
  for (let i = from; i < to; i++) length += (tokens[i] as Token).text.length;
  return length;
}

function hasContent(tokens: readonly Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const kind = (tokens[i] as Token).kind;
    if (kind === 'word' || kind === 'atom') return true;
  }
  return false;
}

function merge(a: Segment, b: Segment, equal: boolean): Segment {
  return { equal, oldFrom: a.oldFrom, oldTo: b.oldTo, newFrom: a.newFrom, newTo: b.newTo };
}

function absorbSmallEqualities(segments: readonly Segment[], oldTokens: readonly Token[], newTokens: readonly Token[]): Segment[] {
  const out = [...segments];
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 1; i + 1 < out.length; i++) {
      const before = out[i - 1] as Segment;
      const equality = out[i] as Segment;
      const after = out[i + 1] as Segment;
      if (!equality.equal || before.equal || after.equal) continue;
      const length = textLength(oldTokens, equality.oldFrom, equality.oldTo);
      const beforeLength = Math.max(textLength(oldTokens, before.oldFrom, before.oldTo), textLength(newTokens, before.newFrom, before.newTo));
      const afterLength = Math.max(textLength(oldTokens, after.oldFrom, after.oldTo), textLength(newTokens, after.newFrom, after.newTo));
      const isFiller = !hasContent(oldTokens, equality.oldFrom, equality.oldTo);
      if (isFiller || (length <= beforeLength && length <= afterLength)) {
        out.splice(i - 1, 3, merge(before, after, false));
        changed = true;
        i = Math.max(0, i - 2);
      }
    }
  }
  return out;
}

/** Whether a character code is one that ends a sentence: `.`, `!`, `?` or `;`. */
export function isSentenceEndCode(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 59;
}

/** Whether a token ends a sentence (compared by code: a set lookup would hash every token). */
function isSentenceEnd(text: string): boolean {
  return text.length === 1 && isSentenceEndCode(text.charCodeAt(0));
}

/** Splits segments into sentences at `. ` inside equalities, and collapses rewritten ones. */
function collapseRewrittenSentences(segments: readonly Segment[], oldTokens: readonly Token[], newTokens: readonly Token[]): Segment[] {
  const pieces = splitAtSentenceEnds(segments, oldTokens);
  const out: Segment[] = [];
  let sentence: Segment[] = [];
  const flush = (): void => {
    pushAll(out, collapseIfRewritten(sentence, oldTokens, newTokens));
    sentence = [];
  };
  for (const piece of pieces) {
    sentence.push(piece.segment);
    if (piece.endsSentence) flush();
  }
  flush();
  return joinAdjacent(out);
}

interface Piece {
  readonly segment: Segment;
  readonly endsSentence: boolean;
}

function splitAtSentenceEnds(segments: readonly Segment[], oldTokens: readonly Token[]): Piece[] {
  const pieces: Piece[] = [];
  for (const segment of segments) {
    if (!segment.equal) {
      pieces.push({ segment, endsSentence: false });
      continue;
    }
    let from = segment.oldFrom;
    for (let i = segment.oldFrom; i + 1 < segment.oldTo; i++) {
      if (isSentenceEnd((oldTokens[i] as Token).text) && (oldTokens[i + 1] as Token).kind === 'space') {
        const to = i + 2;
        pieces.push({ segment: slice(segment, from, to), endsSentence: true });
        from = to;
      }
    }
    if (from < segment.oldTo) pieces.push({ segment: slice(segment, from, segment.oldTo), endsSentence: false });
  }
  return pieces;
}

function slice(equality: Segment, oldFrom: number, oldTo: number): Segment {
  const shift = equality.newFrom - equality.oldFrom;
  return { equal: true, oldFrom, oldTo, newFrom: oldFrom + shift, newTo: oldTo + shift };
}

function collapseIfRewritten(sentence: readonly Segment[], oldTokens: readonly Token[], newTokens: readonly Token[]): Segment[] {
  const firstChange = sentence.findIndex((s) => !s.equal);
  if (firstChange < 0) return [...sentence];
  let lastChange = sentence.length - 1;
  while ((sentence[lastChange] as Segment).equal) lastChange--;
  if (firstChange === lastChange) return withClosingStop(sentence, firstChange, oldTokens, newTokens);

  let kept = 0;
  let oldWords = 0;
  let newWords = 0;
  for (const segment of sentence) {
    const oldLength = wordLength(oldTokens, segment.oldFrom, segment.oldTo);
    oldWords += oldLength;
    newWords += wordLength(newTokens, segment.newFrom, segment.newTo);
    if (segment.equal) kept += oldLength;
  }
  const total = Math.max(oldWords, newWords, 1);
  if (kept / total >= REWRITE_THRESHOLD) return [...sentence];
  const first = sentence[firstChange] as Segment;
  const last = sentence[lastChange] as Segment;
  return withClosingStop([...sentence.slice(0, firstChange), merge(first, last, false), ...sentence.slice(lastChange + 1)], firstChange, oldTokens, newTokens);
}

/**
 * A replacement that covers its sentence from the first word and is followed only by the
 * sentence's closing mark (and the space after it) takes that mark along: the whole sentence was
 * replaced, and its full stop belongs to each version of it.
 */
function withClosingStop(sentence: readonly Segment[], change: number, oldTokens: readonly Token[], newTokens: readonly Token[]): Segment[] {
  const segment = sentence[change] as Segment;
  const after = sentence[change + 1];
  const isReplacement = segment.oldFrom < segment.oldTo && segment.newFrom < segment.newTo;
  if (!isReplacement || change + 2 < sentence.length || !after?.equal || after.oldFrom === after.oldTo) return [...sentence];
  for (let k = 0; k < change; k++) {
    const before = sentence[k] as Segment;
    if (hasContent(oldTokens, before.oldFrom, before.oldTo)) return [...sentence];
  }
  const stop = oldTokens[after.oldFrom] as Token;
  if (!isSentenceEnd(stop.text) || newTokens[after.newFrom]?.key !== stop.key) return [...sentence];
  for (let i = after.oldFrom + 1; i < after.oldTo; i++) if ((oldTokens[i] as Token).kind !== 'space') return [...sentence];
  const absorbed: Segment = { equal: false, oldFrom: segment.oldFrom, oldTo: segment.oldTo + 1, newFrom: segment.newFrom, newTo: segment.newTo + 1 };
  const rest: Segment = { equal: true, oldFrom: after.oldFrom + 1, oldTo: after.oldTo, newFrom: after.newFrom + 1, newTo: after.newTo };
  return [...sentence.slice(0, change), absorbed, ...(rest.oldFrom < rest.oldTo ? [rest] : [])];
}

function wordLength(tokens: readonly Token[], from: number, to: number): number {
  let length = 0;
  for (let i = from; i < to; i++) {
    const token = tokens[i] as Token;
    if (token.kind === 'word' || token.kind === 'atom') length += token.text.length;
  }
  return length;
}

function joinAdjacent(segments: readonly Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const segment of segments) {
    if (segment.oldFrom === segment.oldTo && segment.newFrom === segment.newTo) continue;
    const last = out[out.length - 1];
    if (last && last.equal === segment.equal) out[out.length - 1] = merge(last, segment, segment.equal);
    else out.push(segment);
  }
  return out;
}

/** Slides each pure insertion or deletion to the best-reading position among the equivalent ones. */
function slideEdits(segments: readonly Segment[], oldTokens: readonly Token[], newTokens: readonly Token[]): Segment[] {
  const out = [...segments];
  for (let i = 0; i < out.length; i++) {
    const edit = out[i] as Segment;
    if (edit.equal) continue;
    const isInsert = edit.oldFrom === edit.oldTo;
    const isDelete = edit.newFrom === edit.newTo;
    if (isInsert === isDelete) continue;
    const before = out[i - 1];
    const after = out[i + 1];
    const tokens = isInsert ? newTokens : oldTokens;
    const from = isInsert ? edit.newFrom : edit.oldFrom;
    const to = isInsert ? edit.newTo : edit.oldTo;
    // How far the edit can move left (over the equality before it) and right (over the one after).
    const minFrom = before?.equal ? (isInsert ? before.newFrom : before.oldFrom) : from;
    const maxTo = after?.equal ? (isInsert ? after.newTo : after.oldTo) : to;
    let left = 0;
    while (from - left - 1 >= minFrom && (tokens[from - left - 1] as Token).key === (tokens[to - left - 1] as Token).key) left++;
    let right = 0;
    while (to + right < maxTo && (tokens[from + right] as Token).key === (tokens[to + right] as Token).key) right++;
    if (left === 0 && right === 0) continue;
    let bestShift = 0;
    let bestScore = -Infinity;
    for (let shift = -left; shift <= right; shift++) {
      const score = editScore(tokens, from + shift, to + shift);
      if (score > bestScore) {
        bestScore = score;
        bestShift = shift;
      }
    }
    if (bestShift === 0) continue;
    // Both sides move: the empty range on the other side slides along with the edit.
    const moved: Segment = { equal: false, oldFrom: edit.oldFrom + bestShift, oldTo: edit.oldTo + bestShift, newFrom: edit.newFrom + bestShift, newTo: edit.newTo + bestShift };
    out[i] = moved;
    if (before) out[i - 1] = { ...before, oldTo: moved.oldFrom, newTo: moved.newFrom };
    if (after) {
      out[i + 1] = { ...after, oldFrom: moved.oldTo, newFrom: moved.newTo };
    } else if (bestShift < 0) {
      // Slid left at the end: what it slid over now follows it.
      out.splice(i + 1, 0, { equal: true, oldFrom: moved.oldTo, oldTo: edit.oldTo, newFrom: moved.newTo, newTo: edit.newTo });
    }
    if (!before && bestShift > 0) {
      out.splice(i, 0, { equal: true, oldFrom: edit.oldFrom, oldTo: moved.oldFrom, newFrom: edit.newFrom, newTo: moved.newFrom });
      i++;
    }
  }
  return joinAdjacent(out);
}

/**
 * Higher is better: the edit starts on a word after a space and ends with a space, and it neither
 * takes the closing mark of the word before it (`work{+. Appendix+}.`) nor leaves an opening one
 * behind it (`{+see (+}note)`): punctuation stays with the words it belongs to.
 */
function editScore(tokens: readonly Token[], from: number, to: number): number {
  const first = tokens[from] as Token;
  const last = tokens[to - 1] as Token;
  const previous = tokens[from - 1];
  const next = tokens[to];
  let score = 0;
  if (first.kind !== 'space') score += 2;
  if (last.kind === 'space') score += 1;
  if (previous === undefined || previous.kind === 'space') score += 1;
  if (previous !== undefined && previous.kind !== 'space' && isClosingMark(first)) score -= 3;
  if (next !== undefined && next.kind !== 'space' && isOpeningMark(last)) score -= 3;
  return score;
}

/** Marks that close what comes before them: stops, commas, colons, closing brackets and quotes. */
const CLOSING_MARKS = new Set(['.', ',', ';', ':', '!', '?', ')', ']', '}', '\u201d', '\u2019', '\u00bb']);
const OPENING_MARKS = new Set(['(', '[', '{', '\u201c', '\u2018', '\u00ab']);

function isClosingMark(token: Token): boolean {
  return token.kind === 'punct' && CLOSING_MARKS.has(token.text);
}

function isOpeningMark(token: Token): boolean {
  return token.kind === 'punct' && OPENING_MARKS.has(token.text);
}
