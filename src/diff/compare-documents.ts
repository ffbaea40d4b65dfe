/**
 * The diff core's entry point: two documents in, a redline (with its change set) out.
 */
import type { Block, Document, Note, NoteKind, Story } from '../model/document.js';
import type { Redline, RedlineBlock, RedlineNote, RedlineStory } from '../model/redline.js';
import type { SourceInfo } from '../model/source.js';
import { ChangeSetBuilder, type ChangeSetOptions } from './change-set-builder.js';
import { diffBlocks } from './diff-blocks.js';
import { DiffContext, type NoteLink } from './diff-context.js';
import { settleOldMarkers } from './old-markers.js';
import { type DiffOptions, resolveDiffOptions } from './options.js';

export interface CompareOptions extends DiffOptions {
  /** The author of every change (default `Redline`). */
  readonly author?: string;
}

/** A redline before change ids are assigned: what the diff produced. */
export interface RedlineParts {
  readonly body: readonly RedlineBlock[];
  readonly notes: readonly RedlineNote[];
  readonly stories: readonly RedlineStory[];
}

export function compareDocuments(old: Document, neu: Document, options: CompareOptions = {}): Redline {
  const author = options.author ?? 'Redline';
  return stampRedline(old, neu, diffDocuments(old, neu, options), { authorFor: () => author, ...(options.ignoreNumbering === true && { ignoreNumbering: true }) });
}

/** The diff of two documents: body, notes and headers/footers, without a change set yet. */
export function diffDocuments(old: Document, neu: Document, options: DiffOptions = {}): RedlineParts {
  const ctx = new DiffContext(resolveDiffOptions(options));
  const body = diffBlocks(old.body, neu.body, ctx);
  const notes = diffNotes(old, neu, ctx);
  const stories = diffStories(old, neu, ctx);
  return settleOldMarkers(old, neu, { body, notes, stories });
}

/** Derives the change set of a diff, giving every changed piece its change's id. */
export function stampRedline(old: Document, neu: Document, parts: RedlineParts, options: ChangeSetOptions & { readonly sources?: readonly SourceInfo[] }): Redline {
  const { body, notes, stories } = parts;
  const builder = new ChangeSetBuilder(options);
  const stampedBody = builder.story(body, old.body, neu.body, 'body');
  const noteBlocks = (doc: Document, kind: NoteKind, id: string | undefined): readonly Block[] => findNote(doc, kind, id)?.blocks ?? [];
  const stampedNotes = notes.map((note) => ({
    ...note,
    blocks: builder.story(note.blocks, noteBlocks(old, note.kind, note.side === 'old' ? note.id : note.oldId), note.side === 'new' ? noteBlocks(neu, note.kind, note.id) : [], note.kind, {
      note: note.id,
    }),
  }));
  const storyBlocks = (doc: Document, part: string | undefined): readonly Block[] => [...doc.headers, ...doc.footers].find((s) => s.part === part)?.blocks ?? [];
  const stampedStories = stories.map((story) => ({ ...story, blocks: builder.story(story.blocks, storyBlocks(old, story.oldPart), storyBlocks(neu, story.part), story.kind, { part: story.part }) }));
  return { old, new: neu, body: stampedBody, notes: stampedNotes, stories: stampedStories, changes: builder.changes, sources: options.sources ?? [] };
}

/**
 * Headers and footers, compared as stories of their own: the n-th header of a kind (default,
 * first page, even pages) of the new version with the n-th of the old.
 */
function diffStories(old: Document, neu: Document, ctx: DiffContext): RedlineStory[] {
  const out: RedlineStory[] = [];
  for (const kind of ['header', 'footer'] as const) {
    const olds = kind === 'header' ? old.headers : old.footers;
    const news = kind === 'header' ? neu.headers : neu.footers;
    ctx.story = kind;
    for (const story of news) {
      const counterpart = counterpartStory(olds, news, story);
      out.push({ kind, variant: story.variant, part: story.part, ...(counterpart && { oldPart: counterpart.part }), blocks: diffBlocks(counterpart?.blocks ?? [], story.blocks, ctx) });
    }
  }
  return out;
}

/**
 * The header or footer of `stories` that stands where `target` stands among its own version's
 * `siblings` (of the same kind): the same variant, the same rank among that variant's.
 */
export function counterpartStory(stories: readonly Story[], siblings: readonly Story[], target: Story): Story | undefined {
  const rank = siblings.filter((s) => s.variant === target.variant).indexOf(target);
  return stories.filter((s) => s.variant === target.variant)[rank];
}

function findNote(doc: Document, kind: NoteKind, id: string | undefined): Note | undefined {
  return id === undefined ? undefined : (kind === 'footnote' ? doc.footnotes : doc.endnotes).find((n) => n.id === id);
}

/** Compares the notes whose references the body diff met: paired, inserted or deleted. */
function diffNotes(old: Document, neu: Document, ctx: DiffContext): RedlineNote[] {
  const seen = new Set<string>();
  const out: RedlineNote[] = [];
  for (const link of ctx.noteLinks as readonly NoteLink[]) {
    const key = `${link.kind}:${link.newId ?? ''}:${link.oldId ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const oldNote = findNote(old, link.kind, link.oldId);
    const newNote = findNote(neu, link.kind, link.newId);
    ctx.story = link.kind;
    if (newNote) {
      out.push({ kind: link.kind, side: 'new', id: newNote.id, ...(oldNote && { oldId: oldNote.id }), blocks: diffBlocks(oldNote?.blocks ?? [], newNote.blocks, ctx) });
    } else if (oldNote) {
      out.push({ kind: link.kind, side: 'old', id: oldNote.id, blocks: diffBlocks(oldNote.blocks, [], ctx) });
    }
  }
  return out;
}
