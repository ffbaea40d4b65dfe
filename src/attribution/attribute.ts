/**
 * Attribution: tags every change between two versions with the source (modification,
 * designation, chain version, reviser) whose own edit it is, and checks the sources against the
 * new version.
 *
 * Each source's edits are taken from its own comparison (its before version against its after
 * version), then carried by character onto the old version (what it deleted) and the new version
 * (what it inserted) — by context, through the same alignment the diff uses, never by offsets, so
 * a source drafted against a slightly different base still matches. A changed piece of the
 * OLD→NEW redline then takes the sources whose edits cover its characters; a change spanning the
 * edits of two sources is split in two.
 *
 * In a chain of versions the last version that touched some words wins, and the earlier edits it
 * replaced are kept as the change's history.
 */
import { stampRedline, diffDocuments, type RedlineParts } from '../diff/compare-documents.js';
import { DiffContext } from '../diff/diff-context.js';
import { resolveDiffOptions, type DiffOptions } from '../diff/options.js';
import type { Change } from '../model/change-set.js';
import type { Document } from '../model/document.js';
import { forEachParagraph, type Redline, type RedlineBlock, type RedlineParagraph, type RedlinePiece, type RedlineRow } from '../model/redline.js';
import { UNATTRIBUTED_AUTHOR, type SourceInfo } from '../model/source.js';
import { alignDocuments } from './align-documents.js';
import type { CharMap, MappedRange } from './char-map.js';
import { LabelMap, sourcesOf, type Label } from './labels.js';
import { collectRanges, pieceLength } from './change-ranges.js';
import { buildReport, type AttributionReport, type SourceEdit } from './report.js';
import type { SourceForm } from './source-versions.js';
import { pushAll } from '../util/arrays.js';

export interface AttributionSource {
  readonly info: SourceInfo;
  readonly form: SourceForm;
  readonly before: Document;
  readonly after: Document;
}

export interface AttributeOptions extends DiffOptions {
  /** `sources` (default): independent sources; `chain`: ordered versions, the last to touch wins. */
  readonly mode?: 'sources' | 'chain';
  /** Give changes no source explains to this source (they are still reported). */
  readonly fallbackSource?: string;
}

export interface AttributionResult {
  readonly redline: Redline;
  readonly report: AttributionReport;
}

interface Labels {
  readonly deleted: LabelMap;
  readonly inserted: LabelMap;
  readonly formatted: LabelMap;
}

export function attributeChanges(old: Document, neu: Document, sources: readonly AttributionSource[], options: AttributeOptions = {}): AttributionResult {
  const mode = options.mode ?? 'sources';
  const parts = diffDocuments(old, neu, options);
  const labels: Labels = { deleted: new LabelMap(), inserted: new LabelMap(), formatted: new LabelMap() };
  const edits: SourceEdit[] = [];
  sources.forEach((source, order) => collectEdits(source, order, old, neu, options, labels, edits));

  const order = new Map(sources.map((s, i) => [s.info.id, i]));
  const labelled = labelParts(parts, labels, mode, order);
  const redline = stampRedline(old, neu, labelled, {
    authorFor: (ids) => (ids.length === 0 ? UNATTRIBUTED_AUTHOR : ids.join('+')),
    sources: sources.map((s) => s.info),
    ...(options.ignoreNumbering === true && { ignoreNumbering: true }),
  });
  const withHistory = mode === 'chain' ? addHistory(redline, labels, edits, order) : redline;
  const report = buildReport(withHistory, sources, edits, labels.deleted, mode, options.fallbackSource);
  return { redline: report.redline, report: report.report };
}

/** One source's edits, from its own comparison, carried onto the old and new versions. */
function collectEdits(source: AttributionSource, order: number, old: Document, neu: Document, options: DiffOptions, labels: Labels, edits: SourceEdit[]): void {
  const own = stampRedline(source.before, source.after, diffDocuments(source.before, source.after, options), { authorFor: () => source.info.id });
  const ctx = (): DiffContext => new DiffContext(resolveDiffOptions({ ...options, detectMoves: false }));
  const toOld: CharMap | undefined = source.before === old ? undefined : alignDocuments(source.before, old, ctx());
  const toNew: CharMap | undefined = source.after === neu ? undefined : alignDocuments(source.after, neu, ctx());
  const ranges = collectRanges([...own.body, ...own.notes.flatMap((n) => n.blocks), ...own.stories.flatMap((s) => s.blocks)]);
  for (const change of own.changes) {
    if (change.kind === 'renumber') continue;
    const mine = ranges.get(change.id) ?? { deleted: [], inserted: [], formatted: [] };
    const carry = (list: readonly MappedRange[], map: CharMap | undefined): MappedRange[] => (map ? list.flatMap((r) => map.map(r.paragraph, r.start, r.end)) : [...list]);
    const edit: SourceEdit = {
      index: edits.length,
      source: source.info.id,
      order,
      change,
      deletedOld: carry(mine.deleted, toOld),
      insertedNew: carry(mine.inserted, toNew),
      formattedNew: carry(mine.formatted, toNew),
      insertedTotal: mine.inserted.reduce((n, r) => n + r.end - r.start, 0),
      anchorNew: anchorOf(mine.inserted, toNew),
    };
    edits.push(edit);
    const label: Label = { source: source.info.id, edit: edit.index };
    for (const r of edit.deletedOld) labels.deleted.add(r.paragraph, r.start, r.end, label);
    for (const r of edit.insertedNew) labels.inserted.add(r.paragraph, r.start, r.end, label);
    for (const r of edit.formattedNew) labels.formatted.add(r.paragraph, r.start, r.end, label);
  }
}

/** Where an insertion would stand in the new version: the character just before it, carried over. */
function anchorOf(inserted: readonly MappedRange[], toNew: CharMap | undefined): MappedRange | undefined {
  const first = inserted[0];
  if (!first) return undefined;
  if (!toNew) return { paragraph: first.paragraph, start: first.start, end: first.start };
  const before = first.start > 0 ? toNew.map(first.paragraph, first.start - 1, first.start)[0] : undefined;
  return before ? { paragraph: before.paragraph, start: before.end, end: before.end } : undefined;
}

/** Labels every changed piece of the diff with its sources, splitting pieces where sources change. */
function labelParts(parts: RedlineParts, labels: Labels, mode: 'sources' | 'chain', order: ReadonlyMap<string, number>): RedlineParts {
  const blocks = (list: readonly RedlineBlock[]): RedlineBlock[] => inheritMarkSources(list.map((block) => labelBlock(block, labels, mode, order, blocks)));
  return {
    body: blocks(parts.body),
    notes: parts.notes.map((note) => ({ ...note, blocks: blocks(note.blocks) })),
    stories: parts.stories.map((story) => ({ ...story, blocks: blocks(story.blocks) })),
  };
}

function labelBlock(block: RedlineBlock, labels: Labels, mode: 'sources' | 'chain', order: ReadonlyMap<string, number>, blocks: (list: readonly RedlineBlock[]) => RedlineBlock[]): RedlineBlock {
  if (block.type === 'table') {
    const row = (r: RedlineRow): RedlineRow => ({ ...r, cells: r.cells.map((cell) => ({ ...cell, blocks: blocks(cell.blocks) })) });
    return { ...block, rows: block.rows.map(row) };
  }
  if (block.type !== 'paragraph' || block.unchanged) return block;
  const split = block.pieces.flatMap((piece) => labelPiece(piece, labels)).map((piece) => (piece.stories ? { ...piece, stories: piece.stories.map(blocks) } : piece));
  const pieces = regroup(inheritAcrossFiller(split), mode, order);
  const lastChanged = [...pieces].reverse().find((p) => p.status !== 'equal' && p.inline.type !== 'marker');
  return { ...block, pieces, ...(block.mark !== 'equal' && { markSources: lastChanged?.sources ?? [] }) } satisfies RedlineParagraph;
}

/**
 * A paragraph mark changed with no changed words in its paragraph (the break before inserted
 * paragraphs, or after deleted ones) belongs to the edit beside it: the next paragraph's first
 * change, else the previous paragraph's last.
 */
function inheritMarkSources(blocks: RedlineBlock[]): RedlineBlock[] {
  const changedSources = (block: RedlineBlock | undefined, from: 'first' | 'last'): readonly string[] | undefined => {
    if (block?.type !== 'paragraph') return undefined;
    const changed = block.pieces.filter((p) => isChanged(p) && (p.sources ?? []).length > 0);
    return (from === 'first' ? changed[0] : changed[changed.length - 1])?.sources;
  };
  return blocks.map((block, i) => {
    if (block.type !== 'paragraph' || block.mark === 'equal' || (block.markSources ?? []).length > 0) return block;
    const sources = changedSources(blocks[i + 1], 'first') ?? changedSources(blocks[i - 1], 'last');
    return sources ? { ...block, markSources: sources } : block;
  });
}

/** A changed piece cut where the labels of its characters change, each part with its sources. */
function labelPiece(piece: RedlinePiece, labels: Labels): RedlinePiece[] {
  if (piece.inline.type === 'marker' || !piece.origin) return [piece];
  const map = piece.status === 'deleted' || piece.status === 'moved-from' ? labels.deleted : piece.status === 'equal' ? (piece.previousFormat ? labels.formatted : undefined) : labels.inserted;
  if (!map) return [piece];
  const { paragraph, offset } = piece.origin;
  const segments = map.segments(paragraph, offset, offset + pieceLength(piece.inline));
  const inline = piece.inline;
  if (segments.length === 1 || inline.type !== 'text') return [{ ...piece, sources: sourcesOf(segments[0]?.labels ?? []) }];
  return segments.map((segment) => ({
    ...piece,
    inline: { ...inline, text: inline.text.slice(segment.start - offset, segment.end - offset) },
    origin: { paragraph, offset: segment.start },
    sources: sourcesOf(segment.labels),
  }));
}

const isFiller = (piece: RedlinePiece): boolean => piece.inline.type === 'text' && /^[\s\p{P}]*$/u.test(piece.inline.text);
const isChanged = (piece: RedlinePiece): boolean => piece.status !== 'equal' && piece.inline.type !== 'marker';

/**
 * White space and punctuation that the readability clean-up folded into a change belong to no
 * source's edit; they take the sources of the change around them.
 */
function inheritAcrossFiller(pieces: readonly RedlinePiece[]): RedlinePiece[] {
  const out = [...pieces];
  for (let i = 0; i < out.length; i++) {
    const piece = out[i] as RedlinePiece;
    if (!isChanged(piece) || (piece.sources ?? []).length > 0 || !isFiller(piece)) continue;
    let donor: RedlinePiece | undefined;
    for (let k = i - 1; k >= 0 && isChanged(out[k] as RedlinePiece); k--) if ((out[k]?.sources ?? []).length > 0) { donor = out[k]; break; }
    for (let k = i + 1; !donor && k < out.length && isChanged(out[k] as RedlinePiece); k++) if ((out[k]?.sources ?? []).length > 0) donor = out[k];
    if (donor?.sources) out[i] = { ...piece, sources: donor.sources };
  }
  return out;
}

/**
 * Within a stretch of changed pieces, the pieces of each source are brought together (deleted
 * then inserted, each in its own order), so that each source's edit is one change. Old order and
 * new order are kept, so Accept All and Reject All are unaffected. In a chain, the stretch goes
 * to the last version that touched it.
 */
function regroup(pieces: readonly RedlinePiece[], mode: 'sources' | 'chain', order: ReadonlyMap<string, number>): RedlinePiece[] {
  const out: RedlinePiece[] = [];
  let i = 0;
  while (i < pieces.length) {
    const piece = pieces[i] as RedlinePiece;
    if (!isChanged(piece) || piece.moveName !== undefined) {
      out.push(piece);
      i++;
      continue;
    }
    let j = i;
    while (j < pieces.length && (isChanged(pieces[j] as RedlinePiece) || pieces[j]?.inline.type === 'marker') && pieces[j]?.moveName === undefined) j++;
    const stretch = pieces.slice(i, j);
    pushAll(out, mode === 'chain' ? toLastVersion(stretch, order) : bySource(stretch));
    i = j;
  }
  return out;
}

function bySource(stretch: readonly RedlinePiece[]): RedlinePiece[] {
  const removed = stretch.filter((p) => p.inline.type !== 'marker' && (p.status === 'deleted' || p.status === 'moved-from'));
  const added = stretch.filter((p) => p.inline.type !== 'marker' && p.status !== 'deleted' && p.status !== 'moved-from');
  const markers = stretch.filter((p) => p.inline.type === 'marker');
  const key = (piece: RedlinePiece): string => (piece.sources ?? []).join('\u0000');
  // Interleave the deleted and the inserted pieces, each list in its own order (so Reject All and
  // Accept All are unchanged), taking each source's pieces together where the orders allow.
  const out: RedlinePiece[] = [];
  let i = 0;
  let j = 0;
  while (i < removed.length || j < added.length) {
    const current = i < removed.length ? key(removed[i] as RedlinePiece) : key(added[j] as RedlinePiece);
    while (i < removed.length && key(removed[i] as RedlinePiece) === current) out.push(removed[i++] as RedlinePiece);
    while (j < added.length && key(added[j] as RedlinePiece) === current) out.push(added[j++] as RedlinePiece);
    if (i < removed.length && j < added.length && key(removed[i] as RedlinePiece) !== current && key(added[j] as RedlinePiece) === key(removed[i] as RedlinePiece)) continue;
  }
  return [...out, ...markers];
}

function toLastVersion(stretch: readonly RedlinePiece[], order: ReadonlyMap<string, number>): RedlinePiece[] {
  let last: string | undefined;
  for (const piece of stretch) for (const source of piece.sources ?? []) if (last === undefined || (order.get(source) ?? -1) > (order.get(last) ?? -1)) last = source;
  return last === undefined ? [...stretch] : stretch.map((piece) => (piece.inline.type === 'marker' ? piece : { ...piece, sources: [last as string] }));
}

/**
 * For a chain: each change's history lists the edits of earlier versions among its characters
 * that the version it is attributed to replaced, oldest first.
 */
function addHistory(redline: Redline, labels: Labels, edits: readonly SourceEdit[], order: ReadonlyMap<string, number>): Redline {
  const touched = new Map<string, Set<number>>();
  const note = (piece: RedlinePiece): void => {
    if (piece.changeId === undefined || !piece.origin || piece.inline.type === 'marker') return;
    const map = piece.status === 'deleted' || piece.status === 'moved-from' ? labels.deleted : labels.inserted;
    const set = touched.get(piece.changeId) ?? new Set<number>();
    for (const segment of map.segments(piece.origin.paragraph, piece.origin.offset, piece.origin.offset + pieceLength(piece.inline))) for (const label of segment.labels) set.add(label.edit);
    touched.set(piece.changeId, set);
  };
  forEachParagraph([...redline.body, ...redline.notes.flatMap((n) => n.blocks), ...redline.stories.flatMap((s) => s.blocks)], (paragraph) => paragraph.pieces.forEach(note));
  const changes = redline.changes.map((change): Change => {
    const own = change.sources[0];
    const earlier = [...(touched.get(change.id) ?? [])]
      .map((index) => edits[index] as SourceEdit)
      .filter((edit) => edit.source !== own && (order.get(edit.source) ?? -1) < (order.get(own ?? '') ?? -1))
      .sort((a, b) => a.order - b.order);
    return earlier.length === 0 ? change : { ...change, history: earlier.map((e) => ({ source: e.source, oldText: e.change.oldText, newText: e.change.newText })) };
  });
  return { ...redline, changes };
}

