/**
 * Wrappers read as they are, to be written back around their content: content controls
 * (`w:sdt`), custom XML, smart tags, hyperlinks and bidirectional embeddings around runs, and
 * content controls and custom XML around blocks, table rows and table cells.
 *
 * Each gets a key that names it the same way in both versions of a document (a content control
 * by its `w:id`, otherwise by its properties; a link by its target), so that content the redline
 * carries over from the old version goes back into the wrapper the new version still has.
 */
import type { BlockContainer, InlineWrapper } from '../../model/document.js';
import { firstChild, sourceOf, startTagOf, type XmlElement } from '../../ooxml/xml.js';
import { hashString } from '../../util/hash.js';
import { nextId, type ReadContext } from './read-context.js';

/** The property element of each wrapper that has one (it stays in the wrapper's start). */
const PROPERTIES: Readonly<Record<string, string>> = { 'w:sdt': 'w:sdtPr', 'w:customXml': 'w:customXmlPr', 'w:smartTag': 'w:smartTagPr' };

export const INLINE_WRAPPERS: ReadonlySet<string> = new Set(['w:sdt', 'w:customXml', 'w:smartTag', 'w:hyperlink', 'w:dir', 'w:bdo']);

/** The element that holds a wrapper's content: `w:sdtContent` for a control, the element itself otherwise. */
export function wrapperContent(el: XmlElement): XmlElement | undefined {
  return el.name === 'w:sdt' ? firstChild(el, 'w:sdtContent') : el;
}

/** Whether a wrapper holds nothing but its properties (an empty control, kept as an object). */
export function isEmptyWrapper(el: XmlElement): boolean {
  const content = wrapperContent(el);
  if (!content) return true;
  const properties = PROPERTIES[el.name];
  return !content.children.some((child) => typeof child !== 'string' && child.name !== properties && child.name !== 'w:sdtEndPr');
}

/** Everything of a wrapper before its first piece of content, and its end. */
function openAndClose(ctx: ReadContext, el: XmlElement): { open: string; close: string } {
  if (el.name === 'w:sdt') {
    const content = firstChild(el, 'w:sdtContent') as XmlElement;
    return { open: ctx.doc.source.slice(el.start, content.start) + startTagOf(ctx.doc, content), close: '</w:sdtContent></w:sdt>' };
  }
  const properties = firstChild(el, PROPERTIES[el.name] ?? '');
  return { open: startTagOf(ctx.doc, el) + (properties ? sourceOf(ctx.doc, properties) : ''), close: `</${el.name}>` };
}

/** A name for the wrapper that is the same in both versions. */
function keyOf(ctx: ReadContext, el: XmlElement, target?: string): string {
  if (el.name === 'w:hyperlink') return `link ${target ?? ''} ${el.attrs['w:docLocation'] ?? ''}`;
  if (el.name === 'w:sdt') {
    const properties = firstChild(el, 'w:sdtPr');
    const id = firstChild(properties, 'w:id')?.attrs['w:val'];
    if (id !== undefined) return `sdt ${id}`;
    return `sdt ${hashString(properties ? sourceOf(ctx.doc, properties).replace(/>\s+</g, '><') : '')}`;
  }
  const properties = firstChild(el, PROPERTIES[el.name] ?? '');
  return `${el.name} ${el.attrs['w:uri'] ?? ''} ${el.attrs['w:element'] ?? ''} ${el.attrs['w:val'] ?? ''} ${properties ? hashString(sourceOf(ctx.doc, properties).replace(/>\s+</g, '><')) : ''}`;
}

const KINDS: Readonly<Record<string, InlineWrapper['kind']>> = {
  'w:sdt': 'content-control',
  'w:customXml': 'custom-xml',
  'w:smartTag': 'smart-tag',
  'w:hyperlink': 'hyperlink',
  'w:dir': 'bidi',
  'w:bdo': 'bidi',
};

/** A wrapper around runs, inside `parent`. */
export function inlineWrapper(ctx: ReadContext, el: XmlElement, parent: InlineWrapper | undefined): InlineWrapper {
  const target = el.name === 'w:hyperlink' ? hyperlinkTarget(ctx, el) : undefined;
  return {
    id: nextId(ctx, 'wrapper'),
    key: keyOf(ctx, el, target),
    kind: KINDS[el.name] ?? 'custom-xml',
    ...openAndClose(ctx, el),
    ...(target !== undefined && { target }),
    ...(parent && { parent }),
  };
}

function hyperlinkTarget(ctx: ReadContext, link: XmlElement): string | undefined {
  const relId = link.attrs['r:id'];
  const rel = relId === undefined ? undefined : ctx.pkg.relationships(ctx.part).find((r) => r.id === relId);
  const anchor = link.attrs['w:anchor'];
  return rel?.target ?? (anchor === undefined ? undefined : `#${anchor}`);
}

/** A content control or custom XML element around blocks, rows or cells, inside `parent`. */
export function blockContainer(ctx: ReadContext, el: XmlElement, parent: BlockContainer | undefined): BlockContainer {
  return { id: nextId(ctx, 'container'), key: keyOf(ctx, el), ...openAndClose(ctx, el), ...(parent && { parent }) };
}
