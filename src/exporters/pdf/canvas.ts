/**
 * A page's display list: what to draw, in PDF coordinates, before it becomes a content stream.
 * Layout code works from the top of the page down; the canvas turns `top` into PDF's `y` (up from
 * the bottom) so that nothing else has to.
 */
import type { Rgb } from './colour.js';
import type { DrawnGlyph, Face } from './fonts.js';
import type { ImageSource } from './images.js';
import { type Artifact, type ContentTag, StructElement } from './structure.js';

interface Tagged {
  /** The structure element the op draws content of, or the artifact it is part of. */
  readonly tag?: ContentTag;
}

export interface TextOp extends Tagged {
  readonly op: 'text';
  readonly face: Face;
  readonly size: number;
  readonly x: number;
  /** Baseline. */
  readonly y: number;
  readonly text: string;
  readonly colour: Rgb;
  /** Extra space after each U+0020 (justified lines). */
  readonly wordSpacing: number;
  /** The glyphs, when shaped or reordered (right-to-left text); otherwise those of `text`. */
  readonly glyphs?: readonly DrawnGlyph[];
}

export interface FillOp extends Tagged {
  readonly op: 'fill';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly colour: Rgb;
}

export interface LineOp extends Tagged {
  readonly op: 'line';
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly colour: Rgb;
  readonly width: number;
}

export interface ImageOp extends Tagged {
  readonly op: 'image';
  readonly image: ImageSource;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export type DrawOp = TextOp | FillOp | LineOp | ImageOp;

export type LinkTarget = { readonly kind: 'uri'; readonly uri: string } | { readonly kind: 'page'; readonly page: number; readonly top: number };

export interface LinkArea {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly target: LinkTarget;
  /** The `Link` element the annotation belongs to. */
  readonly element?: StructElement;
}

export class Canvas {
  readonly ops: DrawOp[] = [];
  readonly links: LinkArea[] = [];
  readonly pageHeight: number;
  private current: ContentTag | undefined;
  /** Inside `asArtifact`: everything drawn is that artifact, whatever it says. */
  private forced = false;

  constructor(pageHeight: number) {
    this.pageHeight = pageHeight;
  }

  /** Draws as content of `tag` (an element, or an artifact). */
  tagged<T>(tag: ContentTag | undefined, draw: () => T): T {
    if (this.forced || tag === undefined) return draw();
    const previous = this.current;
    this.current = tag;
    try {
      return draw();
    } finally {
      this.current = previous;
    }
  }

  /** Draws as an artifact, content tags inside included (a repeated table header, a running head). */
  asArtifact<T>(artifact: Artifact, draw: () => T): T {
    const previous = this.current;
    const forced = this.forced;
    this.current = artifact;
    this.forced = true;
    try {
      return draw();
    } finally {
      this.current = previous;
      this.forced = forced;
    }
  }

  private get tag(): { tag?: ContentTag } {
    return this.current === undefined ? {} : { tag: this.current };
  }

  text(face: Face, size: number, x: number, baseline: number, text: string, colour: Rgb, wordSpacing = 0, glyphs?: readonly DrawnGlyph[]): void {
    if (text !== '') this.ops.push({ op: 'text', face, size, x, y: this.pageHeight - baseline, text, colour, wordSpacing, ...(glyphs && { glyphs }), ...this.tag });
  }

  fill(x: number, top: number, width: number, height: number, colour: Rgb): void {
    if (width > 0 && height > 0) this.ops.push({ op: 'fill', x, y: this.pageHeight - top - height, width, height, colour, ...this.tag });
  }

  line(x1: number, top1: number, x2: number, top2: number, colour: Rgb, width: number): void {
    this.ops.push({ op: 'line', x1, y1: this.pageHeight - top1, x2, y2: this.pageHeight - top2, colour, width, ...this.tag });
  }

  /** A rectangle's outline. */
  frame(x: number, top: number, width: number, height: number, colour: Rgb, lineWidth: number): void {
    const bottom = top + height;
    this.line(x, top, x + width, top, colour, lineWidth);
    this.line(x + width, top, x + width, bottom, colour, lineWidth);
    this.line(x + width, bottom, x, bottom, colour, lineWidth);
    this.line(x, bottom, x, top, colour, lineWidth);
  }

  image(image: ImageSource, x: number, top: number, width: number, height: number): void {
    this.ops.push({ op: 'image', image, x, y: this.pageHeight - top - height, width, height, ...this.tag });
  }

  link(x: number, top: number, width: number, height: number, target: LinkTarget): void {
    const element = this.current instanceof StructElement && this.current.type === 'Link' ? { element: this.current } : {};
    this.links.push({ x, y: this.pageHeight - top - height, width, height, target, ...element });
  }
}
