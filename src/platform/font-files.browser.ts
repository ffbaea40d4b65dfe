/**
 * The PDF's font files in a browser: fetched with the page (they are files of the site, copied
 * there by the web build) and handed over before the first PDF is made, because the PDF exporter
 * reads fonts synchronously. Replaces `font-files.ts` in browser bundles (package.json `browser`).
 */
const FILES = new Map<string, Uint8Array>();

/** Makes fetched font files available to the PDF exporter. */
export function provideFontFiles(files: ReadonlyMap<string, Uint8Array>): void {
  for (const [name, bytes] of files) FILES.set(name, bytes);
}

export function readFontFile(file: string): Uint8Array {
  const bytes = FILES.get(file);
  if (!bytes) throw new Error(`font ${file} was not loaded with the page`);
  return bytes;
}
