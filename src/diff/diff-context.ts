/**
 * State shared by one comparison: the options, caches of per-paragraph work (signature, tokens,
 * word bag, each computed only when needed) and the note references met on the way (their notes
 * are compared once the body is done).
 *
 * Most paragraphs of a new version are unchanged, so the cost of a comparison is kept in the few
 * that changed: an unchanged paragraph is only hashed, never tokenised.
 */
import type { StoryName } from '../model/change-set.js';
import type { NoteKind, Paragraph } from '../model/document.js';
import type { ResolvedDiffOptions } from './options.js';
import { bagOfHashes, type WordBag } from './similarity.js';
import { normaliseText, type PreparedParagraph, prepareParagraph, type TokenizedParagraph, tokenizeRange, wordKeyHashes } from './tokenize.js';

/** A note reference in the redline: paired (both ids), inserted (new only) or deleted (old only). */
export interface NoteLink {
  readonly kind: NoteKind;
  readonly oldId?: string;
  readonly newId?: string;
}

/** The internal bounds that keep every comparison near-linear; past one the result is coarser. */
export type DiffLimit = 'edit-length' | 'dp-cells' | 'similarity-pairs';

const LIMITS: Readonly<Record<DiffLimit, { readonly code: string; readonly message: string }>> = {
  'edit-length': { code: 'diff/edit-length-limit', message: 'a long changed stretch with too little in common to align within the edit-length bound is shown as one deletion and one insertion' },
  'dp-cells': {
    code: 'diff/dp-cell-limit',
    message: 'a large region of changed paragraphs or rows was paired greedily within a window instead of by the full search; some edits in it may show as deleted and inserted text',
  },
  'similarity-pairs': { code: 'diff/similarity-pair-limit', message: 'too many deleted and inserted paragraphs to weigh every pair for moves; only moves of identical text were found' },
};

export class DiffContext {
  readonly options: ResolvedDiffOptions;
  readonly noteLinks: NoteLink[] = [];
  /** The story being compared, for the location of what the comparison reports. */
  story: StoryName = 'body';
  // Plain maps, not weak ones: a context lives for one comparison, and weak maps cost the
  // garbage collector dearly at tens of thousands of entries.
  private readonly signatures = new Map<Paragraph, string>();
  private readonly tokens = new Map<Paragraph, TokenizedParagraph>();
  private readonly preparedParagraphs = new Map<Paragraph, PreparedParagraph>();
  private readonly bags = new Map<Paragraph, WordBag>();

  constructor(options: ResolvedDiffOptions) {
    this.options = options;
  }

  /**
   * The exact-match key of a paragraph: equal keys mean equal token keys. It is the normalised
   * text itself (atoms as `\u0000key\u0000`), not a hash of it: a paragraph of one run costs
   * nothing, and maps hash strings natively.
   */
  signature(paragraph: Paragraph): string {
    return cached(this.signatures, paragraph, () => this.computeSignature(paragraph));
  }

  /**
   * The signature computed afresh. Block alignment, which meets every paragraph once, calls this
   * rather than going through the cache: tens of thousands of map entries cost more than the work.
   */
  computeSignature(paragraph: Paragraph): string {
    const normalise = this.options.ignoreCase || this.options.ignoreQuotes || this.options.ignoreWhitespace;
    let signature = '';
    for (const inline of paragraph.inlines) {
      if (inline.type === 'text') signature += normalise ? normaliseText(inline.text, this.options) : inline.text;
      else if (inline.type === 'atom') signature += `\u0000${inline.key}\u0000`;
    }
    return signature;
  }

  prepared(paragraph: Paragraph): PreparedParagraph {
    return cached(this.preparedParagraphs, paragraph, () => prepareParagraph(paragraph));
  }

  tokenized(paragraph: Paragraph): TokenizedParagraph {
    return cached(this.tokens, paragraph, () => {
      const prepared = this.prepared(paragraph);
      return tokenizeRange(prepared, 0, prepared.text.length, this.options);
    });
  }

  bag(paragraph: Paragraph): WordBag {
    return cached(this.bags, paragraph, () => bagOfHashes(wordKeyHashes(this.prepared(paragraph), this.options)));
  }

  private moves = 0;

  /** A name for the next move, unique in the document (`move1`, `move2`…). */
  nextMoveName(): string {
    this.moves += 1;
    return `move${this.moves}`;
  }

  recordNote(link: NoteLink): void {
    this.noteLinks.push(link);
  }

  /** Reports a bound met (when the caller gave diagnostics), at the clause of `paragraph` if known. */
  limitReached(limit: DiffLimit, paragraph?: Paragraph): void {
    const label = paragraph?.numbering?.label;
    this.options.diagnostics?.warn(LIMITS[limit].code, LIMITS[limit].message, undefined, { story: this.story, ...(label !== undefined && label !== '' && { clausePath: label }) });
  }
}

/** The map's value for the key, computed and kept the first time it is asked for. */
function cached<K, V>(map: Map<K, V>, key: K, compute: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = compute();
    map.set(key, value);
  }
  return value;
}
