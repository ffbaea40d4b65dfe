/**
 * What the line breaker works on: a paragraph's content as styled text (one face each), boxes
 * (pictures and placeholders for other objects), tabs and line or page breaks. Each knows the
 * change it belongs to, so lines can carry change bars, and a text item that calls a footnote
 * carries the note's layout for the foot of its page.
 */

import type { FlowItem, MoveEnd } from './flow.js';
import type { Face } from './fonts.js';
import type { ImageSource } from './images.js';
import type { StructElement } from './structure.js';
import type { TextStyle } from './text-style.js';

/** A footnote's laid-out content, placed at the foot of the page that first calls it. */
export interface Footnote {
  readonly items: readonly FlowItem[];
}

export interface TextItem {
  readonly kind: 'text';
  readonly text: string;
  readonly face: Face;
  readonly style: TextStyle;
  readonly changeId?: string;
  /** Moved text: which end of its move (`changeId`) it is. */
  readonly moveEnd?: MoveEnd;
  readonly footnote?: Footnote;
  /** The element the text is content of, when not the paragraph's (a change, a link). */
  readonly tag?: StructElement;
}

export interface BoxItem {
  readonly kind: 'box';
  readonly width: number;
  readonly height: number;
  readonly style: TextStyle;
  readonly image?: ImageSource;
  /** For objects drawn as a labelled box (`[equation]`): the label and its face. */
  readonly label?: { readonly text: string; readonly face: Face; readonly size: number };
  readonly changeId?: string;
  readonly moveEnd?: MoveEnd;
  /** The `Figure` (or change) element the box is content of. */
  readonly tag?: StructElement;
}

export interface TabItem {
  readonly kind: 'tab';
  readonly style: TextStyle;
  readonly changeId?: string;
}

export interface BreakItem {
  readonly kind: 'break';
  /** A page break (the rest of the paragraph starts a new page), not just a new line. */
  readonly page: boolean;
  readonly changeId?: string;
}

export type InlineItem = TextItem | BoxItem | TabItem | BreakItem;
