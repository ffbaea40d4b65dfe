/**
 * Footnote and endnote numbers, in the order the layout first meets their references (deleted
 * references included, so a removed note keeps a number of its own). Footnotes are laid out when
 * first called and placed at the foot of that page; endnotes are gathered for a section at the
 * end of the document.
 */
import type { Atom, NoteKind } from '../../model/document.js';
import type { RedlineNote, Side } from '../../model/redline.js';
import type { Footnote } from './inline-items.js';
import type { StructElement } from './structure.js';

export interface NoteCall {
  /** The reference mark: `1`, `2`… for footnotes, `i`, `ii`… for endnotes. */
  readonly label: string;
  /** The footnote's content, on its first call only. */
  readonly footnote?: Footnote;
}

export interface Endnote {
  readonly label: string;
  readonly note: RedlineNote;
}

/** Lays out a footnote's content under `parent` (the `Note` element at its reference). */
export type FootnoteLayout = (note: RedlineNote, label: string, parent: StructElement | undefined) => Footnote;

export class NoteRegistry {
  private readonly notes = new Map<string, RedlineNote>();
  private readonly labels = new Map<string, string>();
  private readonly counts: Record<NoteKind, number> = { footnote: 0, endnote: 0 };
  readonly endnotes: Endnote[] = [];
  private readonly layoutFootnote: FootnoteLayout;

  constructor(notes: readonly RedlineNote[], layoutFootnote: FootnoteLayout) {
    for (const note of notes) {
      this.notes.set(noteKey(note.kind, note.side, note.id), note);
      if (note.oldId !== undefined) this.notes.set(noteKey(note.kind, 'old', note.oldId), note);
    }
    this.layoutFootnote = layoutFootnote;
  }

  /** A reference atom met on `side` (the old version's for deleted and moved-from pieces). */
  call(atom: Atom, side: Side, parent?: StructElement): NoteCall {
    const reference = atom.note;
    if (!reference) return { label: '' };
    const key = noteKey(reference.kind, side, reference.id);
    const note = this.notes.get(key);
    const identity = note ? noteKey(note.kind, note.side, note.id) : key;
    const known = this.labels.get(identity);
    if (known !== undefined) return { label: known };
    const count = ++this.counts[reference.kind];
    const label = reference.kind === 'footnote' ? String(count) : toRoman(count);
    this.labels.set(identity, label);
    if (!note) return { label };
    if (reference.kind === 'endnote') {
      this.endnotes.push({ label, note });
      return { label };
    }
    return { label, footnote: this.layoutFootnote(note, label, parent) };
  }
}

function noteKey(kind: NoteKind, side: Side, id: string): string {
  return `${kind}:${side}:${id}`;
}

const ROMAN: readonly (readonly [number, string])[] = [
  [1000, 'm'],
  [900, 'cm'],
  [500, 'd'],
  [400, 'cd'],
  [100, 'c'],
  [90, 'xc'],
  [50, 'l'],
  [40, 'xl'],
  [10, 'x'],
  [9, 'ix'],
  [5, 'v'],
  [4, 'iv'],
  [1, 'i'],
];

/** Lower-case roman numerals, as endnotes are numbered. */
export function toRoman(value: number): string {
  let out = '';
  let rest = value;
  for (const [amount, digits] of ROMAN) {
    while (rest >= amount) {
      out += digits;
      rest -= amount;
    }
  }
  return out;
}
