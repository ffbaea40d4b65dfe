/**
 * Opaque content (an equation, a simple field, an unknown element in a run or between
 * paragraphs) is kept as its XML, but that XML may hold tracked changes of its own (Word tracks
 * edits inside an equation). Kept verbatim, they would show in the redline as revisions by the
 * document's earlier authors, and make a tracked and a clean copy of the same equation compare
 * unequal. So the XML is read in the view being read, like the text around it: the other view's
 * revisions left out, this view's unwrapped, change records dropped; everything else byte for byte.
 */

import type { RevisionView } from '../../model/document.js';
import { sourceOf, type XmlDocument, type XmlElement } from '../../ooxml/xml.js';

const REMOVED: Readonly<Record<RevisionView, ReadonlySet<string>>> = {
  after: new Set(['w:del', 'w:moveFrom']),
  before: new Set(['w:ins', 'w:moveTo']),
};
const UNWRAPPED: Readonly<Record<RevisionView, ReadonlySet<string>>> = {
  after: new Set(['w:ins', 'w:moveTo']),
  before: new Set(['w:del', 'w:moveFrom']),
};
/** Records of earlier properties and move ranges: bookkeeping of a revision, not content. */
const CHANGE_RECORDS = new Set([
  'w:rPrChange',
  'w:pPrChange',
  'w:sectPrChange',
  'w:tblPrChange',
  'w:trPrChange',
  'w:tcPrChange',
  'w:tblGridChange',
  'w:numberingChange',
  'w:moveFromRangeStart',
  'w:moveFromRangeEnd',
  'w:moveToRangeStart',
  'w:moveToRangeEnd',
]);
/** Deleted text, which reads as plain text once its deletion is unwrapped (the before view). */
const DELETED_TEXT: ReadonlyMap<string, string> = new Map([
  ['w:delText', 'w:t'],
  ['w:delInstrText', 'w:instrText'],
]);

const RUNS = new Set(['w:r', 'm:r']);
const RUN_PROPERTIES = new Set(['w:rPr', 'm:rPr']);

/** What becomes of an element in the view: kept, left out, or replaced by its children. */
export function inView(element: XmlElement, view: RevisionView): 'keep' | 'drop' | 'unwrap' {
  if (REMOVED[view].has(element.name) || CHANGE_RECORDS.has(element.name) || isEmptiedRun(element, view)) return 'drop';
  return UNWRAPPED[view].has(element.name) ? 'unwrap' : 'keep';
}

/** A run whose content the view leaves out (only its properties would remain) goes with it. */
function isEmptiedRun(element: XmlElement, view: RevisionView): boolean {
  if (!RUNS.has(element.name)) return false;
  let emptied = false;
  for (const child of element.children) {
    if (typeof child === 'string' || RUN_PROPERTIES.has(child.name)) continue;
    if (!REMOVED[view].has(child.name)) return false;
    emptied = true;
  }
  return emptied;
}

/** An element's name in the view (deleted text is plain text in the before view). */
export function nameInView(name: string, view: RevisionView): string {
  return view === 'before' ? (DELETED_TEXT.get(name) ?? name) : name;
}

/** The element's source as it reads in the view. */
export function sourceInView(doc: XmlDocument, element: XmlElement, view: RevisionView): string {
  return hasRevisionMarkup(element) ? write(doc, element, view) : sourceOf(doc, element);
}

function hasRevisionMarkup(element: XmlElement): boolean {
  for (const child of element.children) {
    if (typeof child === 'string') continue;
    if (REMOVED.after.has(child.name) || REMOVED.before.has(child.name) || CHANGE_RECORDS.has(child.name) || DELETED_TEXT.has(child.name) || hasRevisionMarkup(child)) return true;
  }
  return false;
}

function write(doc: XmlDocument, element: XmlElement, view: RevisionView): string {
  let out = '';
  let pos = element.start;
  for (const child of element.children) {
    if (typeof child === 'string') continue;
    out += doc.source.slice(pos, child.start);
    pos = child.end;
    out += childSource(doc, child, view);
  }
  return renamed(element, out + doc.source.slice(pos, element.end), view);
}

function childSource(doc: XmlDocument, child: XmlElement, view: RevisionView): string {
  const fate = inView(child, view);
  if (fate === 'drop') return '';
  // Only elements sit directly in a revision wrapper; the white space between them is not content.
  if (fate === 'unwrap') return child.children.map((c) => (typeof c === 'string' ? '' : childSource(doc, c, view))).join('');
  return child.children.length > 0 ? write(doc, child, view) : renamed(child, sourceOf(doc, child), view);
}

/** `w:delText` read in the before view is plain `w:t` (and `w:delInstrText`, `w:instrText`). */
function renamed(element: XmlElement, source: string, view: RevisionView): string {
  const name = nameInView(element.name, view);
  if (name === element.name) return source;
  const open = source.replace(`<${element.name}`, `<${name}`);
  return open.endsWith(`</${element.name}>`) ? `${open.slice(0, -element.name.length - 3)}</${name}>` : open;
}
