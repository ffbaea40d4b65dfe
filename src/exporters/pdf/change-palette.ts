/**
 * How changes look: the decoration of each status (inserted text underlined, deleted text struck
 * through, moved text double-underlined) and its colour. With sources, the colour says who made
 * the change, one colour per source and a warning colour for changes no source explains; without
 * sources, the classic blue insertions, red deletions and green moves.
 */
import { type Change, type ChangeKind, isUnattributed } from '../../model/change-set.js';
import type { PieceStatus, Redline } from '../../model/redline.js';
import { UNATTRIBUTED_AUTHOR } from '../../model/source.js';
import { type BarPattern, SourceStyles } from '../source-styles.js';
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
  /** The pattern of the source's change bar. */
  readonly pattern: BarPattern;
}

/** A change bar's look: its colour and pattern. */
export interface BarStyle {
  readonly colour: Rgb;
  readonly pattern: BarPattern;
}

/** The classic colours, for a redline without sources. */
export const INSERT_BLUE = rgb('1F4FD0');
export const DELETE_RED = rgb('C8102E');
export const MOVE_GREEN = rgb('137333');
const FORMAT_VIOLET = rgb('7B3FA0');
const BAR_GREY = rgb('404040');
/** Changes that no source explains, when there are sources. */
export const WARNING_ORANGE = rgb('E8590C');

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
  private readonly styles: SourceStyles;
  readonly hasSources: boolean;

  /**
   * `sourceOrder`: the order sources take their styles in (a release's manifest order, so that a
   * source looks the same in every document); by default the redline's own order of sources.
   */
  constructor(redline: Redline, sourceOrder: readonly string[] = redline.sources.map((s) => s.id)) {
    this.changes = new Map(redline.changes.map((change) => [change.id, change]));
    this.hasSources = redline.sources.length > 0;
    this.styles = new SourceStyles(sourceOrder);
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
    return source === undefined ? WARNING_ORANGE : this.sourceColour(source);
  }

  /** A source's colour; the warning colour for changes no source explains. */
  sourceColour(id: string): Rgb {
    if (id === UNATTRIBUTED_AUTHOR) return WARNING_ORANGE;
    return rgb(this.styles.styleOf(id).colour);
  }

  /**
   * The change bar beside changes: their colour and their source's pattern when they agree (one
   * source, or none), a neutral solid grey when not.
   */
  barStyle(changeIds: readonly string[]): BarStyle {
    if (!this.hasSources) return { colour: BAR_GREY, pattern: 'solid' };
    const colours = new Set(changeIds.map((id) => this.colour(id)));
    if (colours.size !== 1) return { colour: BAR_GREY, pattern: 'solid' };
    const sources = new Set(changeIds.map((id) => this.change(id)?.sources[0]));
    const source = sources.size === 1 ? [...sources][0] : undefined;
    return { colour: [...colours][0] as Rgb, pattern: source === undefined ? 'solid' : this.styles.styleOf(source).pattern };
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
        { label: 'Inserted', colour: INSERT_BLUE, pattern: 'solid' },
        { label: 'Deleted', colour: DELETE_RED, pattern: 'solid' },
        { label: 'Moved', colour: MOVE_GREEN, pattern: 'solid' },
        { label: 'Formatting', colour: FORMAT_VIOLET, pattern: 'solid' },
      ];
    }
    const entries: LegendEntry[] = redline.sources.map((source) => ({
      label: source.id,
      ...(source.title !== undefined && { title: source.title }),
      colour: this.sourceColour(source.id),
      pattern: this.styles.styleOf(source.id).pattern,
    }));
    if (redline.changes.some(isUnattributed)) entries.push({ label: UNATTRIBUTED_AUTHOR, title: 'changes no source explains', colour: WARNING_ORANGE, pattern: 'solid' });
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
