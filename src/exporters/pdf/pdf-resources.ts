/**
 * The PDF resources pages share (one dictionary for all of them): fonts embedded as subsets with
 * pdf-lib and fontkit, and pictures. Fonts are embedded on first use; their subset names are
 * fixed (`RDLNAA+DejaVuSerif`…) because pdf-lib would otherwise append a random suffix, and the
 * output must be the same bytes every time.
 */
import { PDFDict, PDFName, type PDFDocument, type PDFFont } from 'pdf-lib';
import type { Face } from './fonts.js';
import type { ImageSource } from './images.js';

interface EmbeddedFace {
  readonly name: string;
  readonly font: PDFFont;
  readonly glyphs: Map<number, string>;
}

export class PdfResources {
  private readonly doc: PDFDocument;
  private readonly fontDict: PDFDict;
  private readonly imageDict: PDFDict;
  private readonly faces = new Map<Face, EmbeddedFace>();
  private readonly images = new Map<string, string | undefined>();
  /** The `/Resources` dictionary, registered once and referenced from every page. */
  readonly dictionary: PDFDict;

  constructor(doc: PDFDocument) {
    this.doc = doc;
    this.fontDict = doc.context.obj({});
    this.imageDict = doc.context.obj({});
    this.dictionary = doc.context.obj({ Font: this.fontDict, XObject: this.imageDict, ProcSet: ['PDF', 'Text', 'ImageB', 'ImageC', 'ImageI'] });
  }

  async embedFace(face: Face): Promise<void> {
    if (this.faces.has(face)) return;
    const index = this.faces.size;
    const tag = `RDLN${letter(Math.floor(index / 26))}${letter(index % 26)}`;
    const font = await this.doc.embedFont(face.bytes, { subset: true, customName: `${tag}+${face.postscriptName}` });
    const name = `F${index + 1}`;
    this.fontDict.set(PDFName.of(name), font.ref);
    this.faces.set(face, { name, font, glyphs: new Map() });
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
    return this.embedded(face).name;
  }

  imageName(source: ImageSource): string | undefined {
    return this.images.get(source.key);
  }

  /** The text as a hex string of the subset's glyph ids, one code point at a time. */
  hex(face: Face, text: string): string {
    const embedded = this.embedded(face);
    let out = '';
    for (const char of text) {
      const code = char.codePointAt(0) as number;
      let glyph = embedded.glyphs.get(code);
      if (glyph === undefined) {
        glyph = embedded.font.encodeText(char).asString();
        embedded.glyphs.set(code, glyph);
      }
      out += glyph;
    }
    return out;
  }

  private embedded(face: Face): EmbeddedFace {
    const embedded = this.faces.get(face);
    if (!embedded) throw new Error(`font ${face.key} used before it was embedded`);
    return embedded;
  }
}

function letter(index: number): string {
  return String.fromCharCode(65 + (index % 26));
}
