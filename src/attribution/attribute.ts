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
import { diffDocuments, type RedlineParts, stampRedline } from '../diff/compare-documents.js';
import { DiffContext } from '../diff/diff-context.js';
import { type DiffOptions, resolveDiffOptions } from '../diff/options.js';
import type { Change } from '../model/change-set.js';
import type { Document, Paragraph } from '../model/document.js';
import { forEachParagraph, type Redline, type RedlineBlock, type RedlineParagraph, type RedlinePiece, type RedlineRow } from '../model/redline.js';
import { type SourceInfo, UNATTRIBUTED_AUTHOR } from '../model/source.js';
import { pushAll } from '../util/arrays.js';
import { alignDocuments, alignParagraphPair } from './align-documents.js';
import { type CharIndex, changedCharacters, collectRanges, pieceLength, rangesLength } from './change-ranges.js';
import type { CharMap, MappedRange } from './char-map.js';
import { type Label, LabelMap, sourcesOf } from './labels.js';
import { blockLists, MoveOrders, oldParagraphsOf, Placement } from './move-order.js';
import { allBlocks, applyMoveDecisions, findMoveUnits, type MoveDecision, type MoveUnit, nameMoveRuns } from './move-units.js';
import { type AttributionReport, buildReport, type SourceEdit } from './report.js';
import type { SourceForm } from './source-versions.js';

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
  const units = findMoveUnits(parts);
  const labels: Labels = { deleted: new LabelMap(), inserted: new LabelMap(), formatted: new LabelMap() };
  const edits: SourceEdit[] = [];
  const newToOld = oldParagraphsOf(parts);
  const orders = new MoveOrders(old, new Placement(blockLists(neu), (p) => newToOld.get(p)));
  const collection: Collection = { old, neu, options, units, labels, edits, orders, newToOld, ...(mode === 'chain' && { chainInserted: new LabelMap() }) };
  sources.forEach((source, order) => collectEdits(source, order, collection));

  const order = new Map(sources.map((s, i) => [s.info.id, i]));
  const rule = new LabelRule(edits, changedCharacters(allBlocks(parts)), orders);
  const decisions = decideMoves(units, labels, rule, orders, order);
  const displayed = new Set(units.filter((u) => decisions.get(u)?.kind === 'move').flatMap((u) => [...u.froms, ...u.tos]));
  const keep = (label: Label, paragraph: Paragraph): boolean => rule.counts(label, displayed.has(paragraph));
  const labelled = labelParts(applyMoveDecisions(parts, units, decisions), labels, mode, order, keep);
  const redline = stampRedline(old, neu, labelled, {
    authorFor: (ids) => (ids.length === 0 ? UNATTRIBUTED_AUTHOR : ids.join('+')),
    sources: sources.map((s) => s.info),
    ...(options.ignoreNumbering === true && { ignoreNumbering: true }),
  });
  const withHistory = mode === 'chain' ? addHistory(redline, labels, edits, order, keep) : redline;
  const report = buildReport(withHistory, sources, edits, labels.deleted, mode, options.fallbackSource, orders);
  return { redline: report.redline, report: report.report };
}

/** What collecting the sources' edits needs and fills. */
interface Collection {
  readonly old: Document;
  readonly neu: Document;
  readonly options: DiffOptions;
  /** The moves of OLD→NEW. */
  readonly units: readonly MoveUnit[];
  readonly labels: Labels;
  readonly edits: SourceEdit[];
  readonly orders: MoveOrders;
  /** For the paragraphs of NEW: the paragraph of OLD each one is. */
  readonly newToOld: ReadonlyMap<Paragraph, Paragraph>;
  /** For a chain: what each version inserted, in its own result (the next version's base). */
  readonly chainInserted?: LabelMap;
}

/** One source's edits, from its own comparison, carried onto the old and new versions. */
function collectEdits(source: AttributionSource, order: number, c: Collection): void {
  const own = stampRedline(source.before, source.after, diffDocuments(source.before, source.after, c.options), { authorFor: () => source.info.id });
  const ownBlocks = [...own.body, ...own.notes.flatMap((n) => n.blocks), ...own.stories.flatMap((s) => s.blocks)];
  const ctx = (): DiffContext => new DiffContext(resolveDiffOptions({ ...c.options, detectMoves: false }));
  // The source's base may have clauses elsewhere than the old version has them (drafted on an
  // earlier version, or a chain's previous version that moved them): follow them there.
  const toOld: CharMap | undefined = source.before === c.old ? undefined : alignDocuments(source.before, c.old, ctx(), { followMoves: true });
  const toNew: CharMap | undefined = source.after === c.neu ? undefined : alignDocuments(source.after, c.neu, ctx());
  if (toNew) followLineage(c, lineageOf(own), toOld, toNew, ctx());
  const destinations = moveDestinations(own, toOld);
  const beforeOf = oldParagraphsOf(own);
  const inOld = (p: Paragraph): Paragraph | undefined => (toOld ? toOld.mainTarget(p) : p);
  c.orders.addSource(
    source.info.id,
    new Placement(blockLists(source.before), inOld),
    new Placement(blockLists(source.after), (p) => {
      const before = beforeOf.get(p);
      return before && inOld(before);
    }),
  );
  const ranges = collectRanges(ownBlocks);
  for (const change of own.changes) {
    if (change.kind === 'renumber') continue;
    const mine = ranges.get(change.id) ?? { deleted: [], inserted: [], formatted: [] };
    const carry = (list: readonly MappedRange[], map: CharMap | undefined): MappedRange[] => (map ? list.flatMap((r) => map.map(r.paragraph, r.start, r.end)) : [...list]);
    const destination = destinations.get(change.id);
    const edit: SourceEdit = {
      index: c.edits.length,
      source: source.info.id,
      order,
      change,
      deletedOld: carry(mine.deleted, toOld),
      insertedNew: carry(mine.inserted, toNew),
      formattedNew: carry(mine.formatted, toNew),
      insertedTotal: rangesLength(mine.inserted),
      anchorNew: anchorOf(mine.inserted, toNew),
      ...(change.kind === 'move' && { destination: destination ?? 'start' }),
    };
    c.edits.push(edit);
    const label: Label = { source: source.info.id, edit: edit.index };
    for (const r of edit.deletedOld) c.labels.deleted.add(r.paragraph, r.start, r.end, label);
    for (const r of edit.insertedNew) c.labels.inserted.add(r.paragraph, r.start, r.end, label);
    for (const r of edit.formattedNew) c.labels.formatted.add(r.paragraph, r.start, r.end, label);
    if (c.chainInserted) carryChain(c.chainInserted, c.labels.inserted, mine, edit, label);
  }
}

/**
 * In a chain, a version that moves what an earlier one inserted carries the earlier insertion's
 * label to where it put the text, so the change keeps the earlier version in its history.
 */
function carryChain(chainInserted: LabelMap, inserted: LabelMap, mine: { readonly deleted: readonly MappedRange[]; readonly inserted: readonly MappedRange[] }, edit: SourceEdit, label: Label): void {
  if (edit.change.kind === 'move') {
    const earlier = new Map(chainInserted.labelsIn(mine.deleted).map((l) => [l.edit, l]));
    for (const l of earlier.values()) for (const r of edit.insertedNew) inserted.add(r.paragraph, r.start, r.end, l);
  }
  for (const r of mine.inserted) chainInserted.add(r.paragraph, r.start, r.end, label);
}

/** For each paragraph of a source's base: the paragraph of its result it became (kept, edited or moved). */
function lineageOf(own: Redline): Map<Paragraph, Paragraph> {
  const out = new Map<Paragraph, Paragraph>();
  for (const [after, before] of oldParagraphsOf(own)) out.set(before, after);
  return out;
}

/**
 * A paragraph of OLD that the source and NEW both have is the same paragraph in the source's
 * result and in NEW. The alignment of the two finds most such pairs; one it leaves unmapped (NEW
 * moved the paragraph, or the alignment broke a tie the other way: a clause moved down past
 * another reads as that one moved up) is mapped through the old version, so the source's edits
 * in it are found where NEW has it, moved or not. The moves themselves are judged by order
 * (`move-order.ts`), never by where their words were found.
 */
function followLineage(c: Collection, lineage: ReadonlyMap<Paragraph, Paragraph>, toOld: CharMap | undefined, toNew: CharMap, ctx: DiffContext): void {
  const fromOld = toOld?.inverse();
  for (const [arrived, left] of c.newToOld) {
    const before = fromOld ? fromOld.mainTarget(left) : left;
    const after = before && lineage.get(before);
    if (after && toNew.mappedLength(after, 0, Number.MAX_SAFE_INTEGER) === 0) alignParagraphPair(after, arrived, ctx, toNew);
  }
}

/**
 * Where each of a source's moves put its text, as a place of the old version: after the old
 * paragraph that the nearest paragraph the source kept in place before it stands for, or at the
 * start of its story. Two sources moving one clause agree when they put it at the same place.
 */
function moveDestinations(own: Redline, toOld: CharMap | undefined): Map<string, Paragraph | 'start'> {
  const out = new Map<string, Paragraph | 'start'>();
  const story = (blocks: readonly RedlineBlock[]): void => {
    let anchor: Paragraph | 'start' = 'start';
    for (const block of blocks) {
      if (block.type !== 'paragraph') continue;
      for (const piece of block.pieces) if (piece.status === 'moved-to' && piece.changeId !== undefined && !out.has(piece.changeId)) out.set(piece.changeId, anchor);
      if (block.side === 'new' && block.previous && block.moveName === undefined) anchor = (toOld ? toOld.mainTarget(block.previous) : block.previous) ?? anchor;
    }
  };
  story(own.body);
  own.notes.forEach((note) => story(note.blocks));
  own.stories.forEach((s) => story(s.blocks));
  return out;
}

/**
 * Which labels a changed character takes. A source's deletions and insertions always; its moves
 * only where they happened (the text left where the source took it from and arrived where it
 * put it), and never on words deleted or inserted inside text shown as moved: those are an
 * editor's, and the move itself is decided apart, by who made it.
 */
class LabelRule {
  private readonly edits: readonly SourceEdit[];
  private readonly landed = new Set<number>();

  constructor(edits: readonly SourceEdit[], changed: { readonly removed: CharIndex; readonly added: CharIndex }, orders: MoveOrders) {
    this.edits = edits;
    const mostly = (index: CharIndex, ranges: readonly MappedRange[]): boolean => 2 * ranges.reduce((n, r) => n + index.covered(r), 0) >= rangesLength(ranges);
    for (const edit of edits) {
      if (edit.change.kind !== 'move' || edit.insertedNew.length === 0) continue;
      // A move of the old version's text happened when NEW has its order; its words were found
      // where NEW has them, moved there or not.
      const happened = edit.deletedOld.length === 0 || orders.made(edit) !== false;
      if (happened && mostly(changed.added, edit.insertedNew) && mostly(changed.removed, edit.deletedOld)) this.landed.add(edit.index);
    }
  }

  isMove(label: Label): boolean {
    return this.edits[label.edit]?.change.kind === 'move';
  }

  counts(label: Label, inShownMove: boolean): boolean {
    return !this.isMove(label) || (!inShownMove && this.landed.has(label.edit));
  }
}

/**
 * Decides each moved paragraph of OLD→NEW. The sources that made the move are those that put it
 * the other way round with the same paragraphs as NEW does, and with no other (see
 * `move-order.ts`), together covering every paragraph it passed; where order cannot tell (a
 * moved table row), those whose own moves took this text from its old place and put it at its
 * new one (both ends, through their own diffs). Never a source whose edit stands next to it.
 * With no mover, a paragraph whose ends other edits explain (one source deleted it, another
 * inserted the same text) is shown as that deletion and insertion; otherwise it stays a move no
 * source explains.
 */
function decideMoves(units: readonly MoveUnit[], labels: Labels, rule: LabelRule, orders: MoveOrders, order: ReadonlyMap<string, number>): Map<MoveUnit, MoveDecision> {
  const rank = (id: string): number => order.get(id) ?? Number.MAX_SAFE_INTEGER;
  return nameMoveRuns(units, (unit) => {
    const byOrder = unit.froms.length === 1 ? orders.movers(unit.froms[0] as Paragraph) : undefined;
    if (byOrder !== undefined && byOrder.length > 0) return { kind: 'move', sources: byOrder.sort((a, b) => rank(a) - rank(b)) };
    const left = labels.deleted.labelsIn(unit.left);
    const arrived = labels.inserted.labelsIn(unit.arrived);
    if (byOrder === undefined) {
      const took = new Set(left.filter((l) => rule.isMove(l)).map((l) => l.source));
      const movers = [...new Set(arrived.filter((l) => rule.isMove(l) && took.has(l.source)).map((l) => l.source))].sort((a, b) => rank(a) - rank(b));
      if (movers.length > 0) return { kind: 'move', sources: movers };
    }
    // Shown as a deletion and an insertion only when other edits take the whole text away or put
    // the whole of it there: a word a source deleted in it does not explain where it went.
    const whole = (map: LabelMap, ranges: readonly MappedRange[]): boolean =>
      ranges.length > 0 && ranges.every((r) => map.segments(r.paragraph, r.start, r.end, (l) => rule.counts(l, false)).every((segment) => segment.labels.length > 0));
    return whole(labels.deleted, unit.left) || whole(labels.inserted, unit.arrived) ? { kind: 'unpair' } : { kind: 'move', sources: [] };
  });
}

/** Where an insertion would stand in the new version: the character just before it, carried over. */
function anchorOf(inserted: readonly MappedRange[], toNew: CharMap | undefined): MappedRange | undefined {
  const first = inserted[0];
  if (!first) return undefined;
  if (!toNew) return { paragraph: first.paragraph, start: first.start, end: first.start };
  const before = first.start > 0 ? toNew.map(first.paragraph, first.start - 1, first.start)[0] : undefined;
  return before ? { paragraph: before.paragraph, start: before.end, end: before.end } : undefined;
}

/** How the pieces of a diff are labelled. */
interface Labelling {
  readonly labels: Labels;
  readonly mode: 'sources' | 'chain';
  readonly order: ReadonlyMap<string, number>;
  /** Whether a label counts on a changed character of a paragraph. */
  readonly keep: (label: Label, paragraph: Paragraph) => boolean;
}

/** Labels every changed piece of the diff with its sources, splitting pieces where sources change. */
function labelParts(parts: RedlineParts, labels: Labels, mode: 'sources' | 'chain', order: ReadonlyMap<string, number>, keep: Labelling['keep']): RedlineParts {
  const labelling: Labelling = { labels, mode, order, keep };
  const blocks = (list: readonly RedlineBlock[]): RedlineBlock[] => inheritMarkSources(list.map((block) => labelBlock(block, labelling, blocks)));
  return {
    body: blocks(parts.body),
    notes: parts.notes.map((note) => ({ ...note, blocks: blocks(note.blocks) })),
    stories: parts.stories.map((story) => ({ ...story, blocks: blocks(story.blocks) })),
  };
}

const isMovedMark = (mark: RedlineParagraph['mark']): boolean => mark === 'moved-from' || mark === 'moved-to';

function labelBlock(block: RedlineBlock, labelling: Labelling, blocks: (list: readonly RedlineBlock[]) => RedlineBlock[]): RedlineBlock {
  if (block.type === 'table') {
    const row = (r: RedlineRow): RedlineRow => ({ ...r, cells: r.cells.map((cell) => ({ ...cell, blocks: blocks(cell.blocks) })) });
    return { ...block, rows: block.rows.map(row) };
  }
  if (block.type !== 'paragraph' || block.unchanged) return block;
  const split = block.pieces.flatMap((piece) => labelPiece(piece, labelling)).map((piece) => (piece.stories ? { ...piece, stories: piece.stories.map(blocks) } : piece));
  const pieces = regroup(inheritAcrossFiller(split), labelling.mode, labelling.order);
  // A moved mark has its move's sources already; another changed mark goes with the last change.
  const lastChanged = [...pieces].reverse().find((p) => isChanged(p) && !isMoved(p));
  return { ...block, pieces, ...(block.mark !== 'equal' && !isMovedMark(block.mark) && { markSources: lastChanged?.sources ?? [] }) } satisfies RedlineParagraph;
}

/**
 * A paragraph mark changed with no changed words in its paragraph (the break before inserted
 * paragraphs, or after deleted ones) belongs to the edit beside it: the next paragraph's first
 * change, else the previous paragraph's last. Not a moved mark: a move is its movers' alone.
 */
function inheritMarkSources(blocks: RedlineBlock[]): RedlineBlock[] {
  const changedSources = (block: RedlineBlock | undefined, from: 'first' | 'last'): readonly string[] | undefined => {
    if (block?.type !== 'paragraph') return undefined;
    const changed = block.pieces.filter((p) => isChanged(p) && !isMoved(p) && (p.sources ?? []).length > 0);
    return (from === 'first' ? changed[0] : changed[changed.length - 1])?.sources;
  };
  return blocks.map((block, i) => {
    if (block.type !== 'paragraph' || block.mark === 'equal' || isMovedMark(block.mark) || (block.markSources ?? []).length > 0) return block;
    const sources = changedSources(blocks[i + 1], 'first') ?? changedSources(blocks[i - 1], 'last');
    return sources ? { ...block, markSources: sources } : block;
  });
}

/**
 * A changed piece cut where the labels of its characters change, each part with its sources.
 * Moved pieces have their move's sources already.
 */
function labelPiece(piece: RedlinePiece, { labels, keep }: Labelling): RedlinePiece[] {
  if (piece.inline.type === 'marker' || !piece.origin || isMoved(piece)) return [piece];
  const map = piece.status === 'deleted' ? labels.deleted : piece.status === 'equal' ? (piece.previousFormat ? labels.formatted : undefined) : labels.inserted;
  if (!map) return [piece];
  const { paragraph, offset } = piece.origin;
  const segments = map.segments(paragraph, offset, offset + pieceLength(piece.inline), (label) => keep(label, paragraph));
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
const isMoved = (piece: RedlinePiece): boolean => piece.status === 'moved-from' || piece.status === 'moved-to';

/**
 * White space and punctuation that the readability clean-up folded into a change belong to no
 * source's edit; they take the sources of the change around them.
 */
function inheritAcrossFiller(pieces: readonly RedlinePiece[]): RedlinePiece[] {
  const out = [...pieces];
  for (let i = 0; i < out.length; i++) {
    const piece = out[i] as RedlinePiece;
    if (!isChanged(piece) || isMoved(piece) || (piece.sources ?? []).length > 0 || !isFiller(piece)) continue;
    // Moved text around is no part of the edit.
    const beside = (k: number): boolean => isChanged(out[k] as RedlinePiece) && !isMoved(out[k] as RedlinePiece);
    let donor: RedlinePiece | undefined;
    for (let k = i - 1; k >= 0 && beside(k); k--)
      if ((out[k]?.sources ?? []).length > 0) {
        donor = out[k];
        break;
      }
    for (let k = i + 1; !donor && k < out.length && beside(k); k++) if ((out[k]?.sources ?? []).length > 0) donor = out[k];
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
function addHistory(redline: Redline, labels: Labels, edits: readonly SourceEdit[], order: ReadonlyMap<string, number>, keep: Labelling['keep']): Redline {
  const touched = new Map<string, Set<number>>();
  const note = (piece: RedlinePiece): void => {
    if (piece.changeId === undefined || !piece.origin || piece.inline.type === 'marker') return;
    const map = piece.status === 'deleted' || piece.status === 'moved-from' ? labels.deleted : labels.inserted;
    const set = touched.get(piece.changeId) ?? new Set<number>();
    const { paragraph, offset } = piece.origin;
    // The same labels as the piece's sources were taken from: a moved piece's, all its moves.
    const counted = isMoved(piece) ? undefined : (label: Label): boolean => keep(label, paragraph);
    for (const segment of map.segments(paragraph, offset, offset + pieceLength(piece.inline), counted)) for (const label of segment.labels) set.add(label.edit);
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
