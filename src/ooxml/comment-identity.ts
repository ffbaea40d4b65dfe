/**
 * What a Word comment is across two versions of a document. Word renumbers comment ids when it
 * saves, so the same comment may have id 3 in one version and 2 in the next; its author, date and
 * text stay.
 */
import { hashString } from '../util/hash.js';
import { childElements, textContent, type XmlDocument } from './xml.js';

/** Comment id → identity, for the comments part given (none: an empty map). */
export function commentIdentities(comments: XmlDocument | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!comments) return out;
  for (const comment of childElements(comments.root, 'w:comment')) {
    const id = comment.attrs['w:id'];
    if (id === undefined) continue;
    const text = textContent(comment).replace(/\s+/g, ' ').trim();
    out.set(id, hashString([comment.attrs['w:author'] ?? '', comment.attrs['w:initials'] ?? '', comment.attrs['w:date'] ?? '', text].join('\u0001')));
  }
  return out;
}
