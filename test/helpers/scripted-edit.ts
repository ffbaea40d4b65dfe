/**
 * A scripted edit of a real DOCX, as a user would make it in Word, aimed at the structure around
 * the text: a word replaced inside a content control, inside a table cell, inside a bookmark and
 * inside a comment's range; a paragraph deleted (one holding a bookmark or comment anchor when
 * there is one; range ends whose partner lies outside it stay where it was, as Word keeps them);
 * words appended to a paragraph (one with white space Word ignores when there is one); a paragraph
 * inserted. Only the main part's XML
 * changes; everything else of the package stays as it was. Deterministic.
 */
import { parseXml, sourceWithout, type XmlDocument, type XmlElement } from '../../src/ooxml/xml.js';
import { partText, readDocxFiles, withParts } from './docx-xml.js';

export interface ScriptedEdit {
  readonly bytes: Uint8Array;
  /** What was done, for messages. */
  readonly edits: readonly string[];
}

interface Splice {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const RANGE_STARTS: Readonly<Record<string, string>> = { 'w:bookmarkStart': 'w:bookmarkEnd', 'w:commentRangeStart': 'w:commentRangeEnd', 'w:permStart': 'w:permEnd' };
const RANGE_ENDS = new Set(Object.values(RANGE_STARTS));
const IGNORED_SPACE = /<w:t>(?:[ \t\r\n][^<]*|[^<]*[ \t\r\n])<\/w:t>/;
const OPAQUE = new Set(['w:drawing', 'w:pict', 'w:object', 'mc:AlternateContent', 'w:txbxContent', 'w:del', 'w:moveFrom', 'w:instrText', 'm:oMath', 'm:oMathPara']);

interface Walked {
  readonly element: XmlElement;
  readonly ancestors: readonly string[];
  /** Ranges (bookmark names other than `_GoBack`, comment ids) open where the element stands. */
  readonly openRanges: readonly string[];
}

export interface ScriptedEditOptions {
  /**
   * Leave alone what LibreOffice 7.4 cannot show tracked: it drops tracked changes inside
   * plain-text content controls (the shared tools' README, limit 2) and inside block-level ones,
   * so its check gets an edit that changes no text inside those and deletes no paragraph holding
   * a control. The XML-level check gets the full edit.
   */
  readonly avoidLibreOfficeLimits?: boolean;
}

export function scriptedEdit(bytes: Uint8Array, options: ScriptedEditOptions = {}): ScriptedEdit {
  const forLibreOffice = options.avoidLibreOfficeLimits ?? false;
  const docx = readDocxFiles(bytes);
  const xml = partText(docx, docx.mainPart) ?? '';
  const doc = parseXml(xml, docx.mainPart);
  const body = doc.root.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === 'w:body');
  if (!body) return { bytes, edits: [] };

  const texts: Walked[] = [];
  const open = new Map<string, string>();
  const walk = (el: XmlElement, ancestors: string[]): void => {
    for (const child of el.children) {
      if (typeof child === 'string') continue;
      // A control showing its placeholder is not typed into as such (Word would drop the flag).
      if (isShowingPlaceholder(child) || (forLibreOffice && child.name === 'w:sdt' && (isPlainTextControl(child) || !ancestors.includes('w:p')))) continue;
      if (child.name === 'w:bookmarkStart' && child.attrs['w:name'] !== '_GoBack') open.set(`b${child.attrs['w:id'] ?? ''}`, 'bookmark');
      else if (child.name === 'w:bookmarkEnd') open.delete(`b${child.attrs['w:id'] ?? ''}`);
      else if (child.name === 'w:commentRangeStart') open.set(`c${child.attrs['w:id'] ?? ''}`, 'comment');
      else if (child.name === 'w:commentRangeEnd') open.delete(`c${child.attrs['w:id'] ?? ''}`);
      if (child.name === 'w:t' && /[A-Za-z]{3,}/.test(innerSource(xml, child))) texts.push({ element: child, ancestors, openRanges: [...open.values()] });
      if (!OPAQUE.has(child.name)) walk(child, [...ancestors, child.name]);
    }
  };
  walk(body, []);

  const splices: Splice[] = [];
  const edits: string[] = [];
  const used = new Set<XmlElement>();
  const replaceWordIn = (candidate: Walked | undefined, word: string, what: string): void => {
    if (!candidate || used.has(candidate.element)) return;
    used.add(candidate.element);
    const inner = innerSource(xml, candidate.element);
    const match = /[A-Za-z]{3,}/.exec(inner) as RegExpExecArray;
    const at = innerStart(xml, candidate.element) + match.index;
    splices.push({ start: at, end: at + match[0].length, text: word });
    edits.push(`${what}: '${match[0]}' → '${word}'`);
  };
  replaceWordIn(
    texts.find((t) => t.ancestors.includes('w:sdtContent')),
    'AMENDED',
    'word in a content control',
  );
  replaceWordIn(
    texts.find((t) => t.ancestors.includes('w:tc') && !used.has(t.element)),
    'REVISED',
    'word in a table cell',
  );
  replaceWordIn(
    texts.find((t) => t.openRanges.includes('bookmark') && !used.has(t.element)),
    'CHANGED',
    'word inside a bookmark',
  );
  replaceWordIn(
    texts.find((t) => t.openRanges.includes('comment') && !used.has(t.element)),
    'ALTERED',
    'word inside a comment range',
  );

  const paragraphs = body.children.filter((c): c is XmlElement => typeof c !== 'string' && c.name === 'w:p');
  const withText = paragraphs.filter((p) => texts.some((t) => t.element.start > p.start && t.element.end < p.end) && !hasSectionBreak(p));
  const touched = (p: XmlElement): boolean => [...used].some((t) => t.start > p.start && t.end < p.end);
  // Not a paragraph with a field: LibreOffice recalculates fields (a SEQ caption number) after
  // Accept All but not when it loads a document, so NEW and the accepted redline would differ.
  const deletable = withText.filter(
    (p) =>
      !touched(p) && paragraphs.indexOf(p) < paragraphs.length - 1 && !descendants(p).some((el) => el.name === 'w:fldChar' || el.name === 'w:fldSimple' || (forLibreOffice && el.name === 'w:sdt')),
  );
  const deleted = deletable.find((p) => hasAnchor(p)) ?? deletable[1] ?? deletable[0];
  if (deleted) {
    // Range ends whose partner is outside stay where the paragraph was (between paragraphs).
    splices.push({ start: deleted.start, end: deleted.end, text: unpairedMarkers(xml, deleted) });
    edits.push(`paragraph deleted: '${paragraphText(deleted).slice(0, 40)}'`);
  }

  // Preferably a paragraph holding a w:t whose leading or trailing white space Word ignores (no
  // xml:space="preserve"): rewritten, it must still read as Word reads it.
  const appendable = [...withText].reverse().filter((p) => p !== deleted && !touched(p));
  const appendTo = appendable.find((p) => IGNORED_SPACE.test(xml.slice(p.start, p.end))) ?? appendable[0];
  if (appendTo) {
    const lastText = [...texts].reverse().find((t) => t.element.start > appendTo.start && t.element.end < appendTo.end && !used.has(t.element)) as Walked;
    used.add(lastText.element);
    const end = innerStart(xml, lastText.element) + innerSource(xml, lastText.element).length;
    splices.push({ start: end, end, text: ' with words added' });
    if (!/xml:space="preserve"/.test(xml.slice(lastText.element.start, innerStart(xml, lastText.element)))) {
      const tagEnd = lastText.element.start + '<w:t'.length;
      splices.push({ start: tagEnd, end: tagEnd, text: ' xml:space="preserve"' });
    }
    edits.push('words appended to a paragraph');
  }

  // Inserted before a paragraph, not after: a paragraph inserted after the last one would give
  // that one an inserted mark, which LibreOffice loses when the paragraph holds a note reference
  // (the shared tools' README, limit 7).
  const before = withText.find((p) => p !== deleted) ?? paragraphs.find((p) => !hasSectionBreak(p));
  const props = before ? paragraphProps(doc, before) : '';
  const inserted = `<w:p>${props}<w:r><w:t>A paragraph the scripted edit inserted.</w:t></w:r></w:p>`;
  const sectPr = body.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === 'w:sectPr');
  const insertAt = before ? before.start : (sectPr?.start ?? body.end - '</w:body>'.length);
  splices.push({ start: insertAt, end: insertAt, text: inserted });
  edits.push('paragraph inserted');

  splices.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = xml;
  for (const splice of splices) out = out.slice(0, splice.start) + splice.text + out.slice(splice.end);
  return { bytes: withParts(docx, { [docx.mainPart]: out }), edits };
}

function innerStart(xml: string, el: XmlElement): number {
  return xml.indexOf('>', el.start) + 1;
}

function innerSource(xml: string, el: XmlElement): string {
  const start = innerStart(xml, el);
  if (xml[start - 2] === '/') return '';
  return xml.slice(start, xml.lastIndexOf('</', el.end));
}

function controlProperty(el: XmlElement, name: string): boolean {
  const sdtPr = el.name === 'w:sdt' ? el.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === 'w:sdtPr') : undefined;
  return sdtPr?.children.some((c) => typeof c !== 'string' && c.name === name) ?? false;
}

function isPlainTextControl(el: XmlElement): boolean {
  return controlProperty(el, 'w:text');
}

function isShowingPlaceholder(el: XmlElement): boolean {
  return controlProperty(el, 'w:showingPlcHdr');
}

function hasSectionBreak(p: XmlElement): boolean {
  const pPr = p.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === 'w:pPr');
  return pPr?.children.some((c) => typeof c !== 'string' && c.name === 'w:sectPr') ?? false;
}

function hasAnchor(p: XmlElement): boolean {
  return descendants(p).some((el) => (el.name === 'w:bookmarkStart' && el.attrs['w:name'] !== '_GoBack') || el.name === 'w:commentRangeStart');
}

function descendants(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of el.children) {
    if (typeof child === 'string') continue;
    out.push(child, ...descendants(child));
  }
  return out;
}

/** The range markers of a paragraph whose partner is outside it (and comment references of those). */
function unpairedMarkers(xml: string, p: XmlElement): string {
  const inside = descendants(p);
  const ids = (names: (name: string) => boolean): Set<string> => new Set(inside.filter((el) => names(el.name)).map((el) => `${el.name.replace(/(Start|End)$/, '')}:${el.attrs['w:id'] ?? ''}`));
  const starts = ids((n) => n in RANGE_STARTS);
  const ends = ids((n) => RANGE_ENDS.has(n));
  let out = '';
  for (const el of inside) {
    const key = `${el.name.replace(/(Start|End)$/, '')}:${el.attrs['w:id'] ?? ''}`;
    if ((el.name in RANGE_STARTS && !ends.has(key)) || (RANGE_ENDS.has(el.name) && !starts.has(key))) out += xml.slice(el.start, el.end);
    if (el.name === 'w:commentReference' && !starts.has(`w:commentRange:${el.attrs['w:id'] ?? ''}`)) out += `<w:r>${xml.slice(el.start, el.end)}</w:r>`;
  }
  return out;
}

/** A paragraph's properties for a new paragraph like it: no section break, mark formatting or revision. */
function paragraphProps(doc: XmlDocument, p: XmlElement): string {
  const pPr = p.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === 'w:pPr');
  return pPr ? sourceWithout(doc, pPr, (el) => ['w:sectPr', 'w:rPr', 'w:pPrChange'].includes(el.name)) : '';
}

function paragraphText(p: XmlElement): string {
  return descendants(p)
    .filter((el) => el.name === 'w:t')
    .map((el) => el.children.filter((c) => typeof c === 'string').join(''))
    .join('');
}
