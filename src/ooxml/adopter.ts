/**
 * Content taken from another version's package (a source's, in `apply`), adopted into the old
 * version's package: pictures and links it points at are copied over, notes it refers to are added
 * with fresh ids, and its verbatim XML is dropped so that it is written anew.
 */
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { Atom, Block, Document, DocxSource, Inline, InlineWrapper, Note, NoteKind, Table, TableRow } from '../model/document.js';
import { assertNever } from '../util/assert-never.js';
import { PackageBuilder } from './package-builder.js';
import { ResourceImporter } from './resource-importer.js';

export class Adopter {
  private readonly old: Document;
  private readonly builder: PackageBuilder | undefined;
  private readonly importers = new Map<DocxSource, ResourceImporter>();
  private readonly notes: Record<NoteKind, Note[]> = { footnote: [], endnote: [] };
  private readonly nextNote: Record<NoteKind, number>;
  private readonly diagnostics: Diagnostics;

  constructor(old: Document, diagnostics: Diagnostics) {
    this.old = old;
    this.diagnostics = diagnostics;
    this.builder = old.docx && new PackageBuilder(old.docx.parts);
    const next = (notes: readonly Note[]): number => Math.max(0, ...notes.map((n) => Number(n.id)).filter(Number.isFinite)) + 1;
    this.nextNote = { footnote: next(old.footnotes), endnote: next(old.endnotes) };
  }

  block(block: Block, from: Document): Block {
    switch (block.type) {
      case 'paragraph': {
        const { xml: _xml, ...rest } = block;
        return { ...rest, inlines: block.inlines.map((i) => this.inline(i, from)) };
      }
      case 'table': {
        const { xml: _xml, ...rest } = block satisfies Table;
        return { ...rest, rows: block.rows.map((row) => this.row(row, from)) };
      }
      case 'opaque':
        return block;
      default:
        return assertNever(block, 'block');
    }
  }

  row(row: TableRow, from: Document): TableRow {
    return { ...row, cells: row.cells.map((cell) => ({ ...cell, blocks: cell.blocks.map((b) => this.block(b, from)) })) };
  }

  inline(inline: Inline, from: Document): Inline {
    if (inline.type === 'marker' || from.docx === this.old.docx) return inline;
    const remap = (xml: string): string => this.remap(xml, from);
    const adoptWrapper = (w: InlineWrapper): InlineWrapper => ({ ...w, open: remap(w.open), ...(w.parent && { parent: adoptWrapper(w.parent) }) });
    const wrapper = inline.wrapper && adoptWrapper(inline.wrapper);
    const adopted = { ...inline, ...(wrapper && { wrapper }) };
    if (adopted.type !== 'atom') return adopted;
    if (adopted.note) return this.note(adopted, adopted.note.kind, adopted.note.id, from);
    return { ...adopted, xml: remap(adopted.xml) };
  }

  /** A note reference from a source: its note is added to the old version with a fresh id. */
  private note(atom: Atom, kind: NoteKind, id: string, from: Document): Atom {
    const note = (kind === 'footnote' ? from.footnotes : from.endnotes).find((n) => n.id === id);
    if (!note) return atom;
    const fresh = String(this.nextNote[kind]++);
    this.notes[kind].push({ ...note, id: fresh, blocks: note.blocks.map((b) => this.block(b, from)) });
    return { ...atom, note: { kind, id: fresh }, xml: atom.xml.replace(/\bw:id="[^"]*"/, `w:id="${fresh}"`) };
  }

  private remap(xml: string, from: Document): string {
    if (!from.docx || !this.builder || !this.old.docx || !/\br:[a-z]+="/.test(xml)) return xml;
    let importer = this.importers.get(from.docx);
    if (!importer) {
      importer = new ResourceImporter(from.docx, this.builder, 100_000 * (this.importers.size + 1));
      this.importers.set(from.docx, importer);
    }
    const remapped = importer.remap(xml, from.docx.mainPart, this.old.docx.mainPart);
    if (remapped !== xml) this.diagnostics.info('apply/adopted-resources', 'pictures or links inserted by a source were copied into the applied version');
    return remapped;
  }

  /** The merged document, with the adopted notes and parts added. */
  finish(merged: Document): Document {
    const docx = this.old.docx && this.builder ? { ...this.old.docx, parts: this.builder.finalParts() } : undefined;
    return { ...merged, footnotes: [...merged.footnotes, ...this.notes.footnote], endnotes: [...merged.endnotes, ...this.notes.endnote], ...(docx && { docx }) };
  }
}
