/**
 * Part names of an OPC package (ECMA-376 Part 2): relationships parts, relationship targets
 * resolved to part names and back, and case-insensitive comparison.
 */

const ROOT_RELS = '_rels/.rels';
const RELS_PART = /^(?:(.*)\/)?_rels\/([^/]+)\.rels$/;

/** ASCII case folding, as OPC compares part names. */
export function foldCase(name: string): string {
  return name.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

/** The folder of a part (`word/document.xml` → `word`; `a.xml` → `''`). */
export function folderOf(part: string): string {
  return part.includes('/') ? part.slice(0, part.lastIndexOf('/')) : '';
}

/** The relationships part of a part: `word/document.xml` → `word/_rels/document.xml.rels`; `''` → `_rels/.rels`. */
export function relationshipsPartName(partName: string): string {
  if (partName === '') return ROOT_RELS;
  const slash = partName.lastIndexOf('/');
  return `${partName.slice(0, slash + 1)}_rels/${partName.slice(slash + 1)}.rels`;
}

/** The part whose relationships `relsPart` holds (`''` for the package), or undefined when it is no relationships part. */
export function sourceOfRelationshipsPart(relsPart: string): string | undefined {
  if (relsPart === ROOT_RELS) return '';
  const match = RELS_PART.exec(relsPart);
  return match ? `${match[1] === undefined ? '' : `${match[1]}/`}${match[2]}` : undefined;
}

/**
 * Resolves a relationship target against the folder of its source part, percent-escapes
 * decoded (or kept, with `decode` false); undefined when it leaves the package: a `..` above the
 * root, a URI with a scheme (`file:`, `http:`), a network path, a backslash.
 */
export function resolveTarget(baseFolder: string, target: string, decode = true): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//') || target.includes('\\')) return undefined;
  const segments = target.startsWith('/') ? [] : baseFolder.split('/').filter((s) => s !== '');
  for (const segment of target.replace(/[?#].*$/, '').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) return undefined;
      segments.pop();
    } else segments.push(decode ? decodeSegment(segment) : segment);
  }
  return segments.length === 0 ? undefined : segments.join('/');
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The relationship target of `part` as seen from `folder` (both package-absolute). */
export function relativeTarget(folder: string, part: string): string {
  const from = folder.split('/').filter((s) => s !== '');
  const to = part.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  const up = new Array<string>(from.length - common).fill('..');
  return [...up, ...to.slice(common).map(encodeSegment)].join('/');
}

/** A part name segment as a URI segment: only what a URI path cannot hold is percent-encoded. */
function encodeSegment(segment: string): string {
  return segment.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@]/g, (c) => encodeURIComponent(c));
}
