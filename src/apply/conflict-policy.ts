/**
 * The conflict policy: what an old block becomes given the sources' claims on it. Claims that
 * agree apply once; word edits of one paragraph and row edits of one table are merged finer
 * (`word-hunks`, `row-merge`); any other collision of different claims is a conflict, reported
 * with both texts and the clause, and settled by the policy — never silently.
 */
import type { Block } from '../model/document.js';
import type { Claim, ConflictPolicy, Resolution } from './claims.js';
import { blockText, clip, textOf } from './merge-text.js';
import { mergeRows } from './row-merge.js';
import { applyWordEdits, mergeWords } from './word-hunks.js';

export function resolve(block: Block, claims: readonly Claim[], policy: ConflictPolicy, at: Resolution): Block[] {
  if (claims.length === 0) return [block];
  const words = claims.filter((c): c is Extract<Claim, { kind: 'words' }> => c.kind === 'words');
  if (words.length === claims.length && block.type === 'paragraph') return [mergeWords(block, words, policy, at)];
  const rows = claims.filter((c): c is Extract<Claim, { kind: 'rows' }> => c.kind === 'rows');
  if (rows.length === claims.length && block.type === 'table') return [mergeRows(block, rows, policy, at)];
  const distinct = new Map(claims.map((c) => [claimKey(c), c]));
  if (distinct.size === 1) return applyClaim(block, claims[0] as Claim, at);
  const describe = (c: Claim): string => (c.kind === 'delete' ? '' : c.kind === 'replace' ? clip(c.blocks.map(blockText).join('\n')) : c.kind === 'rows' ? '(changed rows)' : '(changed words)');
  at.conflicts.push({
    sources: [...new Set(claims.map((c) => c.source))],
    ...(at.label !== undefined && { label: at.label }),
    oldText: clip(blockText(block)),
    texts: Object.fromEntries(claims.map((c) => [c.source, describe(c)])),
  });
  return policy === 'first' ? applyClaim(block, claims[0] as Claim, at) : [block];
}

function claimKey(claim: Claim): string {
  if (claim.kind === 'delete') return 'delete';
  if (claim.kind === 'replace') return `replace:${claim.key}`;
  // Row claims that meet another kind of claim on one table always conflict.
  if (claim.kind === 'rows') return 'rows';
  return `words:${claim.edits.map((e) => `${e.start}-${e.end}:${textOf(e.from, e.insertStart, e.insertEnd)}`).join('|')}`;
}

function applyClaim(block: Block, claim: Claim, at: Resolution): Block[] {
  const { adopter } = at;
  if (claim.kind === 'delete') return [];
  if (claim.kind === 'replace') return claim.blocks.map((b) => adopter.block(b, claim.from));
  if (claim.kind === 'rows') return block.type === 'table' ? [mergeRows(block, [claim], 'first', { ...at, conflicts: [] })] : [block];
  return block.type === 'paragraph' ? [applyWordEdits(block, claim.edits, adopter)] : [block];
}
