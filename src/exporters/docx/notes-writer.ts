/**
 * Footnotes and endnotes of the redline: notes of the new version are rewritten with their
 * changes; notes that exist only in the old version (their reference was deleted) are appended
 * with fresh ids, their content deleted, so that Reject All brings them back.
 */
import type { DocxSource, NoteKind } from '../../model/document.js';
import type { RedlineNote } from '../../model/redline.js';
import { OpcPackage, REL_TYPES } from '../../ooxml/package.js';
import type { PackageBuilder } from '../../ooxml/package-builder.js';
import { childElements, parseXml } from '../../ooxml/xml.js';
import { writeBlocks } from './block-writer.js';
import { MoveRanges, type WriterContext } from './writer-context.js';

const PART_NAME: Record<NoteKind, string> = { footnote: 'word/footnotes.xml', endnote: 'word/endnotes.xml' };
const CONTENT_TYPE: Record<NoteKind, string> = {
  footnote: 'application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml',
  endnote: 'application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml',
};
const REL_TYPE: Record<NoteKind, string> = { footnote: REL_TYPES.footnotes, endnote: REL_TYPES.endnotes };

export function notesPart(source: DocxSource | undefined, kind: NoteKind): string | undefined {
  if (!source) return undefined;
  return OpcPackage.fromParts(new Map(source.parts)).relatedPart(source.mainPart, REL_TYPE[kind]);
}

/** Output ids for the old version's notes that the redline carries over. */
export function assignOldNoteIds(notes: readonly RedlineNote[], newSource: DocxSource | undefined): Map<string, string> {
  const ids = new Map<string, string>();
  for (const kind of ['footnote', 'endnote'] as const) {
    const part = notesPart(newSource, kind);
    const bytes = part === undefined ? undefined : newSource?.parts.get(part);
    const text = part === undefined || bytes === undefined ? undefined : new TextDecoder().decode(bytes);
    let next = 1;
    if (text) for (const match of text.matchAll(/<w:(?:footnote|endnote)\b[^>]*\bw:id="(-?\d+)"/g)) next = Math.max(next, Number(match[1]) + 1);
    for (const note of notes) if (note.kind === kind && note.side === 'old') ids.set(`${kind}:${note.id}`, String(next++));
  }
  return ids;
}

/** Writes the notes of one kind into the output; returns the part written, if any. */
export function writeNotes(kind: NoteKind, notes: readonly RedlineNote[], newSource: DocxSource, oldSource: DocxSource | undefined, out: PackageBuilder, base: WriterContext): string | undefined {
  const ofKind = notes.filter((n) => n.kind === kind);
  if (ofKind.length === 0) return undefined;
  let part = notesPart(newSource, kind);
  if (part === undefined) {
    part = out.freshPartName(PART_NAME[kind]);
    out.setText(part, emptyNotesPart(kind));
    out.registerContentType(part, CONTENT_TYPE[kind]);
    out.addRelationship(newSource.mainPart, REL_TYPE[kind], part, false);
  }
  // No comments inside notes: LibreOffice refuses to open a document with comments in notes.
  const { comments: _comments, ...rest } = base;
  const ctx: WriterContext = { ...rest, oldPart: notesPart(oldSource, kind) ?? base.oldPart, outputPart: part, moves: new MoveRanges(ofKind.flatMap((n) => n.blocks)) };
  const doc = parseXml(out.text(part) ?? emptyNotesPart(kind), part);
  const element = `w:${kind}`;
  const byId = new Map(ofKind.filter((n) => n.side === 'new').map((n) => [n.id, n]));
  const present = new Set(childElements(doc.root, element).map((n) => n.attrs['w:id'] ?? ''));
  let text = '';
  let pos = 0;
  for (const child of childElements(doc.root, element)) {
    const note = byId.get(child.attrs['w:id'] ?? '');
    if (!note) continue;
    const open = doc.source.slice(child.start, doc.source.indexOf('>', child.start) + 1).replace(/\/>$/, '>');
    text += `${doc.source.slice(pos, child.start) + open + writeBlocks(note.blocks, ctx)}</${element}>`;
    pos = child.end;
  }
  let appended = '';
  for (const note of ofKind) {
    // Old notes (deleted references) get fresh ids; new notes the package lacks are added as they are.
    if (note.side === 'old') appended += `<${element} w:id="${base.oldNoteIds.get(`${kind}:${note.id}`) ?? note.id}">${writeBlocks(note.blocks, ctx)}</${element}>`;
    else if (!present.has(note.id)) appended += `<${element} w:id="${note.id}">${writeBlocks(note.blocks, ctx)}</${element}>`;
  }
  const closeAt = doc.source.lastIndexOf(`</w:${kind}s>`);
  text += doc.source.slice(pos, closeAt) + appended + doc.source.slice(closeAt);
  out.setText(part, text);
  return part;
}

function emptyNotesPart(kind: NoteKind): string {
  const root = `w:${kind}s`;
  const note = `w:${kind}`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<${root} xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
    `<${note} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></${note}>` +
    `<${note} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></${note}>` +
    `</${root}>`
  );
}
