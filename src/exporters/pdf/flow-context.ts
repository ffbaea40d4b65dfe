/** What the block layout shares while it walks a redline. */
import type { ChangePalette } from './change-palette.js';
import type { FontLibrary } from './fonts.js';
import type { ImageResolver, PartKind } from './images.js';
import type { NoteRegistry } from './note-registry.js';

export interface FlowContext {
  readonly fonts: FontLibrary;
  /** Absent for a clean document: nothing is marked. */
  readonly palette?: ChangePalette;
  readonly notes: NoteRegistry;
  readonly images: ImageResolver;
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
}

/**
 * Table text is set at 90%: DejaVu Serif is about a sixth wider than the Times-like fonts
 * documents are set in, and narrow columns would otherwise break common words in two.
 */
export const TABLE_TEXT_SCALE = 0.9;

/** Body text that sets no size is 11 pt, notes 9 pt. */
export const BODY_STORY: StoryContext = { part: 'main', baseSize: 11 };
