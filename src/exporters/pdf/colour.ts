/** Colours as PDF device RGB components (0-1). */

export type Rgb = readonly [number, number, number];

export const BLACK: Rgb = [0, 0, 0];
export const GREY: Rgb = [0.45, 0.45, 0.45];
export const LIGHT_GREY: Rgb = [0.75, 0.75, 0.75];

/** `RRGGBB` (as in WordprocessingML) to RGB; undefined when malformed. */
export function fromHex(hex: string): Rgb | undefined {
  if (!/^[0-9a-f]{6}$/i.test(hex)) return undefined;
  const value = parseInt(hex, 16);
  return [((value >> 16) & 255) / 255, ((value >> 8) & 255) / 255, (value & 255) / 255];
}

/** A pale version of a colour (for the background of inserted and deleted rows and cells). */
export function tint(colour: Rgb, strength: number): Rgb {
  return [1 - (1 - colour[0]) * strength, 1 - (1 - colour[1]) * strength, 1 - (1 - colour[2]) * strength];
}

/** Dark enough that text on it should be light (relative luminance under one half). */
export function isDark(colour: Rgb): boolean {
  return 0.2126 * colour[0] + 0.7152 * colour[1] + 0.0722 * colour[2] < 0.5;
}

export const WHITE: Rgb = [1, 1, 1];

/** Word's highlight colour names (`w:highlight`). */
const HIGHLIGHTS: Readonly<Record<string, string>> = {
  yellow: 'FFFF00',
  green: '00FF00',
  cyan: '00FFFF',
  magenta: 'FF00FF',
  blue: '0000FF',
  red: 'FF0000',
  darkBlue: '000080',
  darkCyan: '008080',
  darkGreen: '008000',
  darkMagenta: '800080',
  darkRed: '800000',
  darkYellow: '808000',
  darkGray: '808080',
  lightGray: 'C0C0C0',
  black: '000000',
};

export function highlightColour(name: string): Rgb | undefined {
  const hex = HIGHLIGHTS[name];
  return hex === undefined ? undefined : fromHex(hex);
}
