/**
 * A styles part holding Word's defaults, for a document whose styles part is lost (or that never
 * had one). Word shows such a document with its built-in definitions: the document defaults
 * (Times New Roman 10 pt, no spacing), and for every style the document names, the built-in
 * style of that id (`Heading1` is "heading 1" at outline level 1, `ListParagraph` is indented),
 * or, for an id Word does not know, Normal. Writing those definitions into the package makes the
 * reader, the redline and every word processor see the same styles: left undefined, a word
 * processor substitutes its own built-ins (LibreOffice's "List Paragraph" differs from Word's,
 * and its Reject All then leaves stray empty paragraphs).
 */
import { escapeXml } from './xml.js';

export type StyleType = 'paragraph' | 'character' | 'table' | 'numbering';

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** Built-in styles: type, name and properties (`w:pPr`/`w:rPr`/`w:tblPr` content), by style id. */
const BUILT_IN: Readonly<Record<string, { readonly type: StyleType; readonly name: string; readonly body: string }>> = {
  Normal: { type: 'paragraph', name: 'Normal', body: '' },
  DefaultParagraphFont: { type: 'character', name: 'Default Paragraph Font', body: '' },
  TableNormal: {
    type: 'table',
    name: 'Normal Table',
    body: '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>',
  },
  NoList: { type: 'numbering', name: 'No List', body: '' },
  Title: { type: 'paragraph', name: 'Title', body: '<w:pPr><w:contextualSpacing/></w:pPr><w:rPr><w:kern w:val="28"/><w:sz w:val="56"/><w:szCs w:val="56"/></w:rPr>' },
  Subtitle: { type: 'paragraph', name: 'Subtitle', body: '<w:rPr><w:color w:val="5A5A5A"/><w:spacing w:val="15"/></w:rPr>' },
  ListParagraph: { type: 'paragraph', name: 'List Paragraph', body: '<w:pPr><w:ind w:left="720"/><w:contextualSpacing/></w:pPr>' },
  Quote: {
    type: 'paragraph',
    name: 'Quote',
    body: '<w:pPr><w:spacing w:before="200" w:after="160"/><w:ind w:left="864" w:right="864"/><w:jc w:val="center"/></w:pPr><w:rPr><w:i/><w:iCs/><w:color w:val="404040"/></w:rPr>',
  },
  Caption: { type: 'paragraph', name: 'caption', body: '<w:pPr><w:spacing w:after="200"/></w:pPr><w:rPr><w:i/><w:iCs/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>' },
  Header: { type: 'paragraph', name: 'header', body: '<w:pPr><w:tabs><w:tab w:val="center" w:pos="4680"/><w:tab w:val="right" w:pos="9360"/></w:tabs></w:pPr>' },
  Footer: { type: 'paragraph', name: 'footer', body: '<w:pPr><w:tabs><w:tab w:val="center" w:pos="4680"/><w:tab w:val="right" w:pos="9360"/></w:tabs></w:pPr>' },
  FootnoteText: { type: 'paragraph', name: 'footnote text', body: '<w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>' },
  EndnoteText: { type: 'paragraph', name: 'endnote text', body: '<w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>' },
  CommentText: { type: 'paragraph', name: 'annotation text', body: '<w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>' },
  FootnoteReference: { type: 'character', name: 'footnote reference', body: '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>' },
  EndnoteReference: { type: 'character', name: 'endnote reference', body: '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>' },
  CommentReference: { type: 'character', name: 'annotation reference', body: '<w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>' },
  Hyperlink: { type: 'character', name: 'Hyperlink', body: '<w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr>' },
  Strong: { type: 'character', name: 'Strong', body: '<w:rPr><w:b/><w:bCs/></w:rPr>' },
  Emphasis: { type: 'character', name: 'Emphasis', body: '<w:rPr><w:i/><w:iCs/></w:rPr>' },
  TableGrid: {
    type: 'table',
    name: 'Table Grid',
    body: '<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr>',
  },
  ...headings(),
  ...tocLevels(),
};

function headings(): Record<string, { type: StyleType; name: string; body: string }> {
  const sizes = [32, 26, 24, 22, 22, 22, 22, 22, 22];
  return Object.fromEntries(
    sizes.map((size, i) => [
      `Heading${i + 1}`,
      {
        type: 'paragraph' as const,
        name: `heading ${i + 1}`,
        body: `<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="${i === 0 ? 240 : 40}"/><w:outlineLvl w:val="${i}"/></w:pPr><w:rPr><w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr>`,
      },
    ]),
  );
}

function tocLevels(): Record<string, { type: StyleType; name: string; body: string }> {
  return Object.fromEntries(
    Array.from({ length: 9 }, (_, i) => [
      `TOC${i + 1}`,
      { type: 'paragraph' as const, name: `toc ${i + 1}`, body: `<w:pPr><w:spacing w:after="100"/>${i === 0 ? '' : `<w:ind w:left="${i * 220}"/>`}</w:pPr>` },
    ]),
  );
}

const DEFAULT_IDS: Readonly<Record<StyleType, string>> = { paragraph: 'Normal', character: 'DefaultParagraphFont', table: 'TableNormal', numbering: 'NoList' };

/** The styles part: Word's defaults, and a definition for every style id in `used`. */
export function defaultStylesXml(used: ReadonlyMap<string, StyleType>): string {
  const styles = new Map<string, StyleType>(Object.entries(DEFAULT_IDS).map(([type, id]) => [id, type as StyleType]));
  for (const [id, type] of used) if (!styles.has(id)) styles.set(id, type);
  const definitions = [...styles].map(([id, type]) => {
    const builtIn = BUILT_IN[id];
    const isDefault = DEFAULT_IDS[type] === id;
    const style = builtIn && builtIn.type === type ? builtIn : { type, name: id, body: '' };
    const basedOn = !isDefault && (type === 'paragraph' || type === 'character') ? `<w:basedOn w:val="${type === 'paragraph' ? 'Normal' : 'DefaultParagraphFont'}"/>` : '';
    return `<w:style w:type="${type}"${isDefault ? ' w:default="1"' : ''} w:styleId="${escapeXml(id)}"><w:name w:val="${escapeXml(style.name)}"/>${basedOn}${style.body}</w:style>`;
  });
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<w:styles xmlns:w="${W_NS}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="20"/><w:szCs w:val="20"/><w:lang w:val="en-US" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>` +
    `${definitions.join('')}</w:styles>`
  );
}

/** The style ids an XML part names, with their types (`w:pStyle` → paragraph, and so on). */
export function styleIdsIn(xml: string, into: Map<string, StyleType>): void {
  const TYPE_OF: Readonly<Record<string, StyleType>> = { pStyle: 'paragraph', rStyle: 'character', tblStyle: 'table', numStyleLink: 'numbering', styleLink: 'numbering' };
  for (const match of xml.matchAll(/<w:(pStyle|rStyle|tblStyle|numStyleLink|styleLink)\b[^>]*?\bw:val\s*=\s*(["'])([^"']*)\2/g)) {
    const id = unescapeAttribute(match[3] as string);
    if (id !== '' && !into.has(id)) into.set(id, TYPE_OF[match[1] as string] as StyleType);
  }
}

function unescapeAttribute(value: string): string {
  return value.replace(/&(lt|gt|amp|quot|apos);/g, (_, name: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[name] as string);
}
