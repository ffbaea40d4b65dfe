/**
 * Range markup read as markers: bookmark starts and ends, comment range starts, ends and
 * references, permission range starts and ends, and proofing marks. Each range marker is named
 * the same way in both versions of a document (a bookmark by its name, a comment by its author,
 * date and text, a permission range by its id and editor), so the diff can tell a range both
 * versions have from one only the old version has.
 */
import type { Marker } from '../../model/document.js';
import { sourceOf, type XmlElement } from '../../ooxml/xml.js';
import type { ReadContext } from './read-context.js';

/** Elements read as markers wherever they stand (in a paragraph or between blocks). */
export const MARKER_ELEMENTS: ReadonlySet<string> = new Set(['w:bookmarkStart', 'w:bookmarkEnd', 'w:commentRangeStart', 'w:commentRangeEnd', 'w:permStart', 'w:permEnd', 'w:proofErr']);

export function readMarker(ctx: ReadContext, el: XmlElement, xml = sourceOf(ctx.doc, el)): Marker {
  const id = el.attrs['w:id'] ?? '';
  const names = ctx.state.rangeNames;
  switch (el.name) {
    case 'w:bookmarkStart': {
      const name = `bookmark ${el.attrs['w:name'] ?? `#${id}`}`;
      names.set(`${ctx.part} bookmark ${id}`, name);
      return { type: 'marker', xml, range: { name, role: 'start' } };
    }
    case 'w:bookmarkEnd':
      return { type: 'marker', xml, range: { name: names.get(`${ctx.part} bookmark ${id}`) ?? `bookmark #${id}`, role: 'end' } };
    case 'w:commentRangeStart':
      return { type: 'marker', xml, range: { name: commentName(ctx, id), role: 'start' } };
    case 'w:commentRangeEnd':
      return { type: 'marker', xml, range: { name: commentName(ctx, id), role: 'end' } };
    case 'w:commentReference':
      return { type: 'marker', xml, range: { name: commentName(ctx, id), role: 'reference' } };
    case 'w:permStart': {
      const name = `permission ${id} ${el.attrs['w:ed'] ?? el.attrs['w:edGrp'] ?? ''}`;
      names.set(`${ctx.part} permission ${id}`, name);
      return { type: 'marker', xml, range: { name, role: 'start' } };
    }
    case 'w:permEnd':
      return { type: 'marker', xml, range: { name: names.get(`${ctx.part} permission ${id}`) ?? `permission ${id}`, role: 'end' } };
    default:
      return { type: 'marker', xml };
  }
}

function commentName(ctx: ReadContext, id: string): string {
  return `comment ${ctx.comments.get(id) ?? `#${id}`}`;
}
