/**
 * The fonts of the PDF, from the `dejavu-fonts-ttf` package and never from the system, so that the
 * output is the same everywhere: DejaVu Serif for text in its four variants, and DejaVu Sans for
 * the characters the serif lacks (picked character by character). Text is measured here, per
 * code point with fontkit, without kerning or ligatures: the content writer draws exactly these
 * advances, so what is measured is what is drawn.
 */
import fontkit, { type Font as FontkitFont } from '@pdf-lib/fontkit';
import { readFontFile } from '../../platform/font-files.js';

export type FontVariant = 'regular' | 'bold' | 'italic' | 'boldItalic';
export type FontFamily = 'serif' | 'sans';

/** The font files of each family and variant (the browser build copies them into the site). */
export const FONT_FILES: Readonly<Record<FontFamily, Readonly<Record<FontVariant, string>>>> = {
  serif: { regular: 'DejaVuSerif.ttf', bold: 'DejaVuSerif-Bold.ttf', italic: 'DejaVuSerif-Italic.ttf', boldItalic: 'DejaVuSerif-BoldItalic.ttf' },
  sans: { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf', italic: 'DejaVuSans-Oblique.ttf', boldItalic: 'DejaVuSans-BoldOblique.ttf' },
};

/**
 * Line metrics in ems: DejaVu's ascender and descender (1901 and 483 units of 2048), the same in
 * both families and all variants (the bold serif's ascender is 1% taller).
 */
export const ASCENT = 1901 / 2048;
export const DESCENT = 483 / 2048;

/** Drawn for a character neither font has. */
const REPLACEMENT = 0xfffd;

export function variantOf(bold: boolean, italic: boolean): FontVariant {
  if (bold) return italic ? 'boldItalic' : 'bold';
  return italic ? 'italic' : 'regular';
}

/** One font file: what it covers and how wide its characters are. */
export class Face {
  readonly key: string;
  readonly bytes: Uint8Array;
  readonly postscriptName: string;
  private readonly font: FontkitFont;
  private readonly advances = new Map<number, number>();
  private readonly coverage = new Map<number, boolean>();

  constructor(family: FontFamily, variant: FontVariant) {
    this.key = `${family}-${variant}`;
    this.bytes = readFontFile(FONT_FILES[family][variant]);
    this.font = fontkit.create(this.bytes);
    this.postscriptName = this.font.postscriptName ?? `DejaVu-${this.key}`;
  }

  covers(codePoint: number): boolean {
    let covered = this.coverage.get(codePoint);
    if (covered === undefined) {
      covered = this.font.hasGlyphForCodePoint(codePoint);
      this.coverage.set(codePoint, covered);
    }
    return covered;
  }

  /** The advance of one code point, in ems (laid out as pdf-lib will encode it). */
  advance(codePoint: number): number {
    let advance = this.advances.get(codePoint);
    if (advance === undefined) {
      const glyphs = this.font.layout(String.fromCodePoint(codePoint)).glyphs;
      advance = glyphs.reduce((sum, glyph) => sum + glyph.advanceWidth, 0) / this.font.unitsPerEm;
      this.advances.set(codePoint, advance);
    }
    return advance;
  }

  width(text: string, size: number): number {
    let ems = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.codePointAt(i) as number;
      if (code > 0xffff) i++;
      ems += this.advance(code);
    }
    return ems * size;
  }
}

/** A stretch of text drawn in one face. */
export interface FaceRun {
  readonly face: Face;
  readonly text: string;
}

/** Loads faces on first use and splits text among them. */
/**
 * Faces are read-only once made (their caches only grow), so one set serves every PDF a process
 * renders: parsing a font and measuring its characters is done once, not once a document.
 */
const FACES = new Map<string, Face>();

export class FontLibrary {
  face(family: FontFamily, variant: FontVariant): Face {
    const key = `${family}-${variant}`;
    let face = FACES.get(key);
    if (!face) {
      face = new Face(family, variant);
      FACES.set(key, face);
    }
    return face;
  }

  /**
   * Splits text into runs of one face each: the primary family (the serif, for text) where it has
   * the character, DejaVu Sans where only that has it, and a replacement character where neither
   * does.
   */
  runs(text: string, variant: FontVariant, family: FontFamily = 'serif'): FaceRun[] {
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
        if (!chosen.covers(code)) drawn = String.fromCodePoint(REPLACEMENT);
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
}
