/**
 * The moves of a diff, one unit per moved paragraph: its text where it left (the old version)
 * and where it arrived (the new version). A move of several paragraphs (a clause with its limbs)
 * has one unit per paragraph, in order, so that attribution can decide each paragraph apart:
 * keep it in its move with the sources that made it, move it under a move of its own when its
 * sources differ from its neighbours', or show it as the deletion and the insertion it is when
 * no source moved it but sources deleted and inserted its text.
 */
import type { RedlineParts } from '../diff/compare-documents.js';
import type { Paragraph } from '../model/document.js';
import type { RedlineBlock, RedlineParagraph, RedlinePiece, RedlineRow } from '../model/redline.js';
import { forEachPiece, pieceRange } from './change-ranges.js';
import type { MappedRange } from './char-map.js';

export interface MoveUnit {
  readonly moveName: string;
  /** Its place in its move (0, 1, …). */
  readonly index: number;
  /** The moved paragraphs, where they left and where they arrived (one each, but for odd moves). */
  readonly froms: readonly Paragraph[];
  readonly tos: readonly Paragraph[];
  /** The characters that moved: left (old version), arrived (new version). */
  readonly left: readonly MappedRange[];
  readonly arrived: readonly MappedRange[];
}

/** What attribution makes of a unit. */
export type MoveDecision =
  | { readonly kind: 'move'; readonly sources: readonly string[]; readonly name: string }
  /** No source moved it: its ends are a deletion and an insertion. */
  | { readonly kind: 'unpair' };

const isMovedPiece = (piece: RedlinePiece): boolean => piece.moveName !== undefined && (piece.status === 'moved-from' || piece.status === 'moved-to');

/** Every story's blocks of a diff. */
export function allBlocks(parts: RedlineParts): RedlineBlock[] {
  return [...parts.body, ...parts.notes.flatMap((n) => n.blocks), ...parts.stories.flatMap((s) => s.blocks)];
}

export function findMoveUnits(parts: RedlineParts): MoveUnit[] {
  interface Side {
    readonly paragraphs: Paragraph[];
    readonly ranges: Map<Paragraph, MappedRange[]>;
  }
  const moves = new Map<string, { from: Side; to: Side }>();
  const visit = (piece: RedlinePiece): void => {
    const range = pieceRange(piece);
    if (!isMovedPiece(piece) || !range) return;
    let move = moves.get(piece.moveName as string);
    if (!move) {
      move = { from: { paragraphs: [], ranges: new Map() }, to: { paragraphs: [], ranges: new Map() } };
      moves.set(piece.moveName as string, move);
    }
    const side = piece.status === 'moved-from' ? move.from : move.to;
    let list = side.ranges.get(range.paragraph);
    if (!list) {
      list = [];
      side.ranges.set(range.paragraph, list);
      side.paragraphs.push(range.paragraph);
    }
    list.push(range);
  };
  forEachPiece(allBlocks(parts), visit);
  const units: MoveUnit[] = [];
  for (const [moveName, { from, to }] of moves) {
    const rangesOf = (side: Side, paragraphs: readonly Paragraph[]): MappedRange[] => paragraphs.flatMap((p) => side.ranges.get(p) ?? []);
    // The diff grows a move over neighbouring paragraphs in step on both sides: the k-th paragraph
    // that left is the k-th that arrived. Should the counts differ, the move is one unit.
    const pairs = from.paragraphs.length === to.paragraphs.length ? from.paragraphs.map((p, k) => [[p], [to.paragraphs[k] as Paragraph]] as const) : [[from.paragraphs, to.paragraphs] as const];
    pairs.forEach(([froms, tos], index) => units.push({ moveName, index, froms, tos, left: rangesOf(from, froms), arrived: rangesOf(to, tos) }));
  }
  return units;
}

/**
 * Names the runs of units of one move that attribution keeps together: the first run keeps the
 * move's name, the others get names of their own (a move split where its sources change).
 */
export function nameMoveRuns(
  units: readonly MoveUnit[],
  decide: (unit: MoveUnit) => { readonly kind: 'move'; readonly sources: readonly string[] } | { readonly kind: 'unpair' },
): Map<MoveUnit, MoveDecision> {
  const out = new Map<MoveUnit, MoveDecision>();
  const runs = new Map<string, { key: string; count: number }>();
  for (const unit of units) {
    const decision = decide(unit);
    if (decision.kind === 'unpair') {
      out.set(unit, decision);
      continue;
    }
    const key = decision.sources.join('\u0000');
    const run = runs.get(unit.moveName);
    const count = run === undefined ? 0 : run.key === key ? run.count : run.count + 1;
    runs.set(unit.moveName, { key, count });
    out.set(unit, { kind: 'move', sources: decision.sources, name: count === 0 ? unit.moveName : `${unit.moveName}-${count + 1}` });
  }
  return out;
}

/**
 * The diff with the decisions applied: moved pieces renamed and given their sources, or turned
 * back into deleted and inserted ones; moved paragraph marks likewise.
 */
export function applyMoveDecisions(parts: RedlineParts, units: readonly MoveUnit[], decisions: ReadonlyMap<MoveUnit, MoveDecision>): RedlineParts {
  if (units.length === 0) return parts;
  const byParagraph = new Map<string, Map<Paragraph, MoveUnit>>();
  const lastOf = new Map<string, { from?: MoveUnit; to?: MoveUnit }>();
  for (const unit of units) {
    const map = byParagraph.get(unit.moveName) ?? new Map<Paragraph, MoveUnit>();
    for (const p of [...unit.froms, ...unit.tos]) map.set(p, unit);
    byParagraph.set(unit.moveName, map);
    // Units come in order: the last one seen is the move's last paragraph on each side.
    lastOf.set(unit.moveName, { from: unit, to: unit });
  }
  const decisionOf = (moveName: string, paragraph: Paragraph | undefined, side: 'from' | 'to'): { unit: MoveUnit; decision: MoveDecision } | undefined => {
    // A paragraph holding no text of the move holds its mark, borrowed from the move's last paragraph.
    const unit = (paragraph && byParagraph.get(moveName)?.get(paragraph)) ?? lastOf.get(moveName)?.[side];
    const decision = unit && decisions.get(unit);
    return unit && decision ? { unit, decision } : undefined;
  };

  const piece = (p: RedlinePiece): RedlinePiece => {
    if (!isMovedPiece(p)) return p.stories ? { ...p, stories: p.stories.map(blocks) } : p;
    const found = decisionOf(p.moveName as string, p.origin?.paragraph, p.status === 'moved-from' ? 'from' : 'to');
    if (!found) return p;
    const { moveName: _name, ...rest } = p;
    if (found.decision.kind === 'unpair') return { ...rest, status: p.status === 'moved-from' ? 'deleted' : 'inserted' };
    return { ...rest, moveName: found.decision.name, sources: found.decision.sources };
  };
  const paragraph = (block: RedlineParagraph): RedlineParagraph => {
    const pieces = block.pieces.map(piece);
    if (block.moveName === undefined) return { ...block, pieces };
    const side = block.mark === 'moved-from' || (block.mark === 'equal' && block.side === 'old') ? 'from' : 'to';
    const found = decisionOf(block.moveName, block.paragraph, side);
    if (!found) return { ...block, pieces };
    const { moveName: _name, ...rest } = block;
    if (found.decision.kind === 'move') {
      return { ...rest, pieces, moveName: found.decision.name, ...((block.mark === 'moved-from' || block.mark === 'moved-to') && { markSources: found.decision.sources }) };
    }
    if (block.mark === 'moved-from') return { ...rest, pieces, mark: 'deleted' };
    if (block.mark === 'moved-to') {
      // The paragraph that arrived is now an insertion: it no longer stands for the one that left.
      const { previous: _previous, ...inserted } = rest;
      return { ...(found.unit.tos.includes(block.paragraph) ? inserted : rest), pieces, mark: 'inserted' };
    }
    return { ...rest, pieces };
  };
  const row = (r: RedlineRow): RedlineRow => ({ ...r, cells: r.cells.map((cell) => ({ ...cell, blocks: blocks(cell.blocks) })) });
  function blocks(list: readonly RedlineBlock[]): RedlineBlock[] {
    return list.map((block) => (block.type === 'paragraph' ? paragraph(block) : block.type === 'table' ? { ...block, rows: block.rows.map(row) } : block));
  }
  return { body: blocks(parts.body), notes: parts.notes.map((n) => ({ ...n, blocks: blocks(n.blocks) })), stories: parts.stories.map((s) => ({ ...s, blocks: blocks(s.blocks) })) };
}
