/**
 * The fonts of the PDF, from packages and never from the system, so that the output is the same
 * everywhere: DejaVu Serif for text in its four variants (`dejavu-fonts-ttf`), DejaVu Sans for the
 * characters the serif lacks (Arabic and Hebrew among them), and Noto Sans SC, JP and KR for
 * Chinese, Japanese and Korean (see `cjk-fonts.ts`), each picked character by character.
 *
 * Text is measured here with fontkit, per code point without kerning or ligatures: the content
 * writer draws exactly these glyphs and advances, so what is measured is what is drawn. Scripts
 * whose letters join (Arabic, Syriac) are the exception: a run of them is shaped as a whole
 * (fontkit's OpenType layout picks each letter's initial, medial, final or isolated form and the
 * required ligatures) and measured and drawn as shaped.
 */
import fontkit, { type Font as FontkitFont } from '@pdf-lib/fontkit';
import { readPackageFile } from '../../platform/font-files.js';
import { type CjkRegion, cjkRegionOf, cjkSlice } from './cjk-fonts.js';

export type FontVariant = 'regular' | 'bold' | 'italic' | 'boldItalic';
export type FontFamily = 'serif' | 'sans';

/** The package of the DejaVu fonts, and the files of each family and variant in its `ttf` folder (the web build copies them into the site). */
export const DEJAVU_PACKAGE = 'dejavu-fonts-ttf';
export const FONT_FILES: Readonly<Record<FontFamily, Readonly<Record<FontVariant, string>>>> = {
  serif: { regular: 'DejaVuSerif.ttf', bold: 'DejaVuSerif-Bold.ttf', italic: 'DejaVuSerif-Italic.ttf', boldItalic: 'DejaVuSerif-BoldItalic.ttf' },
  sans: { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf', italic: 'DejaVuSans-Oblique.ttf', boldItalic: 'DejaVuSans-BoldOblique.ttf' },
};

/**
 * Line metrics in ems: DejaVu's ascender and descender (1901 and 483 units of 2048), the same in
 * both families and all variants (the bold serif's ascender is 1% taller). CJK ideographs sit
 * within them (Noto's ideographic em box runs from -0.12 to 0.88 em).
 */
export const ASCENT = 1901 / 2048;
export const DESCENT = 483 / 2048;

/** Drawn for a character no font has. */
const REPLACEMENT = 0xfffd;

/** Letters that join and so are shaped a run at a time: Arabic (and its presentation forms), Syriac, N'Ko. */
const JOINING = /[\u0600-\u07ff\u0860-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/;

/** Shaped widths are cached per text; the cache is cleared when it grows past this. */
const SHAPED_CACHE_LIMIT = 20_000;

export function variantOf(bold: boolean, italic: boolean): FontVariant {
  if (bold) return italic ? 'boldItalic' : 'bold';
  return italic ? 'italic' : 'regular';
}

function isBold(variant: FontVariant): boolean {
  return variant === 'bold' || variant === 'boldItalic';
}

/** A glyph as drawn: its id in the font, the text it stands for, and its advances in font units. */
export interface DrawnGlyph {
  readonly id: number;
  readonly text: string;
  /** The glyph's own advance (what the PDF's widths say). */
  readonly advance: number;
  /** The advance the layout gives it (differs for marks and kerned pairs). */
  readonly xAdvance: number;
}

/** One font file: what it covers, how wide its characters are, and their glyphs. */
export class Face {
  readonly key: string;
  readonly postscriptName: string;
  readonly font: FontkitFont;
  readonly unitsPerEm: number;
  private readonly perCodePoint = new Map<number, { readonly glyphs: readonly DrawnGlyph[]; readonly advance: number }>();
  private readonly coverage = new Map<number, boolean>();
  private readonly shapedWidths = new Map<string, number>();

  constructor(key: string, bytes: Uint8Array, postscriptName?: string) {
    this.key = key;
    this.font = fontkit.create(bytes);
    this.unitsPerEm = this.font.unitsPerEm;
    this.postscriptName = postscriptName ?? this.font.postscriptName ?? key;
  }

  covers(codePoint: number): boolean {
    let covered = this.coverage.get(codePoint);
    if (covered === undefined) {
      covered = this.font.hasGlyphForCodePoint(codePoint);
      this.coverage.set(codePoint, covered);
    }
    return covered;
  }

  /** The advance of one code point, in ems. */
  advance(codePoint: number): number {
    return this.codePoint(codePoint).advance;
  }

  width(text: string, size: number): number {
    if (JOINING.test(text)) return this.shapedWidth(text) * size;
    let ems = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.codePointAt(i) as number;
      if (code > 0xffff) i++;
      ems += this.advance(code);
    }
    return ems * size;
  }

  /**
   * The glyphs that draw `text`, in the order they are drawn (left to right). Joining scripts are
   * shaped; `rtl` text is drawn reversed (fontkit reverses the right-to-left scripts it shapes).
   */
  glyphs(text: string, rtl = false): DrawnGlyph[] {
    if (JOINING.test(text) || (rtl && /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/.test(text))) {
      const run = this.font.layout(text);
      // A ligature of right-to-left letters maps to its letters reversed: text extraction reverses
      // a right-to-left line character by character, which then puts them back in order.
      const glyphText = (codePoints: readonly number[]): string => String.fromCodePoint(...(rtl ? [...codePoints].reverse() : codePoints));
      const glyphs = run.glyphs.map((glyph, i) => ({ id: glyph.id, text: glyphText(glyph.codePoints), advance: glyph.advanceWidth, xAdvance: run.positions[i]?.xAdvance ?? glyph.advanceWidth }));
      // fontkit lays out right-to-left scripts reversed; neutral-only runs are reversed here.
      return rtl === (run.direction === 'rtl') ? glyphs : glyphs.reverse();
    }
    const out: DrawnGlyph[] = [];
    for (const char of text) out.push(...this.codePoint(char.codePointAt(0) as number).glyphs);
    return rtl ? out.reverse() : out;
  }

  private codePoint(codePoint: number): { readonly glyphs: readonly DrawnGlyph[]; readonly advance: number } {
    let entry = this.perCodePoint.get(codePoint);
    if (entry === undefined) {
      const char = String.fromCodePoint(codePoint);
      const glyphs = this.font.layout(char).glyphs.map((glyph) => ({ id: glyph.id, text: char, advance: glyph.advanceWidth, xAdvance: glyph.advanceWidth }));
      entry = { glyphs, advance: glyphs.reduce((sum, glyph) => sum + glyph.advance, 0) / this.unitsPerEm };
      this.perCodePoint.set(codePoint, entry);
    }
    return entry;
  }

  private shapedWidth(text: string): number {
    let width = this.shapedWidths.get(text);
    if (width === undefined) {
      width = this.font.layout(text).positions.reduce((sum, position) => sum + position.xAdvance, 0) / this.unitsPerEm;
      if (this.shapedWidths.size >= SHAPED_CACHE_LIMIT) this.shapedWidths.clear();
      this.shapedWidths.set(text, width);
    }
    return width;
  }
}

/** A stretch of text drawn in one face. */
export interface FaceRun {
  readonly face: Face;
  readonly text: string;
}

/**
 * Faces are read-only once made (their caches only grow), so one set serves every PDF a process
 * renders: parsing a font and measuring its characters is done once, not once a document.
 */
const FACES = new Map<string, Face>();

function cachedFace(key: string, make: () => Face): Face {
  let face = FACES.get(key);
  if (!face) {
    face = make();
    FACES.set(key, face);
  }
  return face;
}

/** Loads faces on first use and splits text among them. */
export class FontLibrary {
  face(family: FontFamily, variant: FontVariant): Face {
    return cachedFace(`${family}-${variant}`, () => {
      const file = `ttf/${FONT_FILES[family][variant]}`;
      const bytes = readPackageFile(DEJAVU_PACKAGE, file);
      if (!bytes) throw new Error(`the PDF's font ${DEJAVU_PACKAGE}/${file} is missing`);
      return new Face(`${family}-${variant}`, bytes);
    });
  }

  /**
   * Splits text into runs of one face each: the primary family (the serif, for text) where it has
   * the character, DejaVu Sans where only that has it, a CJK font (the slice that has it, of the
   * font `region` prefers, by default the one the text's own script suggests), and a replacement
   * character where none does. CJK fonts have no italic: italic text takes the upright face.
   */
  runs(text: string, variant: FontVariant, family: FontFamily = 'serif', region: CjkRegion = cjkRegionOf(text)): FaceRun[] {
    const primary = this.face(family, variant);
    const runs: FaceRun[] = [];
    let face: Face | undefined;
    let current = '';
    for (const char of text) {
      const code = char.codePointAt(0) as number;
      let chosen = primary;
      let drawn = char;
      if (!primary.covers(code)) {
        chosen = this.face('sans', variant);
        if (!chosen.covers(code)) {
          const cjk = this.cjkFace(code, isBold(variant), region);
          if (cjk) chosen = cjk;
          else drawn = String.fromCodePoint(REPLACEMENT);
        }
      }
      if (chosen !== face && current !== '') {
        runs.push({ face: face as Face, text: current });
        current = '';
      }
      face = chosen;
      current += drawn;
    }
    if (face && current !== '') runs.push({ face, text: current });
    return runs;
  }

  private cjkFace(codePoint: number, bold: boolean, region: CjkRegion): Face | undefined {
    const slice = cjkSlice(codePoint, bold, region);
    if (!slice) return undefined;
    const key = `cjk-${slice.region}-${slice.slice}-${bold ? 'bold' : 'regular'}`;
    let face = FACES.get(key);
    if (!face) {
      const bytes = readPackageFile(slice.packageName, slice.file);
      if (!bytes) return undefined;
      face = cachedFace(key, () => new Face(key, bytes, slice.postscriptName));
    }
    // The slice lists the character, so its font has it; a mismatch would draw .notdef, so check.
    return face.covers(codePoint) ? face : undefined;
  }
}
