/**
 * The diff core's entry point: two documents in, a redline (with its change set) out.
 */
import type { Document, Note, NoteKind } from '../model/document.js';
import type { Redline, RedlineNote } from '../model/redline.js';
import { ChangeSetBuilder } from './change-set-builder.js';
import { diffBlocks } from './diff-blocks.js';
import { DiffContext, type NoteLink } from './diff-context.js';
import { resolveDiffOptions, type DiffOptions } from './options.js';

export interface CompareOptions extends DiffOptions {
  /** The author of every change (default `Redline`). */
  readonly author?: string;
}

export function compareDocuments(old: Document, neu: Document, options: CompareOptions = {}): Redline {
  const ctx = new DiffContext(resolveDiffOptions(options));
  const body = diffBlocks(old.body, neu.body, ctx);
  const notes = diffNotes(old, neu, ctx);

  const builder = new ChangeSetBuilder({ author: options.author ?? 'Redline' }, old.body, neu.body);
  const stampedBody = builder.story(body, 'body');
  const stampedNotes = notes.map((note) => ({ ...note, blocks: builder.story(note.blocks, note.kind, note.id) }));
  return { old, new: neu, body: stampedBody, notes: stampedNotes, changes: builder.changes };
}

/** Compares the notes whose references the body diff met: paired, inserted or deleted. */
function diffNotes(old: Document, neu: Document, ctx: DiffContext): RedlineNote[] {
  const find = (doc: Document, kind: NoteKind, id: string | undefined): Note | undefined =>
    id === undefined ? undefined : (kind === 'footnote' ? doc.footnotes : doc.endnotes).find((n) => n.id === id);
  const seen = new Set<string>();
  const out: RedlineNote[] = [];
  for (const link of ctx.noteLinks as readonly NoteLink[]) {
    const key = `${link.kind}:${link.newId ?? ''}:${link.oldId ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const oldNote = find(old, link.kind, link.oldId);
    const newNote = find(neu, link.kind, link.newId);
    if (newNote) {
      out.push({ kind: link.kind, side: 'new', id: newNote.id, blocks: diffBlocks(oldNote?.blocks ?? [], newNote.blocks, ctx) });
    } else if (oldNote) {
      out.push({ kind: link.kind, side: 'old', id: oldNote.id, blocks: diffBlocks(oldNote.blocks, [], ctx) });
    }
  }
  return out;
}
