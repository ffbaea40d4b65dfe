/**
 * Notes that tie the two ends of a move together. Above the first moved paragraph of each end, a
 * small line in the move's colour says where the other end is: "⇄ Moved to G2.46 (p. 18)" where
 * the text leaves, "⇄ Moved from G1.31 (p. 10)" where it arrives, each a link to the other end.
 * The line is laid out with its paragraph (so it reads, and extracts, in order); the page number
 * is drawn once the whole document is paginated, since the other end may lie on a later page. A
 * row moved in a table has its note in the inner margin beside the row (change bars are in the
 * outer one).
 */
import type { Change } from '../../model/change-set.js';
import type { RedlineParagraph } from '../../model/redline.js';
import { citation, moveEnds } from '../change-citation.js';
import { Canvas } from './canvas.js';
import type { ChangePalette } from './change-palette.js';
import type { ChangeBar, FlowItem, MoveEnd } from './flow.js';
import type { FlowContext } from './flow-context.js';
import type { Footnote } from './inline-items.js';
import { outerMarginIsRight, type PageGeometry } from './page-geometry.js';
import { type MoveSpot, moveEndKey, type PageSpot } from './paginator.js';
import { MOVE_MARKER } from './paragraph-content.js';
import { type PlainStyle, TextPainter } from './text-painter.js';

const NOTE_SIZE = 7;
const NOTE_LINE_HEIGHT = NOTE_SIZE * 1.45;
const MARGIN_LINE_HEIGHT = NOTE_SIZE + 1.5;
/** Between the text column and a note in the margin. */
const GAP = 6;

function noteStyle(palette: ChangePalette, changeId: string): PlainStyle {
  return { family: 'sans', variant: 'regular', size: NOTE_SIZE, colour: palette.colour(changeId) };
}

/** "Moved to G2.46" at the source end, "Moved from G1.31" at the destination. */
function noteText(change: Change, end: MoveEnd): string {
  const ends = moveEnds(change);
  return end === 'from' ? `Moved to ${citation(ends.to)}` : `Moved from ${citation(ends.from)}`;
}

/**
 * The note line to set above a paragraph that starts an end of a move, when it is the first of
 * that end (a moved clause's limbs share their clause's note).
 */
export function moveNoteLine(block: RedlineParagraph, ctx: FlowContext, indent: number, spaceBefore: number, pageBreakBefore: boolean): FlowItem | undefined {
  const palette = ctx.palette;
  if (!palette) return undefined;
  for (const piece of block.pieces) {
    const end = piece.status === 'moved-from' ? 'from' : piece.status === 'moved-to' ? 'to' : undefined;
    const change = palette.change(piece.changeId);
    if (end === undefined || change?.kind !== 'move') continue;
    const key = moveEndKey(change.id, end);
    if (ctx.notedMoveEnds.has(key)) continue;
    ctx.notedMoveEnds.add(key);
    return new MoveNoteLine(`${MOVE_MARKER} ${noteText(change, end)} `, noteStyle(palette, change.id), new TextPainter(ctx.fonts), indent, change.id, end, spaceBefore, pageBreakBefore);
  }
  return undefined;
}

class MoveNoteLine implements FlowItem {
  readonly height = NOTE_LINE_HEIGHT;
  readonly spaceAfter = 1;
  readonly keepWithNext = true;
  readonly footnotes: readonly Footnote[] = [];
  readonly bars: readonly ChangeBar[];
  readonly spaceBefore: number;
  readonly pageBreakBefore: boolean;
  private readonly text: string;
  private readonly style: PlainStyle;
  private readonly painter: TextPainter;
  private readonly indent: number;

  constructor(text: string, style: PlainStyle, painter: TextPainter, indent: number, changeId: string, end: MoveEnd, spaceBefore: number, pageBreakBefore: boolean) {
    this.text = text;
    this.style = style;
    this.painter = painter;
    this.indent = indent;
    this.spaceBefore = spaceBefore;
    this.pageBreakBefore = pageBreakBefore;
    const noteX = indent + painter.width(text, style);
    this.bars = [{ top: 0, bottom: this.height, changeIds: [changeId], moves: [{ changeId, end, noteX }] }];
  }

  draw(canvas: Canvas, left: number, top: number): void {
    this.painter.draw(canvas, this.text, left + this.indent, top + NOTE_SIZE, this.style);
  }
}

interface Note {
  readonly here: MoveSpot;
  readonly there: PageSpot;
  readonly changeId: string;
  readonly text: string;
}

/** The notes of every move whose two ends were placed, by the page of the end they stand at. */
export function moveNotes(changes: readonly Change[], spots: ReadonlyMap<string, MoveSpot>): Map<number, Note[]> {
  const byPage = new Map<number, Note[]>();
  for (const change of changes) {
    if (change.kind !== 'move') continue;
    const from = spots.get(moveEndKey(change.id, 'from'));
    const to = spots.get(moveEndKey(change.id, 'to'));
    if (!from || !to) continue;
    const add = (end: MoveEnd, here: MoveSpot, there: PageSpot): void => {
      const list = byPage.get(here.page) ?? [];
      list.push({ here, there, changeId: change.id, text: noteText(change, end) });
      byPage.set(here.page, list);
    };
    add('from', from, to);
    add('to', to, from);
  }
  return byPage;
}

/**
 * A page's notes: the other end's page number after each note line, the line a link to it; a
 * note for a moved row in the inner margin (lines that would overlap move down).
 */
export function drawMoveNotes(notes: readonly Note[], page: number, geometry: PageGeometry, palette: ChangePalette, painter: TextPainter): Canvas {
  const canvas = new Canvas(geometry.height);
  let free = 0;
  for (const note of [...notes].sort((a, b) => a.here.top - b.here.top)) {
    const style = noteStyle(palette, note.changeId);
    const target = { kind: 'page' as const, page: note.there.page, top: note.there.top };
    const pageText = `(p. ${note.there.page})`;
    if (note.here.noteX !== undefined) {
      const x = geometry.marginLeft + note.here.noteX;
      painter.draw(canvas, pageText, x, note.here.top + NOTE_SIZE, style);
      canvas.link(geometry.marginLeft, note.here.top, note.here.noteX + painter.width(pageText, style), NOTE_LINE_HEIGHT, target);
      continue;
    }
    free = marginNote(canvas, note, page, geometry, painter, style, pageText, free);
  }
  return canvas;
}

/** A note in the inner margin: "Moved to" and the place on a line (cut to the margin), the page below. */
function marginNote(canvas: Canvas, note: Note, page: number, geometry: PageGeometry, painter: TextPainter, style: PlainStyle, pageText: string, free: number): number {
  const onLeft = outerMarginIsRight(page);
  const width = (onLeft ? geometry.marginLeft : geometry.marginRight) - GAP - 4;
  const lines = [painter.fit(note.text, width, style), pageText];
  const top = Math.max(note.here.top, free);
  lines.forEach((line, i) => {
    const baseline = top + NOTE_SIZE + i * MARGIN_LINE_HEIGHT;
    if (onLeft) painter.drawRight(canvas, line, geometry.marginLeft - GAP, baseline, style);
    else painter.draw(canvas, line, geometry.width - geometry.marginRight + GAP, baseline, style);
  });
  const height = lines.length * MARGIN_LINE_HEIGHT;
  const x = onLeft ? geometry.marginLeft - GAP - width : geometry.width - geometry.marginRight + GAP;
  canvas.link(x, top, width, height, { kind: 'page', page: note.there.page, top: note.there.top });
  return top + height + 2;
}
