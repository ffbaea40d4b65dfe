/**
 * The PDF's font files in a browser: fetched with the page (the web build copies them into the
 * site) and handed over before the first PDF is made, because the PDF exporter reads fonts
 * synchronously. Files not handed over (the CJK fonts, tens of megabytes the site does not carry)
 * are absent, as an optional package that is not installed is under Node. Replaces
 * `font-files.ts` in browser bundles (package.json `browser` field).
 */
const FILES = new Map<string, Uint8Array>();

/** Makes fetched files available, keyed by `package/path` (`dejavu-fonts-ttf/ttf/DejaVuSerif.ttf`). */
export function provideFontFiles(files: ReadonlyMap<string, Uint8Array>): void {
  for (const [key, bytes] of files) FILES.set(key, bytes);
}

export function readPackageFile(packageName: string, path: string): Uint8Array | undefined {
  return FILES.get(`${packageName}/${path}`);
}
