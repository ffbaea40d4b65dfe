/**
 * Reads the content of a `w:p` (runs, hyperlinks, fields, drawings, notes references…) into
 * model inlines, in the chosen view of tracked changes (ECMA-376 Part 1 §17.3.3, §17.13.5).
 */
import type { Atom, AtomKind, Block, Inline, InlineWrapper, Marker, RunFormat } from '../../model/document.js';
import { escapeXml, findAll, firstChild, sourceOf, sourceWithout, textContent, type XmlElement } from '../../ooxml/xml.js';
import { contentKey } from './content-key.js';
import { mergeRunFormat, readRunFormat } from './formatting.js';
import { MARKER_ELEMENTS, readMarker } from './markers.js';
import { isVisible, type ReadContext } from './read-context.js';
import { sourceInView } from './revision-view.js';
import { INLINE_WRAPPERS, inlineWrapper, isEmptyWrapper, wrapperContent } from './wrappers.js';

/** Reads the blocks of a nested story (a text box); injected to avoid a module cycle. */
export type StoryReader = (ctx: ReadContext, container: XmlElement) => Block[];

export interface ParagraphContent {
  readonly inlines: Inline[];
  /** The paragraph held tracked-change markup (so it cannot be written back verbatim). */
  readonly hasRevisions: boolean;
}

interface RunBase {
  readonly format: RunFormat;
  readonly direct: RunFormat;
  readonly props?: string;
  readonly wrapper?: InlineWrapper;
}

class InlineCollector {
  readonly inlines: Inline[] = [];
  hasRevisions = false;
  readonly paragraphStyleId: string | undefined;
  readonly readStory: StoryReader;

  constructor(paragraphStyleId: string | undefined, readStory: StoryReader) {
    this.paragraphStyleId = paragraphStyleId;
    this.readStory = readStory;
  }

  text(base: RunBase, text: string): void {
    if (text === '') return;
    const last = this.inlines[this.inlines.length - 1];
    if (last?.type === 'text' && last.props === base.props && last.wrapper === base.wrapper) {
      this.inlines[this.inlines.length - 1] = { ...last, text: last.text + text };
      return;
    }
    this.inlines.push({ type: 'text', text, ...base });
  }

  atom(base: RunBase, kind: AtomKind, text: string, key: string, xml: string, extra: Partial<Atom> = {}): void {
    this.inlines.push({ type: 'atom', kind, text, key, xml, ...base, ...extra });
  }

  marker(marker: Marker): void {
    this.inlines.push(marker);
  }
}

export function readParagraphContent(ctx: ReadContext, p: XmlElement, paragraphStyleId: string | undefined, readStory: StoryReader): ParagraphContent {
  const collector = new InlineCollector(paragraphStyleId, readStory);
  readRunLevel(ctx, p, collector, undefined);
  return { inlines: collector.inlines, hasRevisions: collector.hasRevisions };
}

/** Markup with no content of its own that is safe to leave out of rewritten paragraphs. */
const DROPPED = new Set([
  'w:pPr',
  'w:smartTagPr',
  'w:customXmlPr',
  'w:customXmlInsRangeStart',
  'w:customXmlInsRangeEnd',
  'w:customXmlDelRangeStart',
  'w:customXmlDelRangeEnd',
  'w:customXmlMoveFromRangeStart',
  'w:customXmlMoveFromRangeEnd',
  'w:customXmlMoveToRangeStart',
  'w:customXmlMoveToRangeEnd',
]);
const MOVE_RANGES = new Set(['w:moveFromRangeStart', 'w:moveFromRangeEnd', 'w:moveToRangeStart', 'w:moveToRangeEnd']);

function readRunLevel(ctx: ReadContext, parent: XmlElement, out: InlineCollector, wrapper: InlineWrapper | undefined): void {
  for (const child of parent.children) {
    if (typeof child === 'string' || DROPPED.has(child.name)) continue;
    if (INLINE_WRAPPERS.has(child.name)) {
      readWrapped(ctx, child, out, wrapper);
      continue;
    }
    switch (child.name) {
      case 'w:r':
        readRun(ctx, child, out, wrapper);
        break;
      case 'w:ins':
      case 'w:moveTo':
        noteRevision(ctx, out);
        if (isVisible(ctx, 'inserted')) readRunLevel(ctx, child, out, wrapper);
        else readRangeMarkers(ctx, child, out);
        break;
      case 'w:del':
      case 'w:moveFrom':
        noteRevision(ctx, out);
        if (isVisible(ctx, 'deleted')) readRunLevel(ctx, child, out, wrapper);
        else readRangeMarkers(ctx, child, out);
        break;
      case 'w:fldSimple':
        out.atom(
          baseOf(ctx, out, undefined, wrapper),
          'simple-field',
          fieldResultText(child),
          `fldSimple:${child.attrs['w:instr'] ?? ''}:${fieldResultText(child)}`,
          sourceInView(ctx.doc, child, ctx.view),
          { isRunLevel: true },
        );
        break;
      case 'm:oMath':
      case 'm:oMathPara':
        out.atom(baseOf(ctx, out, undefined, wrapper), 'math', '', contentKey(ctx, 'math', child), sourceInView(ctx.doc, child, ctx.view), { isRunLevel: true });
        break;
      default:
        if (MARKER_ELEMENTS.has(child.name)) out.marker(readMarker(ctx, child));
        else if (MOVE_RANGES.has(child.name)) noteRevision(ctx, out);
        else {
          ctx.diagnostics.warn('docx/unsupported-element', `<${child.name}> in a paragraph is kept as an opaque object`, ctx.fileName);
          out.atom(baseOf(ctx, out, undefined, wrapper), 'other', '', contentKey(ctx, 'other', child), sourceInView(ctx.doc, child, ctx.view), { isRunLevel: true });
        }
    }
  }
}

/**
 * The range markup inside content the view leaves out (a bookmark end in text deleted before):
 * kept where that content stood, since the range goes on before or after it.
 */
function readRangeMarkers(ctx: ReadContext, hidden: XmlElement, out: InlineCollector): void {
  for (const child of hidden.children) {
    if (typeof child === 'string') continue;
    if (MARKER_ELEMENTS.has(child.name) && child.name !== 'w:proofErr') out.marker(readMarker(ctx, child));
    else if (child.name === 'w:commentReference') out.marker(readMarker(ctx, child, `<w:r>${sourceOf(ctx.doc, child)}</w:r>`));
    else readRangeMarkers(ctx, child, out);
  }
}

function noteRevision(ctx: ReadContext, out: InlineCollector): void {
  out.hasRevisions = true;
  ctx.state.revisions += 1;
}

/**
 * A content control, custom XML element, smart tag, hyperlink or bidirectional embedding: its
 * runs are read inside it. One that holds nothing (an empty control) is kept as an object.
 */
function readWrapped(ctx: ReadContext, el: XmlElement, out: InlineCollector, outer: InlineWrapper | undefined): void {
  const content = wrapperContent(el);
  if (!content || isEmptyWrapper(el)) {
    const kind: AtomKind = el.name === 'w:sdt' ? 'content-control' : 'other';
    out.atom(baseOf(ctx, out, undefined, outer), kind, '', contentKey(ctx, kind, el), sourceInView(ctx.doc, el, ctx.view), { isRunLevel: true });
    return;
  }
  readRunLevel(ctx, content, out, inlineWrapper(ctx, el, outer));
}

function fieldResultText(field: XmlElement): string {
  return findAll(field, 'w:t').map(textContent).join('');
}

function baseOf(ctx: ReadContext, out: InlineCollector, rPr: XmlElement | undefined, wrapper: InlineWrapper | undefined, props?: string): RunBase {
  const direct = readRunFormat(rPr);
  const format = mergeRunFormat(ctx.styles.runFormat(out.paragraphStyleId, direct.styleId), direct);
  return { format, direct, ...(props !== undefined && { props }), ...(wrapper && { wrapper }) };
}

/** A run's content, each element as text, an atom or a marker, with the run's properties in the view read. */
function readRun(ctx: ReadContext, run: XmlElement, out: InlineCollector, wrapper: InlineWrapper | undefined): void {
  const { base, props } = runProperties(ctx, run, out, wrapper);
  for (const child of run.children) {
    if (typeof child === 'string') continue;
    const xml = (): string => sourceOf(ctx.doc, child);
    switch (child.name) {
      case 'w:rPr':
      case 'w:lastRenderedPageBreak':
        break;
      case 'w:t':
      case 'w:delText':
        out.text(base, wordText(ctx, run, child));
        break;
      case 'w:tab':
      case 'w:ptab':
        out.atom(base, 'tab', '\t', 'tab', xml());
        break;
      case 'w:br':
        readBreak(child, base, out, xml());
        break;
      case 'w:cr':
        out.atom(base, 'break', '\n', 'br', xml());
        break;
      case 'w:noBreakHyphen':
        out.atom(base, 'other', '\u2011', 'nbh', xml());
        break;
      case 'w:softHyphen':
        out.atom(base, 'other', '\u00ad', 'shy', xml());
        break;
      case 'w:sym': {
        const code = parseInt(child.attrs['w:char'] ?? '', 16);
        const text = Number.isFinite(code) ? String.fromCodePoint(code) : '';
        out.atom(base, 'symbol', text, `sym:${child.attrs['w:font'] ?? ''}:${child.attrs['w:char'] ?? ''}`, xml());
        break;
      }
      case 'w:drawing':
      case 'w:pict':
      case 'w:object':
      case 'mc:AlternateContent':
        readGraphic(ctx, child, base, out);
        break;
      case 'w:fldChar':
        out.atom(base, 'field-char', '', `fld:${child.attrs['w:fldCharType'] ?? ''}`, xml());
        break;
      case 'w:instrText':
      case 'w:delInstrText': {
        const code = textContent(child);
        out.atom(base, 'field-code', '', `instr:${code.trim()}`, `<w:instrText xml:space="preserve">${escapeXml(code)}</w:instrText>`);
        break;
      }
      case 'w:footnoteReference':
      case 'w:endnoteReference': {
        const kind = child.name === 'w:footnoteReference' ? 'footnote' : 'endnote';
        out.atom(base, 'note-reference', '', `noteref:${kind}`, xml(), { note: { kind, id: child.attrs['w:id'] ?? '' } });
        break;
      }
      case 'w:footnoteRef':
      case 'w:endnoteRef':
        out.atom(base, 'note-mark', '', child.name, xml());
        break;
      case 'w:commentReference':
        out.marker(readMarker(ctx, child, `<w:r>${props ?? ''}${xml()}</w:r>`));
        break;
      case 'w:separator':
      case 'w:continuationSeparator':
      case 'w:annotationRef':
      case 'w:ruby':
      case 'w:contentPart':
      case 'w:dayShort':
      case 'w:dayLong':
      case 'w:monthShort':
      case 'w:monthLong':
      case 'w:yearShort':
      case 'w:yearLong':
      case 'w:pgNum':
        out.atom(base, 'other', '', contentKey(ctx, 'other', child), xml());
        break;
      default:
        ctx.diagnostics.warn('docx/unsupported-element', `<${child.name}> in a run is kept as an opaque object`, ctx.fileName);
        out.atom(base, 'other', '', contentKey(ctx, 'other', child), xml());
    }
  }
}

/**
 * A run's properties in the view being read: with a formatting revision (`w:rPrChange`), its old
 * properties in the `before` view; the new ones, less the revision, in the `after` view.
 */
function runProperties(ctx: ReadContext, run: XmlElement, out: InlineCollector, wrapper: InlineWrapper | undefined): { base: RunBase; props: string | undefined } {
  const rPr = firstChild(run, 'w:rPr');
  const change = firstChild(rPr, 'w:rPrChange');
  if (change) noteRevision(ctx, out);
  const activeRPr = ctx.view === 'before' && change ? firstChild(change, 'w:rPr') : rPr;
  let props: string | undefined;
  if (activeRPr === rPr && rPr) props = change ? sourceWithout(ctx.doc, rPr, (el) => el.name === 'w:rPrChange') : sourceOf(ctx.doc, rPr);
  else if (activeRPr) props = sourceOf(ctx.doc, activeRPr);
  return { base: baseOf(ctx, out, activeRPr, wrapper, props), props };
}

/**
 * The text of a `w:t` as Word reads it: without `xml:space="preserve"` (on it, its run or the
 * document), leading and trailing white space is not text (ECMA-376 Part 1 §17.3.3.31).
 */
function wordText(ctx: ReadContext, run: XmlElement, t: XmlElement): string {
  const text = textContent(t);
  const space = t.attrs['xml:space'] ?? run.attrs['xml:space'] ?? ctx.doc.root.attrs['xml:space'];
  return space === 'preserve' ? text : text.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
}

function readBreak(br: XmlElement, base: RunBase, out: InlineCollector, xml: string): void {
  const type = br.attrs['w:type'];
  if (type === 'page') out.atom(base, 'page-break', '', 'br:page', xml);
  else if (type === 'column') out.atom(base, 'column-break', '', 'br:column', xml);
  else out.atom(base, 'break', '\n', 'br', xml);
}

/** Drawings, VML pictures, OLE objects; text boxes inside them are read as stories. */
function readGraphic(ctx: ReadContext, graphic: XmlElement, base: RunBase, out: InlineCollector): void {
  const visible = graphic.name === 'mc:AlternateContent' ? (firstChild(graphic, 'mc:Choice') ?? firstChild(graphic, 'mc:Fallback') ?? graphic) : graphic;
  const textboxes = findAll(visible, 'w:txbxContent');
  const stories = textboxes.map((content) => out.readStory(ctx, content));
  let kind: AtomKind;
  if (textboxes.length > 0) kind = 'textbox';
  else if (graphic.name === 'w:object') kind = 'object';
  else if (findAll(visible, 'pic:pic').length > 0 || findAll(visible, 'v:imagedata').length > 0) kind = 'image';
  else kind = 'drawing';
  out.atom(base, kind, '', contentKey(ctx, kind, visible), sourceOf(ctx.doc, graphic), stories.length > 0 ? { stories } : {});
}
