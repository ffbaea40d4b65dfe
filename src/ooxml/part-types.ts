/**
 * What the package knows about kinds of parts: relationship types (transitional and strict
 * spellings), the content type each kind of WordprocessingML part must have, and content types
 * by file extension.
 */

/** Namespaces of relationship types; a type is its namespace plus a short name. */
const TYPE_NAMESPACES = [
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships/',
  'http://purl.oclc.org/ooxml/officeDocument/relationships/',
  'http://schemas.openxmlformats.org/package/2006/relationships/metadata/',
  'http://schemas.microsoft.com/office/2006/relationships/',
  'http://schemas.microsoft.com/office/2011/relationships/',
  'http://schemas.microsoft.com/office/2016/09/relationships/',
  'http://schemas.microsoft.com/office/2018/08/relationships/',
];

/** Strict and older spellings of a short name, mapped to the transitional one. */
const SHORT_NAME_ALIASES: Readonly<Record<string, string>> = {
  extendedProperties: 'extended-properties',
  customProperties: 'custom-properties',
  coreProperties: 'core-properties',
};

/** The short name of a relationship type (`…/relationships/styles` → `styles`), whatever its spelling. */
export function relationshipKind(type: string): string {
  const namespace = TYPE_NAMESPACES.find((ns) => type.startsWith(ns));
  const short = namespace === undefined ? type : type.slice(namespace.length);
  return SHORT_NAME_ALIASES[short] ?? short;
}

const WML = 'application/vnd.openxmlformats-officedocument.wordprocessingml';

export const MAIN_CONTENT_TYPE = `${WML}.document.main+xml`;
export const RELATIONSHIPS_CONTENT_TYPE = 'application/vnd.openxmlformats-package.relationships+xml';

/** Content types of a main document part other than a plain document's (templates, macros). */
export const OTHER_MAIN_CONTENT_TYPES: ReadonlySet<string> = new Set([
  `${WML}.template.main+xml`,
  'application/vnd.ms-word.document.macroEnabled.main+xml',
  'application/vnd.ms-word.template.macroEnabledTemplate.main+xml',
]);

/** The content type a part reached through a relationship of this kind must have. */
export const CONTENT_TYPE_OF_KIND: Readonly<Record<string, string>> = {
  officeDocument: MAIN_CONTENT_TYPE,
  styles: `${WML}.styles+xml`,
  stylesWithEffects: 'application/vnd.ms-word.stylesWithEffects+xml',
  numbering: `${WML}.numbering+xml`,
  settings: `${WML}.settings+xml`,
  webSettings: `${WML}.webSettings+xml`,
  fontTable: `${WML}.fontTable+xml`,
  theme: 'application/vnd.openxmlformats-officedocument.theme+xml',
  footnotes: `${WML}.footnotes+xml`,
  endnotes: `${WML}.endnotes+xml`,
  comments: `${WML}.comments+xml`,
  commentsExtended: `${WML}.commentsExtended+xml`,
  commentsIds: `${WML}.commentsIds+xml`,
  commentsExtensible: `${WML}.commentsExtensible+xml`,
  people: `${WML}.people+xml`,
  header: `${WML}.header+xml`,
  footer: `${WML}.footer+xml`,
  glossaryDocument: `${WML}.document.glossary+xml`,
  'core-properties': 'application/vnd.openxmlformats-package.core-properties+xml',
  'extended-properties': 'application/vnd.openxmlformats-officedocument.extended-properties+xml',
  'custom-properties': 'application/vnd.openxmlformats-officedocument.custom-properties+xml',
  customXmlProps: 'application/vnd.openxmlformats-officedocument.customXmlProperties+xml',
};

/**
 * Kinds of parts the main document reaches by relationship type alone (no `r:id` in its XML
 * names them): when its relationships part is lost, these can be found again by content type.
 */
export const MAIN_PART_KINDS_BY_TYPE = [
  'styles',
  'stylesWithEffects',
  'numbering',
  'settings',
  'webSettings',
  'fontTable',
  'theme',
  'footnotes',
  'endnotes',
  'comments',
  'commentsExtended',
  'commentsIds',
  'commentsExtensible',
  'people',
  'glossaryDocument',
] as const;

/** The usual names of parts reached by type, relative to their source's folder. */
export const USUAL_NAMES: Readonly<Record<string, string>> = {
  styles: 'styles.xml',
  stylesWithEffects: 'stylesWithEffects.xml',
  numbering: 'numbering.xml',
  settings: 'settings.xml',
  webSettings: 'webSettings.xml',
  fontTable: 'fontTable.xml',
  theme: 'theme/theme1.xml',
  footnotes: 'footnotes.xml',
  endnotes: 'endnotes.xml',
  comments: 'comments.xml',
  commentsExtended: 'commentsExtended.xml',
  commentsIds: 'commentsIds.xml',
  commentsExtensible: 'commentsExtensible.xml',
  people: 'people.xml',
  glossaryDocument: 'glossary/document.xml',
  'core-properties': 'docProps/core.xml',
  'extended-properties': 'docProps/app.xml',
  'custom-properties': 'docProps/custom.xml',
};

/** Kinds the package root reaches by type alone. */
export const ROOT_KINDS_BY_TYPE = ['core-properties', 'extended-properties', 'custom-properties'] as const;

/** The only kind of relationship that may leave the package. */
export const EXTERNAL_KINDS: ReadonlySet<string> = new Set(['hyperlink']);

/** Relationships whose parts never go into a `.docx` we write: a DOCX carries no macros. */
export const MACRO_KINDS: ReadonlySet<string> = new Set(['vbaProject', 'wordVbaData', 'keyMapCustomizations']);

/** Content types by extension, for parts the package gives none. */
export const CONTENT_TYPE_OF_EXTENSION: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  bmp: 'image/bmp',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  emf: 'image/x-emf',
  wmf: 'image/x-wmf',
  svg: 'image/svg+xml',
  xml: 'application/xml',
  rels: RELATIONSHIPS_CONTENT_TYPE,
  bin: 'application/vnd.openxmlformats-officedocument.oleObject',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odttf: 'application/vnd.openxmlformats-officedocument.obfuscatedFont',
};

/** The lower-case extension of a part name (`word/media/a.PNG` → `png`), or `''`. */
export function extensionOf(part: string): string {
  const slash = part.lastIndexOf('/');
  const dot = part.lastIndexOf('.');
  return dot > slash ? part.slice(dot + 1).toLowerCase() : '';
}

/**
 * Whether a part holds XML: by its content type or by its name, either being enough, so that no
 * XML part escapes being parsed (and its DOCTYPE refused) by carrying an odd content type.
 */
export function isXmlPart(part: string, contentType: string | undefined): boolean {
  const ext = extensionOf(part);
  return ext === 'xml' || ext === 'rels' || (contentType !== undefined && /[+/]xml$/i.test(contentType));
}
