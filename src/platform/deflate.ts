/**
 * zlib compression under Node: the native zlib, several times faster than a JavaScript one. A
 * browser bundle uses `deflate.browser.ts` instead (package.json `browser` field).
 */
import { deflateSync } from 'node:zlib';

/** The bytes compressed in the zlib format (what a PDF's `FlateDecode` filter reads). */
export function zlibDeflate(bytes: Uint8Array): Uint8Array {
  return deflateSync(bytes);
}
