/**
 * Plain text importer: a blank line separates paragraphs; a single line break inside a paragraph
 * is kept as a line break, so the text reads as it was typed. Clause numbers typed at the start of
 * a paragraph become its label (see `typed-labels.ts`).
 */

import { document, lineBreak, paragraph, textRun } from '../../model/build.js';
import type { Document, Inline } from '../../model/document.js';
import { recogniseTypedLabels } from '../typed-labels.js';

export function fromText(text: string, name: string): Document {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const blocks = normalised
    .split(/\n[ \t]*\n+/)
    .map((chunk) => chunk.replace(/^\n+|\n+$/g, ''))
    .filter((chunk) => chunk.trim() !== '')
    .map((chunk) => {
      const inlines: Inline[] = [];
      chunk.split('\n').forEach((line, i) => {
        if (i > 0) inlines.push(lineBreak());
        if (line !== '') inlines.push(textRun(line));
      });
      return paragraph(inlines);
    });
  return document(name, 'text', recogniseTypedLabels(blocks));
}
