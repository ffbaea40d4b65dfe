/**
 * Merging word edits of several sources in one paragraph. A source's edits only a word apart are
 * one hunk — what a drafter changed in one go ("within 30" → "in 60" is one change, though the
 * diff sees two) — and conflicts are resolved a hunk at a time, so a policy never applies half of
 * one source's change.
 */
import type { Inline, Paragraph } from '../model/document.js';
import type { Adopter } from '../ooxml/adopter.js';
import { pushAll } from '../util/arrays.js';
import type { Claim, ConflictPolicy, Resolution, WordEdit } from './claims.js';
import { sliceInlines, textOf } from './merge-text.js';

/** One source's word edits in a paragraph, those only a word apart joined. */
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
export function mergeWords(paragraph: Paragraph, claims: readonly Extract<Claim, { kind: 'words' }>[], policy: ConflictPolicy, { conflicts, adopter, label }: Resolution): Paragraph {
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

/** The paragraph with the edits (sorted, not overlapping) applied; inserted content adopted. */
export function applyWordEdits(paragraph: Paragraph, edits: readonly WordEdit[], adopter: Adopter): Paragraph {
  let length = 0;
  for (const inline of paragraph.inlines) if (inline.type !== 'marker') length += inline.type === 'text' ? inline.text.length : 1;
  const inlines: Inline[] = [];
  let position = 0;
  for (const edit of edits) {
    pushAll(inlines, sliceInlines(paragraph, position, edit.start));
    pushAll(
      inlines,
      sliceInlines(edit.from, edit.insertStart, edit.insertEnd).map((i) => adopter.inline(i, edit.document)),
    );
    position = Math.max(position, edit.end);
  }
  pushAll(inlines, sliceInlines(paragraph, position, length + 1));
  const { xml: _xml, ...rest } = paragraph;
  return { ...rest, inlines };
}
