/** Escaping for text and attribute values written into HTML. */

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for element content or a double-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] as string);
}

/** An element id (and its `#` link) from any text: white space and quotes become `_`. */
export function elementId(text: string): string {
  return text.replace(/[\s"'<>&#]+/g, '_');
}
