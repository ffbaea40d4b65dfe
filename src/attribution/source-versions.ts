/**
 * What a source file says a source changed, as a pair of versions (before its edits, after them).
 *
 * A source comes in one of three forms, detected from the file:
 * - `redline`: a DOCX with tracked changes; its Reject All view is the before, Accept All the after;
 * - `manual-redline`: a document marked up by hand, underlined text inserted and struck-through
 *   text deleted;
 * - `full-version`: the old version with only this source's changes applied; the before is the
 *   old version itself.
 */

import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { loadDocument } from '../importers/read-document.js';
import type { Block, Document, Inline, Paragraph, Table } from '../model/document.js';

/** The form of a source's file, detected: a full version, a redline (tracked changes), or a manual redline (struck-through and underlined text). */
export type SourceForm = 'full-version' | 'redline' | 'manual-redline';

export interface SourceVersions {
  readonly form: SourceForm;
  /** The version the source's edits were made to (the old version, or the source's own base). */
  readonly before: Document;
  readonly after: Document;
  readonly diagnostics: readonly Diagnostic[];
}

export async function loadSourceVersions(bytes: Uint8Array, name: string, old: Document): Promise<SourceVersions> {
  const loaded = await loadDocument(bytes, name);
  const document = loaded.value;
  if (document.hadTrackedChanges) {
    const before = await loadDocument(bytes, name, { view: 'before' });
    return { form: 'redline', before: before.value, after: document, diagnostics: loaded.diagnostics };
  }
  if (hasManualMarkup(document.body)) {
    return { form: 'manual-redline', before: markupView(document, 'before'), after: markupView(document, 'after'), diagnostics: loaded.diagnostics };
  }
  return { form: 'full-version', before: old, after: document, diagnostics: loaded.diagnostics };
}

const isStruck = (inline: Inline): boolean => inline.type !== 'marker' && (inline.format.strike === true || inline.format.doubleStrike === true);
const isUnderlined = (inline: Inline): boolean => inline.type !== 'marker' && inline.format.underline !== undefined && inline.format.underline !== 'none';

/**
 * A manual redline strikes text through: nothing else in a code or contract does. (Underlining
 * alone is common in headings and defined terms, so it does not make a redline on its own.)
 */
function hasManualMarkup(blocks: readonly Block[]): boolean {
  return blocks.some((block) => {
    if (block.type === 'paragraph') return block.inlines.some((i) => isStruck(i) && (i.type !== 'text' || i.text.trim() !== ''));
    if (block.type === 'table') return block.rows.some((row) => row.cells.some((cell) => hasManualMarkup(cell.blocks)));
    return false;
  });
}

const MARKING_PROPS = /<w:(?:u|strike|dstrike|color)\b[^>]*\/>|<w:(u|strike|dstrike|color)\b[^>]*>.*?<\/w:\1>/g;

/** The before (struck kept, underlined dropped) or after (the reverse) view of a manual redline. */
function markupView(document: Document, view: 'before' | 'after'): Document {
  const dropped = view === 'before' ? isUnderlined : isStruck;
  const clean = (inline: Inline): Inline => {
    if (inline.type === 'marker') return inline;
    const { strike: _s, doubleStrike: _d, underline: _u, color: _c, ...format } = inline.format;
    const { strike: _ds, doubleStrike: _dd, underline: _du, color: _dc, ...direct } = inline.direct;
    // The marking must not travel with the words into a version conformed from this source.
    const props = inline.props?.replace(MARKING_PROPS, '');
    return { ...inline, format, direct, ...(props !== undefined && { props }) };
  };
  const paragraph = (p: Paragraph): Paragraph | undefined => {
    const content = p.inlines.filter((i) => i.type !== 'marker');
    const kept = p.inlines.filter((i) => !dropped(i)).map(clean);
    // A paragraph all of whose content is marked belongs to the other view only.
    if (content.length > 0 && content.every(dropped)) return undefined;
    const { xml: _xml, ...rest } = p;
    return { ...rest, inlines: kept };
  };
  const blocks = (list: readonly Block[]): Block[] =>
    list.flatMap((block): Block[] => {
      if (block.type === 'paragraph') {
        const p = paragraph(block);
        return p ? [p] : [];
      }
      if (block.type === 'table') return [table(block)];
      return [block];
    });
  const table = (t: Table): Table => {
    const { xml: _xml, ...rest } = t;
    return { ...rest, rows: t.rows.map((row) => ({ ...row, cells: row.cells.map((cell) => ({ ...cell, blocks: blocks(cell.blocks) })) })) };
  };
  return { ...document, body: blocks(document.body) };
}
