/**
 * A font embedded as a subset: a Type 0 font with Identity-H encoding over a CIDFontType2 whose
 * CIDs are the subset's glyph ids (ISO 32000-1 §9.7). Glyphs are added as the pages are written,
 * each with the text it stands for; the font program, widths and ToUnicode map are written once,
 * when the file is saved. Written here rather than with pdf-lib's `embedFont` because shaped text
 * (Arabic letters in their joining forms, ligatures) is drawn glyph by glyph, not character by
 * character, and each such glyph must still map back to its characters for search and copy.
 */
import type { Subset } from '@pdf-lib/fontkit';
import { type PDFContext, type PDFRef, PDFString } from 'pdf-lib';
import { zlibDeflate } from '../../platform/deflate.js';
import { concatBytes, latin1Bytes } from '../../util/bytes.js';
import type { Face } from './fonts.js';

export class EmbeddedFont {
  /** The resource name pages use (`F1`). */
  readonly name: string;
  readonly ref: PDFRef;
  private readonly face: Face;
  private readonly baseFont: string;
  private readonly subset: Subset;
  private readonly cids = new Map<number, string>();
  /** By CID: the glyph's advance (font units) and text. */
  private readonly widths: number[] = [];
  private readonly texts: string[] = [];

  constructor(face: Face, name: string, tag: string, ref: PDFRef) {
    this.face = face;
    this.name = name;
    this.ref = ref;
    this.baseFont = `${tag}+${face.postscriptName.replace(/[^!-~]|[()<>[\]{}/%#]/g, '')}`;
    this.subset = face.font.createSubset();
  }

  /** The CID of a glyph as four hex digits, the glyph added to the subset on first use. */
  cidHex(glyphId: number, advance: number, text: string): string {
    let hex = this.cids.get(glyphId);
    if (hex === undefined) {
      const cid = this.subset.includeGlyph(glyphId);
      hex = hex4(cid);
      this.cids.set(glyphId, hex);
      this.widths[cid] = advance;
      this.texts[cid] = text;
    }
    return hex;
  }

  async write(context: PDFContext): Promise<void> {
    const program = await encodeSubset(this.subset);
    const font = this.face.font;
    const scale = 1000 / this.face.unitsPerEm;
    const bbox = font.bbox;
    const descriptor = context.obj({
      Type: 'FontDescriptor',
      FontName: this.baseFont,
      Flags: fontFlags(this.face),
      FontBBox: [bbox.minX, bbox.minY, bbox.maxX, bbox.maxY].map((v) => Math.round(v * scale)),
      ItalicAngle: font.italicAngle,
      Ascent: Math.round(font.ascent * scale),
      Descent: Math.round(font.descent * scale),
      CapHeight: Math.round((font.capHeight || font.ascent) * scale),
      XHeight: Math.round((font.xHeight || 0) * scale),
      StemV: 0,
      FontFile2: context.register(context.stream(zlibDeflate(program), { Filter: 'FlateDecode', Length1: program.length })),
    });
    const cidFont = context.obj({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: this.baseFont,
      CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
      FontDescriptor: context.register(descriptor),
      W: this.widthArray(scale),
      CIDToGIDMap: 'Identity',
    });
    const toUnicode = context.register(context.stream(zlibDeflate(latin1Bytes(this.toUnicode())), { Filter: 'FlateDecode' }));
    context.assign(this.ref, context.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: this.baseFont, Encoding: 'Identity-H', DescendantFonts: [context.register(cidFont)], ToUnicode: toUnicode }));
  }

  /** `[first [w1 w2 …] first [w…] …]`: runs of consecutive CIDs. */
  private widthArray(scale: number): (number | number[])[] {
    const out: (number | number[])[] = [];
    let run: number[] | undefined;
    for (let cid = 1; cid < this.widths.length; cid++) {
      const width = this.widths[cid];
      if (width === undefined) {
        run = undefined;
        continue;
      }
      if (!run) {
        run = [];
        out.push(cid, run);
      }
      run.push(Math.round(width * scale));
    }
    return out;
  }

  private toUnicode(): string {
    const entries: string[] = [];
    this.texts.forEach((text, cid) => {
      if (cid > 0 && text !== '') entries.push(`<${hex4(cid)}> <${utf16Hex(text)}>`);
    });
    const chunks: string[] = [];
    // At most 100 entries a block (ISO 32000-1 §9.10.3).
    for (let i = 0; i < entries.length; i += 100) chunks.push(`${Math.min(100, entries.length - i)} beginbfchar\n${entries.slice(i, i + 100).join('\n')}\nendbfchar`);
    return (
      '/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n' +
      `/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n${chunks.join('\n')}\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend`
    );
  }
}

function encodeSubset(subset: Subset): Promise<Uint8Array> {
  return new Promise((resolve) => {
    const parts: Uint8Array[] = [];
    subset
      .encodeStream()
      .on('data', (bytes: Uint8Array) => parts.push(bytes))
      .on('end', () => resolve(concatBytes(parts)));
  });
}

/** Symbolic (its own glyph set, reached through Identity-H), serif and italic as the font says. */
function fontFlags(face: Face): number {
  // Tables fontkit parses but does not declare.
  const tables = face.font as unknown as { readonly 'OS/2'?: { readonly sFamilyClass?: number }; readonly post?: { readonly isFixedPitch?: number } };
  const familyClass = tables['OS/2']?.sFamilyClass ?? 0;
  let flags = 4;
  if (tables.post?.isFixedPitch) flags |= 1;
  if (familyClass >= 1 && familyClass <= 7) flags |= 2;
  if (face.font.italicAngle !== 0) flags |= 64;
  return flags;
}

export function hex4(value: number): string {
  return value.toString(16).toUpperCase().padStart(4, '0');
}

/** Text as UTF-16BE hex. */
export function utf16Hex(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += hex4(text.charCodeAt(i));
  return out;
}
