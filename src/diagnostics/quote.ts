/**
 * A value from a file or the command line, quoted for a one-line message: control characters,
 * line breaks and terminal escape codes are written as escapes, and long values are cut.
 */
export function quote(value: string, maxLength = 80): string {
  const cut = value.length > maxLength ? `${value.slice(0, maxLength)}…` : value;
  return `'${cut.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029'\\]/g, escapeChar)}'`;
}

function escapeChar(c: string): string {
  if (c === "'" || c === '\\') return `\\${c}`;
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
