/**
 * Chinese, Japanese and Korean text, drawn with Noto Sans SC, JP and KR from the `@fontsource`
 * packages (SIL Open Font Licence), never from the system. The packages ship each font cut into
 * about a hundred small files by Unicode range (`unicode.json` says which file has which
 * characters), so only the slices a document uses are ever read, and only the glyphs it draws are
 * embedded: a PDF without CJK text carries none of this.
 *
 * The three fonts share most characters; the one tried first follows the script of the text
 * around the character (kana: Japanese, Hangul: Korean, otherwise Chinese), so that a kanji in a
 * Japanese sentence takes the Japanese form of the glyph.
 */
import { readPackageFile } from '../../platform/font-files.js';

export type CjkRegion = 'sc' | 'jp' | 'kr';

export interface CjkSlice {
  readonly region: CjkRegion;
  readonly slice: number;
  readonly bold: boolean;
  /** The font file: a file of an installed package. */
  readonly packageName: string;
  readonly file: string;
  /** The name the subset gets in the PDF. */
  readonly postscriptName: string;
}

const PACKAGES: Readonly<Record<CjkRegion, { readonly name: string; readonly family: string }>> = {
  sc: { name: 'noto-sans-sc', family: 'NotoSansSC' },
  jp: { name: 'noto-sans-jp', family: 'NotoSansJP' },
  kr: { name: 'noto-sans-kr', family: 'NotoSansKR' },
};

/** Fallback order of the fonts, by the script the text is in. */
const ORDER: Readonly<Record<CjkRegion, readonly CjkRegion[]>> = { sc: ['sc', 'jp', 'kr'], jp: ['jp', 'sc', 'kr'], kr: ['kr', 'sc', 'jp'] };

const KANA = /[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]/;
const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;

/** Which CJK font a text prefers: Japanese if it has kana, Korean if Hangul, else Chinese. */
export function cjkRegionOf(text: string): CjkRegion {
  if (KANA.test(text)) return 'jp';
  if (HANGUL.test(text)) return 'kr';
  return 'sc';
}

/** A font's slices: sorted, non-overlapping code point ranges and the slice that has each. */
interface SliceIndex {
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
  readonly slices: Uint16Array;
}

const indexes = new Map<CjkRegion, SliceIndex | null>();

function packageName(region: CjkRegion): string {
  return `@fontsource/${PACKAGES[region].name}`;
}

/** Reads `unicode.json` (`{"[12]": "U+4e00-4e0f,U+4e11,…"}`) into a sorted range index. */
function sliceIndex(region: CjkRegion): SliceIndex | undefined {
  let index = indexes.get(region);
  if (index === undefined) {
    // The fonts are optional (and a browser page does not carry them): without them, no slice.
    const ranges = readPackageFile(packageName(region), 'unicode.json');
    index = ranges === undefined ? null : parseUnicodeRanges(JSON.parse(new TextDecoder().decode(ranges)) as Record<string, string>);
    indexes.set(region, index);
  }
  return index ?? undefined;
}

export function parseUnicodeRanges(json: Readonly<Record<string, string>>): SliceIndex {
  const ranges: [number, number, number][] = [];
  for (const [key, value] of Object.entries(json)) {
    // Named subsets (`latin`, `cyrillic`) repeat what DejaVu has; only the numbered slices matter.
    const slice = /^\[(\d+)\]$/.exec(key)?.[1];
    if (slice === undefined) continue;
    for (const part of value.split(',')) {
      const match = /^\s*U\+([0-9a-f]+)(?:-([0-9a-f]+))?\s*$/i.exec(part);
      if (!match) continue;
      const start = parseInt(match[1] as string, 16);
      ranges.push([start, match[2] === undefined ? start : parseInt(match[2], 16), Number(slice)]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  return { starts: Uint32Array.from(ranges, (r) => r[0]), ends: Uint32Array.from(ranges, (r) => r[1]), slices: Uint16Array.from(ranges, (r) => r[2]) };
}

function findSlice(index: SliceIndex, codePoint: number): number | undefined {
  let low = 0;
  let high = index.starts.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((index.starts[middle] as number) > codePoint) high = middle - 1;
    else if ((index.ends[middle] as number) < codePoint) low = middle + 1;
    else return index.slices[middle];
  }
  return undefined;
}

/** The slice of a CJK font that draws `codePoint`, trying the preferred region's font first. */
export function cjkSlice(codePoint: number, bold: boolean, preferred: CjkRegion): CjkSlice | undefined {
  for (const region of ORDER[preferred]) {
    const index = sliceIndex(region);
    const slice = index && findSlice(index, codePoint);
    if (slice === undefined) continue;
    const { name, family } = PACKAGES[region];
    const weight = bold ? 700 : 400;
    return { region, slice, bold, packageName: packageName(region), file: `files/${name}-${slice}-${weight}-normal.woff`, postscriptName: `${family}-${bold ? 'Bold' : 'Regular'}` };
  }
  return undefined;
}
