/**
 * Word comments naming the source of each change (or run of adjacent changes of one source), as
 * in "MP093 — Implementing IRP511 and CRP535 to support GBCS v3.2 devices": a real comments part
 * (`word/comments.xml`, ECMA-376 §17.13.4) that Word and LibreOffice show beside the text.
 */
import type { DocxSource } from '../../model/document.js';
import { OpcPackage, REL_TYPES } from '../../ooxml/package.js';
import type { PackageBuilder } from '../../ooxml/package-builder.js';
import { escapeXml } from '../../ooxml/xml.js';

const CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml';

export interface CommentNote {
  readonly author: string;
  readonly text: string;
}

export class CommentCollector {
  private readonly comments: { id: number; note?: CommentNote; xml?: string }[] = [];
  private next: number;
  private readonly date: string | undefined;

  constructor(firstId: number, date: string | undefined) {
    this.next = firstId;
    this.date = date;
  }

  add(note: CommentNote): number {
    const id = this.next++;
    this.comments.push({ id, note });
    return id;
  }

  /**
   * Adds a comment of another version (a `w:comment` as written there, its relationships already
   * rewritten for the output) under a fresh id; returns the id.
   */
  adopt(commentXml: string): number {
    const id = this.next++;
    this.comments.push({ id, xml: commentXml.replace(/^(<w:comment\b[^>]*?\bw:id=")[^"]*"/, `$1${id}"`) });
    return id;
  }

  get isEmpty(): boolean {
    return this.comments.length === 0;
  }

  /** The `w:comment` elements. */
  xml(): string {
    return this.comments
      .map(({ id, note, xml }) => {
        if (note === undefined) return xml ?? '';
        const author = escapeXml(note.author);
        return (
          `<w:comment w:id="${id}" w:author="${author}" w:initials="${author}"${this.date === undefined ? '' : ` w:date="${escapeXml(this.date)}"`}>` +
          `<w:p><w:r><w:annotationRef/></w:r><w:r><w:t xml:space="preserve">${escapeXml(note.text)}</w:t></w:r></w:p></w:comment>`
        );
      })
      .join('');
  }
}

/**
 * The `w:commentRangeStart` … `w:commentRangeEnd` + reference run around some content; `wrap`
 * puts the reference run inside a revision (the one of the removed text it comments).
 */
export function commentRange(id: number, content: string, wrap: (run: string) => string = (run) => run): string {
  return `<w:commentRangeStart w:id="${id}"/>${content}<w:commentRangeEnd w:id="${id}"/>${wrap(`<w:r><w:commentReference w:id="${id}"/></w:r>`)}`;
}

function commentsPart(source: DocxSource): string | undefined {
  return OpcPackage.fromParts(new Map(source.parts)).relatedPart(source.mainPart, REL_TYPES.comments);
}

/** The output's comments part: the new version's, or the one that will be created. */
export function outputCommentsPart(source: DocxSource, out: PackageBuilder): string {
  return commentsPart(source) ?? out.freshPartName('word/comments.xml');
}

/** The first comment id free in the new version's package. */
/**
 * The first id for new comments: past the package's own comments and past every id a footnote or
 * endnote of the output can take (`noteCount` bounds the notes the redline writes). LibreOffice
 * attaches the wrong note text to a reference when a comment shares its id with a note.
 */
export function firstFreeCommentId(source: DocxSource, noteCount: number): number {
  let max = noteCount;
  for (const part of source.parts.keys()) {
    if (!/^word\/(comments|footnotes|endnotes)\d*\.xml$/.test(part)) continue;
    const text = new TextDecoder().decode(source.parts.get(part) as Uint8Array);
    let notes = 0;
    for (const match of text.matchAll(/<w:(comment|footnote|endnote)\b[^>]*\bw:id="(-?\d+)"/g)) {
      max = Math.max(max, Number(match[2]));
      if (match[1] !== 'comment') notes++;
    }
    max = Math.max(max, notes + noteCount);
  }
  return max + 1;
}

/** Adds the collected comments to the package's comments part, creating it if needed. */
export function writeComments(collector: CommentCollector, source: DocxSource, out: PackageBuilder): void {
  if (collector.isEmpty) return;
  const part = outputCommentsPart(source, out);
  if (!out.has(part)) {
    out.setText(part, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"></w:comments>');
    out.registerContentType(part, CONTENT_TYPE);
    out.addRelationship(source.mainPart, REL_TYPES.comments, part, false);
  }
  const text = out.text(part) ?? '';
  const closing = text.lastIndexOf('</w:comments>');
  out.setText(part, closing >= 0 ? text.slice(0, closing) + collector.xml() + text.slice(closing) : text.replace(/<w:comments([^>]*)\/>\s*$/, `<w:comments$1>${collector.xml()}</w:comments>`));
}
