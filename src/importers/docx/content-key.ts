/**
 * Comparison keys for opaque content (images, drawings, equations, embedded objects). Two
 * versions write the same picture with different relationship ids and drawing ids, so the key is
 * built from what the reader sees: the bytes of referenced parts, sizes and text, never ids.
 */

import type { XmlElement } from '../../ooxml/xml.js';
import { hashBytes, hashString } from '../../util/hash.js';
import type { ReadContext } from './read-context.js';
import { inView, nameInView } from './revision-view.js';

const REFERENCE_ATTRIBUTES = new Set(['r:embed', 'r:link', 'r:id', 'r:dm', 'r:lo', 'r:qs', 'r:cs', 'r:pict']);
/** Attributes that are identifiers or cached layout, not content. */
const IGNORED_ATTRIBUTES = new Set(['id', 'name', 'w14:paraId', 'w14:textId', 'w14:anchorId', 'w14:editId', 'o:spid', 'wp14:anchorId', 'wp14:editId', 'descr', 'title']);

/** Ids, revision-save ids and tool annotations (PowerTools' `pt14:Unid`), not content. */
function isBookkeeping(name: string): boolean {
  return IGNORED_ATTRIBUTES.has(name) || name.startsWith('xmlns') || name.startsWith('w:rsid') || /^(pt14|w14|wp14|w15|w16\w*):/.test(name);
}

export function contentKey(ctx: ReadContext, kind: string, el: XmlElement): string {
  const parts: string[] = [];
  collect(ctx, el, parts);
  return `${kind}:${hashString(parts.join('\u0001'))}`;
}

/** The element as the view reads it: revision markup resolved, so a tracked and a clean copy key alike. */
function collect(ctx: ReadContext, el: XmlElement, out: string[]): void {
  out.push(nameInView(el.name, ctx.view));
  // A text box's text is a story of its own, compared apart: the key is the shape's.
  if (el.name === 'w:txbxContent') return;
  for (const [name, value] of Object.entries(el.attrs)) {
    if (REFERENCE_ATTRIBUTES.has(name)) out.push(referencedContent(ctx, value));
    else if (!isBookkeeping(name)) out.push(`${name}=${value}`);
  }
  for (const child of el.children) {
    if (typeof child === 'string') out.push(child);
    else collectInView(ctx, child, out);
  }
  out.push('/');
}

function collectInView(ctx: ReadContext, el: XmlElement, out: string[]): void {
  const fate = inView(el, ctx.view);
  if (fate === 'keep') collect(ctx, el, out);
  else if (fate === 'unwrap') for (const child of el.children) if (typeof child !== 'string') collectInView(ctx, child, out);
}

const byteHashes = new WeakMap<Uint8Array, string>();

/**
 * An XML part (a chart, a SmartArt data model) is compared by its structure and text, not its
 * bytes: saving regenerates ids and GUIDs in attributes without changing what the reader sees.
 */
function xmlContentHash(ctx: ReadContext, part: string, bytes: Uint8Array): string {
  const doc = ctx.pkg.xml(part);
  if (!doc) return hashBytes(bytes);
  const out: string[] = [];
  const walk = (el: XmlElement): void => {
    out.push(el.name);
    for (const child of el.children) {
      if (typeof child === 'string') out.push(child);
      else walk(child);
    }
  };
  walk(doc.root);
  return hashString(out.join('\u0001'));
}

function referencedContent(ctx: ReadContext, relationshipId: string): string {
  const rel = ctx.pkg.relationships(ctx.part).find((r) => r.id === relationshipId);
  if (!rel) return `missing:${relationshipId}`;
  if (rel.external) return `external:${rel.target}`;
  const bytes = ctx.pkg.bytes(rel.target);
  if (!bytes) return `missing:${rel.target}`;
  let hash = byteHashes.get(bytes);
  if (hash === undefined) {
    hash = rel.target.endsWith('.xml') ? xmlContentHash(ctx, rel.target, bytes) : hashBytes(bytes);
    byteHashes.set(bytes, hash);
  }
  return `part:${hash}`;
}
