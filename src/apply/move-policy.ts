/**
 * Where a moved block goes. Sources that move it to the same place agree; to different places, or
 * a move of a block another source deletes or replaces whole, is a conflict, reported with each
 * source's side and settled by the policy: `first` takes the edit of the source given first,
 * `skip` neither (the block stays, whole), `fail` reports it (nothing is written). Word edits of
 * other sources in a moved block are no conflict: they go with it.
 */
import type { Conflict } from '../attribution/report.js';
import type { Block } from '../model/document.js';
import type { Anchor, Claim, ConflictPolicy } from './claims.js';
import { blockText, clip } from './merge-text.js';

export interface MoveOutcome {
  /** Where the block goes; undefined: it stays where it was. */
  readonly to?: Anchor;
  /** The claims to resolve the block with (without those the policy set aside). */
  readonly claims: readonly Claim[];
}

const isDestructive = (claim: Claim): boolean => claim.kind === 'delete' || claim.kind === 'replace';

/**
 * The outcome for a block with moves. `rank` gives a source's place in the order sources were
 * given (for `first`).
 */
export function decideMove(
  block: Block,
  moves: readonly { readonly source: string; readonly to: Anchor }[],
  claims: readonly Claim[],
  policy: ConflictPolicy,
  rank: (source: string) => number,
  report: { readonly conflicts: Conflict[]; readonly label: string | undefined },
): MoveOutcome {
  const places = [...new Set(moves.map((m) => m.to))];
  const destructive = claims.filter(isDestructive);
  const first = moves.reduce((a, b) => (rank(b.source) < rank(a.source) ? b : a));
  if (places.length === 1 && destructive.length === 0) return { to: first.to, claims };
  const texts: Record<string, string> = {};
  for (const m of moves) texts[m.source] = describePlace(m.to);
  for (const c of destructive) texts[c.source] = c.kind === 'replace' ? c.blocks.map(blockText).join('\n') : '';
  report.conflicts.push({ sources: Object.keys(texts), ...(report.label !== undefined && { label: report.label }), oldText: clip(blockText(block)), texts });
  const kept = claims.filter((c) => !isDestructive(c));
  if (policy !== 'first') return { claims: kept };
  const firstDestructive = destructive.reduce<Claim | undefined>((a, b) => (a === undefined || rank(b.source) < rank(a.source) ? b : a), undefined);
  return firstDestructive && rank(firstDestructive.source) < rank(first.source) ? { claims } : { to: first.to, claims: kept };
}

/** A move's side of a conflict: where it puts the text. */
function describePlace(anchor: Anchor): string {
  if (isStoryStart(anchor)) return '(moved to the start)';
  const text = blockText(anchor).trim();
  const label = anchor.type === 'paragraph' ? anchor.numbering?.label : undefined;
  return `(moved to after ${label ? `${label} ` : ''}"${text.length > 60 ? `${text.slice(0, 60)}…` : text}")`;
}

function isStoryStart(anchor: Anchor): anchor is readonly Block[] {
  return Array.isArray(anchor);
}
