/**
 * State shared by one comparison: the options, a cache of tokenised paragraphs and the note
 * references met on the way (their notes are compared once the body is done).
 */
import type { NoteKind, Paragraph } from '../model/document.js';
import { hashString } from '../util/hash.js';
import type { ResolvedDiffOptions } from './options.js';
import { wordBag, type WordBag } from './similarity.js';
import { tokenizeParagraph, type TokenizedParagraph } from './tokenize.js';

/** A note reference in the redline: paired (both ids), inserted (new only) or deleted (old only). */
export interface NoteLink {
  readonly kind: NoteKind;
  readonly oldId?: string;
  readonly newId?: string;
}

export interface ParagraphInfo {
  readonly tokenized: TokenizedParagraph;
  readonly signature: string;
  readonly bag: WordBag;
}

export class DiffContext {
  readonly options: ResolvedDiffOptions;
  readonly noteLinks: NoteLink[] = [];
  private readonly paragraphs = new WeakMap<Paragraph, ParagraphInfo>();

  constructor(options: ResolvedDiffOptions) {
    this.options = options;
  }

  paragraph(paragraph: Paragraph): ParagraphInfo {
    let info = this.paragraphs.get(paragraph);
    if (!info) {
      const tokenized = tokenizeParagraph(paragraph, this.options);
      const signature = `p:${hashString(tokenized.tokens.map((t) => t.key).join('\u0001'))}`;
      info = { tokenized, signature, bag: wordBag(tokenized.tokens) };
      this.paragraphs.set(paragraph, info);
    }
    return info;
  }

  recordNote(link: NoteLink): void {
    this.noteLinks.push(link);
  }
}
