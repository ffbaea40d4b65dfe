/**
 * Direct access to a DOCX's parts for tests that look at the XML itself: the main part's name,
 * its text, and a package rebuilt with one part replaced.
 */
import { strToU8, unzipSync, type Zippable, zipSync } from 'fflate';

export interface DocxFiles {
  readonly files: Record<string, Uint8Array>;
  readonly mainPart: string;
}

export function readDocxFiles(bytes: Uint8Array): DocxFiles {
  const files = unzipSync(bytes);
  const rels = new TextDecoder().decode(files['_rels/.rels'] ?? new Uint8Array());
  const target = /<Relationship\b[^>]*Type="[^"]*\/officeDocument"[^>]*Target="([^"]*)"/.exec(rels)?.[1] ?? /Target="([^"]*)"[^>]*Type="[^"]*\/officeDocument"/.exec(rels)?.[1] ?? 'word/document.xml';
  return { files, mainPart: target.replace(/^\//, '') };
}

export function partText(docx: DocxFiles, part: string): string | undefined {
  const bytes = docx.files[part];
  return bytes && new TextDecoder().decode(bytes);
}

/** The part a relationship of `type` (the last segment of its URI) from the main part points at. */
export function relatedPart(docx: DocxFiles, type: string): string | undefined {
  const slash = docx.mainPart.lastIndexOf('/');
  const folder = docx.mainPart.slice(0, slash + 1);
  const rels = partText(docx, `${folder}_rels/${docx.mainPart.slice(slash + 1)}.rels`) ?? '';
  for (const match of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const tag = match[0];
    if (!new RegExp(`Type="[^"]*/${type}"`).test(tag) || /TargetMode="External"/.test(tag)) continue;
    const target = /Target="([^"]*)"/.exec(tag)?.[1] ?? '';
    return target.startsWith('/') ? target.slice(1) : folder + target;
  }
  return undefined;
}

/** The package with some parts replaced (text), zipped again. */
export function withParts(docx: DocxFiles, replaced: Readonly<Record<string, string>>): Uint8Array {
  const files: Zippable = {};
  for (const [name, data] of Object.entries(docx.files)) files[name] = [name in replaced ? strToU8(replaced[name] as string) : data, { mtime: new Date(1980, 0, 1) }];
  return zipSync(files);
}
