/**
 * Compact redline strings for unit tests, in the text redline's notation: `[-deleted-]`,
 * `{+inserted+}`, `[>moved from<]`, `{>moved to<}`; one paragraph a line.
 */
import { compareDocuments } from '../../src/diff/compare-documents.js';
import type { DiffOptions } from '../../src/diff/options.js';
import type { Segment } from '../../src/diff/sequence-diff.js';
import { toMarkup } from '../../src/exporters/markup/to-markup.js';
import { document, paragraph, textRun } from '../../src/model/build.js';
import type { Document } from '../../src/model/document.js';

/** A document of plain paragraphs, one a line. */
export function lines(name: string, text: string): Document {
  return document(
    name,
    'text',
    text.split('\n').map((line) => paragraph(line === '' ? [] : [textRun(line)])),
  );
}

/** The redline of two texts (one paragraph a line), as compact markup. */
export function redline(old: string, neu: string, options: DiffOptions = {}): string {
  return toMarkup(compareDocuments(lines('old', old), lines('new', neu), options)).replace(/\n$/, '');
}

/** Segments of a sequence diff over two key lists, as compact markup (keys joined by `sep`). */
export function segmentsMarkup(old: readonly string[], neu: readonly string[], segments: readonly Segment[], sep = ' '): string {
  return segments
    .map((s) => {
      const before = old.slice(s.oldFrom, s.oldTo).join(sep);
      const after = neu.slice(s.newFrom, s.newTo).join(sep);
      if (s.equal) return before;
      return `${before === '' ? '' : `[-${before}-]`}${after === '' ? '' : `{+${after}+}`}`;
    })
    .join(sep);
}
