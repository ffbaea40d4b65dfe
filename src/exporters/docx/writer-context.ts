/**
 * What the DOCX writers share: revision ids and authors, the old package's resources, and the
 * output ids of notes carried over from the old version.
 */
import type { Diagnostics } from '../../diagnostics/diagnostic.js';
import { escapeXml } from '../../ooxml/xml.js';
import type { OldResources } from './old-resources.js';

/** Rewrites old-version XML for the part being written. */
export function remapOld(xml: string, ctx: WriterContext): string {
  return ctx.old.remap(xml, ctx.oldPart, ctx.outputPart);
}

export type RevisionElement = 'w:ins' | 'w:del' | 'w:moveFrom' | 'w:moveTo' | 'w:rPrChange' | 'w:pPrChange';

/** Allocates `w:id`s in document order and writes revision attributes. */
export class RevisionStamp {
  private next = 1;
  private readonly date: string | undefined;

  constructor(date: string | undefined) {
    this.date = date;
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

export interface WriterContext {
  readonly stamp: RevisionStamp;
  /** The author of a change (its source, or the default author). */
  readonly authorOf: (changeId: string | undefined) => string;
  readonly old: OldResources;
  /** The old package's part that deleted content being written came from (for relationship ids). */
  readonly oldPart: string;
  /** The output part being written. */
  readonly outputPart: string;
  /** `footnote:3` (old id) → the id the old note has in the output. */
  readonly oldNoteIds: ReadonlyMap<string, string>;
  readonly diagnostics: Diagnostics;
}
