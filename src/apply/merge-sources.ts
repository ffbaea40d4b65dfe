/**
 * `redline apply`: the new version conformed from the old one and the sources' edits, a three-way
 * merge with the old version as the common base.
 *
 * Each source's own edits are planned as claims on the old version's blocks (`plan`). Edits of
 * different sources to different words of one paragraph, or different rows or cells of one table,
 * are all applied; edits of two sources to the same words (or the same block, or one row deleted
 * by one and changed by another) in different ways are conflicts, never resolved silently: the
 * policy says whether to stop (`fail`), take the first source's edit (`first`) or neither (`skip`)
 * (`conflict-policy`). A paragraph a source moved goes to its new place with the word edits of
 * every source in it; sources moving it to different places conflict (`move-policy`). Content taken from a source's package is adopted into the old version's
 * (`ooxml/adopter`).
 */
import type { AttributionSource } from '../attribution/attribute.js';
import type { Conflict } from '../attribution/report.js';
import { type Diagnostic, Diagnostics } from '../diagnostics/diagnostic.js';
import type { DiffOptions } from '../diff/options.js';
import type { Block, Document } from '../model/document.js';
import { Adopter } from '../ooxml/adopter.js';
import { pushAll } from '../util/arrays.js';
import type { Anchor, Claim, ConflictPolicy, Plan } from './claims.js';
import { resolve } from './conflict-policy.js';
import { decideMove, type MoveOutcome } from './move-policy.js';
import { planSource } from './plan.js';
import { uniqueBookmarks } from './unique-bookmarks.js';

export type { ConflictPolicy } from './claims.js';

export interface MergeResult {
  /** The merged version (in the old version's package). */
  readonly document: Document;
  readonly conflicts: readonly Conflict[];
  readonly diagnostics: readonly Diagnostic[];
}

export function mergeSources(old: Document, sources: readonly AttributionSource[], policy: ConflictPolicy, options: DiffOptions = {}): MergeResult {
  const plan: Plan = { claims: new Map(), inserts: new Map(), moves: new Map() };
  for (const source of sources) planSource(old, source, plan, options);

  const diagnostics = new Diagnostics();
  const conflicts: Conflict[] = [];
  const adopter = new Adopter(old, diagnostics);
  const order = new Map(sources.map((s, i) => [s.info.id, i]));
  const rank = (source: string): number => order.get(source) ?? Number.MAX_SAFE_INTEGER;
  // Moves are decided once, where the moved block stands in the old version.
  const outcomes = new Map<Block, MoveOutcome>();
  const placedBlocks = new Set<Block>();
  const story = (blocks: readonly Block[], outerLabel?: string): Block[] => {
    // The clause a block belongs to, for the conflicts' locations: its own label or the last one.
    let label = outerLabel;
    const labelOf = (block: Block): string | undefined => (block.type === 'paragraph' && block.numbering?.label) || label;
    const outcomeOf = (block: Block): MoveOutcome | undefined => {
      const moves = plan.moves.get(block);
      if (!moves) return undefined;
      let outcome = outcomes.get(block);
      if (!outcome) {
        outcome = decideMove(block, moves, plan.claims.get(block) ?? [], policy, rank, { conflicts, label: labelOf(block) });
        outcomes.set(block, outcome);
      }
      return outcome;
    };
    const resolved = (block: Block, claims: readonly Claim[]): Block[] => resolve(block, claims, policy, { conflicts, adopter, label: labelOf(block), story });
    const placed = (anchor: Anchor): Block[] =>
      (plan.inserts.get(anchor) ?? []).flatMap((entry) =>
        entry.items.flatMap((item) => {
          if (item.kind === 'new') return [adopter.block(item.block, entry.from)];
          // A moved block goes where its outcome says, once (sources that agree list it each).
          const outcome = outcomeOf(item.block);
          if (outcome?.to !== anchor || placedBlocks.has(item.block)) return [];
          placedBlocks.add(item.block);
          return resolved(item.block, outcome.claims);
        }),
      );
    // Decided in the old version's order, so that conflicts are reported in reading order.
    for (const block of blocks) outcomeOf(block);
    const out = placed(blocks);
    for (const block of blocks) {
      if (block.type === 'paragraph' && block.numbering?.label) label = block.numbering.label;
      const outcome = outcomeOf(block);
      if (outcome?.to === undefined) pushAll(out, resolved(block, outcome?.claims ?? plan.claims.get(block) ?? []));
      pushAll(out, placed(block));
    }
    return out;
  };
  const body = story(old.body);
  const footnotes = old.footnotes.map((note) => ({ ...note, blocks: story(note.blocks) }));
  const endnotes = old.endnotes.map((note) => ({ ...note, blocks: story(note.blocks) }));
  const headers = old.headers.map((header) => ({ ...header, blocks: story(header.blocks) }));
  const footers = old.footers.map((footer) => ({ ...footer, blocks: story(footer.blocks) }));
  const merged = adopter.finish({ ...old, body, footnotes, endnotes, headers, footers });
  return { document: uniqueBookmarks(merged, old), conflicts, diagnostics: diagnostics.list() };
}
