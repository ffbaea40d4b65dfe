/**
 * The whole document as one stream of flow items: the body; then the endnotes it called, in a
 * section of their own; then, in a redline, the headers and footers that changed (the PDF has
 * its own running heads, so the document's are shown there rather than on every page).
 * Footnotes are not in the stream: the body's lines carry them to the foot of their pages.
 */
import { paragraph, textRun } from '../../model/build.js';
import { isUnchangedBlock, type Redline, type RedlineStory } from '../../model/redline.js';
import { unchangedBlocks } from '../../model/unchanged-redline.js';
import { blockFlow } from './block-flow.js';
import type { FlowItem } from './flow.js';
import { BODY_STORY, type FlowContext, type StoryContext } from './flow-context.js';
import { StructElement } from './structure.js';

/** Notes are set smaller than the body. */
export const NOTE_SIZE = 9;

export function* documentFlow(redline: Redline, width: number, ctx: FlowContext): Generator<FlowItem, void, undefined> {
  yield* blockFlow(redline.body, width, ctx, BODY_STORY);
  const endnotes = ctx.notes.endnotes;
  if (endnotes.length > 0) {
    yield* sectionHeading('Endnotes', 1, width, ctx);
    // Indexed: an endnote may call another, which then joins the list.
    for (let i = 0; i < endnotes.length; i++) {
      const endnote = endnotes[i] as (typeof endnotes)[number];
      const story: StoryContext = { part: 'endnote', baseSize: NOTE_SIZE, noteLabel: endnote.label, parent: new StructElement('Note', ctx.structure) };
      yield* blockFlow(endnote.note.blocks, width, ctx, story);
    }
  }
  if (!ctx.palette) return;
  const changed = redline.stories.filter((story) => !story.blocks.every(isUnchangedBlock));
  if (changed.length === 0) return;
  yield* sectionHeading('Headers and footers', 1, width, ctx);
  for (const story of changed) {
    yield* sectionHeading(storyTitle(story), 2, width, ctx);
    yield* blockFlow(story.blocks, width, ctx, BODY_STORY);
  }
}

function storyTitle(story: RedlineStory): string {
  const kind = story.kind === 'header' ? 'Header' : 'Footer';
  return story.variant === 'default' ? kind : `${kind} (${story.variant} page)`;
}

function sectionHeading(text: string, level: number, width: number, ctx: FlowContext): Generator<FlowItem, void, undefined> {
  const heading = paragraph([textRun(text)], { headingLevel: level, layout: { spaceBefore: 18, spaceAfter: 6, keepWithNext: true } });
  return blockFlow(unchangedBlocks([heading]), width, ctx, BODY_STORY);
}
