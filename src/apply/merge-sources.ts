/**
 * `redline apply`: the new version conformed from the old one and the sources' edits, a three-way
 * merge with the old version as the common base.
 *
 * Each source's own edits are planned as claims on the old version's blocks (`plan`). Edits of
 * different sources to different words of one paragraph, or different rows or cells of one table,
 * are all applied; edits of two sources to the same words (or the same block, or one row deleted
 * by one and changed by another) in different ways are conflicts, never resolved silently: the
 * policy says whether to stop (`fail`), take the first source's edit (`first`) or neither (`skip`)
 * (`conflict-policy`). Content taken from a source's package is adopted into the old version's
 * (`ooxml/adopter`).
 */
import type { AttributionSource } from '../attribution/attribute.js';
import type { Conflict } from '../attribution/report.js';
import { Diagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { DiffOptions } from '../diff/options.js';
import type { Block, Document } from '../model/document.js';
import { Adopter } from '../ooxml/adopter.js';
import type { Anchor, ConflictPolicy, Plan } from './claims.js';
import { resolve } from './conflict-policy.js';
import { planSource } from './plan.js';

export type { ConflictPolicy } from './claims.js';

export interface MergeResult {
  /** The merged version (in the old version's package). */
  readonly document: Document;
  readonly conflicts: readonly Conflict[];
  readonly diagnostics: readonly Diagnostic[];
}

export function mergeSources(old: Document, sources: readonly AttributionSource[], policy: ConflictPolicy, options: DiffOptions = {}): MergeResult {
  const plan: Plan = { claims: new Map(), inserts: new Map() };
  for (const source of sources) planSource(old, source, plan, options);

  const diagnostics = new Diagnostics();
  const conflicts: Conflict[] = [];
  const adopter = new Adopter(old, diagnostics);
  const story = (blocks: readonly Block[], outerLabel?: string): Block[] => {
    const inserted = (anchor: Anchor): Block[] => (plan.inserts.get(anchor) ?? []).flatMap((i) => i.blocks.map((b) => adopter.block(b, i.from)));
    const out = inserted(blocks);
    // The clause a block belongs to, for the conflicts' locations: its own label or the last one.
    let label = outerLabel;
    for (const block of blocks) {
      if (block.type === 'paragraph' && block.numbering?.label) label = block.numbering.label;
      out.push(...resolve(block, plan.claims.get(block) ?? [], policy, { conflicts, adopter, label, story }));
      out.push(...inserted(block));
    }
    return out;
  };
  const body = story(old.body);
  const footnotes = old.footnotes.map((note) => ({ ...note, blocks: story(note.blocks) }));
  const endnotes = old.endnotes.map((note) => ({ ...note, blocks: story(note.blocks) }));
  const headers = old.headers.map((header) => ({ ...header, blocks: story(header.blocks) }));
  const footers = old.footers.map((footer) => ({ ...footer, blocks: story(footer.blocks) }));
  return { document: adopter.finish({ ...old, body, footnotes, endnotes, headers, footers }), conflicts, diagnostics: diagnostics.list() };
}
