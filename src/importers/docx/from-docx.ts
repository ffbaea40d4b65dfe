/**
 * The DOCX importer: a WordprocessingML package in, the document model out.
 *
 * mammoth is not used here: it accepts insertions and drops deletions silently, and it neither
 * computes clause labels nor keeps the source XML that the exporter writes back (see docs/architecture.md's
 * dependency table).
 */
import { type Diagnostic, Diagnostics } from '../../diagnostics/diagnostic.js';
import { InputError, PartError } from '../../diagnostics/errors.js';
import type { Block, Document, Note, NoteKind, RevisionView, Story, StoryKind } from '../../model/document.js';
import { commentIdentities } from '../../ooxml/comment-identity.js';
import { DEFAULT_PACKAGE_LIMITS, OpcPackage, type PackageLimits, REL_TYPES } from '../../ooxml/package.js';
import { attr, childElements, descendant, findAll, firstChild, startTagOf, textContent, type XmlDocument, type XmlElement } from '../../ooxml/xml.js';
import { quote } from '../../util/quote.js';
import { readBlocks } from './body-reader.js';
import { NumberingCounter, NumberingDefinitions } from './numbering.js';
import type { ReadContext, ReadState } from './read-context.js';
import { StyleSheet } from './styles.js';

export interface DocxImportOptions {
  /** Which view of tracked changes to read: `after` (accept all, the default) or `before`. */
  readonly view?: RevisionView;
  readonly limits?: PackageLimits;
}

export interface ImportResult {
  readonly document: Document;
  readonly diagnostics: readonly Diagnostic[];
}

export function fromDocx(bytes: Uint8Array, fileName: string, options: DocxImportOptions = {}): ImportResult {
  return readChecked(OpcPackage.read(bytes, fileName, options.limits ?? DEFAULT_PACKAGE_LIMITS), fileName, options.view ?? 'after');
}

/**
 * Reads a package already in memory as parts, whole and well-formed as written (a clean package
 * written for a text or Markdown version: never zipped, nothing to repair).
 */
export function fromDocxParts(parts: Map<string, Uint8Array>, mainPart: string, fileName: string): ImportResult {
  return readChecked(OpcPackage.fromParts(parts, mainPart), fileName, 'after');
}

function readChecked(pkg: OpcPackage, fileName: string, view: RevisionView): ImportResult {
  try {
    return readPackage(pkg, fileName, view);
  } catch (error) {
    if (error instanceof PartError) throw new InputError(fileName, error.message, { cause: error });
    throw error;
  }
}

function readPackage(pkg: OpcPackage, fileName: string, view: RevisionView): ImportResult {
  // Reading repaired the package (or refused it): it has a main part.
  const mainPart = pkg.mainPart as string;
  const doc = pkg.xml(mainPart);
  const body = doc && firstChild(doc.root, 'w:body');
  if (doc?.root.name !== 'w:document' || !body) {
    throw new InputError(fileName, `not a Word document (${quote(mainPart)} has no w:document/w:body)`);
  }

  const diagnostics = new Diagnostics();
  diagnostics.addAll(pkg.repairs);
  const stylesXml = xmlOf(pkg, mainPart, REL_TYPES.styles);
  const styles = new StyleSheet(stylesXml);
  const language = defaultLanguage(stylesXml);
  const numberingDefinitions = new NumberingDefinitions(xmlOf(pkg, mainPart, REL_TYPES.numbering), styles, { diagnostics, file: fileName });
  const state: ReadState = { nextId: 0, revisions: 0, rangeNames: new Map() };
  const comments = commentIdentities(xmlOf(pkg, mainPart, REL_TYPES.comments));
  const contextFor = (part: string, partDoc: XmlDocument): ReadContext => ({
    fileName,
    pkg,
    part,
    doc: partDoc,
    view,
    styles,
    numberingDefinitions,
    numbering: new NumberingCounter(numberingDefinitions),
    diagnostics,
    state,
    comments,
  });

  const bodyBlocks = readBlocks(contextFor(mainPart, doc), body);
  const footnotes = readNotes(pkg, mainPart, 'footnote', contextFor);
  const endnotes = readNotes(pkg, mainPart, 'endnote', contextFor);
  const headers = readStories(pkg, mainPart, body, 'header', contextFor);
  const footers = readStories(pkg, mainPart, body, 'footer', contextFor);

  const lastChild = childElements(body).at(-1);
  const finalSectPr = lastChild?.name === 'w:sectPr' ? lastChild : undefined;
  const bodyOpen = startTagOf(doc, body);
  const bodyContentStart = doc.source.indexOf(bodyOpen, body.start) + bodyOpen.length;
  const bodyClose = doc.source.lastIndexOf('</w:body>', body.end);
  const title = coreTitle(pkg);
  const modified = coreModified(pkg);

  const document: Document = {
    name: fileName,
    format: 'docx',
    body: bodyBlocks,
    footnotes,
    endnotes,
    headers,
    footers,
    hadTrackedChanges: state.revisions > 0,
    ...(title !== undefined && { title }),
    ...(modified !== undefined && { modified }),
    ...(language !== undefined && { language }),
    docx: {
      parts: new Map(pkg.partNames().map((name) => [name, pkg.bytes(name) as Uint8Array])),
      mainPart,
      bodyPrefix: doc.source.slice(0, bodyContentStart),
      bodySuffix: doc.source.slice(finalSectPr ? finalSectPr.start : bodyClose),
    },
  };
  return { document, diagnostics: diagnostics.list() };
}

function xmlOf(pkg: OpcPackage, mainPart: string, type: string): XmlDocument | undefined {
  const part = pkg.relatedPart(mainPart, type);
  return part === undefined ? undefined : pkg.xml(part);
}

const SPECIAL_NOTES = new Set(['separator', 'continuationSeparator', 'continuationNotice']);

function readNotes(pkg: OpcPackage, mainPart: string, kind: NoteKind, contextFor: (part: string, doc: XmlDocument) => ReadContext): Note[] {
  const part = pkg.relatedPart(mainPart, kind === 'footnote' ? REL_TYPES.footnotes : REL_TYPES.endnotes);
  const doc = part === undefined ? undefined : pkg.xml(part);
  if (!doc || part === undefined) return [];
  const ctx = contextFor(part, doc);
  const notes: Note[] = [];
  for (const note of childElements(doc.root, kind === 'footnote' ? 'w:footnote' : 'w:endnote')) {
    const type = note.attrs['w:type'];
    if (type !== undefined && SPECIAL_NOTES.has(type)) continue;
    notes.push({ kind, id: note.attrs['w:id'] ?? '', blocks: readBlocks(ctx, note), open: startTagOf(doc, note) });
  }
  return notes;
}

/** Headers or footers referenced by the document's sections, each part read once. */
function readStories(pkg: OpcPackage, mainPart: string, body: XmlElement, kind: StoryKind, contextFor: (part: string, doc: XmlDocument) => ReadContext): Story[] {
  const rels = pkg.relationships(mainPart);
  const seen = new Set<string>();
  const stories: Story[] = [];
  for (const reference of findAll(body, kind === 'header' ? 'w:headerReference' : 'w:footerReference')) {
    const rel = rels.find((r) => r.id === reference.attrs['r:id']);
    if (!rel || rel.external || seen.has(rel.target)) continue;
    seen.add(rel.target);
    const doc = pkg.xml(rel.target);
    if (!doc) continue;
    const blocks: Block[] = readBlocks(contextFor(rel.target, doc), doc.root);
    stories.push({ kind, variant: reference.attrs['w:type'] ?? 'default', part: rel.target, blocks });
  }
  return stories;
}

/** The default run language of the style sheet (`w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val`). */
function defaultLanguage(styles: XmlDocument | undefined): string | undefined {
  const lang = attr(descendant(styles?.root, 'w:docDefaults', 'w:rPrDefault', 'w:rPr', 'w:lang'), 'w:val');
  return lang !== undefined && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(lang) ? lang : undefined;
}

/** `dcterms:modified` as `YYYY-MM-DDTHH:MM:SSZ`; undefined when absent or not a date. */
function coreModified(pkg: OpcPackage): string | undefined {
  const part = pkg.relatedPart('', REL_TYPES.coreProperties);
  const doc = part === undefined ? undefined : pkg.xml(part);
  const element = doc && firstChild(doc.root, 'dcterms:modified');
  const text = element && textContent(element).trim();
  if (text === undefined || !/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(text)) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : `${date.toISOString().slice(0, 19)}Z`;
}

function coreTitle(pkg: OpcPackage): string | undefined {
  const part = pkg.relatedPart('', REL_TYPES.coreProperties);
  const doc = part === undefined ? undefined : pkg.xml(part);
  const title = doc && firstChild(doc.root, 'dc:title');
  const text = title && textContent(title).trim();
  return text === undefined || text === '' ? undefined : text;
}
