/** zlib compression in a browser, with fflate (replaces `deflate.ts` in browser bundles). */
import { zlibSync } from 'fflate';

export function zlibDeflate(bytes: Uint8Array): Uint8Array {
  return zlibSync(bytes);
}
