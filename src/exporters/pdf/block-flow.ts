/**
 * Blocks as flow items: paragraphs line by line, tables row by row, and block-level objects we do
 * not model as a labelled box. A generator, so that a long document is laid out as it is
 * paginated and never held as one list of lines.
 */
import type { RedlineBlock, RedlineOpaque } from '../../model/redline.js';
import { assertNever } from '../../util/assert-never.js';
import type { FlowItem } from './flow.js';
import type { FlowContext, StoryContext } from './flow-context.js';
import { ASCENT, DESCENT } from './fonts.js';
import { breakLines } from './line-breaker.js';
import { LineItem } from './line-item.js';
import { labelBox } from './paragraph-content.js';
import { paragraphFlow } from './paragraph-flow.js';
import { StructElement } from './structure.js';
import { tableFlow } from './table-flow.js';
import { textStyle } from './text-style.js';

export function* blockFlow(blocks: readonly RedlineBlock[], width: number, ctx: FlowContext, story: StoryContext): Generator<FlowItem, void, undefined> {
  for (const block of blocks) {
    switch (block.type) {
      case 'paragraph':
        yield* paragraphFlow(block, width, ctx, story);
        break;
      case 'table':
        yield* tableFlow(block, width, ctx, story);
        break;
      case 'opaque':
        yield opaqueItem(block, width, ctx, story);
        break;
      default:
        assertNever(block, 'block');
    }
  }
}

function opaqueItem(block: RedlineOpaque, width: number, ctx: FlowContext, story: StoryContext): FlowItem {
  const base = { size: story.baseSize, bold: false, scale: story.scale ?? 1 };
  const mark = ctx.palette && block.status !== 'equal' ? ctx.palette.mark(block.status, block.changeId) : undefined;
  const style = textStyle({}, base, { ownColours: !ctx.palette, ...(mark && { mark }) });
  const box = {
    ...labelBox(ctx.fonts, '[object]', style, ctx.palette ? block.changeId : undefined),
    tag: new StructElement('Figure', story.parent ?? ctx.structure, { alt: block.block.text.trim() === '' ? 'An object' : block.block.text }),
  };
  const [line] = breakLines([box], () => ({ left: 0, width }), { ascent: base.size * base.scale * ASCENT, descent: base.size * base.scale * DESCENT });
  return new LineItem(line as NonNullable<typeof line>, { align: 'left', spaceBefore: 0, spaceAfter: 6, keepWithNext: false, pageBreakBefore: false });
}
