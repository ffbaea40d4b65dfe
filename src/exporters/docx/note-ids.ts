/**
 * Renumbers the notes of one kind in the order of their references, as Word does when it saves.
 * The redline adds notes carried over from the old version (and `apply` notes adopted from a
 * source); without renumbering their ids would be out of reference order, and LibreOffice (which
 * orders notes by id) would list them out of place.
 */
import type { NoteKind } from '../../model/document.js';
import { maxOf } from '../../util/arrays.js';

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
  let next = maxOf([...special].map(Number).filter(Number.isFinite), 0) + 1;
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
  return { documentXml: documentXml.replace(referenceTag, rewrite), notesXml: notesXml.replace(noteTag, rewrite) };
}

function idOf(tag: string): string | undefined {
  return /\bw:id="([^"]*)"/.exec(tag)?.[1];
}
