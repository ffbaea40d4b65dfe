/**
 * The DOCX exporter: a redline in, a WordprocessingML package with real tracked changes out.
 *
 * The package is the new version's own: styles, numbering, theme, settings, headers and footers,
 * sections and page setup stay as they are. Only the body (and the notes that changed) are
 * rewritten from the redline; content carried over from the old version brings its pictures and
 * links along.
 */
import { type Diagnostic, Diagnostics } from '../../diagnostics/diagnostic.js';
import type { Document, DocxSource } from '../../model/document.js';
import type { Redline } from '../../model/redline.js';
import { unchangedRedline } from '../../model/unchanged-redline.js';
import { PackageBuilder } from '../../ooxml/package-builder.js';
import { ResourceImporter } from '../../ooxml/resource-importer.js';
import { writeBlocks } from './block-writer.js';
import { CarriedRanges, idCeilings } from './carried-ranges.js';
import { CommentCollector, type CommentNote, firstFreeCommentId, writeComments } from './comments.js';
import { renumberNotes } from './note-ids.js';
import { assignOldNoteIds, notesPart, writeNotes } from './notes-writer.js';
import { removeProtection } from './protection.js';
import { writeStories } from './stories-writer.js';
import { checkWrittenStructure } from './structure-check.js';
import { MoveRanges, RevisionStamp, type WriterContext } from './writer-context.js';

export interface DocxExportOptions {
  /** The revisions' date (ISO 8601); none by default, so that output is deterministic. */
  readonly date?: string;
  /** Comment each change with its source (default: when the redline has sources). */
  readonly comments?: boolean;
  /**
   * A clean version (no change to review) keeps the new version's editing protection; a redline
   * is for review and never carries enforced protection (default: a redline).
   */
  readonly clean?: boolean;
}

export interface DocxExport {
  readonly bytes: Uint8Array;
  readonly diagnostics: readonly Diagnostic[];
}

/** A clean DOCX of a document (tracked changes it was read with are resolved to its view). */
export function documentToDocx(document: Document): DocxExport {
  return redlineToDocx(unchangedRedline(document), { clean: true });
}

export function redlineToDocx(redline: Redline, options: DocxExportOptions = {}): DocxExport {
  const newSource = redline.new.docx;
  if (!newSource) throw new TypeError('redlineToDocx needs a new version read from DOCX (convert text inputs first)');
  const oldSource = redline.old.docx;
  const out = new PackageBuilder(newSource.parts);
  const diagnostics = new Diagnostics();
  const authors = new Map(redline.changes.map((c) => [c.id, c.author]));
  const defaultAuthor = redline.changes[0]?.author ?? 'Redline';
  const mainText = out.text(newSource.mainPart) ?? '';

  const ceilings = idCeilings(newSource);
  const resources = new ResourceImporter(oldSource, out, maxDrawingId(mainText) + 1);
  const collector = new CommentCollector(firstFreeCommentId(newSource, redline.notes.length), options.date);
  const ctx: WriterContext = {
    stamp: new RevisionStamp(options.date, ceilings.revision + 1),
    authorOf: (id) => (id === undefined ? defaultAuthor : (authors.get(id) ?? defaultAuthor)),
    old: resources,
    oldPart: oldSource?.mainPart ?? 'word/document.xml',
    outputPart: newSource.mainPart,
    oldNoteIds: assignOldNoteIds(redline.notes, newSource),
    diagnostics,
    moves: new MoveRanges(redline.body),
    ranges: new CarriedRanges(newSource, ceilings, oldSource, out, collector, resources),
    controlIds: ceilings.controlIds,
    ...((options.comments ?? redline.sources.length > 0) && { comments: { collector, noteFor: sourceNotes(redline) } }),
  };

  const prefix = declareMissingNamespaces(newSource.bodyPrefix, 'w:document', oldSource?.bodyPrefix);
  let documentXml = prefix + writeBlocks(redline.body, ctx) + newSource.bodySuffix;
  for (const kind of ['footnote', 'endnote'] as const) {
    const part = writeNotes(kind, redline.notes, newSource, oldSource, out, ctx);
    const notesXml = part === undefined ? undefined : out.text(part);
    if (part === undefined || notesXml === undefined) continue;
    const renumbered = renumberNotes(kind, documentXml, notesXml);
    documentXml = renumbered.documentXml;
    out.setText(part, declareMissingNamespaces(renumbered.notesXml, `w:${kind}s`, partText(oldSource, notesPart(oldSource, kind))));
  }
  out.setText(newSource.mainPart, documentXml);
  writeStories(redline.stories, out, ctx, oldSource);
  writeComments(collector, newSource, out);
  if (!options.clean) removeProtection(newSource, out, redline.new.name, diagnostics);
  const parts = out.finalParts();
  const inherited = checkWrittenStructure(parts, newSource.mainPart, [newSource, ...(oldSource ? [oldSource] : [])]);
  for (const problem of inherited) diagnostics.warn('docx/input-structure', `${problem.part}: ${problem.message} (already so in the input; kept as it was)`);
  return { bytes: out.toZip(), diagnostics: diagnostics.list() };
}

/** The comment of each change: its source(s) and their titles. */
function sourceNotes(redline: Redline): (changeId: string) => CommentNote | undefined {
  const titles = new Map(redline.sources.map((s) => [s.id, s.title]));
  const changes = new Map(redline.changes.map((c) => [c.id, c]));
  return (changeId) => {
    const change = changes.get(changeId);
    if (!change) return undefined;
    if (change.sources.length === 0) return { author: change.author, text: `${change.author} — no source explains this change` };
    const text = change.sources.map((id) => (titles.get(id) ? `${id} — ${titles.get(id)}` : id)).join('; ');
    return { author: change.author, text };
  };
}

function maxDrawingId(xml: string): number {
  let max = 0;
  for (const match of xml.matchAll(/<wp:docPr\b[^>]*?\bid="(\d+)"/g)) max = Math.max(max, Number(match[1]));
  return max;
}

/**
 * Adds to the root start tag of `text` the namespace declarations of `other`'s root that it
 * lacks: content carried over from the old version may use prefixes the new one never declared.
 */
function declareMissingNamespaces(text: string, rootName: string, other: string | undefined): string {
  if (!other) return text;
  const rootTag = (xml: string): string => {
    const at = xml.indexOf(`<${rootName}`);
    return at < 0 ? '' : xml.slice(at, xml.indexOf('>', at));
  };
  const declared = new Set([...rootTag(text).matchAll(/\sxmlns:([\w.-]+)=/g)].map((m) => m[1]));
  const missing = [...rootTag(other).matchAll(/\sxmlns:([\w.-]+)="[^"]*"/g)].filter((m) => !declared.has(m[1])).map((m) => m[0]);
  return missing.length === 0 ? text : text.replace(`<${rootName}`, `<${rootName}${missing.join('')}`);
}

function partText(source: DocxSource | undefined, part: string | undefined): string | undefined {
  const bytes = part === undefined ? undefined : source?.parts.get(part);
  return bytes && new TextDecoder().decode(bytes);
}
