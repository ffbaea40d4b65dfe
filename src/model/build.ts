/**
 * Small constructors for model nodes, used by the text and Markdown importers and by tests.
 */

import { maxOf } from '../util/arrays.js';
import type { Atom, Block, Document, Inline, Paragraph, ParagraphLayout, RunFormat, SourceFormat, Table, TableCell, TableRow, TextRun } from './document.js';

export function textRun(text: string, format: RunFormat = {}): TextRun {
  return { type: 'text', text, format, direct: format };
}

export function lineBreak(format: RunFormat = {}): Atom {
  return { type: 'atom', kind: 'break', text: '\n', key: 'br', xml: '<w:br/>', format, direct: format };
}

export interface ParagraphOptions {
  readonly styleId?: string;
  readonly headingLevel?: number;
  readonly numbering?: Paragraph['numbering'];
  readonly layout?: ParagraphLayout;
}

export function paragraph(inlines: readonly Inline[], options: ParagraphOptions = {}): Paragraph {
  return {
    type: 'paragraph',
    inlines,
    layout: options.layout ?? {},
    ...(options.styleId !== undefined && { styleId: options.styleId }),
    ...(options.headingLevel !== undefined && { headingLevel: options.headingLevel }),
    ...(options.numbering !== undefined && { numbering: options.numbering }),
  };
}

export function tableCell(blocks: readonly Block[], gridSpan = 1): TableCell {
  return { blocks: blocks.length > 0 ? blocks : [paragraph([])], gridSpan };
}

export function tableRow(cells: readonly TableCell[], isHeader = false): TableRow {
  return { cells, isHeader };
}

export function table(rows: readonly TableRow[]): Table {
  const columns = maxOf(
    rows.map((r) => r.cells.reduce((n, c) => n + c.gridSpan, 0)),
    1,
  );
  return { type: 'table', rows, columnWidths: new Array<number>(columns).fill(451 / columns) };
}

export function document(name: string, format: SourceFormat, body: readonly Block[], title?: string): Document {
  return { name, format, body, footnotes: [], endnotes: [], headers: [], footers: [], hadTrackedChanges: false, ...(title !== undefined && { title }) };
}
