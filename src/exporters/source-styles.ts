/**
 * How each source of a redline is told apart, the same in every output of a release: a colour,
 * and past the colours a second cue, the pattern of its change bar. Styles are handed out once,
 * from one order of sources (a release's manifest, or the order a comparison was given them), so
 * a source has the same style in every document of a release whatever its place in each
 * document's own list; and the source id stays written beside every change bar.
 *
 * The colours are dark enough to read as text on white (contrast 4.5:1 or more) and far apart for
 * normal vision and for the three kinds of colour blindness (CIEDE2000 of 23 or more between any
 * two for normal vision, 11.8 or more with protanopia, deuteranopia and tritanopia simulated;
 * checked in the tests), and none is near the warning colour of changes no source explains, nor
 * black. So {@link SOURCE_COLOURS}.length sources are told apart by colour alone; the next ones
 * take the same colours again with a dashed bar, then a dotted one, then dash-dotted.
 */

/** Seven colours, as `RRGGBB`. */
export const SOURCE_COLOURS: readonly string[] = ['0556C7', '665E00', 'B92764', '5C1F0A', '471F5C', '00838F', '0A5C3A'];

/** The change bar's pattern: the second cue once the colours repeat. */
export type BarPattern = 'solid' | 'dashed' | 'dotted' | 'dash-dot';
export const BAR_PATTERNS: readonly BarPattern[] = ['solid', 'dashed', 'dotted', 'dash-dot'];

export interface SourceStyle {
  /** `RRGGBB`. */
  readonly colour: string;
  readonly pattern: BarPattern;
}

/** How many sources have a style of their own (a colour and pattern no other source has). */
export const DISTINCT_SOURCE_STYLES = SOURCE_COLOURS.length * BAR_PATTERNS.length;

/** The style of the n-th source (0-based) of an order. */
export function sourceStyle(index: number): SourceStyle {
  const colour = SOURCE_COLOURS[index % SOURCE_COLOURS.length] as string;
  const pattern = BAR_PATTERNS[Math.floor(index / SOURCE_COLOURS.length) % BAR_PATTERNS.length] as BarPattern;
  return { colour, pattern };
}

/** Styles handed out from one order of source ids; an id the order lacks gets the next style. */
export class SourceStyles {
  private readonly styles = new Map<string, SourceStyle>();

  constructor(order: readonly string[]) {
    for (const id of order) this.add(id);
  }

  styleOf(id: string): SourceStyle {
    return this.styles.get(id) ?? this.add(id);
  }

  private add(id: string): SourceStyle {
    const existing = this.styles.get(id);
    if (existing) return existing;
    const style = sourceStyle(this.styles.size);
    this.styles.set(id, style);
    return style;
  }
}
