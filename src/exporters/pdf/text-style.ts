/**
 * The drawn style of a run of text: its face variant, size, baseline shift, colour and
 * decorations, from the run's formatting and, in a redline, the mark of its change.
 */
import type { RunFormat } from '../../model/document.js';
import type { MarkStyle } from './change-palette.js';
import { BLACK, fromHex, highlightColour, isDark, type Rgb, WHITE } from './colour.js';
import { type FontVariant, variantOf } from './fonts.js';

export interface TextStyle {
  readonly variant: FontVariant;
  readonly size: number;
  /** Baseline shift in points: up for superscripts, down (negative) for subscripts. */
  readonly rise: number;
  readonly colour: Rgb;
  /** Number of lines under (0-2) and through (0-2) the text. */
  readonly underline: number;
  readonly strike: number;
  readonly highlight?: Rgb;
  /** An external link target (http, https, mailto). */
  readonly link?: string;
}

/** What a paragraph gives its runs unless they say otherwise. */
export interface BaseStyle {
  readonly size: number;
  readonly bold: boolean;
  /** Applied to every size, the runs' own included (table text is set a little smaller). */
  readonly scale: number;
}

export interface StyleOptions {
  /** Draw the document's own text colours (clean output); a redline keeps colour for its marks. */
  readonly ownColours: boolean;
  readonly mark?: MarkStyle;
  readonly link?: string;
  /** What the text is drawn on: text in the automatic colour is white on a dark fill. */
  readonly background?: Rgb;
}

const SCRIPT_SCALE = 0.65;
const SMALL_CAPS_SCALE = 0.8;

export function textStyle(format: RunFormat, base: BaseStyle, options: StyleOptions): TextStyle {
  const fullSize = (format.size ?? base.size) * base.scale;
  const script = format.vertAlign;
  let size = script === undefined ? fullSize : fullSize * SCRIPT_SCALE;
  if (format.smallCaps && !format.caps) size *= SMALL_CAPS_SCALE;
  const rise = script === 'superscript' ? fullSize * 0.33 : script === 'subscript' ? -fullSize * 0.12 : 0;
  const ownUnderline = format.underline === undefined || format.underline === 'none' ? 0 : format.underline === 'double' ? 2 : 1;
  const ownStrike = format.doubleStrike ? 2 : format.strike ? 1 : 0;
  const mark = options.mark;
  const automatic = options.ownColours && options.background && isDark(options.background) ? WHITE : undefined;
  const ownColour = options.ownColours && format.color !== undefined ? fromHex(format.color) : automatic;
  const highlight = format.highlight === undefined ? undefined : highlightColour(format.highlight);
  return {
    variant: variantOf(format.bold ?? base.bold, format.italic ?? false),
    size,
    rise,
    colour: mark?.colour ?? ownColour ?? BLACK,
    underline: Math.max(ownUnderline, mark?.underline ?? 0),
    strike: Math.max(ownStrike, mark?.strike ?? 0),
    ...(highlight && { highlight }),
    ...(options.link !== undefined && { link: options.link }),
  };
}

/** The text as drawn: capitals for `caps` and `smallCaps`. */
export function styledText(text: string, format: RunFormat): string {
  return format.caps || format.smallCaps ? text.toUpperCase() : text;
}
