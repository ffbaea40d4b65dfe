/**
 * How changes look: the decoration of each status (inserted text underlined, deleted text struck
 * through, moved text double-underlined) and its colour. With sources, the colour says who made
 * the change, one colour per source and a warning colour for changes no source explains; without
 * sources, the classic blue insertions, red deletions and green moves.
 */
import { isUnattributed, type Change, type ChangeKind } from '../../model/change-set.js';
import type { PieceStatus, Redline } from '../../model/redline.js';
import { UNATTRIBUTED_AUTHOR } from '../../model/source.js';
import { fromHex, type Rgb } from './colour.js';

export interface MarkStyle {
  readonly colour: Rgb;
  /** Number of underlines (0-2) and strike-through lines (0-1). */
  readonly underline: number;
  readonly strike: number;
}

export interface LegendEntry {
  readonly label: string;
  readonly title?: string;
  readonly colour: Rgb;
}

/** The classic colours, for a redline without sources. */
export const INSERT_BLUE = rgb('1F4FD0');
export const DELETE_RED = rgb('C8102E');
export const MOVE_GREEN = rgb('137333');
const FORMAT_VIOLET = rgb('7B3FA0');
const BAR_GREY = rgb('404040');
/** Changes that no source explains, when there are sources. */
export const WARNING_ORANGE = rgb('E8590C');

/** Dark enough to read as text, far enough apart to tell apart, none close to the warning colour. */
export const SOURCE_COLOURS: readonly Rgb[] = ['1F4FD0', '7B1FA2', '00796B', 'C2185B', '5D4037', '2E7D32', '283593', '00838F', '827717', 'AD1457'].map(rgb);

function rgb(hex: string): Rgb {
  return fromHex(hex) as Rgb;
}

function decoration(status: Exclude<PieceStatus, 'equal'>): Omit<MarkStyle, 'colour'> {
  switch (status) {
    case 'inserted':
      return { underline: 1, strike: 0 };
    case 'deleted':
      return { underline: 0, strike: 1 };
    case 'moved-to':
      return { underline: 2, strike: 0 };
    case 'moved-from':
      // Double-underlined like its destination, and struck through: the text has left this place.
      return { underline: 2, strike: 1 };
  }
}

export class ChangePalette {
  private readonly changes: ReadonlyMap<string, Change>;
  private readonly sourceColours = new Map<string, Rgb>();
  readonly hasSources: boolean;

  constructor(redline: Redline) {
    this.changes = new Map(redline.changes.map((change) => [change.id, change]));
    this.hasSources = redline.sources.length > 0;
    redline.sources.forEach((source, i) => this.sourceColours.set(source.id, SOURCE_COLOURS[i % SOURCE_COLOURS.length] as Rgb));
    for (const change of redline.changes) for (const id of change.sources) if (!this.sourceColours.has(id)) this.sourceColours.set(id, SOURCE_COLOURS[this.sourceColours.size % SOURCE_COLOURS.length] as Rgb);
  }

  change(changeId: string | undefined): Change | undefined {
    return changeId === undefined ? undefined : this.changes.get(changeId);
  }

  /** How a changed piece (or paragraph mark, or label) is drawn. */
  mark(status: Exclude<PieceStatus, 'equal'>, changeId: string | undefined): MarkStyle {
    const colour = this.hasSources ? this.colour(changeId) : status === 'inserted' ? INSERT_BLUE : status === 'deleted' ? DELETE_RED : MOVE_GREEN;
    return { colour, ...decoration(status) };
  }

  /** Text whose formatting changed keeps its own decorations and takes the change's colour. */
  formatMark(changeId: string | undefined): MarkStyle {
    return { colour: this.hasSources ? this.colour(changeId) : FORMAT_VIOLET, underline: 0, strike: 0 };
  }

  /** The colour of a change: its (first) source's, or the warning colour when none explains it. */
  colour(changeId: string | undefined): Rgb {
    const change = this.change(changeId);
    if (!this.hasSources) return this.kindColour(change?.kind);
    // A renumbered clause is no source's edit, and no warning either.
    if (change?.kind === 'renumber' && change.sources.length === 0) return BAR_GREY;
    const source = change?.sources[0];
    return source === undefined ? WARNING_ORANGE : (this.sourceColours.get(source) ?? WARNING_ORANGE);
  }

  /** The colour of a change bar beside changes: theirs when they agree, a neutral grey when not. */
  barColour(changeIds: readonly string[]): Rgb {
    if (!this.hasSources) return BAR_GREY;
    const colours = new Set(changeIds.map((id) => this.colour(id)));
    return colours.size === 1 ? ([...colours][0] as Rgb) : BAR_GREY;
  }

  /** Source ids of changes (in first-seen order), `Unattributed` for those no source explains. */
  sourceLabels(changeIds: readonly string[]): string[] {
    if (!this.hasSources) return [];
    const labels = new Set<string>();
    for (const id of changeIds) {
      const change = this.change(id);
      if (change && isUnattributed(change)) labels.add(UNATTRIBUTED_AUTHOR);
      for (const source of change?.sources ?? []) labels.add(source);
    }
    return [...labels];
  }

  /** The key on the first page: sources and their colours, or the classic colours. */
  legend(redline: Redline): LegendEntry[] {
    if (!this.hasSources) {
      return [
        { label: 'Inserted', colour: INSERT_BLUE },
        { label: 'Deleted', colour: DELETE_RED },
        { label: 'Moved', colour: MOVE_GREEN },
        { label: 'Formatting', colour: FORMAT_VIOLET },
      ];
    }
    const entries: LegendEntry[] = redline.sources.map((source) => ({ label: source.id, ...(source.title !== undefined && { title: source.title }), colour: this.sourceColours.get(source.id) as Rgb }));
    if (redline.changes.some(isUnattributed)) entries.push({ label: UNATTRIBUTED_AUTHOR, title: 'changes no source explains', colour: WARNING_ORANGE });
    return entries;
  }

  private kindColour(kind: ChangeKind | undefined): Rgb {
    switch (kind) {
      case 'delete':
      case 'table-row-delete':
        return DELETE_RED;
      case 'move':
        return MOVE_GREEN;
      case 'format':
        return FORMAT_VIOLET;
      default:
        return INSERT_BLUE;
    }
  }
}
