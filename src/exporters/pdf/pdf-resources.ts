/**
 * The PDF resources pages share (one dictionary for all of them): fonts embedded as subsets (see
 * `font-embedding.ts`) and pictures. Fonts are embedded on first use; their subset names are
 * fixed (`RDLNAA+DejaVuSerif`…) so that the output is the same bytes every time.
 */
import { type PDFDict, type PDFDocument, PDFName } from 'pdf-lib';
import { EmbeddedFont } from './font-embedding.js';
import type { DrawnGlyph, Face } from './fonts.js';
import type { ImageSource } from './images.js';

export class PdfResources {
  private readonly doc: PDFDocument;
  private readonly fontDict: PDFDict;
  private readonly imageDict: PDFDict;
  private readonly fonts = new Map<Face, EmbeddedFont>();
  private readonly images = new Map<string, string | undefined>();
  /** The `/Resources` dictionary, registered once and referenced from every page. */
  readonly dictionary: PDFDict;

  constructor(doc: PDFDocument) {
    this.doc = doc;
    this.fontDict = doc.context.obj({});
    this.imageDict = doc.context.obj({});
    this.dictionary = doc.context.obj({ Font: this.fontDict, XObject: this.imageDict, ProcSet: ['PDF', 'Text', 'ImageB', 'ImageC', 'ImageI'] });
  }

  /** Embeds a picture; a picture pdf-lib cannot read gets no name (and is drawn as a box). */
  async embedImage(source: ImageSource): Promise<void> {
    if (this.images.has(source.key)) return;
    try {
      const image = source.format === 'png' ? await this.doc.embedPng(source.bytes) : await this.doc.embedJpg(source.bytes);
      const name = `Im${this.images.size + 1}`;
      this.imageDict.set(PDFName.of(name), image.ref);
      this.images.set(source.key, name);
    } catch {
      this.images.set(source.key, undefined);
    }
  }

  fontName(face: Face): string {
    return this.font(face).name;
  }

  imageName(source: ImageSource): string | undefined {
    return this.images.get(source.key);
  }

  /** Glyphs as a hex string of CIDs (two bytes each). */
  hex(face: Face, glyphs: readonly DrawnGlyph[]): string {
    const font = this.font(face);
    let out = '';
    for (const glyph of glyphs) out += font.cidHex(glyph.id, glyph.advance, glyph.text);
    return out;
  }

  /** Writes every embedded font (their subsets are complete once every page is drawn). */
  async finish(): Promise<void> {
    for (const font of this.fonts.values()) await font.write(this.doc.context);
  }

  private font(face: Face): EmbeddedFont {
    let font = this.fonts.get(face);
    if (!font) {
      const index = this.fonts.size;
      const tag = `RDL${letter(Math.floor(index / 676))}${letter(Math.floor(index / 26))}${letter(index)}`;
      font = new EmbeddedFont(face, `F${index + 1}`, tag, this.doc.context.nextRef());
      this.fontDict.set(PDFName.of(font.name), font.ref);
      this.fonts.set(face, font);
    }
    return font;
  }
}

function letter(index: number): string {
  return String.fromCharCode(65 + (index % 26));
}
