/**
 * A redline paragraph's pieces as inline items: text in its style and change mark, split among
 * faces where the serif lacks a character; tabs and breaks; note references as superscript
 * numbers; pictures as image boxes and other objects as labelled boxes; a changed paragraph mark
 * as a marked pilcrow. Text boxes are returned apart, to be drawn after the paragraph.
 */

import { paragraph, textRun } from '../../model/build.js';
import type { Atom, Inline, RunFormat } from '../../model/document.js';
import { linkTargetOf } from '../../model/link-target.js';
import type { PieceStatus, RedlineBlock, RedlineParagraph, RedlinePiece } from '../../model/redline.js';
import { citation, moveEnds } from '../change-citation.js';
import type { MarkStyle } from './change-palette.js';
import type { CjkRegion } from './cjk-fonts.js';
import { drawableText } from './drawable-text.js';
import type { MoveEnd } from './flow.js';
import type { FlowContext, StoryContext } from './flow-context.js';
import type { FontLibrary } from './fonts.js';
import type { BoxItem, Footnote, InlineItem } from './inline-items.js';
import { StructElement } from './structure.js';
import { type BaseStyle, styledText, type TextStyle, textStyle } from './text-style.js';
import { uniformBlocks } from './uniform-blocks.js';

export interface ParagraphContent {
  readonly items: readonly InlineItem[];
  /** The stories of the paragraph's text boxes, drawn after it. */
  readonly textBoxes: readonly (readonly RedlineBlock[])[];
}

/** Drawn before moved text (U+21C4, rightwards arrow over leftwards arrow). */
export const MOVE_MARKER = '\u21c4';

/** Pictures are scaled down to the column and to most of a page. */
const MAX_IMAGE_HEIGHT = 600;

const PLACEHOLDERS: Partial<Record<Atom['kind'], string>> = {
  math: '[equation]',
  drawing: '[drawing]',
  object: '[object]',
  image: '[image]',
};

export function isOldSide(status: PieceStatus): boolean {
  return status === 'deleted' || status === 'moved-from';
}

function pieceMark(piece: RedlinePiece, ctx: FlowContext): MarkStyle | undefined {
  if (!ctx.palette) return undefined;
  if (piece.status !== 'equal') return ctx.palette.mark(piece.status, piece.changeId);
  return piece.previousFormat ? ctx.palette.formatMark(piece.changeId) : undefined;
}

/**
 * `element` is the structure element the paragraph's text is content of (P, H1…, LBody); changed
 * pieces become `Span` elements under it whose replacement text says the change ("Inserted by
 * MP201: …"), links `Link` elements, pictures `Figure` elements, footnotes `Note` elements.
 */
export function paragraphContent(block: RedlineParagraph, base: BaseStyle, maxWidth: number, ctx: FlowContext, story: StoryContext, region: CjkRegion, element: StructElement): ParagraphContent {
  const builder = new ContentBuilder(base, maxWidth, ctx, story, region, element);
  for (const piece of block.pieces) builder.piece(piece);
  if (ctx.palette && (block.mark === 'inserted' || block.mark === 'deleted')) {
    const style = textStyle({}, base, { ownColours: false, mark: ctx.palette.mark(block.mark, block.markChangeId) });
    const mark = new StructElement('Span', element, { alt: `${block.mark === 'inserted' ? 'Paragraph break inserted' : 'Paragraph break deleted'}${changeSources(ctx, block.markChangeId)}` });
    builder.text('¶', style, block.markChangeId, undefined, mark);
  }
  return { items: builder.items, textBoxes: builder.textBoxes };
}

class ContentBuilder {
  readonly items: InlineItem[] = [];
  readonly textBoxes: (readonly RedlineBlock[])[] = [];
  /** Move ends whose marker is drawn. */
  private readonly marked = new Set<string>();
  private readonly base: BaseStyle;
  private readonly maxWidth: number;
  private readonly ctx: FlowContext;
  private readonly story: StoryContext;
  private readonly region: CjkRegion;
  private readonly element: StructElement;
  /** The change span the last pieces went into, while the next ones belong to the same change. */
  private span: { readonly key: string; readonly element: StructElement } | undefined;

  constructor(base: BaseStyle, maxWidth: number, ctx: FlowContext, story: StoryContext, region: CjkRegion, element: StructElement) {
    this.base = base;
    this.maxWidth = maxWidth;
    this.ctx = ctx;
    this.story = story;
    this.region = region;
    this.element = element;
  }

  /** The element a piece's content goes in: its change's span, a link inside it, or the paragraph. */
  private tagOf(piece: RedlinePiece, text: string, link: string | undefined): StructElement {
    let host = this.element;
    const changed = this.ctx.palette !== undefined && (piece.status !== 'equal' || piece.previousFormat !== undefined);
    if (changed) {
      const key = `${piece.status}\u0000${piece.changeId ?? ''}`;
      if (this.span?.key !== key) {
        const span = new StructElement('Span', this.element);
        span.altPrefix = describeChange(this.ctx, piece);
        this.span = { key, element: span };
      }
      this.span.element.altText += text;
      host = this.span.element;
    } else {
      this.span = undefined;
    }
    return link === undefined ? host : new StructElement('Link', host);
  }

  piece(piece: RedlinePiece): void {
    const inline = piece.inline;
    if (inline.type === 'marker') return;
    const mark = pieceMark(piece, this.ctx);
    const link = linkTarget(inline);
    const style = textStyle(inline.format, this.base, {
      ownColours: !this.ctx.palette,
      ...(mark && { mark }),
      ...(link !== undefined && { link }),
      ...(this.story.background && { background: this.story.background }),
    });
    const changeId = this.ctx.palette ? piece.changeId : undefined;
    const moveEnd = changeId === undefined ? undefined : piece.status === 'moved-from' ? 'from' : piece.status === 'moved-to' ? 'to' : undefined;
    if (moveEnd !== undefined && mark) this.moveMarker(`${changeId}:${moveEnd}`, mark, changeId);
    const first = this.items.length;
    if (inline.type === 'text') {
      const text = drawableText(styledText(inline.text, inline.format));
      this.text(text, style, changeId, undefined, this.tagOf(piece, text, link));
    } else {
      this.atom(inline, piece, style, changeId, this.tagOf(piece, inline.text, link));
    }
    if (moveEnd !== undefined) for (let k = first; k < this.items.length; k++) this.items[k] = withMoveEnd(this.items[k] as InlineItem, moveEnd);
  }

  /**
   * The move marker before the first moved text of each end of a move in the paragraph: moved
   * text reads apart from inserted text even when both take a source's colour.
   */
  private moveMarker(key: string, mark: MarkStyle, changeId: string | undefined): void {
    if (this.marked.has(key)) return;
    this.marked.add(key);
    const style = textStyle({ vertAlign: 'superscript' }, this.base, { ownColours: false, mark: { ...mark, underline: 0, strike: 0 } });
    this.text(`${MOVE_MARKER}\u2009`, style, changeId);
  }

  text(text: string, style: TextStyle, changeId: string | undefined, footnote?: Footnote, tag?: StructElement): void {
    let first = true;
    for (const run of this.ctx.fonts.runs(text, style.variant, 'serif', this.region)) {
      this.items.push({
        kind: 'text',
        text: run.text,
        face: run.face,
        style,
        ...(changeId !== undefined && { changeId }),
        ...(first && footnote && { footnote }),
        ...(tag && tag !== this.element && { tag }),
      });
      first = false;
    }
  }

  private atom(atom: Atom, piece: RedlinePiece, style: TextStyle, changeId: string | undefined, tag: StructElement): void {
    const id = changeId === undefined ? {} : { changeId };
    switch (atom.kind) {
      case 'tab':
        this.items.push({ kind: 'tab', style, ...id });
        return;
      case 'break':
      case 'column-break':
        this.items.push({ kind: 'break', page: false, ...id });
        return;
      case 'page-break':
        this.items.push({ kind: 'break', page: true, ...id });
        return;
      case 'symbol':
      case 'simple-field':
      case 'other':
        this.text(drawableText(styledText(atom.text, atom.format)), style, changeId, undefined, tag);
        return;
      case 'note-reference': {
        const call = this.ctx.notes.call(atom, isOldSide(piece.status) ? 'old' : 'new', tag);
        this.text(call.label, superscript(atom.format, this.base, style), changeId, call.footnote, tag);
        return;
      }
      case 'note-mark':
        if (this.story.noteLabel !== undefined) this.text(this.story.noteLabel, superscript(atom.format, this.base, style), changeId, undefined, tag);
        return;
      case 'image':
        this.items.push({ ...this.imageBox(atom, piece, style, changeId), tag: new StructElement('Figure', tag, { alt: pictureDescription(atom.xml) }) });
        return;
      case 'textbox':
        for (const content of piece.stories ?? atom.stories?.map((blocks) => uniformBlocks(blocks, { status: piece.status, ...id })) ?? []) this.textBoxes.push(content);
        return;
      case 'drawing':
      case 'math':
      case 'object': {
        // A SmartArt diagram's text is in its data part: shown as the diagram's content, like a text box's.
        const diagram = atom.kind === 'drawing' ? this.ctx.images.diagramText(atom, isOldSide(piece.status) ? 'old' : 'new', this.story.part) : [];
        if (diagram.length > 0) {
          this.items.push({ ...this.labelBox('[diagram]', style, changeId), tag: new StructElement('Figure', tag, { alt: `Diagram: ${diagram.join('; ')}` }) });
          this.textBoxes.push(
            uniformBlocks(
              diagram.map((text) => paragraph([textRun(text)], { layout: { spaceAfter: 2 } })),
              { status: piece.status, ...id },
            ),
          );
          return;
        }
        const label = PLACEHOLDERS[atom.kind] ?? '[object]';
        this.ctx.diagnostics?.info('pdf/object-as-label', `an object (${atom.kind}) is drawn as a labelled box: the PDF does not typeset it`);
        this.items.push({ ...this.labelBox(label, style, changeId), tag: new StructElement('Figure', tag, { alt: pictureDescription(atom.xml) ?? label }) });
        return;
      }
      case 'field-char':
      case 'field-code':
      case 'content-control':
        return;
    }
  }

  private imageBox(atom: Atom, piece: RedlinePiece, style: TextStyle, changeId: string | undefined): BoxItem {
    const box = this.ctx.images.resolve(atom, isOldSide(piece.status) ? 'old' : 'new', this.story.part);
    if (!box.source) {
      this.ctx.diagnostics?.info('pdf/picture-as-label', 'a picture the PDF cannot embed (EMF, WMF, GIF, SVG, or in a header, footer or text box) is drawn as a labelled box');
      return this.labelBox(PLACEHOLDERS.image ?? '[image]', style, changeId);
    }
    const scale = Math.min(1, this.maxWidth / box.width, MAX_IMAGE_HEIGHT / box.height);
    return { kind: 'box', width: box.width * scale, height: box.height * scale, style, image: box.source, ...(changeId !== undefined && { changeId }) };
  }

  private labelBox(text: string, style: TextStyle, changeId: string | undefined): BoxItem {
    return labelBox(this.ctx.fonts, text, style, changeId);
  }
}

/** A small framed box with a label, standing for an object we do not draw (`[equation]`). */
export function labelBox(fonts: FontLibrary, text: string, style: TextStyle, changeId: string | undefined): BoxItem {
  const face = fonts.face('sans', 'regular');
  const size = style.size * 0.75;
  return { kind: 'box', width: face.width(text, size) + 6, height: style.size * 1.05, style, label: { text, face, size }, ...(changeId !== undefined && { changeId }) };
}

function withMoveEnd(item: InlineItem, moveEnd: MoveEnd): InlineItem {
  return item.kind === 'text' || item.kind === 'box' ? { ...item, moveEnd } : item;
}

/** A picture's own description (`descr`, else `title`, of its `wp:docPr` or VML shape). */
function pictureDescription(xml: string): string | undefined {
  const attribute = /<(?:wp:docPr|v:shape)\b[^>]*?\b(?:descr|alt|title)="([^"]+)"/.exec(xml)?.[1];
  return attribute === undefined
    ? undefined
    : attribute
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&');
}

/** " by MP201 and BEIS" (or "" without sources), for a change's replacement text. */
function changeSources(ctx: FlowContext, changeId: string | undefined): string {
  const labels = ctx.palette && changeId !== undefined ? ctx.palette.sourceLabels([changeId]) : [];
  return labels.length === 0 ? '' : ` by ${labels.join(' and ')}`;
}

/** What a screen reader says before a changed piece: "Inserted by MP201", "Moved here from G1.31". */
function describeChange(ctx: FlowContext, piece: RedlinePiece): string {
  const change = ctx.palette?.change(piece.changeId);
  const by = changeSources(ctx, piece.changeId);
  switch (piece.status) {
    case 'inserted':
      return `Inserted${by}`;
    case 'deleted':
      return `Deleted${by}`;
    case 'moved-to':
      return `Moved here${change === undefined ? '' : ` from ${citation(moveEnds(change).from)}`}${by}`;
    case 'moved-from':
      return `Moved away${change === undefined ? '' : ` to ${citation(moveEnds(change).to)}`}${by}`;
    case 'equal':
      return `Formatting changed${by}`;
  }
}

function superscript(format: RunFormat, base: BaseStyle, style: TextStyle): TextStyle {
  const raised = textStyle({ ...format, vertAlign: 'superscript' }, base, { ownColours: false });
  return { ...style, size: raised.size, rise: raised.rise };
}

/** External hyperlinks become link annotations; anchors inside the document do not. */
function linkTarget(inline: Exclude<Inline, { type: 'marker' }>): string | undefined {
  const target = linkTargetOf(inline.wrapper);
  return target !== undefined && /^(https?:|mailto:)/i.test(target) ? target : undefined;
}
