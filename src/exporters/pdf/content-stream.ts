/**
 * A page's display list as PDF content stream operators (ISO 32000-1 §8-9). Written as text
 * directly rather than through pdf-lib's operator objects: a thousand-page redline has millions
 * of operators, and strings keep that fast and small. Colour and font state are only set when
 * they change.
 */
import type { DrawOp, TextOp } from './canvas.js';
import type { Rgb } from './colour.js';
import type { PdfResources } from './pdf-resources.js';
import { type ContentTag, isArtifact, LAYOUT_ARTIFACT } from './structure.js';

/** Opens a marked-content sequence for a tag on the page being written: `/P <</MCID 3>> BDC`. */
export type MarkedContentOpener = (tag: ContentTag) => string;

export function contentStream(ops: readonly DrawOp[], resources: PdfResources, open: MarkedContentOpener): string {
  return new ContentWriter(resources, open).write(ops);
}

/**
 * What an op is marked as: text and pictures are content of their element (an artifact when they
 * have none); fills and rules are always artifacts (underlines, strike-throughs and highlights
 * decorate text whose change an element's replacement text already states).
 */
function effectiveTag(op: DrawOp): ContentTag {
  if (op.op === 'text' || op.op === 'image') return op.tag ?? LAYOUT_ARTIFACT;
  return op.tag && isArtifact(op.tag) ? op.tag : LAYOUT_ARTIFACT;
}

class ContentWriter {
  private readonly out: string[] = [];
  private readonly resources: PdfResources;
  private readonly openMarked: MarkedContentOpener;
  private marked: ContentTag | undefined;
  private inText = false;
  private font = '';
  private fill = '';
  private stroke = '';
  private lineWidth = '';

  constructor(resources: PdfResources, open: MarkedContentOpener) {
    this.resources = resources;
    this.openMarked = open;
  }

  write(ops: readonly DrawOp[]): string {
    for (const op of ops) {
      this.mark(effectiveTag(op));
      switch (op.op) {
        case 'text':
          this.text(op);
          break;
        case 'fill':
          this.endText();
          this.setFill(op.colour);
          this.out.push(`${n(op.x)} ${n(op.y)} ${n(op.width)} ${n(op.height)} re f`);
          break;
        case 'line':
          this.endText();
          this.setStroke(op.colour, op.width);
          this.out.push(`${n(op.x1)} ${n(op.y1)} m ${n(op.x2)} ${n(op.y2)} l S`);
          break;
        case 'image': {
          this.endText();
          const name = this.resources.imageName(op.image);
          if (name === undefined) {
            this.setStroke([0.5, 0.5, 0.5], 0.5);
            this.out.push(`${n(op.x)} ${n(op.y)} ${n(op.width)} ${n(op.height)} re S`);
          } else {
            this.out.push(`q ${n(op.width)} 0 0 ${n(op.height)} ${n(op.x)} ${n(op.y)} cm /${name} Do Q`);
          }
          break;
        }
      }
    }
    this.endText();
    if (this.marked !== undefined) this.out.push('EMC');
    return this.out.join('\n');
  }

  /** Ends the open marked-content sequence and opens the tag's, unless it is the same. */
  private mark(tag: ContentTag): void {
    if (tag === this.marked) return;
    this.endText();
    if (this.marked !== undefined) this.out.push('EMC');
    this.out.push(this.openMarked(tag));
    this.marked = tag;
  }

  private text(op: TextOp): void {
    if (!this.inText) {
      this.out.push('BT');
      this.inText = true;
    }
    const font = `/${this.resources.fontName(op.face)} ${n(op.size)} Tf`;
    if (font !== this.font) {
      this.out.push(font);
      this.font = font;
    }
    this.setFill(op.colour);
    this.out.push(`1 0 0 1 ${n(op.x)} ${n(op.y)} Tm`);
    const glyphs = op.glyphs ?? op.face.glyphs(op.text);
    if (op.wordSpacing === 0 && op.glyphs === undefined) {
      // Unshaped text: its glyphs' own advances are their layout advances.
      this.out.push(`<${this.resources.hex(op.face, glyphs)}> Tj`);
      return;
    }
    // Type 0 fonts ignore Tw, so justification moves each word with a TJ adjustment instead; shaped
    // glyphs whose layout advance differs from their own width (marks, kerning) get one too.
    const toEms = 1000 / op.face.unitsPerEm;
    const spaceShift = (-op.wordSpacing * 1000) / op.size;
    const parts: string[] = [];
    let pending = '';
    for (const glyph of glyphs) {
      pending += this.resources.hex(op.face, [glyph]);
      const shift = (glyph.advance - glyph.xAdvance) * toEms + (glyph.text === ' ' ? spaceShift : 0);
      if (Math.abs(shift) >= 0.005) {
        parts.push(`<${pending}> ${n(shift)} `);
        pending = '';
      }
    }
    if (parts.length === 0) {
      this.out.push(`<${pending}> Tj`);
      return;
    }
    this.out.push(`[${parts.join('')}${pending === '' ? '' : `<${pending}>`}] TJ`);
  }

  private endText(): void {
    if (this.inText) {
      this.out.push('ET');
      this.inText = false;
    }
  }

  private setFill(colour: Rgb): void {
    const fill = `${c(colour[0])} ${c(colour[1])} ${c(colour[2])} rg`;
    if (fill !== this.fill) {
      this.out.push(fill);
      this.fill = fill;
    }
  }

  private setStroke(colour: Rgb, width: number): void {
    const stroke = `${c(colour[0])} ${c(colour[1])} ${c(colour[2])} RG`;
    if (stroke !== this.stroke) {
      this.out.push(stroke);
      this.stroke = stroke;
    }
    const lineWidth = `${n(width)} w`;
    if (lineWidth !== this.lineWidth) {
      this.out.push(lineWidth);
      this.lineWidth = lineWidth;
    }
  }
}

/** A coordinate: two decimals are a hundredth of a point, far below what anyone can see. */
function n(value: number): string {
  return String(Math.round(value * 100) / 100 || 0);
}

function c(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}
