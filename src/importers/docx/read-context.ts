/**
 * What the readers of one DOCX part share: the part's XML, the view of tracked changes being
 * read, styles, numbering and the diagnostics collector.
 */
import type { Diagnostics } from '../../diagnostics/diagnostic.js';
import type { RevisionView } from '../../model/document.js';
import type { OpcPackage } from '../../ooxml/package.js';
import type { XmlDocument } from '../../ooxml/xml.js';
import type { NumberingCounter, NumberingDefinitions } from './numbering.js';
import type { StyleSheet } from './styles.js';

export interface ReadState {
  /** Source of unique ids for wrappers and containers within one document. */
  nextId: number;
  /** Tracked-change elements met so far (insertions, deletions, property changes). */
  revisions: number;
  /** `part bookmark 5` → the name of the range it starts (ends only carry the id). */
  readonly rangeNames: Map<string, string>;
}

export interface ReadContext {
  readonly fileName: string;
  readonly pkg: OpcPackage;
  readonly part: string;
  readonly doc: XmlDocument;
  readonly view: RevisionView;
  readonly styles: StyleSheet;
  readonly numberingDefinitions: NumberingDefinitions;
  /** Absent in stories whose paragraphs are not counted (text boxes). */
  readonly numbering?: NumberingCounter;
  readonly diagnostics: Diagnostics;
  readonly state: ReadState;
  /** Comment id → what the comment is (its author, date and text), for comment markers. */
  readonly comments: ReadonlyMap<string, string>;
}

/** A fresh id for a wrapper or container, unique in the document being read. */
export function nextId(ctx: ReadContext, prefix: string): string {
  ctx.state.nextId += 1;
  return `${prefix}${ctx.state.nextId}`;
}

/** Whether content inside a tracked insertion (or deletion) is part of the view being read. */
export function isVisible(ctx: ReadContext, revision: 'inserted' | 'deleted'): boolean {
  return ctx.view === 'after' ? revision === 'inserted' : revision === 'deleted';
}
