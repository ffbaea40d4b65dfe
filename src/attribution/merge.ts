/**
 * `redline apply`: the new version conformed from the old one and the sources' edits, a three-way
 * merge with the old version as the common base.
 *
 * Each source's own edits (its before against its after) are carried onto the old version's
 * blocks: paragraphs changed word by word, blocks deleted, blocks inserted after an anchor,
 * blocks replaced whole (a split or merged paragraph, a changed table). Edits of different
 * sources to different words of one paragraph are both applied; edits of two sources to the same
 * words (or the same block) in different ways are conflicts, never resolved silently: the policy
 * says whether to stop (`fail`), take the first source's edit (`first`) or neither (`skip`).
 */
import { alignBlocks, type BlockUnit } from '../diff/diff-blocks.js';
import { DiffContext } from '../diff/diff-context.js';
import { resolveDiffOptions, type DiffOptions } from '../diff/options.js';
import { diffSequences } from '../diff/sequence-diff.js';
import { Diagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Block, Document, Inline, Paragraph, Table } from '../model/document.js';
import type { AttributionSource } from './attribute.js';
import { alignDocuments } from './align-documents.js';
import type { CharMap } from './char-map.js';
import type { Conflict } from './report.js';

export type ConflictPolicy = 'fail' | 'first' | 'skip';

export interface MergeResult {
  /** The merged version (in the old version's package). */
  readonly document: Document;
  readonly conflicts: readonly Conflict[];
  readonly diagnostics: readonly Diagnostic[];
}

/** A word-level edit of one paragraph of the old version. */
interface WordEdit {
  readonly source: string;
  readonly start: number;
  readonly end: number;
  /** The inserted text: a range of the source's paragraph. */
  readonly from: Paragraph;
  readonly insertStart: number;
  readonly insertEnd: number;
}

type Claim =
  | { readonly kind: 'words'; readonly source: string; readonly edits: readonly WordEdit[] }
  | { readonly kind: 'delete'; readonly source: string }
  | { readonly kind: 'replace'; readonly source: string; readonly blocks: readonly Block[]; readonly key: string };

interface Plan {
  readonly claims: Map<Block, Claim[]>;
  /** Blocks inserted after an old block (or at the start, under `null`), in source order. */
  readonly inserts: Map<Block | null, { source: string; blocks: readonly Block[] }[]>;
}

export function mergeSources(old: Document, sources: readonly AttributionSource[], policy: ConflictPolicy, options: DiffOptions = {}): MergeResult {
  const plan: Plan = { claims: new Map(), inserts: new Map() };
  const diagnostics = new Diagnostics();
  for (const source of sources) planSource(old, source, plan, options, diagnostics);

  const conflicts: Conflict[] = [];
  const body: Block[] = [...(plan.inserts.get(null) ?? []).flatMap((i) => i.blocks.map((b) => foreign(b, diagnostics)))];
  for (const block of old.body) {
    body.push(...resolve(block, plan.claims.get(block) ?? [], policy, conflicts, diagnostics));
    body.push(...(plan.inserts.get(block) ?? []).flatMap((i) => i.blocks.map((b) => foreign(b, diagnostics))));
  }
  return { document: { ...old, body }, conflicts, diagnostics: diagnostics.list() };
}

/** Carries one source's edits onto the old version's blocks. */
function planSource(old: Document, source: AttributionSource, plan: Plan, options: DiffOptions, diagnostics: Diagnostics): void {
  const ctx = new DiffContext(resolveDiffOptions({ ...options, detectMoves: false }));
  const toOld = blockMap(source.before, old, ctx);
  const chars: CharMap | undefined = source.before === old ? undefined : alignDocuments(source.before, old, new DiffContext(resolveDiffOptions({ ...options, detectMoves: false })));
  const id = source.info.id;
  const claim = (block: Block | undefined, c: Claim): void => {
    if (!block) return;
    const list = plan.claims.get(block) ?? [];
    list.push(c);
    plan.claims.set(block, list);
  };
  let anchor: Block | null = null;
  for (const unit of alignBlocks(source.before.body, source.after.body, ctx)) {
    switch (unit.kind) {
      case 'equal':
        anchor = toOld.get(unit.old) ?? anchor;
        break;
      case 'run': {
        const targets = unit.olds.map((b) => toOld.get(b));
        if (unit.olds.length === 1 && unit.news.length === 1 && unit.olds[0]?.type === 'paragraph' && unit.news[0]?.type === 'paragraph') {
          claim(targets[0], { kind: 'words', source: id, edits: wordEdits(unit.olds[0], unit.news[0], targets[0], chars, id, ctx) });
        } else {
          targets.forEach((target, i) => claim(target, i === 0 ? { kind: 'replace', source: id, blocks: unit.news, key: keyOf(unit) } : { kind: 'delete', source: id }));
        }
        anchor = targets[targets.length - 1] ?? anchor;
        break;
      }
      case 'deleted':
        for (const block of unit.blocks) claim(toOld.get(block), { kind: 'delete', source: id });
        break;
      case 'inserted': {
        const list = plan.inserts.get(anchor) ?? [];
        list.push({ source: id, blocks: unit.blocks });
        plan.inserts.set(anchor, list);
        break;
      }
    }
  }
  if (JSON.stringify(source.before.footnotes.map((n) => n.id)) !== JSON.stringify(source.after.footnotes.map((n) => n.id))) {
    diagnostics.warn('apply/notes-not-merged', `${id}: changes to footnotes are not applied by 'apply'`);
  }
}

function keyOf(unit: Extract<BlockUnit, { kind: 'run' }>): string {
  return JSON.stringify(unit.news.map(blockText));
}

function blockText(block: Block): string {
  if (block.type === 'paragraph') return block.inlines.map((i) => (i.type === 'text' ? i.text : i.type === 'atom' ? i.key : '')).join('');
  if (block.type === 'table') return block.rows.map((r) => r.cells.map((c) => c.blocks.map(blockText).join('\n')).join('|')).join('\n');
  return block.key;
}

/** Which block of the old version each block of the source's before version is. */
function blockMap(before: Document, old: Document, ctx: DiffContext): Map<Block, Block> {
  const map = new Map<Block, Block>();
  if (before === old) {
    for (const block of old.body) map.set(block, block);
    return map;
  }
  for (const unit of alignBlocks(before.body, old.body, ctx)) {
    if (unit.kind === 'equal') map.set(unit.old, unit.neu);
    else if (unit.kind === 'run' && unit.olds.length === 1 && unit.news.length === 1) map.set(unit.olds[0] as Block, unit.news[0] as Block);
  }
  return map;
}

/** The word edits turning `before` into `after`, on the offsets of the old paragraph `target`. */
function wordEdits(before: Paragraph, after: Paragraph, target: Block | undefined, chars: CharMap | undefined, source: string, ctx: DiffContext): WordEdit[] {
  const a = ctx.tokenized(before);
  const b = ctx.tokenized(after);
  const offset = (tokens: typeof a.tokens, i: number): number => (i < tokens.length ? (tokens[i]?.start ?? 0) : (tokens[tokens.length - 1]?.end ?? 0));
  const edits: WordEdit[] = [];
  for (const segment of diffSequences(a.tokens.map((t) => t.key), b.tokens.map((t) => t.key))) {
    if (segment.equal) continue;
    let start = offset(a.tokens, segment.oldFrom);
    let end = offset(a.tokens, segment.oldTo);
    if (chars && target?.type === 'paragraph') {
      // The source's base differs from the old version: carry the edit over by context.
      const point = (at: number): number | undefined => chars.map(before, at, at + 1).find((r) => r.paragraph === target)?.start;
      const mappedStart = start < end ? point(start) : start > 0 ? (point(start - 1) ?? -1) + 1 : 0;
      const mappedEnd = start < end ? (point(end - 1) ?? -1) + 1 : mappedStart;
      if (mappedStart === undefined || mappedEnd === undefined || mappedStart < 0) continue;
      start = mappedStart;
      end = Math.max(mappedStart, mappedEnd);
    }
    edits.push({ source, start, end, from: after, insertStart: offset(b.tokens, segment.newFrom), insertEnd: offset(b.tokens, segment.newTo) });
  }
  return edits;
}

/** The blocks an old block becomes, given the claims of the sources on it. */
function resolve(block: Block, claims: readonly Claim[], policy: ConflictPolicy, conflicts: Conflict[], diagnostics: Diagnostics): Block[] {
  if (claims.length === 0) return [block];
  const words = claims.filter((c): c is Extract<Claim, { kind: 'words' }> => c.kind === 'words');
  if (words.length === claims.length && block.type === 'paragraph') return [mergeWords(block, words, policy, conflicts)];
  const distinct = new Map(claims.map((c) => [claimKey(c), c]));
  if (distinct.size === 1) return applyClaim(block, claims[0] as Claim, diagnostics);
  conflicts.push({ sources: [...new Set(claims.map((c) => c.source))], oldText: blockText(block), texts: Object.fromEntries(claims.map((c) => [c.source, c.kind === 'delete' ? '' : c.kind === 'replace' ? c.blocks.map(blockText).join('\n') : '(changed words)'])) });
  return policy === 'first' ? applyClaim(block, claims[0] as Claim, diagnostics) : [block];
}

function claimKey(claim: Claim): string {
  if (claim.kind === 'delete') return 'delete';
  if (claim.kind === 'replace') return `replace:${claim.key}`;
  return `words:${claim.edits.map((e) => `${e.start}-${e.end}:${textOf(e.from, e.insertStart, e.insertEnd)}`).join('|')}`;
}

function applyClaim(block: Block, claim: Claim, diagnostics: Diagnostics): Block[] {
  if (claim.kind === 'delete') return [];
  if (claim.kind === 'replace') return claim.blocks.map((b) => foreign(b, diagnostics));
  return block.type === 'paragraph' ? [applyWordEdits(block, claim.edits)] : [block];
}

/** Applies the word edits of several sources to one paragraph; overlapping different edits conflict. */
function mergeWords(paragraph: Paragraph, claims: readonly Extract<Claim, { kind: 'words' }>[], policy: ConflictPolicy, conflicts: Conflict[]): Paragraph {
  const all = claims.flatMap((c) => c.edits).sort((x, y) => x.start - y.start || x.end - y.end);
  const kept: WordEdit[] = [];
  for (const edit of all) {
    const clash = kept.find((k) => overlaps(k, edit));
    if (!clash) {
      kept.push(edit);
      continue;
    }
    if (sameEdit(clash, edit)) continue;
    conflicts.push({ sources: [clash.source, edit.source], oldText: textOf(paragraph, Math.min(clash.start, edit.start), Math.max(clash.end, edit.end)), texts: { [clash.source]: textOf(clash.from, clash.insertStart, clash.insertEnd), [edit.source]: textOf(edit.from, edit.insertStart, edit.insertEnd) } });
    if (policy === 'skip') kept.splice(kept.indexOf(clash), 1);
  }
  return applyWordEdits(paragraph, kept.sort((x, y) => x.start - y.start || x.end - y.end));
}

/** Two edits collide when they replace overlapping words, or insert at the same point. */
function overlaps(a: WordEdit, b: WordEdit): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  if (a.start === a.end) return a.start > b.start && a.start < b.end;
  if (b.start === b.end) return b.start > a.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}

function sameEdit(a: WordEdit, b: WordEdit): boolean {
  return a.start === b.start && a.end === b.end && textOf(a.from, a.insertStart, a.insertEnd) === textOf(b.from, b.insertStart, b.insertEnd);
}

/** The text of a paragraph between two offsets (atoms count one character). */
function textOf(paragraph: Paragraph, start: number, end: number): string {
  return sliceInlines(paragraph, start, end)
    .map((i) => (i.type === 'text' ? i.text : ''))
    .join('');
}

/** The inlines of a paragraph between two offsets, text runs cut at the edges. */
function sliceInlines(paragraph: Paragraph, start: number, end: number): Inline[] {
  const out: Inline[] = [];
  let offset = 0;
  for (const inline of paragraph.inlines) {
    if (inline.type === 'marker') {
      if (offset >= start && offset < end) out.push(inline);
      continue;
    }
    const length = inline.type === 'text' ? inline.text.length : 1;
    const from = Math.max(start, offset);
    const to = Math.min(end, offset + length);
    if (from < to) out.push(inline.type === 'text' ? { ...inline, text: inline.text.slice(from - offset, to - offset) } : inline);
    offset += length;
  }
  return out;
}

function applyWordEdits(paragraph: Paragraph, edits: readonly WordEdit[]): Paragraph {
  let length = 0;
  for (const inline of paragraph.inlines) if (inline.type !== 'marker') length += inline.type === 'text' ? inline.text.length : 1;
  const inlines: Inline[] = [];
  let position = 0;
  for (const edit of edits) {
    inlines.push(...sliceInlines(paragraph, position, edit.start));
    inlines.push(...sliceInlines(edit.from, edit.insertStart, edit.insertEnd).filter((i) => !isForeignReference(i)));
    position = Math.max(position, edit.end);
  }
  inlines.push(...sliceInlines(paragraph, position, length + 1));
  const { xml: _xml, ...rest } = paragraph;
  return { ...rest, inlines };
}

/** Whether an inline points at a relationship of its own package (a picture, a link). */
function isForeignReference(inline: Inline): boolean {
  return (inline.type === 'atom' && /\br:(embed|id|link)="/.test(inline.xml)) || (inline.type !== 'marker' && inline.wrapper?.kind === 'hyperlink' && /\br:id="/.test(inline.wrapper.open));
}

/**
 * A block taken from a source's package: written anew in the old version's package, so it loses
 * its verbatim XML, and pictures or links that point into the source's package are left out.
 */
function foreign(block: Block, diagnostics: Diagnostics): Block {
  if (block.type === 'paragraph') {
    const inlines = block.inlines.filter((i) => !isForeignReference(i));
    if (inlines.length !== block.inlines.length) diagnostics.warn('apply/foreign-objects', 'pictures and links inserted by a source are not carried into the applied version');
    const { xml: _xml, ...rest } = block;
    return { ...rest, inlines };
  }
  if (block.type === 'table') {
    const { xml: _xml, ...rest } = block satisfies Table;
    return { ...rest, rows: block.rows.map((row) => ({ ...row, cells: row.cells.map((cell) => ({ ...cell, blocks: cell.blocks.map((b) => foreign(b, diagnostics)) })) })) };
  }
  return block;
}

