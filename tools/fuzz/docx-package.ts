/**
 * A minimal WordprocessingML package for generated inputs (the extreme cases, the fuzz seeds):
 * a body, and optionally numbering, footnotes and any other part. Zipped with fixed timestamps
 * so that a seed always gives the same bytes.
 */
import { strToU8, type Zippable, zipSync } from 'fflate';

export const W_NAMESPACES =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' +
  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" ' +
  'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' +
  'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:x="urn:example:unknown"';

const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export interface PackageSpec {
  /** The content of `w:body` (before the final `w:sectPr`). */
  readonly body: string;
  /** The children of `w:numbering`. */
  readonly numbering?: string;
  /** Footnotes after the two separators (`<w:footnote w:id="1">…`). */
  readonly footnotes?: string;
  /** Replaces a part's bytes whole (for encodings and malformed parts), by part name. */
  readonly rawParts?: Readonly<Record<string, Uint8Array | string>>;
}

const STYLES =
  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>' +
  '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>';

/** The parts of a package, by name, as text (before zipping); mutators work on these. */
export function packageParts(spec: PackageSpec): Map<string, Uint8Array> {
  const parts = new Map<string, Uint8Array>();
  const overrides = [`<Override PartName="/word/document.xml" ContentType="${MAIN}.document.main+xml"/>`, `<Override PartName="/word/styles.xml" ContentType="${MAIN}.styles+xml"/>`];
  const rels = [`<Relationship Id="rIdStyles" Type="${REL}/styles" Target="styles.xml"/>`];
  const text = (name: string, xml: string): void => {
    parts.set(name, strToU8(xml));
  };
  text('word/document.xml', `${DECLARATION}<w:document ${W_NAMESPACES}><w:body>${spec.body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`);
  text('word/styles.xml', `${DECLARATION}<w:styles ${W_NAMESPACES}>${STYLES}</w:styles>`);
  if (spec.numbering !== undefined) {
    text('word/numbering.xml', `${DECLARATION}<w:numbering ${W_NAMESPACES}>${spec.numbering}</w:numbering>`);
    overrides.push(`<Override PartName="/word/numbering.xml" ContentType="${MAIN}.numbering+xml"/>`);
    rels.push(`<Relationship Id="rIdNumbering" Type="${REL}/numbering" Target="numbering.xml"/>`);
  }
  if (spec.footnotes !== undefined) {
    const separators =
      '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>';
    text('word/footnotes.xml', `${DECLARATION}<w:footnotes ${W_NAMESPACES}>${separators}${spec.footnotes}</w:footnotes>`);
    overrides.push(`<Override PartName="/word/footnotes.xml" ContentType="${MAIN}.footnotes+xml"/>`);
    rels.push(`<Relationship Id="rIdFootnotes" Type="${REL}/footnotes" Target="footnotes.xml"/>`);
  }
  text(
    '[Content_Types].xml',
    `${DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides.join('')}</Types>`,
  );
  text(
    '_rels/.rels',
    `${DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>`,
  );
  text('word/_rels/document.xml.rels', `${DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`);
  for (const [name, data] of Object.entries(spec.rawParts ?? {})) parts.set(name, typeof data === 'string' ? strToU8(data) : data);
  return parts;
}

/** Zips parts with fixed timestamps (deterministic bytes). */
export function zipParts(parts: ReadonlyMap<string, Uint8Array>, level: 0 | 1 | 6 | 9 = 6): Uint8Array {
  const files: Zippable = {};
  for (const [name, data] of parts) files[name] = [data, { mtime: new Date(1980, 0, 1), level }];
  return zipSync(files);
}

export function buildPackage(spec: PackageSpec, level: 0 | 1 | 6 | 9 = 6): Uint8Array {
  return zipParts(packageParts(spec), level);
}

/** `<w:p>` with one run of text. */
export function para(text: string, pPr = ''): string {
  return `<w:p>${pPr === '' ? '' : `<w:pPr>${pPr}</w:pPr>`}<w:r><w:t xml:space="preserve">${escapeText(text)}</w:t></w:r></w:p>`;
}

export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
