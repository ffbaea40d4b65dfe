/**
 * The text of an XML part from its bytes, in any encoding the XML specification allows a parser
 * to recognise (Appendix F): a byte-order mark (UTF-8, UTF-16 LE/BE), UTF-16 without one (seen
 * from the `<?` of the declaration), or the declaration's `encoding` (ISO-8859-1, windows-1252
 * and the other encodings of the WHATWG list); UTF-8 otherwise. The declaration in the text
 * returned says UTF-8, since every writer encodes the text it rewrites as UTF-8.
 */
import { PartError } from '../diagnostics/errors.js';
import { quote } from '../diagnostics/quote.js';

const DECLARATION = /^(<\?xml[^>]*?\sencoding\s*=\s*)(["'])([A-Za-z][A-Za-z0-9._-]*)\2/;

export function decodeXmlBytes(data: Uint8Array, partName: string): string {
  const [b0, b1, b2, b3] = [data[0], data[1], data[2], data[3]];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return declareUtf8(decode(data.subarray(3), 'utf-8', partName));
  if (b0 === 0xff && b1 === 0xfe) return declareUtf8(decode(data.subarray(2), 'utf-16le', partName));
  if (b0 === 0xfe && b1 === 0xff) return declareUtf8(decode(data.subarray(2), 'utf-16be', partName));
  if (b0 === 0x3c && b1 === 0x00 && b2 === 0x3f && b3 === 0x00) return declareUtf8(decode(data, 'utf-16le', partName));
  if (b0 === 0x00 && b1 === 0x3c && b2 === 0x00 && b3 === 0x3f) return declareUtf8(decode(data, 'utf-16be', partName));
  // An ASCII-compatible encoding: the declaration, read as ASCII, names it.
  const head = String.fromCharCode(...data.subarray(0, Math.min(data.length, 200)));
  const declared = DECLARATION.exec(head)?.[3]?.toLowerCase();
  if (declared === undefined || declared === 'utf-8' || declared === 'utf8') return decode(data, 'utf-8', partName);
  if (declared.startsWith('utf-16') || declared === 'ucs-2') throw new PartError(partName, `declares ${quote(declared)} but is not UTF-16 (no byte-order mark, no UTF-16 declaration)`);
  return declareUtf8(decode(data, declared, partName));
}

function decode(data: Uint8Array, encoding: string, partName: string): string {
  try {
    // Not fatal: a stray byte becomes U+FFFD, as a word processor shows it; the XML parser
    // refuses what is really broken.
    return new TextDecoder(encoding).decode(data);
  } catch (error) {
    if (error instanceof RangeError) throw new PartError(partName, `the XML encoding ${quote(encoding)} is not supported`);
    throw error;
  }
}

function declareUtf8(text: string): string {
  return text.replace(DECLARATION, '$1$2UTF-8$2');
}
