/**
 * Bookmarks in a merged version stay unique. Each source brings its own bookmarks (Word's hidden
 * `_GoBack` at the last edit, cross-reference targets), whose names and ids may be the old
 * version's or another source's: written as they are, the conformed version and its redline would
 * hold a bookmark name or id twice, which Word repairs and our structure check refuses. A name is
 * kept once — the old version's bookmark, else the first source's — and a source's bookmark whose
 * id another bookmark has is given an id of its own.
 */
import type { Block, Document, Inline, Marker, Paragraph } from '../model/document.js';
import { assertNever } from '../util/assert-never.js';

const BOOKMARK_START = /^<w:bookmarkStart\b/;
const BOOKMARK_END = /^<w:bookmarkEnd\b/;
const ID = /\bw:id="([^"]*)"/;

export function uniqueBookmarks(merged: Document, old: Document): Document {
  const own = new Set<Marker>();
  forEachDocumentBlock(old, (paragraph) => {
    for (const inline of paragraph.inlines) if (isBookmark(inline)) own.add(inline);
  });
  const ownNames = new Set<string>();
  const usedIds = new Set<string>();
  forEachDocumentBlock(merged, (paragraph) => {
    for (const inline of paragraph.inlines) {
      if (!isBookmark(inline) || !own.has(inline)) continue;
      ownNames.add(nameOf(inline));
      const id = ID.exec(inline.xml)?.[1];
      if (id !== undefined) usedIds.add(id);
    }
  });
  const chooser = new BookmarkChooser(own, ownNames, usedIds);
  return mapDocumentParagraphs(merged, (paragraph) => chooser.paragraph(paragraph));
}

/** Decides, marker by marker in reading order, which of a source's bookmarks are kept, and their ids. */
class BookmarkChooser {
  /** Per name taken from a source: its output id, and whether its end was met. */
  private readonly taken = new Map<string, { id: string | undefined; ended: boolean }>();
  private nextId: number;

  constructor(
    private readonly own: ReadonlySet<Marker>,
    private readonly ownNames: ReadonlySet<string>,
    private readonly usedIds: Set<string>,
  ) {
    this.nextId = Math.max(0, ...[...usedIds].map(Number).filter(Number.isInteger)) + 1;
  }

  paragraph(paragraph: Paragraph): Paragraph {
    let changed = false;
    const inlines: Inline[] = [];
    for (const inline of paragraph.inlines) {
      const kept = isBookmark(inline) && !this.own.has(inline) ? this.adopted(inline) : inline;
      if (kept !== inline) changed = true;
      if (kept) inlines.push(kept);
    }
    if (!changed) return paragraph;
    // Its verbatim XML no longer says what it holds: written anew from its inlines.
    const { xml: _xml, ...rest } = paragraph;
    return { ...rest, inlines };
  }

  private adopted(marker: Marker): Marker | undefined {
    const name = nameOf(marker);
    if (this.ownNames.has(name)) return undefined;
    const id = ID.exec(marker.xml)?.[1];
    if (BOOKMARK_START.test(marker.xml)) {
      if (this.taken.has(name)) return undefined;
      const output = id === undefined || !this.usedIds.has(id) ? id : String(this.nextId++);
      if (output !== undefined) this.usedIds.add(output);
      this.taken.set(name, { id: output, ended: false });
      return withId(marker, output);
    }
    const entry = this.taken.get(name);
    if (!entry || entry.ended) return undefined;
    entry.ended = true;
    return withId(marker, entry.id);
  }
}

function withId(marker: Marker, id: string | undefined): Marker {
  if (id === undefined) return marker;
  const xml = marker.xml.replace(ID, `w:id="${id}"`);
  return xml === marker.xml ? marker : { ...marker, xml };
}

function isBookmark(inline: Inline): inline is Marker {
  return inline.type === 'marker' && inline.range !== undefined && (BOOKMARK_START.test(inline.xml) || BOOKMARK_END.test(inline.xml));
}

function nameOf(marker: Marker): string {
  return marker.range?.name ?? marker.xml;
}

function forEachDocumentBlock(document: Document, visit: (paragraph: Paragraph) => void): void {
  mapDocumentParagraphs(document, (paragraph) => {
    visit(paragraph);
    return paragraph;
  });
}

/** The document with each paragraph of every story (tables' cells included) mapped, in reading order. */
function mapDocumentParagraphs(document: Document, map: (paragraph: Paragraph) => Paragraph): Document {
  const blocks = (list: readonly Block[]): Block[] => list.map((block) => mapBlock(block, map, blocks));
  return {
    ...document,
    body: blocks(document.body),
    footnotes: document.footnotes.map((note) => ({ ...note, blocks: blocks(note.blocks) })),
    endnotes: document.endnotes.map((note) => ({ ...note, blocks: blocks(note.blocks) })),
    headers: document.headers.map((story) => ({ ...story, blocks: blocks(story.blocks) })),
    footers: document.footers.map((story) => ({ ...story, blocks: blocks(story.blocks) })),
  };
}

function mapBlock(block: Block, map: (paragraph: Paragraph) => Paragraph, blocks: (list: readonly Block[]) => Block[]): Block {
  switch (block.type) {
    case 'paragraph':
      return map(block);
    case 'table': {
      const rows = block.rows.map((row) => ({ ...row, cells: row.cells.map((cell) => ({ ...cell, blocks: blocks(cell.blocks) })) }));
      if (rows.every((row, i) => row.cells.every((cell, k) => cell.blocks.every((b, j) => b === block.rows[i]?.cells[k]?.blocks[j])))) return block;
      const { xml: _xml, ...rest } = block;
      return { ...rest, rows };
    }
    case 'opaque':
      return block;
    default:
      return assertNever(block, 'block');
  }
}
