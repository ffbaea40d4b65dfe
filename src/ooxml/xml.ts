/**
 * A small read-only XML tree over `saxes`, keeping each element's source offsets so that
 * untouched parts of a document can be written back byte for byte.
 *
 * Security: a DOCTYPE is refused outright, so no entity (internal or external) is ever defined
 * or resolved; saxes itself rejects references to undefined entities. Elements nested deeper than
 * `LIMITS.xmlDepth` are refused, which bounds every recursive walk over the tree (and over the
 * model built from it).
 */
import { SaxesParser } from 'saxes';
import { PartError } from '../diagnostics/errors.js';
import { LIMITS } from '../diagnostics/limits.js';

export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
  /** Offset of `<` of the start tag in the source string. */
  readonly start: number;
  /** Offset just past the end of the element (past `/>` or the end tag). */
  readonly end: number;
}

/** Text nodes are plain strings (entities decoded). */
export type XmlNode = XmlElement | string;

export interface XmlDocument {
  readonly source: string;
  readonly root: XmlElement;
}

interface OpenElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  start: number;
  end: number;
}

const NO_ATTRIBUTES: Record<string, string> = Object.freeze({}) as Record<string, string>;
const NO_CHILDREN: XmlNode[] = Object.freeze([]) as unknown as XmlNode[];

/** Parses `source` (the text of one package part). Throws {@link PartError} on malformed XML. */
export function parseXml(source: string, partName: string): XmlDocument {
  const parser = new SaxesParser({ position: true });
  const stack: OpenElement[] = [];
  let root: OpenElement | undefined;
  // One string per element name, not one per element.
  const names = new Map<string, string>();

  parser.on('doctype', () => {
    throw new PartError(partName, 'XML with a DOCTYPE is not accepted (entity declarations are never processed)');
  });
  parser.on('opentag', (tag) => {
    // Every walk over the tree recurses per level: the depth is bounded far below the stack.
    if (stack.length >= LIMITS.xmlDepth)
      throw new PartError(partName, `elements nested deeper than ${LIMITS.xmlDepth} levels (at <${tag.name.slice(0, 40)}>); refusing a document built to exhaust the stack`);
    const tagStart = source.lastIndexOf('<', parser.position - 1);
    let attrs: Record<string, string> = NO_ATTRIBUTES;
    for (const key in tag.attributes) {
      if (attrs === NO_ATTRIBUTES) attrs = {};
      const value = tag.attributes[key] as string | { value: string };
      attrs[key] = typeof value === 'string' ? value : value.value;
    }
    let name = names.get(tag.name);
    if (name === undefined) names.set(tag.name, (name = tag.name));
    // Elements without attributes or children (`<w:br/>`, `<w:b/>`) share empty ones.
    const element: OpenElement = { name, attrs, children: tag.isSelfClosing ? NO_CHILDREN : [], start: tagStart, end: -1 };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else root = element;
    if (tag.isSelfClosing) element.end = parser.position;
    else stack.push(element);
  });
  parser.on('closetag', (tag) => {
    if (tag.isSelfClosing) return;
    const element = stack.pop();
    if (!element) return;
    element.end = parser.position;
    // An array grown by push keeps room for more (17 slots for one child): a copy is exact. A
    // part of millions of small elements (a text file of a million lines) takes half the memory.
    if (element.children.length < 16) element.children = element.children.length === 0 ? NO_CHILDREN : element.children.slice();
  });
  const onText = (text: string): void => {
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(text);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('error', (error) => {
    throw new PartError(partName, `malformed XML (${error.message.replace(/\s+/g, ' ').trim()})`);
  });

  try {
    parser.write(source).close();
  } catch (error) {
    if (error instanceof PartError) throw error;
    throw new PartError(partName, `malformed XML (${(error as Error).message.replace(/\s+/g, ' ').trim()})`, { cause: error });
  }
  if (!root) throw new PartError(partName, 'malformed XML (no root element)');
  return { source, root };
}

/**
 * Whether a package-level element and its element children are all in `namespace` (their prefix,
 * or the default, bound to it on the element or on `element`). Word and LibreOffice refuse a
 * relationships or content types part in another namespace, though its elements have the right
 * local names.
 */
export function isInNamespace(element: XmlElement, namespace: string): boolean {
  const bound = (node: XmlElement, scope: XmlElement): string | undefined => {
    const colon = node.name.indexOf(':');
    const declaration = colon < 0 ? 'xmlns' : `xmlns:${node.name.slice(0, colon)}`;
    return node.attrs[declaration] ?? scope.attrs[declaration];
  };
  if (bound(element, element) !== namespace) return false;
  return element.children.every((child) => typeof child === 'string' || bound(child, element) === namespace);
}

/** The child elements of `element`, optionally only those named `name`. */
export function childElements(element: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of element.children) {
    if (typeof child !== 'string' && (name === undefined || child.name === name)) out.push(child);
  }
  return out;
}

/** The first child element named `name`. */
export function firstChild(element: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!element) return undefined;
  for (const child of element.children) {
    if (typeof child !== 'string' && child.name === name) return child;
  }
  return undefined;
}

/** Follows a path of child names, e.g. `child(p, 'w:pPr', 'w:numPr', 'w:ilvl')`. */
export function descendant(element: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  let current = element;
  for (const name of names) current = firstChild(current, name);
  return current;
}

/** All descendant elements named `name`, in document order (not descending into matches). */
export function findAll(element: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  for (const child of element.children) {
    if (typeof child === 'string') continue;
    if (child.name === name) out.push(child);
    else findAll(child, name, out);
  }
  return out;
}

/** The concatenated text content of an element. */
export function textContent(element: XmlElement): string {
  let text = '';
  for (const child of element.children) text += typeof child === 'string' ? child : textContent(child);
  return text;
}

/** The exact source text of an element. */
export function sourceOf(doc: XmlDocument, element: XmlElement): string {
  return doc.source.slice(element.start, element.end);
}

/** The source of an element's start tag (`<w:p w14:paraId="…">`), `/>` turned into `>`. */
export function startTagOf(doc: XmlDocument, el: XmlElement): string {
  const source = doc.source;
  let quote = '';
  for (let i = el.start + 1; i < el.end; i++) {
    const c = source[i];
    if (quote !== '') {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return source[i - 1] === '/' ? `${source.slice(el.start, i - 1).trimEnd()}>` : source.slice(el.start, i + 1);
    }
  }
  return `<${el.name}>`;
}

/**
 * The source of `el` with every descendant element for which `drop` is true left out; everything
 * else is copied byte for byte.
 */
export function sourceWithout(doc: XmlDocument, el: XmlElement, drop: (child: XmlElement) => boolean): string {
  let out = '';
  let pos = el.start;
  for (const child of el.children) {
    if (typeof child === 'string') continue;
    out += doc.source.slice(pos, child.start);
    if (!drop(child)) out += child.children.length > 0 ? sourceWithout(doc, child, drop) : doc.source.slice(child.start, child.end);
    pos = child.end;
  }
  return out + doc.source.slice(pos, el.end);
}

/** `w:val`-style attribute lookup. */
export function attr(element: XmlElement | undefined, name: string): string | undefined {
  return element?.attrs[name];
}

/**
 * The value of an OOXML on/off property (`<w:b/>`, `<w:b w:val="false"/>`): undefined when the
 * element is absent.
 */
export function onOff(element: XmlElement | undefined): boolean | undefined {
  if (!element) return undefined;
  const value = element.attrs['w:val'];
  return value === undefined || !(value === 'false' || value === '0' || value === 'off');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Escapes text or an attribute value for XML output. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ESCAPES[c] ?? c);
}

/** Serialises an element with its attributes, `content` being already-serialised XML. */
export function element(name: string, attrs: Readonly<Record<string, string | undefined>>, content?: string): string {
  let open = `<${name}`;
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined) open += ` ${key}="${escapeXml(value)}"`;
  }
  return content === undefined || content === '' ? `${open}/>` : `${open}>${content}</${name}>`;
}
