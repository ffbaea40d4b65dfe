/**
 * The text of blocks, rows and paragraph ranges as the merge compares, quotes and cuts them
 * (offsets count an atom as one character).
 */
import type { Block, Inline, Paragraph, TableRow } from '../model/document.js';
import { assertNever } from '../util/assert-never.js';

export function blockText(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return block.inlines.map((i) => (i.type === 'text' ? i.text : i.type === 'atom' ? i.key : '')).join('');
    case 'table':
      return block.rows.map((r) => r.cells.map((c) => c.blocks.map(blockText).join('\n')).join('|')).join('\n');
    case 'opaque':
      return block.key;
    default:
      return assertNever(block, 'block');
  }
}

/** Whole blocks in a conflict are quoted by their start: enough to find them. */
export function clip(text: string, max = 300): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

export function rowText(row: TableRow): string {
  return row.cells.map((c) => c.blocks.map(blockText).join('\n')).join(' | ');
}

/** The text of a paragraph between two offsets (atoms count one character). */
export function textOf(paragraph: Paragraph, start: number, end: number): string {
  return sliceInlines(paragraph, start, end)
    .map((i) => (i.type === 'text' ? i.text : ''))
    .join('');
}

/** The inlines of a paragraph between two offsets, text runs cut at the edges. */
export function sliceInlines(paragraph: Paragraph, start: number, end: number): Inline[] {
  const out: Inline[] = [];
  let offset = 0;
  for (const inline of paragraph.inlines) {
    if (inline.type === 'marker') {
      if (offset >= start && offset < end) out.push(inline);
      continue;
    }
    const length = inline.type === 'text' ? inline.text.length : 1;
    const from = Math.max(start, offset);
    const to = Math.min(end, offset + length);
    if (from < to) out.push(inline.type === 'text' ? { ...inline, text: inline.text.slice(from - offset, to - offset) } : inline);
    offset += length;
  }
  return out;
}
