/**
 * The plain text of a document as a list of lines, the way LibreOffice's text view of a Word
 * file reads: one line per paragraph (a line break starts a new line), table cells in row order,
 * then the notes the text refers to, in the order of their references, each after a
 * `[footnote N]` line. Used by `redline verify`.
 */

import { pushAll } from '../util/arrays.js';
import { assertNever } from '../util/assert-never.js';
import type { Block, Document, Note, NoteKind } from './document.js';
import { inlineText } from './inline-text.js';
import { typedLabelText } from './numbering.js';

export interface PlainTextOptions {
  /** Drop empty lines. */
  readonly ignoreEmptyLines?: boolean;
  /** Add the headers and footers, each after a `[header]`/`[footer]` line. */
  readonly headers?: boolean;
}

function blockLines(blocks: readonly Block[], out: string[]): void {
  for (const block of blocks) {
    switch (block.type) {
      case 'paragraph':
        pushAll(out, ((typedLabelText(block.numbering) ?? '') + block.inlines.map(inlineText).join('')).split('\n'));
        break;
      case 'table':
        for (const row of block.rows) for (const cell of row.cells) if (cell.vMerge !== 'continue') blockLines(cell.blocks, out);
        break;
      case 'opaque':
        out.push(block.text);
        break;
      default:
        assertNever(block, 'block');
    }
  }
}

/** Note references in reading order. */
function noteReferences(blocks: readonly Block[], out: { kind: NoteKind; id: string }[]): void {
  for (const block of blocks) {
    switch (block.type) {
      case 'paragraph':
        for (const inline of block.inlines) if (inline.type === 'atom' && inline.note) out.push(inline.note);
        break;
      case 'table':
        for (const row of block.rows) for (const cell of row.cells) noteReferences(cell.blocks, out);
        break;
      case 'opaque':
        break;
      default:
        assertNever(block, 'block');
    }
  }
}

export function documentLines(doc: Document, options: PlainTextOptions = {}): string[] {
  const lines: string[] = [];
  blockLines(doc.body, lines);
  const references: { kind: NoteKind; id: string }[] = [];
  noteReferences(doc.body, references);
  for (const kind of ['footnote', 'endnote'] as const) {
    const notes: readonly Note[] = kind === 'footnote' ? doc.footnotes : doc.endnotes;
    references
      .filter((r) => r.kind === kind)
      .forEach((reference, i) => {
        lines.push(`[${kind} ${i + 1}]`);
        blockLines(notes.find((n) => n.id === reference.id)?.blocks ?? [], lines);
      });
  }
  if (options.headers) {
    for (const story of [...doc.headers, ...doc.footers]) {
      lines.push(`[${story.kind}]`);
      blockLines(story.blocks, lines);
    }
  }
  let normalised = lines.map((line) => line.replace(/[\u00a0\u202f\u2007]/g, ' ').replace(/\s+$/u, ''));
  if (options.ignoreEmptyLines) normalised = normalised.filter((line) => line !== '');
  // Trimmed by index: shifting one empty line at a time is quadratic (10⁶ line breaks took minutes).
  let first = 0;
  while (first < normalised.length && normalised[first] === '') first++;
  let end = normalised.length;
  while (end > first && normalised[end - 1] === '') end--;
  return first === 0 && end === normalised.length ? normalised : normalised.slice(first, end);
}
