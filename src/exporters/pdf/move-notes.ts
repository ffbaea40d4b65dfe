/**
 * Margin notes that tie the two ends of a move together: beside where moved text leaves, "Moved to
 * G2.46 (p. 18)"; beside where it arrives, "Moved from G1.31 (p. 10)"; each a link to the other
 * end. They go in the inner margin (change bars and their labels are in the outer one) and are
 * drawn once the whole document is laid out, since an end may lie on a later page.
 */
import type { Change } from '../../model/change-set.js';
import { citation, moveEnds } from '../change-citation.js';
import { Canvas } from './canvas.js';
import type { ChangePalette } from './change-palette.js';
import type { MoveEnd } from './flow.js';
import { outerMarginIsRight, type PageGeometry } from './page-geometry.js';
import { moveEndKey, type PageSpot } from './paginator.js';
import type { PlainStyle, TextPainter } from './text-painter.js';

const NOTE_SIZE = 6.5;
const LINE_HEIGHT = NOTE_SIZE + 1.5;
/** Between the text column and the note. */
const GAP = 6;

interface Note {
  readonly page: number;
  readonly top: number;
  readonly lines: readonly string[];
  readonly target: PageSpot;
  readonly changeId: string;
}

/** The notes of every move whose two ends were placed, by page. */
export function moveNotes(changes: readonly Change[], spots: ReadonlyMap<string, PageSpot>): Map<number, Note[]> {
  const byPage = new Map<number, Note[]>();
  for (const change of changes) {
    if (change.kind !== 'move') continue;
    const from = spots.get(moveEndKey(change.id, 'from'));
    const to = spots.get(moveEndKey(change.id, 'to'));
    if (!from || !to) continue;
    const ends = moveEnds(change);
    const add = (end: MoveEnd, here: PageSpot, there: PageSpot): void => {
      const lines = end === 'from' ? ['Moved to', citation(ends.to), `(p. ${there.page})`] : ['Moved from', citation(ends.from), `(p. ${there.page})`];
      const list = byPage.get(here.page) ?? [];
      list.push({ page: here.page, top: here.top, lines, target: there, changeId: change.id });
      byPage.set(here.page, list);
    };
    add('from', from, to);
    add('to', to, from);
  }
  return byPage;
}

/** Draws a page's move notes, each a link to the other end; notes that would overlap move down. */
export function drawMoveNotes(notes: readonly Note[], page: number, geometry: PageGeometry, palette: ChangePalette, painter: TextPainter): Canvas {
  const canvas = new Canvas(geometry.height);
  const onLeft = outerMarginIsRight(page);
  const width = (onLeft ? geometry.marginLeft : geometry.marginRight) - GAP - 4;
  let free = 0;
  for (const note of [...notes].sort((a, b) => a.top - b.top)) {
    const style: PlainStyle = { family: 'sans', variant: 'regular', size: NOTE_SIZE, colour: palette.colour(note.changeId) };
    const lines = wrap(note.lines, width, style, painter);
    const top = Math.max(note.top, free);
    lines.forEach((line, i) => {
      const baseline = top + NOTE_SIZE + i * LINE_HEIGHT;
      if (onLeft) painter.drawRight(canvas, line, geometry.marginLeft - GAP, baseline, style);
      else painter.draw(canvas, line, geometry.width - geometry.marginRight + GAP, baseline, style);
    });
    const height = lines.length * LINE_HEIGHT;
    const x = onLeft ? geometry.marginLeft - GAP - width : geometry.width - geometry.marginRight + GAP;
    canvas.link(x, top, width, height, { kind: 'page', page: note.target.page, top: note.target.top });
    free = top + height + 2;
  }
  return canvas;
}

/** "Moved to" and the citation on one line when they fit, the citation cut to the width otherwise. */
function wrap(lines: readonly string[], width: number, style: PlainStyle, painter: TextPainter): string[] {
  const [lead, cited, page] = lines as [string, string, string];
  const joined = `${lead} ${cited}`;
  if (painter.width(joined, style) <= width) return [joined, page];
  return [lead, painter.fit(cited, width, style), page];
}
