/**
 * Relationship ids named in a part's XML (`r:id`, `r:embed`, `r:link`…): found, and, when the
 * relationship is gone, what can go with it without losing the document's text.
 */
import type { XmlElement } from './xml.js';

const REFERENCE_NAMESPACES = ['http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'http://purl.oclc.org/ooxml/officeDocument/relationships'];

export interface Reference {
  readonly element: XmlElement;
  /** The element's ancestors, outermost first. */
  readonly ancestors: readonly XmlElement[];
  readonly attribute: string;
  readonly id: string;
}

/** A replacement of `text.slice(start, end)`. */
export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export type ReferenceRepair = { readonly removes: 'element' | 'attribute'; readonly says: string } | { readonly removes: 'ancestor'; readonly ancestor: string; readonly says: string };

/**
 * What to do with XML that refers to a relationship that is gone, by element (local name). Only
 * what can go without losing the document's text is repaired; anything else is refused.
 */
export const REFERENCE_REPAIRS: Readonly<Record<string, ReferenceRepair>> = {
  attachedTemplate: { removes: 'element', says: 'the attached template is left out' },
  dataSource: { removes: 'ancestor', ancestor: 'mailMerge', says: 'the mail-merge settings are left out' },
  headerSource: { removes: 'ancestor', ancestor: 'mailMerge', says: 'the mail-merge settings are left out' },
  blip: { removes: 'attribute', says: 'the picture is left empty' },
  imagedata: { removes: 'attribute', says: 'the picture is left empty' },
  hyperlink: { removes: 'attribute', says: 'the link text is kept without its link' },
  embedRegular: { removes: 'element', says: 'the embedded font is left out' },
  embedBold: { removes: 'element', says: 'the embedded font is left out' },
  embedItalic: { removes: 'element', says: 'the embedded font is left out' },
  embedBoldItalic: { removes: 'element', says: 'the embedded font is left out' },
};

export function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

/** The prefixes bound to the relationships namespace anywhere in a part (`r`, usually). */
export function referencePrefixes(text: string): string[] {
  const prefixes = new Set<string>();
  // Found from each place the namespace is named (a few, usually one) rather than by matching
  // every declaration of a part that can be tens of megabytes long.
  for (const namespace of REFERENCE_NAMESPACES) {
    for (let at = text.indexOf(namespace); at >= 0; at = text.indexOf(namespace, at + namespace.length)) {
      const declaration = /\sxmlns:([\w.-]+)\s*=\s*(["'])$/.exec(text.slice(Math.max(0, at - 80), at));
      const close = text[at + namespace.length];
      if (declaration && close === declaration[2]) prefixes.add(declaration[1] as string);
    }
  }
  return [...prefixes];
}

/**
 * A fast look at the text: whether some `r:…="…"` names an id that is not a relationship. Text
 * content that merely looks like an attribute can only make this say yes; the exact check on the
 * parsed XML follows. An empty id (`r:blip=""` in SmartArt layouts) names nothing.
 */
export function mayHaveDanglingReference(text: string, prefixes: readonly string[], valid: ReadonlySet<string>): boolean {
  const pattern = new RegExp(`\\s(?:${prefixes.map(escapeRegExp).join('|')}):[\\w.-]+\\s*=\\s*(["'])([^"']*)\\1`, 'g');
  for (const match of text.matchAll(pattern)) {
    const id = unescapeAttribute(match[2] as string);
    if (id !== '' && !valid.has(id)) return true;
  }
  return false;
}

/** Every attribute in the relationships namespace, with its element and ancestors (an iterative walk). */
export function findReferences(root: XmlElement, prefixes: readonly string[]): Reference[] {
  const references: Reference[] = [];
  const stack: { element: XmlElement; ancestors: XmlElement[] }[] = [{ element: root, ancestors: [] }];
  while (stack.length > 0) {
    const { element, ancestors } = stack.pop() as { element: XmlElement; ancestors: XmlElement[] };
    for (const [attribute, id] of Object.entries(element.attrs)) {
      const colon = attribute.indexOf(':');
      if (colon > 0 && prefixes.includes(attribute.slice(0, colon))) references.push({ element, ancestors, attribute, id });
    }
    const children = element.children.filter((c): c is XmlElement => typeof c !== 'string');
    if (children.length === 0) continue;
    const below = [...ancestors, element];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ element: children[i] as XmlElement, ancestors: below });
  }
  return references;
}

/** The edit that carries out `repair` on the reference in `text`, or undefined when it cannot. */
export function repairEdit(text: string, reference: Reference, repair: ReferenceRepair): Edit | undefined {
  if (repair.removes === 'ancestor') {
    const ancestor = reference.ancestors.findLast((a) => localName(a.name) === repair.ancestor);
    return ancestor && { start: ancestor.start, end: ancestor.end, text: '' };
  }
  const element = reference.element;
  if (repair.removes === 'element') return { start: element.start, end: element.end, text: '' };
  const tagEnd = startTagEnd(text, element.start);
  const attribute = new RegExp(`\\s+${escapeRegExp(reference.attribute)}\\s*=\\s*(["'])[^"']*\\1`);
  return { start: element.start, end: tagEnd, text: text.slice(element.start, tagEnd).replace(attribute, '') };
}

/** Applies edits (ranges of the original text), an edit inside another one's range giving way. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at) continue;
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}

/** The offset just past the `>` of the start tag beginning at `start` (quotes respected). */
function startTagEnd(text: string, start: number): number {
  let quote = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (quote !== '') {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i + 1;
  }
  return text.length;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function unescapeAttribute(value: string): string {
  return value.replace(/&(lt|gt|amp|quot|apos);/g, (_, name: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[name] as string);
}
