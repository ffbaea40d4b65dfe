/**
 * A paragraph as flow items, one per line: indents and spacing from its layout (in points), the
 * clause label at the first line's indent with the text from the hanging indent (or the next tab
 * stop after the label), heading levels drawn larger and bold, and the stories of its text boxes
 * indented after it. In a redline the label shows renumbering (old label struck through, new one
 * underlined, in grey and without a change bar: the clause itself did not change) and takes the
 * mark of a paragraph inserted or deleted as a whole.
 */

import type { Paragraph } from '../../model/document.js';
import { displayText } from '../../model/inline-text.js';
import type { RedlineParagraph } from '../../model/redline.js';
import { autoDirection } from './bidi.js';
import { blockFlow } from './block-flow.js';
import type { Canvas } from './canvas.js';
import type { MarkStyle } from './change-palette.js';
import { cjkRegionOf } from './cjk-fonts.js';
import { GREY, LIGHT_GREY } from './colour.js';
import { drawableText } from './drawable-text.js';
import { type FlowItem, type HeadingEntry, indented } from './flow.js';
import type { FlowContext, StoryContext } from './flow-context.js';
import { ASCENT, DESCENT } from './fonts.js';
import { breakLines, type LineSlot, type PlacedText } from './line-breaker.js';
import { LineItem } from './line-item.js';
import { moveNoteLine } from './move-notes.js';
import { isOldSide, paragraphContent } from './paragraph-content.js';
import { headingType, StructElement } from './structure.js';
import { type BaseStyle, type TextStyle, textStyle } from './text-style.js';

/** Sizes of headings that set none, by level. */
const HEADING_SIZES: readonly number[] = [16, 14, 12.5, 12, 11.5, 11.5, 11, 11, 11];
const TITLE_SIZE = 20;
/** The narrowest line we lay out; indents that leave less are ignored. */
const MIN_LINE_WIDTH = 36;
const LABEL_GAP = 5;
const TEXT_BOX_INDENT = 18;

export function paragraphFlow(block: RedlineParagraph, width: number, ctx: FlowContext, story: StoryContext): FlowItem[] {
  const paragraph = block.paragraph;
  const layout = paragraph.layout;
  const base = baseStyle(paragraph, story);
  const text = paragraphText(block);
  const direction = layout.rightToLeft === undefined ? autoDirection(text) : layout.rightToLeft ? 'rtl' : 'ltr';
  const region = /[\u3040-\u30ff\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/.test(text) ? cjkRegionOf(text) : ctx.cjkRegion;
  const tags = paragraphElements(block, ctx, story);
  const content = paragraphContent(block, base, width, ctx, story, region, tags.content);
  const label = clauseLabel(block, base, ctx);

  let indentLeft = clamp(layout.indentLeft ?? 0, 0, width - MIN_LINE_WIDTH);
  let indentRight = clamp(layout.indentRight ?? 0, 0, width - indentLeft - MIN_LINE_WIDTH);
  if (width - indentLeft - indentRight < MIN_LINE_WIDTH) indentLeft = indentRight = 0;
  const firstStart = clamp(indentLeft + (layout.indentFirstLine ?? 0), 0, width - indentRight - MIN_LINE_WIDTH);
  let textStart = firstStart;
  let labelPieces: PlacedText[] = [];
  if (label) {
    labelPieces = label.pieces.map((piece) => ({ ...piece, x: piece.x + firstStart }));
    // The text starts at the hanging indent, or just after a label too wide for it (DejaVu is
    // wider than the fonts documents are usually set in; a jump to the next tab stop would leave
    // a gap wider than the label itself).
    const labelEnd = firstStart + label.width + LABEL_GAP;
    textStart = Math.min(Math.max(indentLeft, labelEnd), width - indentRight - MIN_LINE_WIDTH);
  }
  const slotOf = (line: number): LineSlot => {
    const left = line === 0 ? textStart : indentLeft;
    return { left, width: Math.max(MIN_LINE_WIDTH, width - indentRight - left) };
  };
  const lines = breakLines(content.items, slotOf, { ascent: base.size * base.scale * ASCENT, descent: base.size * base.scale * DESCENT });

  const heading = headingEntry(block, label?.text);
  const keepWithNext = layout.keepWithNext === true || paragraph.headingLevel !== undefined;
  const markChangeIds = ctx.palette && block.mark !== 'equal' && block.markChangeId !== undefined ? [block.markChangeId] : [];
  // A paragraph that starts an end of a move is announced by a line that names the other end.
  const note = story.inTable ? undefined : moveNoteLine(block, ctx, firstStart, layout.spaceBefore ?? 0, layout.pageBreakBefore === true);
  const items: FlowItem[] = lines.map((line, i) => {
    const first = i === 0;
    const last = i === lines.length - 1;
    return new LineItem(line, {
      align: layout.align ?? 'left',
      ...(first && labelPieces.length > 0 && { label: labelPieces }),
      spaceBefore: first && !note ? (layout.spaceBefore ?? 0) : 0,
      spaceAfter: last ? (layout.spaceAfter ?? 0) : 0,
      keepWithNext,
      pageBreakBefore: first && !note && layout.pageBreakBefore === true,
      ...(first && heading && { heading }),
      extraChangeIds: [...(first ? (label?.changeIds ?? []) : []), ...(last ? markChangeIds : [])],
      ...(first && label && label.quietChangeIds.length > 0 && { quietChangeIds: label.quietChangeIds }),
      direction,
      columnWidth: width,
      element: tags.content,
      ...(tags.label && { labelElement: tags.label }),
    });
  });
  if (note) items.unshift(note);
  for (const textBox of content.textBoxes) {
    for (const item of blockFlow(textBox, width - TEXT_BOX_INDENT, ctx, { ...story, parent: tags.content })) items.push(indented(item, TEXT_BOX_INDENT, textBoxRule));
  }
  return items;
}

/**
 * The paragraph's place in the structure tree: a heading `H1`-`H6`; a numbered paragraph an item
 * of a list (its label the `Lbl`, its text the `LBody`); any other a `P`.
 */
function paragraphElements(block: RedlineParagraph, ctx: FlowContext, story: StoryContext): { content: StructElement; label?: StructElement } {
  const parent = story.parent ?? ctx.structure;
  const paragraph = block.paragraph;
  if (paragraph.headingLevel !== undefined) {
    ctx.lists.end(parent);
    return { content: new StructElement(headingType(paragraph.headingLevel), parent) };
  }
  const numbering = paragraph.numbering;
  if (numbering && numbering.label !== '') {
    const item = ctx.lists.item(parent, numbering.level);
    return { content: item.body, label: item.label };
  }
  ctx.lists.end(parent);
  return { content: new StructElement('P', parent) };
}

/** The paragraph's text, old and new, for its direction and script. */
function paragraphText(block: RedlineParagraph): string {
  let text = '';
  for (const piece of block.pieces) if (piece.inline.type === 'text') text += piece.inline.text;
  return text;
}

/** A grey rule beside a text box's content. */
function textBoxRule(canvas: Canvas, left: number, top: number, height: number): void {
  canvas.fill(left + TEXT_BOX_INDENT / 2 - 1, top, 2, height, LIGHT_GREY);
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, Math.max(min, max)));
}

function baseStyle(paragraph: Paragraph, story: StoryContext): BaseStyle {
  const scale = story.scale ?? 1;
  if (paragraph.headingLevel !== undefined) return { size: HEADING_SIZES[paragraph.headingLevel - 1] ?? story.baseSize, bold: true, scale };
  if (paragraph.styleId === 'Title' || paragraph.styleName === 'Title') return { size: TITLE_SIZE, bold: true, scale };
  return { size: story.baseSize, bold: false, scale };
}

interface ClauseLabel {
  readonly text: string;
  readonly pieces: PlacedText[];
  readonly width: number;
  readonly changeIds: string[];
  /** A renumbering: placed, but no change bar. */
  readonly quietChangeIds: string[];
}

/** A renumbered label is drawn lighter than a change: the clause's number followed from others. */
const RENUMBERED = { colour: GREY, underline: 1, strike: 0 } as const;

/**
 * The label Word computes for the paragraph, in the style of the paragraph's first run. A
 * renumbered clause shows its old label struck through before the new one.
 */
function clauseLabel(block: RedlineParagraph, base: BaseStyle, ctx: FlowContext): ClauseLabel | undefined {
  const label = block.paragraph.numbering?.label;
  if (label === undefined || label === '') return undefined;
  const firstRun = block.paragraph.inlines.find((inline) => inline.type === 'text');
  const format = firstRun?.type === 'text' ? { bold: firstRun.format.bold, italic: firstRun.format.italic, size: firstRun.format.size } : {};
  const plain = textStyle(format, base, { ownColours: !ctx.palette });
  const parts: { text: string; style: TextStyle; changeId?: string }[] = [];
  const palette = ctx.palette;
  const renumberId = palette ? block.labelChangeId : undefined;
  const oldLabel = block.previous?.numbering?.label;
  const whole = palette ? wholeParagraphMark(block, palette.mark.bind(palette)) : undefined;
  if (palette && renumberId !== undefined && oldLabel !== undefined) {
    parts.push({ text: oldLabel, style: textStyle(format, base, { ownColours: false, mark: { ...RENUMBERED, underline: 0, strike: 1 } }), changeId: renumberId });
    parts.push({ text: ' ', style: plain });
    parts.push({ text: label, style: textStyle(format, base, { ownColours: false, mark: RENUMBERED }), changeId: renumberId });
  } else if (whole) {
    parts.push({ text: label, style: textStyle(format, base, { ownColours: false, mark: whole.mark }), ...(whole.changeId !== undefined && { changeId: whole.changeId }) });
  } else {
    parts.push({ text: label, style: plain });
  }
  const pieces: PlacedText[] = [];
  let x = 0;
  for (const part of parts) {
    for (const run of ctx.fonts.runs(drawableText(part.text), part.style.variant)) {
      const width = run.face.width(run.text, part.style.size);
      pieces.push({
        kind: 'text',
        item: { kind: 'text', text: run.text, face: run.face, style: part.style, ...(part.changeId !== undefined && { changeId: part.changeId }) },
        text: run.text,
        x,
        width,
        spaces: 0,
      });
      x += width;
    }
  }
  const ids = [...new Set(parts.flatMap((part) => (part.changeId === undefined ? [] : [part.changeId])))];
  return { text: label, pieces, width: x, changeIds: ids.filter((id) => id !== renumberId), quietChangeIds: ids.filter((id) => id === renumberId) };
}

/**
 * A paragraph inserted, deleted or moved as a whole gives its label the same mark (also one added
 * at the end of a run, whose own mark is unchanged: the mark before it is the inserted one).
 */
function wholeParagraphMark(
  block: RedlineParagraph,
  mark: (status: Exclude<RedlineParagraph['mark'], 'equal'>, changeId: string | undefined) => MarkStyle,
): { mark: MarkStyle; changeId?: string } | undefined {
  const content = block.pieces.filter((piece) => piece.inline.type !== 'marker');
  if (block.mark !== 'equal') {
    if (!content.every((piece) => piece.status !== 'equal')) return undefined;
    return { mark: mark(block.mark, block.markChangeId), ...(block.markChangeId !== undefined && { changeId: block.markChangeId }) };
  }
  const status = content[0]?.status;
  if (block.previous !== undefined || status === undefined || status === 'equal' || !content.every((piece) => piece.status === status)) return undefined;
  const changeId = content[0]?.changeId;
  return { mark: mark(status, changeId), ...(changeId !== undefined && { changeId }) };
}

/** A heading's outline entry: its label and the text it has in the new version. */
function headingEntry(block: RedlineParagraph, label: string | undefined): HeadingEntry | undefined {
  const level = block.paragraph.headingLevel;
  if (level === undefined) return undefined;
  const text = block.pieces
    .filter((piece) => !isOldSide(piece.status))
    .map((piece) => displayText(piece.inline))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '') return undefined;
  return { level, title: label === undefined ? text : `${label} ${text}` };
}
