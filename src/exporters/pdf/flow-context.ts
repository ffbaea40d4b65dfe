/** What the block layout shares while it walks a redline. */
import type { Diagnostics } from '../../diagnostics/diagnostic.js';
import type { ChangePalette } from './change-palette.js';
import type { CjkRegion } from './cjk-fonts.js';
import type { Rgb } from './colour.js';
import type { FontLibrary } from './fonts.js';
import type { ImageResolver, PartKind } from './images.js';
import type { NoteRegistry } from './note-registry.js';
import type { ListTracker, StructElement } from './structure.js';

export interface FlowContext {
  readonly fonts: FontLibrary;
  /** Absent for a clean document: nothing is marked. */
  readonly palette?: ChangePalette;
  readonly notes: NoteRegistry;
  readonly images: ImageResolver;
  /** The CJK font the document's Han characters prefer (by its kana or Hangul), where a paragraph has neither. */
  readonly cjkRegion: CjkRegion;
  /** Where the body's blocks go in the structure tree. */
  readonly structure: StructElement;
  readonly lists: ListTracker;
  /** Move ends (`changeId:from`, `changeId:to`) whose note line is laid out: each end says once where the other is. */
  readonly notedMoveEnds: Set<string>;
  /** Where what the PDF cannot draw as the document has it is reported. */
  readonly diagnostics?: Diagnostics;
}

/** Where the blocks being laid out live. */
export interface StoryContext {
  /** The package part their pictures' relationships belong to. */
  readonly part: PartKind;
  /** Font size of text that sets none. */
  readonly baseSize: number;
  /** Inside a note: its reference mark, drawn where the note's own mark stands. */
  readonly noteLabel?: string;
  /** Scales all text sizes (see {@link TABLE_TEXT_SCALE}). */
  readonly scale?: number;
  /** The blocks are a table cell's (a moved row's ends are noted by its row, not its paragraphs). */
  readonly inTable?: boolean;
  /** The structure element the blocks belong to (default: the flow context's). */
  readonly parent?: StructElement;
  /** The fill behind the blocks (a shaded table cell in a clean PDF): automatic text turns white on a dark one. */
  readonly background?: Rgb;
}

/**
 * Table text is set at 90%: DejaVu Serif is about a sixth wider than the Times-like fonts
 * documents are set in, and narrow columns would otherwise break common words in two.
 */
export const TABLE_TEXT_SCALE = 0.9;

/** Body text that sets no size is 11 pt, notes 9 pt. */
export const BODY_STORY: StoryContext = { part: 'main', baseSize: 11 };
