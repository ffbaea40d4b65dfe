/**
 * Names that come from inside a file (zip entry names, part names, relationship ids, manifest
 * ids) or from a shard's report are quoted before they go into a message: a name may hold a
 * newline (a second, forged line of output), terminal escape codes (which rewrite the screen),
 * bidirectional overrides (which reorder what is read) or bytes that are not text.
 */

/** At most this many characters of a name are shown; the rest is elided. */
const MAX_SHOWN = 120;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', "'": "\\'", '\\': '\\\\' };

/**
 * C0 and C1 controls, DEL, line and paragraph separators, bidirectional controls, lone
 * surrogates, non-characters and the replacement character (what undecodable bytes became).
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ufff9-\ufffb\ufffd\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `name` in single quotes, every character that could forge or hide output escaped. */
export function quote(name: string, maxShown = MAX_SHOWN): string {
  const shown = name.length > maxShown ? `${name.slice(0, maxShown)}…` : name;
  return `'${escapeUnsafe(shown.replace(/['\\]/g, (c) => NAMED[c] as string))}'`;
}

/** `text` with every character that could forge or hide output escaped (`\n`, `\u{1b}`), unquoted. */
export function escapeUnsafe(text: string): string {
  return text.replace(UNSAFE, (c) => NAMED[c] ?? `\\u{${(c.codePointAt(0) as number).toString(16)}}`);
}

/** Whether `text` holds a character {@link quote} would escape (other than a quote or backslash). */
export function hasUnsafeCharacters(text: string): boolean {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(text);
}
