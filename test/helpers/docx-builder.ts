/**
 * Builds small DOCX packages from WordprocessingML snippets, for fixtures that test one feature
 * each (numbering schemes, tracked changes, broken packages). Parts are written with fflate.
 */
import { strToU8, type Zippable, zipSync } from 'fflate';

export const W_NS =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' +
  'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' +
  'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"';

export interface DocxParts {
  readonly body: string;
  readonly styles?: string;
  readonly numbering?: string;
  readonly footnotes?: string;
  /** Extra parts by name (bytes or text), with their relationships from the document. */
  readonly extraParts?: Readonly<Record<string, string | Uint8Array>>;
  readonly extraRels?: string;
  /** Content of a default header part (paragraphs), referenced from the section. */
  readonly header?: string;
  /** Replaces the whole document.xml (for malformed-XML fixtures). */
  readonly rawDocumentXml?: string;
  /** The content of `docProps/core.xml`'s `cp:coreProperties` (e.g. `<dcterms:modified>…`). */
  readonly core?: string;
}

const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const SECT = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>';

export function buildDocx(parts: DocxParts): Uint8Array {
  const files: Zippable = {};
  const overrides: string[] = ['<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'];
  const rels: string[] = [];
  const add = (name: string, data: string | Uint8Array): void => {
    files[name] = [typeof data === 'string' ? strToU8(data) : data, { mtime: new Date(1980, 0, 1) }];
  };
  const sect = parts.header === undefined ? SECT : SECT.replace('<w:sectPr>', '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader1"/>');
  add('word/document.xml', parts.rawDocumentXml ?? `${XML_DECL}<w:document ${W_NS}><w:body>${parts.body}${sect}</w:body></w:document>`);
  if (parts.header !== undefined) {
    add('word/header1.xml', `${XML_DECL}<w:hdr ${W_NS}>${parts.header}</w:hdr>`);
    overrides.push('<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>');
    rels.push('<Relationship Id="rIdHeader1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>');
  }
  add('word/styles.xml', `${XML_DECL}<w:styles ${W_NS}>${parts.styles ?? DEFAULT_STYLES}</w:styles>`);
  overrides.push('<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>');
  rels.push('<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>');
  if (parts.numbering !== undefined) {
    add('word/numbering.xml', `${XML_DECL}<w:numbering ${W_NS}>${parts.numbering}</w:numbering>`);
    overrides.push('<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>');
    rels.push('<Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>');
  }
  if (parts.footnotes !== undefined) {
    add(
      'word/footnotes.xml',
      `${XML_DECL}<w:footnotes ${W_NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>${parts.footnotes}</w:footnotes>`,
    );
    overrides.push('<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>');
    rels.push('<Relationship Id="rIdFootnotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>');
  }
  const rootRels = ['<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'];
  if (parts.core !== undefined) {
    add(
      'docProps/core.xml',
      `${XML_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${parts.core}</cp:coreProperties>`,
    );
    overrides.push('<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>');
    rootRels.push('<Relationship Id="rIdCore" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>');
  }
  for (const [name, data] of Object.entries(parts.extraParts ?? {})) add(name, data);
  if (parts.extraRels) rels.push(parts.extraRels);
  add(
    '[Content_Types].xml',
    `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>${overrides.join('')}</Types>`,
  );
  add('_rels/.rels', `${XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rootRels.join('')}</Relationships>`);
  add('word/_rels/document.xml.rels', `${XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`);
  return zipSync(files);
}

const DEFAULT_STYLES =
  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>' +
  '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>' +
  '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>';

/** `<w:p>` with plain text runs. */
export function p(text: string, pPr = ''): string {
  return `<w:p>${pPr === '' ? '' : `<w:pPr>${pPr}</w:pPr>`}${text === '' ? '' : `<w:r><w:t xml:space="preserve">${escapeXmlText(text)}</w:t></w:r>`}</w:p>`;
}

/** A numbered paragraph (`numPr`) with optional style. */
export function np(text: string, numId: number, ilvl: number, style?: string): string {
  return p(text, `${style ? `<w:pStyle w:val="${style}"/>` : ''}<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>`);
}

export function escapeXmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
