/**
 * What the DOCX writers share: revision ids and authors, the old package's resources, and the
 * output ids of notes carried over from the old version.
 */
import type { Diagnostics } from '../../diagnostics/diagnostic.js';
import { forEachParagraph, type RedlineBlock, type RedlineParagraph } from '../../model/redline.js';
import type { ResourceImporter } from '../../ooxml/resource-importer.js';
import { escapeXml } from '../../ooxml/xml.js';
import type { CarriedRanges } from './carried-ranges.js';
import type { CommentCollector, CommentNote } from './comments.js';

/** Rewrites old-version XML for the part being written. */
export function remapOld(xml: string, ctx: WriterContext): string {
  return ctx.old.remap(xml, ctx.oldPart, ctx.outputPart);
}

/**
 * The start of a wrapper of the old version that the new one does not have around this content
 * (a control deleted with its text): its content control id, if the new version uses it for
 * another control, is left out (Word gives it a new one), so that no id stands twice.
 */
export function oldWrapperOpen(open: string, ctx: WriterContext): string {
  const remapped = remapOld(open, ctx);
  return remapped.replace(/<w:sdtPr>([\s\S]*?)<w:id w:val="([^"]*)"\/>/, (whole, before: string, id: string) => (ctx.controlIds.has(id) ? `<w:sdtPr>${before}` : whole));
}

export type RevisionElement = 'w:ins' | 'w:del' | 'w:moveFrom' | 'w:moveTo' | 'w:rPrChange' | 'w:pPrChange';

/**
 * Allocates `w:id`s in document order and writes revision attributes. Ids start past the largest
 * revision id the new version's package still holds (in a comments part, a section's change
 * record), so that no two revisions share one.
 */
export class RevisionStamp {
  private next: number;
  private readonly date: string | undefined;

  constructor(date: string | undefined, firstId = 1) {
    this.date = date;
    this.next = firstId;
  }

  /** ` w:id="…" w:author="…"[ w:date="…"]` for a new revision element. */
  attributes(author: string): string {
    const id = this.next++;
    return ` w:id="${id}" w:author="${escapeXml(author)}"${this.date === undefined ? '' : ` w:date="${escapeXml(this.date)}"`}`;
  }

  /** A fresh id for other annotations that share the revision id space (move ranges). */
  id(): number {
    return this.next++;
  }
}

/**
 * Move ranges (`w:moveFromRangeStart`/`End`, `w:moveToRangeStart`/`End`, ECMA-376 §17.13.5.23-28):
 * a move's source range opens in its first paragraph and closes at the end of its last one; the
 * destination likewise; both carry the move's name.
 */
export class MoveRanges {
  private readonly last = new Map<string, RedlineParagraph>();
  private readonly open = new Map<string, number>();

  constructor(blocks: readonly RedlineBlock[]) {
    this.scan(blocks);
  }

  private scan(blocks: readonly RedlineBlock[]): void {
    forEachParagraph(blocks, (paragraph) => {
      for (const key of moveKeys(paragraph)) this.last.set(key, paragraph);
      for (const piece of paragraph.pieces) for (const story of piece.stories ?? []) this.scan(story);
    });
  }

  /** Range starts to write at the beginning of a paragraph's content. */
  starts(block: RedlineParagraph, stamp: RevisionStamp, author: (name: string) => string): string {
    let out = '';
    for (const key of moveKeys(block)) {
      if (this.open.has(key)) continue;
      const id = stamp.id();
      this.open.set(key, id);
      const [name, side] = key.split('\u0000') as [string, 'from' | 'to'];
      out += `<w:move${side === 'from' ? 'From' : 'To'}RangeStart w:id="${id}" w:author="${escapeXml(author(name))}" w:name="${escapeXml(name)}"/>`;
    }
    return out;
  }

  /** Range ends to write after a paragraph's content. */
  ends(block: RedlineParagraph): string {
    let out = '';
    for (const key of moveKeys(block)) {
      const id = this.open.get(key);
      if (id === undefined || this.last.get(key) !== block) continue;
      const side = key.endsWith('\u0000from') ? 'From' : 'To';
      out += `<w:move${side}RangeEnd w:id="${id}"/>`;
    }
    return out;
  }
}

function moveKeys(block: RedlineParagraph): string[] {
  const keys = new Set<string>();
  const add = (name: string | undefined, status: string): void => {
    if (name !== undefined && (status === 'moved-from' || status === 'moved-to')) keys.add(`${name}\u0000${status === 'moved-from' ? 'from' : 'to'}`);
  };
  add(block.moveName, block.mark);
  for (const piece of block.pieces) add(piece.moveName, piece.status);
  return [...keys];
}

export interface WriterContext {
  readonly stamp: RevisionStamp;
  /** The author of a change (its source, or the default author). */
  readonly authorOf: (changeId: string | undefined) => string;
  readonly old: ResourceImporter;
  /** The old package's part that deleted content being written came from (for relationship ids). */
  readonly oldPart: string;
  /** The output part being written. */
  readonly outputPart: string;
  /** `footnote:3` (old id) → the id the old note has in the output. */
  readonly oldNoteIds: ReadonlyMap<string, string>;
  readonly diagnostics: Diagnostics;
  readonly moves: MoveRanges;
  /** Ids in the output for ranges of the old version carried into deletions. */
  readonly ranges: CarriedRanges;
  /** The content control ids (`w:sdtPr/w:id`) the new version uses. */
  readonly controlIds: ReadonlySet<string>;
  /** With attribution: the comments naming each change's source. */
  readonly comments?: { readonly collector: CommentCollector; readonly noteFor: (changeId: string) => CommentNote | undefined };
}
