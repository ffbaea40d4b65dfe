/**
 * Headers and footers of the redline: each part of the new version whose story changed is
 * rewritten with its tracked changes, and so is each part whose content was read from tracked
 * changes of its own (written as the view that was read, not with the package's revisions); the
 * others are left as they were.
 */
import type { DocxSource } from '../../model/document.js';
import type { RedlineStory } from '../../model/redline.js';
import type { PackageBuilder } from '../../ooxml/package-builder.js';
import { parseXml, startTagOf } from '../../ooxml/xml.js';
import { verbatimXml, writeBlocks } from './block-writer.js';
import { MoveRanges, type WriterContext } from './writer-context.js';

export function writeStories(stories: readonly RedlineStory[], out: PackageBuilder, base: WriterContext, oldSource: DocxSource | undefined): void {
  for (const story of stories) {
    // A story kept whole when every block of it would be written back as it was.
    if (story.blocks.every((block) => verbatimXml(block) !== undefined)) continue;
    const text = out.text(story.part);
    if (text === undefined) continue;
    const doc = parseXml(text, story.part);
    const open = startTagOf(doc, doc.root);
    const close = `</${doc.root.name}>`;
    // Comments belong to the main story (they cannot anchor in headers and footers).
    const { comments: _comments, ...rest } = base;
    const ctx: WriterContext = { ...rest, oldPart: story.oldPart ?? oldSource?.mainPart ?? base.oldPart, outputPart: story.part, moves: new MoveRanges(story.blocks) };
    const start = text.indexOf(open, doc.root.start);
    out.setText(story.part, text.slice(0, start) + open + writeBlocks(story.blocks, ctx) + close);
  }
}
