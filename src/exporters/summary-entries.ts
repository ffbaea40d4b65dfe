/**
 * The entries of a summary of changes, as a reader wants them (the change set itself keeps every
 * change): a clause inserted, deleted or moved with its limbs is one entry ("A6.33 deleted, with
 * (a)–(d)"); a move is one entry that names both ends; clauses only renumbered are listed apart,
 * one entry per cascade ("G3.5–G3.60 renumbered (+1), after new G3.5").
 */
import { type Change, type ChangeLocation, isRenumberOnly } from '../model/change-set.js';
import { citation, moveEnds } from './change-citation.js';

export interface SummaryEntry {
  /** The changes the entry stands for, the one its link goes to first. */
  readonly changeIds: readonly string[];
  /** Where: a clause path, both ends of a move (`G1.31 → G2.46`), a renumbered range (`G3.5–G3.60`). */
  readonly clause: string;
  /** Where the entry stands in the new version's order: its first change's place, a move's new place. */
  readonly location: ChangeLocation;
  readonly kind: Change['kind'];
  /** What changed, in a line: an excerpt, or the description of a group. */
  readonly text: string;
  readonly sources: readonly string[];
  /** For a move: the change, whose two ends have pages of their own. */
  readonly move?: Change;
}

export interface SummaryEntries {
  readonly changes: readonly SummaryEntry[];
  /** One entry per renumbering cascade. */
  readonly renumbered: readonly SummaryEntry[];
}

export function summaryEntries(changes: readonly Change[]): SummaryEntries {
  const entries: SummaryEntry[] = [];
  const renumbers: Change[] = [];
  for (let i = 0; i < changes.length; ) {
    const change = changes[i] as Change;
    if (isRenumberOnly(change)) {
      renumbers.push(change);
      i++;
      continue;
    }
    const limbs = clauseLimbs(changes, i);
    entries.push(limbs.length > 1 ? clauseEntry(limbs) : single(change));
    i += limbs.length;
  }
  return { changes: entries, renumbered: cascades(renumbers, changes) };
}

function single(change: Change): SummaryEntry {
  if (change.kind === 'move') {
    const { from, to } = moveEnds(change);
    return { changeIds: [change.id], clause: `${citation(from)} → ${citation(to)}`, location: to, kind: 'move', text: clip(change.newText || change.oldText), sources: change.sources, move: change };
  }
  return { changeIds: [change.id], clause: citation(change.location), location: change.location, kind: change.kind, text: excerpt(change), sources: change.sources };
}

/**
 * The changes from `start` on that insert, delete or move one clause and its limbs: whole
 * paragraphs of one kind and sources whose paths continue the first's (`A6.33`, `A6.33(a)`,
 * `A6.33(a)(i)`), a moved limb at both ends.
 */
function clauseLimbs(changes: readonly Change[], start: number): Change[] {
  const first = changes[start] as Change;
  if (!isWholeClause(first)) return [first];
  const group = [first];
  for (let i = start + 1; i < changes.length; i++) {
    const next = changes[i] as Change;
    if (!isWholeClause(next) || next.kind !== first.kind || next.sources.join() !== first.sources.join() || !continuesAt(next, first, 'from') || !continuesAt(next, first, 'to')) break;
    group.push(next);
  }
  return group;
}

function isWholeClause(change: Change): boolean {
  return (change.kind === 'insert' || change.kind === 'delete' || change.kind === 'move') && change.scope === 'paragraph' && change.location.path !== undefined;
}

/** Whether `next` is `first`'s clause or one of its limbs at one end (both ends of a move; the only place otherwise). */
function continuesAt(next: Change, first: Change, end: 'from' | 'to'): boolean {
  const path = first.kind === 'move' ? moveEnds(first)[end].path : first.location.path;
  const nextPath = next.kind === 'move' ? moveEnds(next)[end].path : next.location.path;
  return path !== undefined && nextPath !== undefined && (nextPath === path || isWithin(nextPath, path));
}

/** Whether a path is below another: `A6.33(a)` and `A6.33.1` are below `A6.33`; `A6.330` is not. */
function isWithin(path: string, parent: string): boolean {
  return path.length > parent.length && path.startsWith(parent) && /^(\(|\.[\p{L}\p{N}])/u.test(path.slice(parent.length));
}

function clauseEntry(limbs: readonly Change[]): SummaryEntry {
  const first = limbs[0] as Change;
  const { from, to } = moveEnds(first);
  const path = (first.kind === 'move' ? from.path : first.location.path) as string;
  const children = limbs.map((c) => ((c.kind === 'move' ? moveEnds(c).from.path : c.location.path) as string).slice(path.length)).filter((rest) => rest !== '' && isOneLevel(rest));
  const range = children.length === 0 ? `${limbs.length - 1} more paragraph${limbs.length === 2 ? '' : 's'}` : children.length === 1 ? children[0] : `${children[0]}–${children[children.length - 1]}`;
  const ids = limbs.map((c) => c.id);
  if (first.kind === 'move') {
    const clause = `${citation(from)} → ${citation(to)}`;
    return { changeIds: ids, clause, location: to, kind: 'move', text: `${path} moved, with ${range}: ${clip(first.newText || first.oldText)}`, sources: first.sources, move: first };
  }
  const verb = first.kind === 'insert' ? 'inserted' : 'deleted';
  const text = first.kind === 'insert' ? first.newText : first.oldText;
  return { changeIds: ids, clause: path, location: first.location, kind: first.kind, text: `${path} ${verb}, with ${range}: ${clip(text)}`, sources: first.sources };
}

/** One level of a path: `(a)`, `.1`. */
function isOneLevel(rest: string): boolean {
  return /^\([^()]+\)$/.test(rest) || /^\.[\p{L}\p{N}]+$/u.test(rest);
}

/**
 * Renumbered clauses as cascades: consecutive renumberings that shift the same counter by the same
 * amount (`G3.5` → `G3.6`, `G3.5.1` → `G3.6.1`, … `G3.60` → `G3.61`) are one entry, with what
 * set them off when the change set shows it.
 */
function cascades(renumbers: readonly Change[], all: readonly Change[]): SummaryEntry[] {
  const out: SummaryEntry[] = [];
  let group: Change[] = [];
  let key: string | undefined;
  const flush = (): void => {
    if (group.length > 0) out.push(cascadeEntry(group, all));
    group = [];
  };
  for (const change of renumbers) {
    const shift = labelShift(oldLabelOf(change), newLabelOf(change));
    const nextKey = shift === undefined ? undefined : `${shift.prefix}\u0000${shift.delta}`;
    if (nextKey === undefined || nextKey !== key) flush();
    key = nextKey;
    group.push(change);
  }
  flush();
  return out;
}

function oldLabelOf(change: Change): string {
  return change.oldLabel ?? change.oldText;
}

function newLabelOf(change: Change): string {
  return change.newLabel ?? change.newText;
}

function cascadeEntry(group: readonly Change[], all: readonly Change[]): SummaryEntry {
  // The range is given by the shallowest labels (sub-clauses that carry the number shift with them).
  const depth = Math.min(...group.map((c) => counters(oldLabelOf(c)).length));
  const top = group.filter((c) => counters(oldLabelOf(c)).length === depth);
  const first = top[0] as Change;
  const last = top[top.length - 1] as Change;
  const shift = labelShift(oldLabelOf(first), newLabelOf(first));
  const firstOld = oldPath(first);
  const range = top.length === 1 ? firstOld : `${firstOld}–${bare(oldLabelOf(last))}`;
  const now = top.length === 1 ? bare(newLabelOf(first)) : `${bare(newLabelOf(first))}–${bare(newLabelOf(last))}`;
  const delta = shift === undefined ? '' : ` (${shift.delta > 0 ? '+' : '−'}${Math.abs(shift.delta)})`;
  const cause = causeOf(first, all);
  const count = group.length === top.length ? '' : ` (${group.length} clauses with their sub-clauses)`;
  return {
    changeIds: group.map((c) => c.id),
    clause: range,
    location: first.location,
    kind: 'renumber',
    text: `renumbered${delta}${cause === undefined ? '' : `, after ${cause}`}; now ${now}${count}`,
    sources: [],
  };
}

/** The old path of a renumbered clause: its new path with the old label in place of the new. */
function oldPath(change: Change): string {
  const path = change.location.path;
  const newLabel = bare(newLabelOf(change));
  const oldLabel = bare(oldLabelOf(change));
  return path?.endsWith(newLabel) ? `${path.slice(0, path.length - newLabel.length)}${oldLabel}` : oldLabel;
}

/**
 * What set a cascade off: a clause inserted where its first clause stood (`new G3.5`), deleted
 * where it now stands (`G3.5 deleted`), or moved in or out there.
 */
function causeOf(first: Change, all: readonly Change[]): string | undefined {
  const was = oldPath(first);
  const now = first.location.path ?? bare(newLabelOf(first));
  for (const change of all) {
    if (change.kind === 'insert' && change.scope === 'paragraph' && change.location.path === was) return `new ${was}`;
    if (change.kind === 'delete' && change.scope === 'paragraph' && change.location.path === now) return `${now} deleted`;
    if (change.kind === 'move' && change.to?.path === was) return `${was} moved in`;
    if (change.kind === 'move' && (change.from ?? change.location).path === now) return `${now} moved away`;
  }
  return undefined;
}

/** A label without the full stop that ends it (`1.` → `1`). */
function bare(label: string): string {
  return label.replace(/\.$/, '');
}

interface Counter {
  readonly value: number;
  readonly kind: 'number' | 'letter' | 'roman';
  readonly start: number;
  readonly end: number;
}

/** The counters of a label: numbers, letters and roman numerals (`G3.5(a)` → 3, 5, a). */
function counters(label: string): Counter[] {
  const out: Counter[] = [];
  const pattern = /\d+|[a-z]+|[A-Z]+/g;
  for (let match = pattern.exec(label); match; match = pattern.exec(label)) {
    const text = match[0];
    const value = /^\d+$/.test(text) ? Number(text) : letterValue(text);
    out.push({ value: value ?? 0, kind: /^\d+$/.test(text) ? 'number' : 'letter', start: match.index, end: match.index + text.length });
  }
  return out;
}

/**
 * How a renumbering shifted the label: the text before the first counter that changed, and by
 * how much (letters and roman numerals read the way that gives the smaller step).
 */
function labelShift(oldLabel: string, newLabel: string): { prefix: string; delta: number } | undefined {
  const olds = counters(oldLabel);
  const news = counters(newLabel);
  if (olds.length === 0 || olds.length !== news.length) return undefined;
  for (let i = 0; i < olds.length; i++) {
    const a = olds[i] as Counter;
    const b = news[i] as Counter;
    const textA = oldLabel.slice(a.start, a.end);
    const textB = newLabel.slice(b.start, b.end);
    if (textA === textB) continue;
    const prefix = oldLabel.slice(0, a.start);
    if (prefix !== newLabel.slice(0, b.start)) return undefined;
    return { prefix, delta: stepBetween(textA, textB) };
  }
  return undefined;
}

function stepBetween(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return Number(b) - Number(a);
  const letters = letterValue(b) !== undefined && letterValue(a) !== undefined ? (letterValue(b) as number) - (letterValue(a) as number) : undefined;
  const romans = romanValue(a) !== undefined && romanValue(b) !== undefined ? (romanValue(b) as number) - (romanValue(a) as number) : undefined;
  if (letters === undefined) return romans ?? 0;
  if (romans === undefined) return letters;
  return Math.abs(romans) < Math.abs(letters) ? romans : letters;
}

/** Word's letter numbering: a…z, then aa…zz (the letter repeated). */
function letterValue(text: string): number | undefined {
  if (!/^([a-z])\1*$/i.test(text)) return undefined;
  return text.toLowerCase().charCodeAt(0) - 96 + 26 * (text.length - 1);
}

const ROMAN: Readonly<Record<string, number>> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };

function romanValue(text: string): number | undefined {
  const lower = text.toLowerCase();
  if (lower === '' || !/^m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$/.test(lower)) return undefined;
  let total = 0;
  for (let i = 0; i < lower.length; i++) {
    const value = ROMAN[lower.charAt(i)] as number;
    total += value < (ROMAN[lower.charAt(i + 1)] ?? 0) ? -value : value;
  }
  return total;
}

function clip(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Inserted or deleted text as a row shows it. A change with no visible text is said in words: a
 * paragraph mark alone (a paragraph split or two joined), or an empty paragraph.
 */
function shownText(text: string, kind: 'insert' | 'delete'): string {
  const clipped = clip(text);
  if (clipped !== '') return clipped;
  if (text.includes('\n')) return kind === 'insert' ? '¶ (paragraph split)' : '¶ (paragraphs joined)';
  return kind === 'insert' ? '(empty paragraph)' : '(empty paragraph removed)';
}

/** A change in a line: `+ inserted`, `− deleted`, `old → new`, `text (bold)`. */
export function excerpt(change: Change): string {
  switch (change.kind) {
    case 'insert':
    case 'table-row-insert':
      return `+ ${shownText(change.newText, 'insert')}`;
    case 'delete':
    case 'table-row-delete':
      return `− ${shownText(change.oldText, 'delete')}`;
    case 'replace': {
      // A space replaced by a paragraph mark is a paragraph split: said as such, not as " → ".
      if (clip(change.oldText) === '') return `+ ${shownText(change.newText, 'insert')}`;
      if (clip(change.newText) === '') return `− ${shownText(change.oldText, 'delete')}`;
      return `${clip(change.oldText)} → ${clip(change.newText)}`;
    }
    case 'move': {
      const { from, to } = moveEnds(change);
      return `${clip(change.newText || change.oldText)} (${citation(from)} → ${citation(to)})`;
    }
    case 'renumber':
      return `${oldLabelOf(change)} → ${newLabelOf(change)}`;
    case 'format':
      return `${clip(change.newText)} (${formatChanges(change)})`;
  }
}

function formatChanges(change: Change): string {
  const before = new Map(Object.entries(change.oldFormat ?? {}));
  const after = new Map(Object.entries(change.newFormat ?? {}));
  const keys = [...new Set([...before.keys(), ...after.keys()])].filter((key) => before.get(key) !== after.get(key)).sort();
  return keys.map((key) => (after.get(key) === undefined || after.get(key) === false ? `not ${key}` : key)).join(', ') || 'formatting';
}
