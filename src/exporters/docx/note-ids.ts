/**
 * Renumbers the notes of one kind in the order of their references, as Word does when it saves,
 * and writes the note elements in that order. The redline adds notes carried over from the old
 * version (and `apply` notes adopted from a source); without renumbering their ids would be out of
 * reference order, and LibreOffice, which pairs references with notes by their position in the
 * notes part rather than by id, would attach them to the wrong references.
 */
import type { NoteKind } from '../../model/document.js';
import { childElements, parseXml } from '../../ooxml/xml.js';

export interface RenumberedNotes {
  readonly documentXml: string;
  readonly notesXml: string;
}

export function renumberNotes(kind: NoteKind, documentXml: string, notesXml: string): RenumberedNotes {
  const noteTag = new RegExp(`<w:${kind}\\b[^>]*>`, 'g');
  const referenceTag = new RegExp(`<w:${kind}Reference\\b[^>]*>`, 'g');
  const special = new Set<string>();
  const regular: string[] = [];
  for (const match of notesXml.matchAll(noteTag)) {
    const id = idOf(match[0]);
    if (id === undefined) continue;
    if (/\bw:type="/.test(match[0])) special.add(id);
    else regular.push(id);
  }
  let next = Math.max(0, ...[...special].map(Number).filter(Number.isFinite)) + 1;
  const mapping = new Map<string, string>();
  for (const match of documentXml.matchAll(referenceTag)) {
    const id = idOf(match[0]);
    if (id !== undefined && !special.has(id) && !mapping.has(id)) mapping.set(id, String(next++));
  }
  for (const id of regular) if (!mapping.has(id)) mapping.set(id, String(next++));

  const rewrite = (tag: string): string => {
    const id = idOf(tag);
    const target = id === undefined ? undefined : mapping.get(id);
    return target === undefined || /\bw:type="/.test(tag) ? tag : tag.replace(/\bw:id="[^"]*"/, `w:id="${target}"`);
  };
  return { documentXml: documentXml.replace(referenceTag, rewrite), notesXml: inIdOrder(kind, notesXml.replace(noteTag, rewrite)) };
}

/** The notes part with its note elements sorted by id (separators, with negative or zero ids, first). */
function inIdOrder(kind: NoteKind, notesXml: string): string {
  const doc = parseXml(notesXml, `${kind}s`);
  const notes = childElements(doc.root, `w:${kind}`);
  if (notes.length < 2) return notesXml;
  const sorted = [...notes].sort((a, b) => Number(a.attrs['w:id'] ?? 0) - Number(b.attrs['w:id'] ?? 0));
  if (sorted.every((note, i) => note === notes[i])) return notesXml;
  const first = notes[0] as (typeof notes)[number];
  const last = notes[notes.length - 1] as (typeof notes)[number];
  // Whitespace between notes is dropped with the reordering; it carries nothing.
  return notesXml.slice(0, first.start) + sorted.map((n) => notesXml.slice(n.start, n.end)).join('') + notesXml.slice(last.end);
}

function idOf(tag: string): string | undefined {
  return /\bw:id="([^"]*)"/.exec(tag)?.[1];
}
