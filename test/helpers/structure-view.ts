/**
 * An XML-level oracle for the structure LibreOffice's text check does not see: the bookmarks,
 * comment anchors, permission ranges, content controls, custom XML and smart tags, fields and
 * hyperlinks of a DOCX's body, each with the text offset where it stands, as the Accept All or
 * Reject All view of its tracked changes reads. It resolves revisions on its own (it does not use
 * Redline's importer), so the redline's reject view can be held against the old version and its
 * accept view against the new one.
 *
 * Offsets count the characters of the view's text as Word reads it (`w:t`, and `w:delText` in the
 * reject view, without the leading and trailing white space `xml:space="preserve"` does not keep; a
 * tab or break is one); paragraph marks count nothing, so a bookmark end just after a paragraph
 * and one at the end of its content stand at one offset. A content control, custom XML element or
 * smart tag whose content the view empties (its runs were all deleted; a bookmark left in it is no
 * content) is not counted: Word cannot track the insertion or deletion of the wrapper itself. A range (bookmark, comment, permission)
 * goes with the content the view leaves out only when all of it is in there, as Word deletes a
 * bookmark with its text; a range one end of which is left out ends (or starts) where that
 * content stood.
 */
import { parseXml, type XmlElement } from '../../src/ooxml/xml.js';
import { type DocxFiles, partText, readDocxFiles, relatedPart } from './docx-xml.js';

export type View = 'accept' | 'reject';

const SKIPPED = new Set([
  'w:pPr',
  'w:rPr',
  'w:sectPr',
  'w:tblPr',
  'w:tblGrid',
  'w:trPr',
  'w:tcPr',
  'w:tblPrEx',
  'w:sdtPr',
  'w:sdtEndPr',
  'w:customXmlPr',
  'w:smartTagPr',
  'w:drawing',
  'w:pict',
  'w:object',
  'mc:AlternateContent',
  'm:oMath',
  'm:oMathPara',
  'w:fldData',
]);
const HIDDEN: Readonly<Record<View, ReadonlySet<string>>> = { accept: new Set(['w:del', 'w:moveFrom']), reject: new Set(['w:ins', 'w:moveTo']) };
const WRAPPERS = new Set(['w:sdt', 'w:customXml', 'w:smartTag']);
const RANGE_MARKUP = new Set(['w:bookmarkStart', 'w:bookmarkEnd', 'w:commentRangeStart', 'w:commentRangeEnd', 'w:commentReference', 'w:permStart', 'w:permEnd']);

interface Entry {
  readonly offset: number;
  readonly token: string;
  /** For range markup: the range, and whether the view left it out with its content. */
  readonly range?: string;
  readonly hidden?: boolean;
}

class Walker {
  offset = 0;
  entries: Entry[] = [];
  private readonly view: View;
  private readonly bookmarks = new Map<string, string>();
  private readonly permissions = new Map<string, string>();
  private readonly comments: ReadonlyMap<string, string>;
  private readonly links: ReadonlyMap<string, string>;
  private field: { offset: number; code: string }[] = [];
  /** Inside content the view leaves out (range markup is noted there, text is not). */
  private hidden = 0;
  /** The `xml:space` in force (the innermost element that sets it). */
  private readonly spaces: string[] = [];

  constructor(view: View, comments: ReadonlyMap<string, string>, links: ReadonlyMap<string, string>, documentSpace: string | undefined) {
    if (documentSpace !== undefined) this.spaces.push(documentSpace);
    this.view = view;
    this.comments = comments;
    this.links = links;
  }

  walk(element: XmlElement): void {
    const space = element.attrs['xml:space'];
    if (space !== undefined) this.spaces.push(space);
    for (const child of element.children) {
      if (typeof child === 'string') continue;
      this.visit(child);
    }
    if (space !== undefined) this.spaces.pop();
  }

  /** Text as Word reads it: without `xml:space="preserve"`, leading and trailing white space is not text. */
  private textLength(el: XmlElement): number {
    const text = textOf(el);
    const space = el.attrs['xml:space'] ?? this.spaces[this.spaces.length - 1];
    return (space === 'preserve' ? text : text.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '')).length;
  }

  private add(token: string, range?: string): void {
    this.entries.push({ offset: this.offset, token, ...(range !== undefined && { range, hidden: this.hidden > 0 }) });
  }

  /** The entries: range markup left out with its content only when all of its range is. */
  result(): Entry[] {
    const visible = new Set(this.entries.filter((e) => e.range !== undefined && !e.hidden).map((e) => e.range));
    return this.entries.filter((e) => !e.hidden || visible.has(e.range));
  }

  private visit(el: XmlElement): void {
    if (SKIPPED.has(el.name)) return;
    if (HIDDEN[this.view].has(el.name) || (el.name === 'w:tr' && this.rowHidden(el))) {
      this.hidden++;
      this.walk(el);
      this.hidden--;
      return;
    }
    if (this.hidden > 0 && !RANGE_MARKUP.has(el.name)) {
      this.walk(el);
      return;
    }
    switch (el.name) {
      case 'w:t':
      case 'w:delText':
        this.offset += this.textLength(el);
        return;
      case 'w:tab':
      case 'w:br':
      case 'w:cr':
        this.offset += 1;
        return;
      case 'w:bookmarkStart': {
        const name = el.attrs['w:name'] ?? '';
        this.bookmarks.set(el.attrs['w:id'] ?? '', name);
        this.add(`bookmark-start ${name}`, `bookmark ${name}`);
        return;
      }
      case 'w:bookmarkEnd': {
        const name = this.bookmarks.get(el.attrs['w:id'] ?? '') ?? `#${el.attrs['w:id'] ?? ''}`;
        this.add(`bookmark-end ${name}`, `bookmark ${name}`);
        return;
      }
      case 'w:commentRangeStart':
      case 'w:commentRangeEnd':
      case 'w:commentReference': {
        const comment = this.comments.get(el.attrs['w:id'] ?? '') ?? `#${el.attrs['w:id'] ?? ''}`;
        this.add(`${el.name.slice(2)} ${comment}`, `comment ${comment}`);
        return;
      }
      case 'w:permStart':
        this.permissions.set(el.attrs['w:id'] ?? '', el.attrs['w:ed'] ?? el.attrs['w:edGrp'] ?? '');
        this.add(`permission-start ${el.attrs['w:ed'] ?? el.attrs['w:edGrp'] ?? ''}`, `permission ${el.attrs['w:id'] ?? ''}`);
        return;
      case 'w:permEnd':
        this.add(`permission-end ${this.permissions.get(el.attrs['w:id'] ?? '') ?? ''}`, `permission ${el.attrs['w:id'] ?? ''}`);
        return;
      case 'w:fldSimple':
        this.add(`field ${(el.attrs['w:instr'] ?? '').trim()}`);
        this.walk(el);
        this.add('field-end');
        return;
      case 'w:fldChar':
        this.fieldChar(el.attrs['w:fldCharType']);
        return;
      case 'w:instrText':
      case 'w:delInstrText': {
        const open = this.field[this.field.length - 1];
        if (open) open.code += textOf(el);
        return;
      }
      case 'w:hyperlink': {
        const target = el.attrs['w:anchor'] !== undefined ? `#${el.attrs['w:anchor']}` : (this.links.get(el.attrs['r:id'] ?? '') ?? '');
        this.wrapped(el, `hyperlink ${target}`);
        return;
      }
      default:
        if (WRAPPERS.has(el.name)) this.wrapped(el, wrapperSignature(el));
        else this.walk(el);
    }
  }

  /** A row inserted (in the reject view) or deleted (in the accept view) as a whole. */
  private rowHidden(tr: XmlElement): boolean {
    const trPr = tr.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === 'w:trPr');
    const marks = trPr?.children.filter((c): c is XmlElement => typeof c !== 'string').map((c) => c.name) ?? [];
    return this.view === 'accept' ? marks.includes('w:del') : marks.includes('w:ins');
  }

  private fieldChar(type: string | undefined): void {
    if (type === 'begin') {
      this.field.push({ offset: this.offset, code: '' });
    } else if (type === 'end') {
      const open = this.field.pop();
      if (open) {
        this.entries.push({ offset: open.offset, token: `field ${open.code.trim().replace(/\s+/g, ' ')}` });
        this.add('field-end');
      }
    }
  }

  /** A wrapper counted only when the view leaves something inside it (or it was empty already). */
  private wrapped(el: XmlElement, signature: string): void {
    const before = { offset: this.offset, count: this.entries.length };
    const start: Entry = { offset: this.offset, token: `${signature} {` };
    this.walk(el);
    // Zero-width markup left inside (a bookmark) is no content: the wrapper still reads as emptied.
    const emptied = this.offset === before.offset && hasContent(el) && this.entries.slice(before.count).every((e) => e.hidden || e.range !== undefined);
    if (emptied) return;
    this.entries.splice(before.count, 0, start);
    this.add(`} ${signature}`);
  }
}

function textOf(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}

function hasContent(el: XmlElement): boolean {
  const content = el.name === 'w:sdt' ? el.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === 'w:sdtContent') : el;
  return content?.children.some((c) => typeof c !== 'string' && !c.name.endsWith('Pr'));
}

/** A wrapper by its name and properties (white space between tags left out). */
function wrapperSignature(el: XmlElement): string {
  const props = el.children.find((c): c is XmlElement => typeof c !== 'string' && (c.name === 'w:sdtPr' || c.name === 'w:customXmlPr' || c.name === 'w:smartTagPr'));
  const attrs = Object.entries(el.attrs)
    .filter(([k]) => !k.startsWith('xmlns'))
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  return `${el.name.slice(2)}[${attrs}]${props ? serialise(props) : ''}`;
}

function serialise(el: XmlElement): string {
  const attrs = Object.entries(el.attrs)
    .filter(([k]) => !k.startsWith('xmlns'))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => ` ${k}="${v}"`)
    .join('');
  const children = el.children.map((c) => (typeof c === 'string' ? c.trim() : serialise(c))).join('');
  return `<${el.name}${attrs}>${children}</${el.name}>`;
}

/** Comment ids to their text (anchors are compared by what the comment says: ids may be renumbered). */
function commentTexts(docx: DocxFiles): Map<string, string> {
  const part = relatedPart(docx, 'comments');
  const text = part === undefined ? undefined : partText(docx, part);
  const out = new Map<string, string>();
  if (!text) return out;
  for (const comment of parseXml(text, part as string).root.children) {
    if (typeof comment === 'string' || comment.name !== 'w:comment') continue;
    out.set(comment.attrs['w:id'] ?? '', `"${textOf(comment).trim().replace(/\s+/g, ' ')}"`);
  }
  return out;
}

function hyperlinkTargets(docx: DocxFiles): Map<string, string> {
  const slash = docx.mainPart.lastIndexOf('/');
  const rels = partText(docx, `${docx.mainPart.slice(0, slash + 1)}_rels/${docx.mainPart.slice(slash + 1)}.rels`) ?? '';
  const out = new Map<string, string>();
  for (const match of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /Id="([^"]*)"/.exec(match[0])?.[1];
    const target = /Target="([^"]*)"/.exec(match[0])?.[1];
    if (id !== undefined && target !== undefined) out.set(id, target.replace(/&amp;/g, '&'));
  }
  return out;
}

/** The body's structure in a view: `offset token` lines, sorted (a multiset). */
export function bodyStructure(bytes: Uint8Array, view: View): string[] {
  const docx = readDocxFiles(bytes);
  const xml = partText(docx, docx.mainPart) ?? '';
  const root = parseXml(xml, docx.mainPart).root;
  const body = root.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === 'w:body');
  const walker = new Walker(view, commentTexts(docx), hyperlinkTargets(docx), root.attrs['xml:space']);
  if (body) walker.walk(body);
  return walker
    .result()
    .map((e) => `${String(e.offset).padStart(7)} ${e.token}`)
    .sort();
}

export interface StructureDifference {
  readonly missing: readonly string[];
  readonly extra: readonly string[];
}

/** What `expected` has that `actual` lacks, and the reverse (multisets). */
export function structureDifference(expected: readonly string[], actual: readonly string[]): StructureDifference {
  const counts = new Map<string, number>();
  for (const line of actual) counts.set(line, (counts.get(line) ?? 0) + 1);
  const missing: string[] = [];
  for (const line of expected) {
    const left = counts.get(line) ?? 0;
    if (left > 0) counts.set(line, left - 1);
    else missing.push(line);
  }
  const extra = [...counts].flatMap(([line, n]) => Array<string>(n).fill(line));
  return { missing, extra };
}
