/**
 * Derives the change set from a redline: each stretch of adjacent changed pieces in a paragraph
 * is one change (an insertion, a deletion or a replacement), each inserted or deleted row or table
 * one change, each renumbered clause one `renumber` change. Every changed piece gets the id of its
 * change, so exporters can tie markup, comments and colours to it.
 */
import type { Change, ChangeKind, ChangeLocation, ChangeScope, StoryName } from '../model/change-set.js';
import type { Block, Paragraph } from '../model/document.js';
import { displayText } from '../model/inline-text.js';
import { forEachParagraph, type RedlineBlock, type RedlineParagraph, type RedlinePiece, type RedlineRow, type RedlineTable } from '../model/redline.js';
import { visibleRunFormat } from '../model/run-format.js';
import { pushAll } from '../util/arrays.js';
import { ClausePaths } from './clause-paths.js';

export interface ChangeSetOptions {
  /** The author written for a change made by these sources (none: a plain comparison). */
  readonly authorFor: (sources: readonly string[]) => string;
  /** Record no `renumber` changes (`--ignore numbering`). */
  readonly ignoreNumbering?: boolean;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Where the walk is: used for change locations. */
interface Place {
  readonly story: StoryName;
  block: number;
  oldBlock?: number;
  newBlock?: number;
  row?: number;
  cell?: number;
  note?: string;
  part?: string;
  /** The clause path (or table row) the block is cited by. */
  path?: string;
}

/**
 * Where a block stands in its story. The walk meets blocks in story order, so the next block is
 * looked for where the last one was found; a block met out of order (a move) is looked for
 * outwards from there. Only when such searches have cost many times the story's length is a map
 * of the whole story built (it costs more than all the searches of a usual document together).
 */
const SEARCH_BUDGET_PER_BLOCK = 16;

class BlockIndex {
  private readonly blocks: readonly Block[];
  private next = 0;
  private searchBudget: number;
  private map: Map<Block, number> | undefined;

  constructor(blocks: readonly Block[]) {
    this.blocks = blocks;
    this.searchBudget = blocks.length * SEARCH_BUDGET_PER_BLOCK;
  }

  get(block: Block): number | undefined {
    if (this.blocks[this.next - 1] === block) return this.next - 1;
    const index = this.map ? this.map.get(block) : this.search(block);
    if (index !== undefined) this.next = index + 1;
    return index;
  }

  private search(block: Block): number | undefined {
    const blocks = this.blocks;
    for (let distance = 0; ; distance++) {
      const ahead = this.next + distance;
      const behind = this.next - 1 - distance;
      if (ahead >= blocks.length && behind < 0) return undefined;
      if (ahead < blocks.length && blocks[ahead] === block) return ahead;
      if (behind >= 0 && blocks[behind] === block) return behind;
      if (--this.searchBudget < 0) {
        this.map = new Map(blocks.map((b, i) => [b, i]));
        return this.map.get(block);
      }
    }
  }
}

export class ChangeSetBuilder {
  readonly changes: Change[] = [];
  private readonly authorFor: (sources: readonly string[]) => string;
  private readonly ignoreNumbering: boolean;
  private oldIndex = new BlockIndex([]);
  private newIndex = new BlockIndex([]);
  private oldPaths = new LazyPaths([]);
  private newPaths = new LazyPaths([]);
  private label: string | undefined;
  private heading: string | undefined;
  private readonly moves = new Map<string, { id: string; index: number; oldText: string; newText: string; sources: Set<string>; source?: ChangeLocation; destination?: ChangeLocation }>();

  constructor(options: ChangeSetOptions) {
    this.authorFor = options.authorFor;
    this.ignoreNumbering = options.ignoreNumbering ?? false;
  }

  /**
   * Walks one story's blocks, returning them with change ids filled in. `olds` and `news` are the
   * story's blocks in each version, for block indexes.
   */
  story(blocks: readonly RedlineBlock[], olds: readonly Block[], news: readonly Block[], story: StoryName, where: { note?: string; part?: string } = {}): RedlineBlock[] {
    this.label = undefined;
    this.heading = undefined;
    this.oldIndex = new BlockIndex(olds);
    this.newIndex = new BlockIndex(news);
    this.oldPaths = new LazyPaths(olds);
    this.newPaths = new LazyPaths(news);
    const place: Place = { story, block: 0, ...(where.note !== undefined && { note: where.note }), ...(where.part !== undefined && { part: where.part }) };
    return blocks.map((block) => {
      this.placeTopLevel(place, block);
      return this.block(block, place);
    });
  }

  private placeTopLevel(place: Place, block: RedlineBlock): void {
    const main = block.type === 'paragraph' ? block.paragraph : block.type === 'table' ? block.table : block.block;
    const previous = block.type === 'paragraph' ? block.previous : undefined;
    const index = block.side === 'new' ? this.newIndex.get(main) : this.oldIndex.get(main);
    // Assigned, never deleted: `location` leaves undefined indexes out, and deleting properties
    // would turn the place into a slow dictionary object.
    place.oldBlock = block.side === 'old' ? index : previous ? this.oldIndex.get(previous) : undefined;
    place.newBlock = block.side === 'new' ? index : undefined;
    place.block = index ?? place.block;
    place.path = undefined;
  }

  private block(block: RedlineBlock, place: Place): RedlineBlock {
    switch (block.type) {
      case 'paragraph':
        return this.paragraph(block, place);
      case 'table':
        return this.table(block, place);
      case 'opaque': {
        if (block.status === 'equal') return block;
        const id = this.record(block.status === 'inserted' ? 'insert' : 'delete', 'paragraph', block.status === 'deleted' ? '[object]' : '', block.status === 'inserted' ? '[object]' : '', place);
        return { ...block, changeId: id };
      }
    }
  }

  private table(table: RedlineTable, place: Place): RedlineTable {
    const paths = this.paths(table.side);
    // Only a top-level table has a name; a table in a cell is cited by the row it sits in.
    const name = place.row === undefined ? paths.get().table(table.table) : undefined;
    if (name !== undefined) place.path = name;
    if (table.status === 'inserted' || table.status === 'deleted') {
      const text = table.rows.map(rowText).join('\n');
      const id = this.record(
        table.status === 'inserted' ? 'insert' : 'delete',
        'table',
        table.status === 'deleted' ? text : '',
        table.status === 'inserted' ? text : '',
        place,
        {},
        sourcesOfRows(table.rows),
      );
      return { ...table, rows: table.rows.map((row) => stampRow(row, id)) };
    }
    const rows = table.rows.map((row, r) => {
      const rowPlace: Place = { ...place, row: r + 1 };
      if (name !== undefined) {
        const key = this.paths(row.side).get().rowKey(row.row);
        rowPlace.path = key === undefined ? name : `${name}, ${key}`;
      }
      if (row.status === 'inserted' || row.status === 'deleted') {
        const text = rowText(row);
        const moveName = rowMoveName(row);
        const id =
          moveName !== undefined
            ? this.moveChange(moveName, row.status === 'deleted' ? 'moved-from' : 'moved-to', rowPlace, text, sourcesOfRows([row]))
            : this.record(
                row.status === 'inserted' ? 'table-row-insert' : 'table-row-delete',
                'table-row',
                row.status === 'deleted' ? text : '',
                row.status === 'inserted' ? text : '',
                rowPlace,
                {},
                sourcesOfRows([row]),
              );
        return stampRow(row, id);
      }
      if (row.status === 'equal') return row;
      return {
        ...row,
        cells: row.cells.map((cell, c) => ({ ...cell, blocks: cell.blocks.map((b) => this.block(b, { ...rowPlace, cell: c + 1 })) })),
      };
    });
    return { ...table, rows };
  }

  /**
   * A paragraph's changes: its moved text's place in its move, a change for each stretch of
   * changed pieces, and one for its paragraph mark; every changed piece gets its change's id.
   */
  private paragraph(block: RedlineParagraph, place: Place): RedlineParagraph {
    const ownLabel = block.paragraph.numbering?.label;
    if (ownLabel) this.label = ownLabel;
    // Paragraphs in table cells are cited by their row (set by the table).
    if (place.row === undefined && place.story !== 'textbox') place.path = this.paths(block.side).get().paragraph(block.paragraph);
    if (block.paragraph.headingLevel !== undefined) this.heading = paragraphText(block.paragraph);
    const labelChangeId = this.recordRenumber(block, place);
    const labelled = labelChangeId === undefined ? block : { ...block, labelChangeId };
    if (block.unchanged) return labelled;

    this.recordOwnMove(block, place);
    const pieces: RedlinePiece[] = block.pieces.some((piece) => piece.stories)
      ? block.pieces.map((piece) => (piece.stories ? { ...piece, stories: piece.stories.map((story) => story.map((b) => this.block(b, { ...place, story: 'textbox' }))) } : piece))
      : block.pieces.slice();
    let markChangeId = this.stampPieces(block, pieces, place);
    if ((block.mark === 'moved-from' || block.mark === 'moved-to') && block.moveName !== undefined) {
      markChangeId = this.moveChange(block.moveName, block.mark, place, undefined, block.markSources);
    } else if (block.mark !== 'equal' && markChangeId === undefined) {
      markChangeId = this.textChange(pieces, 0, 0, block.mark, false, place, block.markSources ?? []);
    }
    return { ...labelled, pieces, ...(markChangeId !== undefined && { markChangeId }) };
  }

  /**
   * The moved text of a paragraph goes into its move's texts once (a paragraph whose mark only
   * was borrowed for a move at the end of a story adds nothing).
   */
  private recordOwnMove(block: RedlineParagraph, place: Place): void {
    if (block.moveName === undefined) return;
    const ownMove = (p: RedlinePiece): boolean => isMoved(p) && p.moveName === block.moveName;
    const movedPiece = block.pieces.find(ownMove);
    if (!movedPiece && block.pieces.some((p) => p.inline.type !== 'marker')) return;
    const status = movedPiece?.status ?? block.mark;
    if (status === 'moved-from' || status === 'moved-to') this.moveChange(block.moveName, status, place, paragraphText(block.paragraph), unionSources(block.pieces.filter(ownMove)));
  }

  /**
   * Gives each stretch of adjacent changed pieces (of one kind, one set of sources, one move end)
   * its change, in place; returns the change of the stretch that reaches an inserted or deleted
   * paragraph mark, which the mark shares.
   */
  private stampPieces(block: RedlineParagraph, pieces: RedlinePiece[], place: Place): string | undefined {
    const wholeParagraph = block.mark !== 'equal' && pieces.every((p) => p.status !== 'equal' || p.inline.type === 'marker');
    let markChangeId: string | undefined;
    let i = 0;
    while (i < pieces.length) {
      const piece = pieces[i] as RedlinePiece;
      if (piece.status === 'equal') {
        i = piece.previousFormat ? this.formatRun(pieces, i, place) : i + 1;
        continue;
      }
      const moved = isMoved(piece);
      const key = sourcesKey(piece);
      let j = i;
      while (j < pieces.length) {
        const next = pieces[j] as RedlinePiece;
        if (next.inline.type !== 'marker' && (next.status === 'equal' || isMoved(next) !== moved || sourcesKey(next) !== key || (moved && !sameMoveEnd(next, piece)))) break;
        j++;
      }
      let id: string;
      if (moved && piece.moveName !== block.moveName) {
        // Another move's text in this paragraph (the last paragraph of a story holds the moved-away
        // text of the old last one): its text and place are its own, not the paragraph's.
        id = this.moveChange(piece.moveName ?? '', piece.status, this.placeOfOrigin(place, piece), piecesText(pieces, i, j).trim(), piece.sources);
      } else if (moved) {
        id = this.moveChange(piece.moveName ?? '', piece.status, place, undefined, piece.sources);
      } else {
        const reachesMark = j === pieces.length && (block.mark === 'inserted' || block.mark === 'deleted');
        id = this.textChange(pieces, i, j, reachesMark ? block.mark : undefined, wholeParagraph && !block.moveName, place, piece.sources ?? []);
        if (reachesMark) markChangeId = id;
      }
      for (let k = i; k < j; k++) if ((pieces[k] as RedlinePiece).status !== 'equal') pieces[k] = withChangeId(pieces[k] as RedlinePiece, id);
      i = j;
    }
    return markChangeId;
  }

  /** Where a piece of moved-away text stands in OLD: at the paragraph it came from. */
  private placeOfOrigin(place: Place, piece: RedlinePiece): Place {
    const origin = piece.status === 'moved-from' ? piece.origin?.paragraph : undefined;
    const index = origin ? this.oldIndex.get(origin) : undefined;
    if (origin === undefined || index === undefined) return place;
    return { ...place, block: index, oldBlock: index, newBlock: undefined, path: this.oldPaths.get().paragraph(origin) };
  }

  private paths(side: 'old' | 'new'): LazyPaths {
    return side === 'old' ? this.oldPaths : this.newPaths;
  }

  /**
   * One `move` change per move, whichever end the walk meets first: `location` is the source,
   * `to` the destination; its texts are the whole moved text before and after.
   */
  private moveChange(name: string, status: RedlinePiece['status'], place: Place, paragraphText?: string, sources: readonly string[] = []): string {
    let move = this.moves.get(name);
    if (!move) {
      move = { id: `c${this.changes.length + 1}`, index: this.changes.length, oldText: '', newText: '', sources: new Set() };
      this.moves.set(name, move);
      this.changes.push({ id: move.id, kind: 'move', scope: 'paragraph', oldText: '', newText: '', location: this.location(place), sources: [], author: this.authorFor([]) });
    }
    for (const source of sources) move.sources.add(source);
    const join = (text: string, more: string | undefined): string => (more === undefined ? text : text === '' ? more : `${text}\n${more}`);
    // Locations come from the paragraphs that hold moved text, not from borrowed marks.
    if (paragraphText !== undefined) {
      if (status === 'moved-from') {
        move.oldText = join(move.oldText, paragraphText);
        move.source ??= this.location(place);
      } else {
        move.newText = join(move.newText, paragraphText);
        move.destination ??= this.location(place);
      }
    }
    const location = move.source ?? move.destination ?? this.location(place);
    this.changes[move.index] = {
      id: move.id,
      kind: 'move',
      scope: 'paragraph',
      oldText: move.oldText,
      newText: move.newText,
      location,
      ...(move.source && move.destination && { from: move.source, to: move.destination }),
      sources: [...move.sources],
      author: this.authorFor([...move.sources]),
    };
    return move.id;
  }

  /** A clause whose label changed (not by moving): one `renumber` change, whose id it returns. */
  private recordRenumber(block: RedlineParagraph, place: Place): string | undefined {
    const oldLabel = block.previous?.numbering?.label;
    const newLabel = block.paragraph.numbering?.label;
    if (this.ignoreNumbering || block.side !== 'new' || block.moveName !== undefined || oldLabel === undefined || newLabel === undefined || oldLabel === newLabel) return undefined;
    const id = `c${this.changes.length + 1}`;
    this.changes.push({
      id,
      kind: 'renumber',
      scope: 'paragraph',
      oldText: oldLabel,
      newText: newLabel,
      oldLabel,
      newLabel,
      location: this.location(place),
      sources: [],
      author: this.authorFor([]),
    });
    return id;
  }

  /** Consecutive equal pieces whose formatting changed the same way: one `format` change. */
  private formatRun(pieces: RedlinePiece[], from: number, place: Place): number {
    const first = pieces[from] as RedlinePiece;
    let to = from;
    // Compared by visible formatting, not by the rPr text: runs split differently still read as one change.
    const formats = (piece: RedlinePiece): string =>
      JSON.stringify([visibleRunFormat(piece.previousFormat?.format ?? {}), piece.inline.type === 'marker' ? {} : visibleRunFormat(piece.inline.direct)]);
    const key = formats(first);
    const same = (piece: RedlinePiece): boolean => piece.status === 'equal' && piece.previousFormat !== undefined && formats(piece) === key && sourcesKey(piece) === sourcesKey(first);
    while (to < pieces.length && same(pieces[to] as RedlinePiece)) to++;
    const text = pieces
      .slice(from, to)
      .map((p) => displayText(p.inline))
      .join('');
    const newFormat = first.inline.type === 'marker' ? {} : visibleRunFormat(first.inline.direct);
    const id = this.record('format', 'text', text, text, place, { oldFormat: visibleRunFormat(first.previousFormat?.format ?? {}), newFormat }, first.sources ?? []);
    for (let k = from; k < to; k++) pieces[k] = withChangeId(pieces[k] as RedlinePiece, id);
    return to;
  }

  /** The change made of `pieces[from..to)` (and the paragraph mark, when `mark` says so). */
  private textChange(pieces: readonly RedlinePiece[], from: number, to: number, mark: RedlineParagraph['mark'] | undefined, wholeParagraph: boolean, place: Place, sources: readonly string[]): string {
    let oldText = '';
    let newText = '';
    for (let k = from; k < to; k++) {
      const piece = pieces[k] as RedlinePiece;
      if (piece.status === 'deleted' || piece.status === 'moved-from') oldText += displayText(piece.inline);
      else if (piece.status === 'inserted' || piece.status === 'moved-to') newText += displayText(piece.inline);
    }
    if (!wholeParagraph && (mark === 'deleted' || mark === 'moved-from')) oldText += '\n';
    if (!wholeParagraph && (mark === 'inserted' || mark === 'moved-to')) newText += '\n';
    const kind: ChangeKind = oldText !== '' && newText !== '' ? 'replace' : oldText !== '' ? 'delete' : 'insert';
    return this.record(kind, wholeParagraph ? 'paragraph' : 'text', oldText, newText, place, {}, sources);
  }

  private record(kind: ChangeKind, scope: ChangeScope, oldText: string, newText: string, place: Place, extra: Partial<Change> = {}, sources: readonly string[] = []): string {
    const id = `c${this.changes.length + 1}`;
    this.changes.push({ id, kind, scope, oldText, newText, location: this.location(place), sources, author: this.authorFor(sources), ...extra });
    return id;
  }

  /** Built field by field rather than by spreading optional parts: there is one per change. */
  private location(place: Place): ChangeLocation {
    const location: Mutable<ChangeLocation> = { story: place.story, block: place.block };
    if (place.oldBlock !== undefined) location.oldBlock = place.oldBlock;
    if (place.newBlock !== undefined) location.newBlock = place.newBlock;
    if (this.label !== undefined) location.label = this.label;
    if (place.path !== undefined) location.path = place.path;
    if (this.heading !== undefined) location.heading = this.heading;
    if (place.row !== undefined) location.row = place.row;
    if (place.cell !== undefined) location.cell = place.cell;
    if (place.note !== undefined) location.note = place.note;
    if (place.part !== undefined) location.part = place.part;
    return location;
  }
}

/** A story version's clause paths, worked out when a change first needs one. */
class LazyPaths {
  private readonly blocks: readonly Block[];
  private paths: ClausePaths | undefined;

  constructor(blocks: readonly Block[]) {
    this.blocks = blocks;
  }

  get(): ClausePaths {
    this.paths ??= new ClausePaths(this.blocks);
    return this.paths;
  }
}

/**
 * The piece with its change's id. Built field by field: pieces come in many shapes, and a spread
 * over many shapes takes V8's generic copy.
 */
function withChangeId(piece: RedlinePiece, changeId: string): RedlinePiece {
  const stamped: Mutable<RedlinePiece> = { status: piece.status, inline: piece.inline, changeId };
  if (piece.previousFormat !== undefined) stamped.previousFormat = piece.previousFormat;
  if (piece.moveName !== undefined) stamped.moveName = piece.moveName;
  if (piece.stories !== undefined) stamped.stories = piece.stories;
  if (piece.origin !== undefined) stamped.origin = piece.origin;
  if (piece.sources !== undefined) stamped.sources = piece.sources;
  return stamped;
}

function sourcesKey(piece: RedlinePiece): string {
  const sources = piece.sources;
  if (sources === undefined || sources.length === 0) return '';
  return sources.length === 1 ? (sources[0] as string) : sources.join('\u0000');
}

/** The sources of some pieces, in first-seen order. */
function unionSources(pieces: readonly RedlinePiece[]): string[] {
  return [...new Set(pieces.flatMap((p) => p.sources ?? []))];
}

function sourcesOfRows(rows: readonly RedlineRow[]): string[] {
  const pieces: RedlinePiece[] = [];
  const collect = (blocks: readonly RedlineBlock[]): void =>
    forEachParagraph(blocks, (paragraph) =>
      pushAll(
        pieces,
        paragraph.pieces.filter((p) => p.status !== 'equal'),
      ),
    );
  for (const row of rows) for (const cell of row.cells) collect(cell.blocks);
  return unionSources(pieces);
}

/** Whether two moved pieces are the same end of the same move. */
function sameMoveEnd(a: RedlinePiece, b: RedlinePiece): boolean {
  return a.moveName === b.moveName && a.status === b.status;
}

function piecesText(pieces: readonly RedlinePiece[], from: number, to: number): string {
  let text = '';
  for (let k = from; k < to; k++) text += displayText((pieces[k] as RedlinePiece).inline);
  return text;
}

function isMoved(piece: RedlinePiece): boolean {
  return piece.status === 'moved-from' || piece.status === 'moved-to';
}

/** The move a whole inserted or deleted row belongs to (its content is moved). */
function rowMoveName(row: RedlineRow): string | undefined {
  for (const cell of row.cells) for (const block of cell.blocks) if (block.type === 'paragraph' && block.moveName !== undefined) return block.moveName;
  return undefined;
}

function paragraphText(paragraph: Paragraph): string {
  return paragraph.inlines.map(displayText).join('').trim();
}

function rowText(row: RedlineRow): string {
  return row.row.cells.map((cell) => cell.blocks.map((b) => (b.type === 'paragraph' ? paragraphText(b) : '')).join(' ')).join(' | ');
}

/** Gives every changed piece, mark and row of a whole inserted/deleted row one change id. */
function stampRow(row: RedlineRow, id: string): RedlineRow {
  const stampBlock = (block: RedlineBlock): RedlineBlock => {
    if (block.type === 'paragraph') {
      return { ...block, pieces: block.pieces.map((p) => (p.status === 'equal' ? p : withChangeId(p, id))), ...(block.mark !== 'equal' && { markChangeId: id }) };
    }
    if (block.type === 'table') return { ...block, rows: block.rows.map((r) => stampRow(r, id)) };
    return { ...block, changeId: id };
  };
  return { ...row, changeId: id, cells: row.cells.map((cell) => ({ ...cell, blocks: cell.blocks.map(stampBlock) })) };
}
