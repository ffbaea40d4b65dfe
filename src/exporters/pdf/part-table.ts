/**
 * The summary's overview when the changes are too many for its page: a row per part of the
 * document (see `summary-parts.ts`) with its number of changes, the sources that made them in
 * their colours, the clauses changed and the pages they are on, linking to the first. Every change
 * is still listed, with its text, in the list of changes at the back.
 */
import { UNATTRIBUTED_AUTHOR } from '../../model/source.js';
import type { SummaryEntry } from '../summary-entries.js';
import type { SummaryPart } from '../summary-parts.js';
import type { Canvas } from './canvas.js';
import type { ChangePalette } from './change-palette.js';
import { type Column, layoutColumns, SummaryTable } from './change-table.js';
import { BLACK, type Rgb } from './colour.js';
import type { PageGeometry } from './page-geometry.js';
import { moveEndKey, type PageSpot } from './paginator.js';
import { StructElement } from './structure.js';
import { CELL, CELL_LINE, LINK_BLUE, type PlacedChanges, type SummaryLine } from './summary-layout.js';
import type { TextPainter } from './text-painter.js';

type PartColumn = 'part' | 'changes' | 'sources' | 'clauses' | 'pages';

const MAX_NAME_LINES = 2;
const MAX_CLAUSE_LINES = 3;
const MAX_SOURCE_LINES = 3;

/** A source's count in a part, drawn in the source's colour. */
interface SourceCount {
  readonly text: string;
  readonly colour: Rgb;
}

export class PartTable extends SummaryTable<PartColumn> {
  private readonly palette: ChangePalette;
  /** The key's order of sources, which a part's sources follow. */
  private readonly sourceOrder: readonly string[];

  constructor(palette: ChangePalette, sourceOrder: readonly string[], painter: TextPainter, geometry: PageGeometry, parent: StructElement) {
    super(painter, geometry, parent, layoutColumns(geometry.textWidth, partColumns(palette.hasSources)));
    this.palette = palette;
    this.sourceOrder = sourceOrder;
  }

  rows(parts: readonly SummaryPart[]): SummaryLine[] {
    return parts.map((part, i) => this.partRow(part, i));
  }

  private partRow(part: SummaryPart, index: number): SummaryLine {
    const nameLines = this.wrapped('part', part.name, MAX_NAME_LINES);
    const clauseLines = this.wrapped('clauses', clauseList(part.entries), MAX_CLAUSE_LINES);
    const sourceLines = this.palette.hasSources ? this.sourceLines(part) : [];
    const changes = part.entries.reduce((sum, entry) => sum + entry.changeIds.length, 0);
    return this.row(Math.max(nameLines.length, clauseLines.length, sourceLines.length), index, (canvas, top, placed, row, height) => {
      const spots = part.entries.map((entry) => spotOf(entry, placed)).filter((spot) => spot !== undefined);
      const pages = spots.map((spot) => spot.page);
      const first = Math.min(...pages);
      const last = Math.max(...pages);
      const pageText = pages.length === 0 ? '—' : first === last ? String(first) : `${first}–${last}`;
      let pageCell: StructElement | undefined;
      for (const column of this.columns) {
        const cell = new StructElement('TD', row);
        const lines = (texts: readonly string[], style = CELL): void => canvas.tagged(cell, () => texts.forEach((line, i) => this.cell(canvas, column, line, top + 8 + i * CELL_LINE, style)));
        switch (column.key) {
          case 'part':
            lines(nameLines);
            break;
          case 'changes':
            lines([String(changes)]);
            break;
          case 'sources':
            canvas.tagged(cell, () => this.drawSources(canvas, column, top, sourceLines));
            break;
          case 'clauses':
            lines(clauseLines);
            break;
          case 'pages':
            pageCell = cell;
            lines([pageText], { ...CELL, colour: spots.length > 0 ? LINK_BLUE : BLACK });
            break;
        }
      }
      // The part's first change on the page: the earliest spot (a move listed early may land late).
      const spot = spots.reduce<PageSpot | undefined>((first, next) => (!first || next.page < first.page || (next.page === first.page && next.top < first.top) ? next : first), undefined);
      if (spot) canvas.tagged(new StructElement('Link', pageCell ?? row), () => canvas.link(this.left, top, this.geometry.textWidth, height, { kind: 'page', page: spot.page, top: spot.top }));
    });
  }

  /** "MP201 3, BEIS 2": each source's changes in the part, in the key's order, in lines that fit the column. */
  private sourceLines(part: SummaryPart): SourceCount[][] {
    const counts = new Map<string, number>();
    for (const entry of part.entries) {
      for (const source of entry.sources.length > 0 ? entry.sources : [UNATTRIBUTED_AUTHOR]) counts.set(source, (counts.get(source) ?? 0) + entry.changeIds.length);
    }
    const sources = [...counts.keys()].sort((a, b) => rank(this.sourceOrder, a) - rank(this.sourceOrder, b));
    const width = this.column('sources').width - 4;
    const lines: SourceCount[][] = [[]];
    let used = 0;
    for (const source of sources) {
      const text = `${source} ${counts.get(source)}`;
      const advance = this.painter.width(`${text}, `, CELL);
      const line = lines[lines.length - 1] as SourceCount[];
      if (line.length > 0 && used + this.painter.width(text, CELL) > width) {
        lines.push([]);
        used = 0;
      }
      (lines[lines.length - 1] as SourceCount[]).push({ text, colour: this.palette.sourceColour(source) });
      used += advance;
    }
    return lines.slice(0, MAX_SOURCE_LINES);
  }

  private drawSources(canvas: Canvas, column: Column<PartColumn>, top: number, lines: readonly SourceCount[][]): void {
    lines.forEach((line, i) => {
      let x = this.left + column.x + 2;
      line.forEach((source, j) => {
        const text = j < line.length - 1 ? `${source.text},` : source.text;
        x += this.painter.draw(canvas, text, x, top + 8 + i * CELL_LINE, { ...CELL, colour: source.colour });
        x += this.painter.width(' ', CELL);
      });
    });
  }
}

/**
 * The clauses a part's entries change, each once, rows of one table together: `G1.6, G1.10,
 * Table under G1, rows "MP202", "MP203"`.
 */
export function clauseList(entries: readonly SummaryEntry[]): string {
  const items: string[] = [];
  let table: string | undefined;
  for (const clause of new Set(entries.map((entry) => entry.clause))) {
    const row = /^(.*), (row .*)$/.exec(clause);
    if (row && row[1] === table) items[items.length - 1] = `${items[items.length - 1]?.replace(/, row /, ', rows ')}, ${(row[2] as string).slice('row '.length)}`;
    else items.push(clause);
    table = row?.[1];
  }
  return items.join(', ');
}

/** Where an entry's change is: a move by its new place, where the part has it. */
function spotOf(entry: SummaryEntry, placed: PlacedChanges): PageSpot | undefined {
  const id = entry.changeIds[0] as string;
  return entry.move ? (placed.moveEnds.get(moveEndKey(id, 'to')) ?? placed.changes.get(id)) : placed.changes.get(id);
}

function rank(order: readonly string[], source: string): number {
  const index = order.indexOf(source);
  return index < 0 ? order.length : index;
}

function partColumns(hasSources: boolean): Omit<Column<PartColumn>, 'x'>[] {
  return [
    { key: 'part', title: 'Part', width: 124 },
    { key: 'changes', title: 'Changes', width: 42, right: true },
    ...(hasSources ? [{ key: 'sources' as const, title: 'Sources', width: 108 }] : []),
    { key: 'clauses', title: 'Clauses changed', width: 0 },
    { key: 'pages', title: 'Pages', width: 44, right: true },
  ];
}
