/**
 * The structural invariants of the WordprocessingML we write, checked on the finished parts
 * before a DOCX is zipped, so that a bug of ours fails the write with a clear message instead of
 * handing a damaged document to a user who meets it later (a cross-reference that says "Error!
 * Reference source not found", a form that no longer binds its data, a repair prompt):
 *
 * - every bookmark, comment range and permission range opens and closes once, in that order, in
 *   one story, and its id is unique there; bookmark names are unique in the document;
 * - every comment range has its reference, and every reference its comment in the comments part;
 * - revision ids (insertions, deletions, moves, property changes, move ranges) are unique in the
 *   document, and move ranges are paired;
 * - a content control's id appears once (a control split in two shows it twice), and a control
 *   that has content holds at least one element; every table has a row, every row a cell, every
 *   cell a paragraph;
 * - every relationship id a story uses exists, and so does the part it points at.
 *
 * The input may already break some of these (real documents do): problems are keyed by what they
 * are about, not where, so that the writer can tell inherited ones from ours. The check is about
 * the document XML; the package itself (content types, relationship parts) is checked apart.
 *
 * The parts are scanned tag by tag, without building a tree: a 1,000-page body is tens of
 * megabytes of XML, and this runs on every DOCX written.
 */
import { OpcPackage, REL_TYPES, relationshipsPartName } from '../../ooxml/package.js';

export interface StructureProblem {
  /** The part it was found in. */
  readonly part: string;
  /** `bookmark-unpaired`, `revision-id-duplicate`, … */
  readonly code: string;
  /** What the problem is about, independent of the part's name (to tell inherited problems). */
  readonly key: string;
  /** One line for people. */
  readonly message: string;
}

/** A DOCX that would have been written damaged: nothing is written. */
export class DamagedDocxError extends Error {
  readonly problems: readonly StructureProblem[];

  constructor(problems: readonly StructureProblem[]) {
    const shown = problems.slice(0, 5).map((p) => `${p.part}: ${p.message}`);
    const more = problems.length > shown.length ? `; and ${problems.length - shown.length} more` : '';
    super(`the DOCX would be written damaged, so it was not written (${shown.join('; ')}${more})`);
    this.name = 'DamagedDocxError';
    this.problems = problems;
  }
}

const STORY_TYPES = [REL_TYPES.footnotes, REL_TYPES.endnotes, REL_TYPES.comments, REL_TYPES.header, REL_TYPES.footer];

/** The problems of a package's stories (the main part and the parts it relates as stories). */
export function findStructureProblems(parts: ReadonlyMap<string, Uint8Array>, mainPart: string): StructureProblem[] {
  const pkg = OpcPackage.fromParts(new Map(parts));
  const stories = [
    mainPart,
    ...pkg
      .relationships(mainPart)
      .filter((r) => !r.external && STORY_TYPES.includes(r.type as (typeof STORY_TYPES)[number]))
      .map((r) => r.target),
  ];
  const commentsPart = pkg.relatedPart(mainPart, REL_TYPES.comments);
  const commentIds = commentsPart === undefined ? new Set<string>() : commentIdsOf(pkg.text(commentsPart) ?? '');
  const document = new DocumentScope();
  const problems: StructureProblem[] = [];
  const seen = new Set<string>();
  for (const part of new Set(stories)) {
    const text = pkg.text(part);
    if (text === undefined) continue;
    const role = roleOf(pkg, mainPart, part);
    const report = (code: string, identity: string, message: string): void => {
      const key = `${role}|${code}|${identity}`;
      if (seen.has(key)) return;
      seen.add(key);
      problems.push({ part, code, key, message });
    };
    new StoryScanner(text, document, report, commentIds, part === commentsPart).scan();
    checkRelationships(pkg, part, text, report);
  }
  return problems;
}

/**
 * Checks the parts written against the new version's own (and the old one's, for content carried
 * over from it): returns the problems the input already had, and throws {@link DamagedDocxError}
 * when the output has problems of its own.
 */
export function checkWrittenStructure(
  written: ReadonlyMap<string, Uint8Array>,
  mainPart: string,
  inputs: readonly { readonly parts: ReadonlyMap<string, Uint8Array>; readonly mainPart: string }[],
): StructureProblem[] {
  const problems = findStructureProblems(written, mainPart);
  if (problems.length === 0) return [];
  const inherited = new Set(inputs.flatMap((input) => findStructureProblems(input.parts, input.mainPart).map((p) => p.key)));
  const ours = problems.filter((p) => !inherited.has(p.key));
  if (ours.length > 0) throw new DamagedDocxError(ours);
  return problems;
}

/** Stories are matched by what they are, not their part names (an old note part may be named apart). */
function roleOf(pkg: OpcPackage, mainPart: string, part: string): string {
  if (part === mainPart) return 'document';
  const rel = pkg.relationships(mainPart).find((r) => r.target === part);
  if (rel?.type === REL_TYPES.footnotes) return 'footnotes';
  if (rel?.type === REL_TYPES.endnotes) return 'endnotes';
  if (rel?.type === REL_TYPES.comments) return 'comments';
  return part;
}

function commentIdsOf(xml: string): Set<string> {
  const ids = new Set<string>();
  for (const match of xml.matchAll(/<w:comment\b[^>]*?\sw:id\s*=\s*["']([^"']*)["']/g)) ids.add(match[1] as string);
  return ids;
}

/** Relationship ids used in a story exist, and internal targets are in the package. */
function checkRelationships(pkg: OpcPackage, part: string, text: string, report: (code: string, identity: string, message: string) => void): void {
  const rels = new Map(pkg.relationships(part).map((r) => [r.id, r]));
  const relsPart = relationshipsPartName(part);
  for (const match of text.matchAll(/\sr:(?:id|embed|link|pict|dm|lo|qs|cs|href)\s*=\s*["']([^"']*)["']/g)) {
    const id = match[1] as string;
    if (id === '') continue;
    const rel = rels.get(id);
    if (!rel) report('relationship-missing', id, `relationship ${id} is used but not defined in ${relsPart}`);
    else if (!rel.external && !pkg.has(rel.target)) report('relationship-target-missing', `${id}>${rel.target}`, `relationship ${id} points at ${rel.target}, which is not in the package`);
  }
}

/** What must be unique across all the stories of one document. */
class DocumentScope {
  readonly bookmarkNames = new Set<string>();
  readonly revisionIds = new Set<string>();
  readonly contentControlIds = new Set<string>();
}

type Report = (code: string, identity: string, message: string) => void;

/** Elements that carry a revision id (ECMA-376 Part 1 §17.13.5). */
const REVISION_ELEMENTS = new Set([
  'w:ins',
  'w:del',
  'w:moveFrom',
  'w:moveTo',
  'w:rPrChange',
  'w:pPrChange',
  'w:sectPrChange',
  'w:tblPrChange',
  'w:tblPrExChange',
  'w:trPrChange',
  'w:tcPrChange',
  'w:tblGridChange',
  'w:cellIns',
  'w:cellDel',
  'w:cellMerge',
  'w:numberingChange',
  'w:moveFromRangeStart',
  'w:moveToRangeStart',
  'w:customXmlInsRangeStart',
  'w:customXmlDelRangeStart',
  'w:customXmlMoveFromRangeStart',
  'w:customXmlMoveToRangeStart',
]);

/** Range starts and ends, paired by id within a story. */
const RANGES: Readonly<Record<string, { readonly kind: string; readonly end: boolean }>> = {
  'w:bookmarkStart': { kind: 'bookmark', end: false },
  'w:bookmarkEnd': { kind: 'bookmark', end: true },
  'w:commentRangeStart': { kind: 'comment', end: false },
  'w:commentRangeEnd': { kind: 'comment', end: true },
  'w:permStart': { kind: 'permission', end: false },
  'w:permEnd': { kind: 'permission', end: true },
  'w:moveFromRangeStart': { kind: 'move-from', end: false },
  'w:moveFromRangeEnd': { kind: 'move-from', end: true },
  'w:moveToRangeStart': { kind: 'move-to', end: false },
  'w:moveToRangeEnd': { kind: 'move-to', end: true },
};

const RANGE_LABEL: Readonly<Record<string, string>> = { bookmark: 'bookmark', comment: 'comment range', permission: 'permission range', 'move-from': 'move-from range', 'move-to': 'move-to range' };

/** An element being walked whose content matters to a check. */
interface Frame {
  readonly name: string;
  /** Child elements met (for `w:sdtContent`), or paragraphs/rows/cells inside (for tables). */
  count: number;
}

class StoryScanner {
  private readonly xml: string;
  private readonly document: DocumentScope;
  private readonly report: Report;
  private readonly commentIds: ReadonlySet<string>;
  private readonly isCommentsPart: boolean;
  /** Open ranges by `kind id`, with their start order; closed ones. */
  private readonly open = new Map<string, string>();
  private readonly closed = new Set<string>();
  private readonly commentReferences = new Set<string>();
  private readonly completedComments: string[] = [];
  /** Names of the open elements. */
  private readonly stack: string[] = [];
  /** Frames of the open elements that a check follows (`w:sdtContent`, `w:tbl`, `w:tr`, `w:tc`). */
  private readonly frames: Frame[] = [];
  /** Per open `w:sdt`: whether its `w:id` was met. */
  private readonly controls: { id?: string }[] = [];

  constructor(xml: string, document: DocumentScope, report: Report, commentIds: ReadonlySet<string>, isCommentsPart: boolean) {
    this.xml = xml;
    this.document = document;
    this.report = report;
    this.commentIds = commentIds;
    this.isCommentsPart = isCommentsPart;
  }

  scan(): void {
    const xml = this.xml;
    let pos = 0;
    for (;;) {
      const lt = xml.indexOf('<', pos);
      if (lt < 0) break;
      const next = xml.charCodeAt(lt + 1);
      if (next === 0x3f /* ? */) {
        pos = endOf(xml, '?>', lt);
        continue;
      }
      if (next === 0x21 /* ! */) {
        pos = xml.startsWith('<!--', lt) ? endOf(xml, '-->', lt) : xml.startsWith('<![CDATA[', lt) ? endOf(xml, ']]>', lt) : endOf(xml, '>', lt);
        continue;
      }
      const gt = tagEnd(xml, lt);
      if (next === 0x2f /* / */) {
        this.close(xml.slice(lt + 2, gt).trim());
      } else {
        const selfClosing = xml.charCodeAt(gt - 1) === 0x2f;
        const nameEnd = nameEndOf(xml, lt + 1, gt);
        const name = xml.slice(lt + 1, nameEnd);
        this.openTag(name, xml.slice(nameEnd, selfClosing ? gt - 1 : gt));
        if (selfClosing) this.close(name);
      }
      pos = gt + 1;
    }
    this.finish();
  }

  private openTag(name: string, attributes: string): void {
    const parent = this.stack[this.stack.length - 1];
    const frame = this.frames[this.frames.length - 1];
    if (frame && frame.name === 'w:sdtContent' && parent === 'w:sdtContent') frame.count++;
    this.stack.push(name);
    const range = RANGES[name];
    if (range) this.range(range.kind, range.end, attributes);
    if (REVISION_ELEMENTS.has(name)) this.revision(name, attributes);
    switch (name) {
      case 'w:bookmarkStart':
        this.bookmarkName(attributes);
        break;
      case 'w:commentReference':
        this.commentReference(attributes);
        break;
      case 'w:sdt':
        this.controls.push({});
        break;
      case 'w:id':
        if (parent === 'w:sdtPr') this.controlId(attributes);
        break;
      case 'w:sdtContent':
      case 'w:tbl':
      case 'w:tr':
      case 'w:tc':
        this.frames.push({ name, count: 0 });
        break;
      case 'w:p':
        this.countIn('w:tc');
        break;
      default:
    }
    if (name === 'w:tr') this.countIn('w:tbl', 1);
    if (name === 'w:tc') this.countIn('w:tr', 1);
  }

  /** Counts an element in the innermost open frame named `name` (a paragraph in its cell). */
  private countIn(name: string, depth = 0): void {
    // A row counts in its table, a cell in its row: the frame just below the new one.
    const frames = this.frames;
    for (let k = frames.length - 1 - depth; k >= 0; k--) {
      const frame = frames[k] as Frame;
      if (frame.name === name) {
        frame.count++;
        return;
      }
      if (frame.name === 'w:tbl' || frame.name === 'w:tr' || frame.name === 'w:tc') return;
    }
  }

  private close(name: string): void {
    // Walk back to the element being closed (well-formed XML closes the innermost).
    const top = this.stack.pop();
    if (top !== name) return;
    if (name === 'w:sdt') this.controls.pop();
    if (name === 'w:sdtContent' || name === 'w:tbl' || name === 'w:tr' || name === 'w:tc') {
      const frame = this.frames.pop() as Frame;
      if (frame.count > 0) return;
      if (name === 'w:sdtContent')
        this.report('content-control-empty', this.controlLabel(), `a content control${this.controlLabel() === '' ? '' : ` (id ${this.controlLabel()})`} has an empty w:sdtContent`);
      else if (name === 'w:tbl') this.report('table-without-row', '', 'a table has no row');
      else if (name === 'w:tr') this.report('row-without-cell', '', 'a table row has no cell');
      else this.report('cell-without-paragraph', '', 'a table cell has no paragraph');
    }
  }

  private controlLabel(): string {
    return this.controls[this.controls.length - 1]?.id ?? '';
  }

  private range(kind: string, end: boolean, attributes: string): void {
    const id = attributeValue(attributes, 'w:id');
    if (id === undefined) return;
    const key = `${kind} ${id}`;
    const label = RANGE_LABEL[kind] as string;
    if (!end) {
      if (this.open.has(key) || this.closed.has(key)) this.report(`${kind}-id-duplicate`, id, `${label} id ${id} is used twice`);
      else this.open.set(key, id);
      return;
    }
    if (this.open.delete(key)) {
      this.closed.add(key);
      if (kind === 'comment') this.completedComments.push(id);
    } else if (!this.closed.has(key)) {
      this.report(`${kind}-unpaired`, `end ${id}`, `${label} ${id} ends but never starts`);
    }
  }

  private bookmarkName(attributes: string): void {
    const name = attributeValue(attributes, 'w:name');
    if (name === undefined) return;
    if (this.document.bookmarkNames.has(name)) this.report('bookmark-name-duplicate', name, `bookmark name '${name}' is used twice`);
    this.document.bookmarkNames.add(name);
  }

  private revision(name: string, attributes: string): void {
    const id = attributeValue(attributes, 'w:id');
    if (id === undefined) return;
    if (this.document.revisionIds.has(id)) this.report('revision-id-duplicate', id, `revision id ${id} (${name}) is used twice`);
    this.document.revisionIds.add(id);
  }

  private commentReference(attributes: string): void {
    const id = attributeValue(attributes, 'w:id');
    if (id === undefined) return;
    this.commentReferences.add(id);
    if (!this.isCommentsPart && !this.commentIds.has(id)) this.report('comment-without-text', id, `comment ${id} is referenced but the comments part has no comment ${id}`);
  }

  private controlId(attributes: string): void {
    const id = attributeValue(attributes, 'w:val');
    const control = this.controls[this.controls.length - 1];
    if (id === undefined || !control) return;
    control.id = id;
    if (this.document.contentControlIds.has(id)) this.report('content-control-split', id, `content control id ${id} appears twice (split or duplicated)`);
    this.document.contentControlIds.add(id);
  }

  private finish(): void {
    for (const [key, id] of this.open) {
      const kind = key.slice(0, key.indexOf(' '));
      this.report(`${kind}-unpaired`, `start ${id}`, `${RANGE_LABEL[kind] as string} ${id} starts but never ends`);
    }
    for (const id of this.completedComments) {
      if (!this.commentReferences.has(id)) this.report('comment-without-reference', id, `comment range ${id} has no w:commentReference`);
    }
  }
}

function endOf(xml: string, terminator: string, from: number): number {
  const at = xml.indexOf(terminator, from);
  return at < 0 ? xml.length : at + terminator.length;
}

/** The offset of the `>` that ends the tag starting at `lt` (quotes respected). */
function tagEnd(xml: string, lt: number): number {
  let quote = 0;
  for (let i = lt + 1; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) {
      quote = c;
    } else if (c === 0x3e) {
      return i;
    }
  }
  return xml.length;
}

function nameEndOf(xml: string, from: number, limit: number): number {
  let i = from;
  while (i < limit) {
    const c = xml.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2f || c === 0x3e) break;
    i++;
  }
  return i;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** An attribute's value in a start tag's attribute text (basic entities decoded). */
function attributeValue(attributes: string, name: string): string | undefined {
  let at = attributes.indexOf(name);
  while (at >= 0) {
    const before = attributes.charCodeAt(at - 1);
    let i = at + name.length;
    while (attributes.charCodeAt(i) === 0x20) i++;
    if ((before === 0x20 || before === 0x09 || before === 0x0a || before === 0x0d) && attributes[i] === '=') {
      i++;
      while (attributes.charCodeAt(i) === 0x20) i++;
      const quote = attributes[i];
      const end = attributes.indexOf(quote as string, i + 1);
      if ((quote === '"' || quote === "'") && end > i) return attributes.slice(i + 1, end).replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e] as string);
    }
    at = attributes.indexOf(name, at + 1);
  }
  return undefined;
}
