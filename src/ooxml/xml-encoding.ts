/**
 * The text of an XML part, whatever its encoding. XML may be UTF-8 (with or without a byte-order
 * mark) or UTF-16 (either byte order, with or without a mark, as the declaration says), and a
 * part may declare another encoding; every part is brought to UTF-8 without a mark, its
 * declaration saying so, so that everything after reading — and every part written — is UTF-8.
 */
import { PartError } from '../diagnostics/errors.js';

export interface DecodedXml {
  readonly text: string;
  /** The encoding the part had, when it was not UTF-8 without a byte-order mark. */
  readonly reencodedFrom?: string;
  /** Bytes that were not valid in the part's encoding were replaced by U+FFFD. */
  readonly replacedInvalid: boolean;
}

export function decodeXml(data: Uint8Array, part: string): DecodedXml {
  const [b0, b1, b2, b3] = [data[0], data[1], data[2], data[3]];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return decodeAs(data.subarray(3), 'utf-8', 'UTF-8 with a byte-order mark', part);
  if (b0 === 0xff && b1 === 0xfe) return decodeAs(data.subarray(2), 'utf-16le', 'UTF-16LE', part);
  if (b0 === 0xfe && b1 === 0xff) return decodeAs(data.subarray(2), 'utf-16be', 'UTF-16BE', part);
  // `<?` in UTF-16 without a byte-order mark.
  if (b0 === 0x3c && b1 === 0x00 && b2 === 0x3f && b3 === 0x00) return decodeAs(data, 'utf-16le', 'UTF-16LE', part);
  if (b0 === 0x00 && b1 === 0x3c && b2 === 0x00 && b3 === 0x3f) return decodeAs(data, 'utf-16be', 'UTF-16BE', part);
  const declared = declaredEncoding(data);
  if (declared === undefined || /^utf-?8$/i.test(declared)) return decodeAs(data, 'utf-8', undefined, part);
  let label: string;
  try {
    label = new TextDecoder(declared).encoding;
  } catch {
    throw new PartError(part, `declares the encoding '${declared.replace(/[^\w.:-]/g, '?')}', which is not known`);
  }
  return decodeAs(data, label, declared, part);
}

/** The `encoding` of the XML declaration, read as ASCII. */
function declaredEncoding(data: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(data.subarray(0, 200));
  const declaration = /^\s*<\?xml\b[^?]*\?>/.exec(head)?.[0];
  return declaration && /\bencoding\s*=\s*["']([^"']*)["']/.exec(declaration)?.[1];
}

function decodeAs(data: Uint8Array, encoding: string, reencodedFrom: string | undefined, part: string): DecodedXml {
  let text: string;
  let replacedInvalid = false;
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(data);
  } catch {
    text = new TextDecoder(encoding, { ignoreBOM: true }).decode(data);
    replacedInvalid = true;
  }
  if (text.includes('\u0000')) throw new PartError(part, `holds NUL characters (not ${reencodedFrom ?? 'UTF-8'} XML)`);
  const from = reencodedFrom ?? (encoding === 'utf-8' ? undefined : encoding);
  if (from === undefined) return { text, replacedInvalid };
  return { text: text.replace(/^(\s*<\?xml\b[^?]*?\bencoding\s*=\s*)(["'])[^"']*\2/, '$1$2UTF-8$2'), reencodedFrom: from, replacedInvalid };
}
