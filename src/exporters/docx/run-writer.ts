/**
 * Writes a paragraph's redline pieces as WordprocessingML runs: equal runs as they were,
 * inserted runs in `w:ins`, deleted runs in `w:del` with `w:delText` (ECMA-376 Part 1 §17.13.5),
 * formatting changes as `w:rPrChange`, all inside the hyperlinks and content controls they
 * belong to.
 */
import type { Atom, Inline, InlineWrapper } from '../../model/document.js';
import type { PieceStatus, RedlineBlock, RedlinePiece } from '../../model/redline.js';
import { writeBlocks } from './block-writer.js';
import { commentRange } from './comments.js';
import { escapeXml, findAll, parseXml, textContent } from '../../ooxml/xml.js';
import { remapOld, type RevisionElement, type WriterContext } from './writer-context.js';

const REVISION_ELEMENT: Record<Exclude<PieceStatus, 'equal'>, RevisionElement> = {
  inserted: 'w:ins',
  deleted: 'w:del',
  'moved-from': 'w:moveFrom',
  'moved-to': 'w:moveTo',
};

const isOldSide = (status: PieceStatus): boolean => status === 'deleted' || status === 'moved-from';
const isRemoved = isOldSide;

/**
 * Writes pieces; with attribution comments, each run of adjacent changes of one source gets a
 * comment naming it.
 */
export function writePieces(pieces: readonly RedlinePiece[], ctx: WriterContext): string {
  const comments = ctx.comments;
  if (!comments) return writeSegment(pieces, ctx);
  const noteOf = (piece: RedlinePiece): ReturnType<typeof comments.noteFor> =>
    piece.changeId !== undefined && (piece.status !== 'equal' || piece.previousFormat) ? comments.noteFor(piece.changeId) : undefined;
  let out = '';
  let i = 0;
  while (i < pieces.length) {
    const note = noteOf(pieces[i] as RedlinePiece);
    if (!note) {
      let j = i + 1;
      while (j < pieces.length && !noteOf(pieces[j] as RedlinePiece)) j++;
      out += writeSegment(pieces.slice(i, j), ctx);
      i = j;
      continue;
    }
    let j = i + 1;
    while (j < pieces.length && (pieces[j]?.inline.type === 'marker' || noteOf(pieces[j] as RedlinePiece)?.text === note.text)) j++;
    out += commentRange(comments.collector.add(note), writeSegment(pieces.slice(i, j), ctx), referenceWrapper(pieces.slice(i, j), ctx));
    i = j;
  }
  return out;
}

/**
 * The comment on tracked text (all of it inserted, deleted or moved) is referenced from inside
 * the same revision: its reference run goes with the text when the revision is accepted or
 * rejected. Left as a plain run, it keeps a moved paragraph standing, empty, in LibreOffice's
 * Accept All (where it left) and Reject All (where it arrived).
 */
function referenceWrapper(pieces: readonly RedlinePiece[], ctx: WriterContext): ((run: string) => string) | undefined {
  const changed = pieces.filter((p) => p.inline.type !== 'marker');
  const last = changed[changed.length - 1];
  if (!last || last.status === 'equal' || !changed.every((p) => p.status !== 'equal' && isRemoved(p.status) === isRemoved(last.status))) return undefined;
  const element = REVISION_ELEMENT[last.status as Exclude<PieceStatus, 'equal'>];
  const attributes = ctx.stamp.attributes(ctx.authorOf(last.changeId));
  return (run) => `<${element}${attributes}>${run}</${element}>`;
}

function writeSegment(pieces: readonly RedlinePiece[], ctx: WriterContext): string {
  let out = '';
  let i = 0;
  while (i < pieces.length) {
    const wrapper = wrapperOf(pieces[i] as RedlinePiece);
    let j = i + 1;
    while (j < pieces.length && sameWrapper(wrapperOf(pieces[j] as RedlinePiece), wrapper)) j++;
    const inner = writeRevisionGroups(pieces.slice(i, j), ctx);
    out += wrapper ? wrapperOpen(wrapper, ctx) + inner + wrapper.wrapper.close : inner;
    i = j;
  }
  return out;
}

interface WrapperRef {
  readonly wrapper: InlineWrapper;
  readonly side: 'old' | 'new';
}

function wrapperOf(piece: RedlinePiece): WrapperRef | undefined {
  if (piece.inline.type === 'marker' || !piece.inline.wrapper) return undefined;
  return { wrapper: piece.inline.wrapper, side: isOldSide(piece.status) ? 'old' : 'new' };
}

function sameWrapper(a: WrapperRef | undefined, b: WrapperRef | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.side === b.side && a.wrapper.id === b.wrapper.id);
}

function wrapperOpen(ref: WrapperRef, ctx: WriterContext): string {
  return ref.side === 'old' ? remapOld(ref.wrapper.open, ctx) : ref.wrapper.open;
}

/** Consecutive pieces of one status and change share one `w:ins`/`w:del`. */
function writeRevisionGroups(pieces: readonly RedlinePiece[], ctx: WriterContext): string {
  let out = '';
  let i = 0;
  while (i < pieces.length) {
    const first = pieces[i] as RedlinePiece;
    let j = i + 1;
    while (j < pieces.length && (pieces[j] as RedlinePiece).status === first.status && (pieces[j] as RedlinePiece).changeId === first.changeId) j++;
    const group = pieces.slice(i, j);
    if (first.status === 'equal') {
      out += group.map((p) => writeRun(p, ctx)).join('');
    } else {
      out += writeTracked(group, first.status, ctx);
    }
    i = j;
  }
  return out;
}

/**
 * Run-level elements that cannot sit inside `w:ins`/`w:del` (simple fields, equations) are
 * tracked from the inside; the runs around them share revision elements.
 */
function writeTracked(group: readonly RedlinePiece[], status: Exclude<PieceStatus, 'equal'>, ctx: WriterContext): string {
  const element = REVISION_ELEMENT[status];
  const author = ctx.authorOf(group[0]?.changeId);
  let out = '';
  let runs = '';
  const flush = (): void => {
    if (runs !== '') out += `<${element}${ctx.stamp.attributes(author)}>${runs}</${element}>`;
    runs = '';
  };
  for (const piece of group) {
    const inline = piece.inline;
    if (inline.type === 'atom' && inline.isRunLevel) {
      flush();
      out += trackedRunLevelAtom(inline, piece, element, author, ctx);
    } else if (inline.type === 'marker') {
      flush();
      out += inline.xml;
    } else {
      runs += writeRun(piece, ctx);
    }
  }
  flush();
  return out;
}

function writeRun(piece: RedlinePiece, ctx: WriterContext): string {
  const inline = piece.inline;
  if (inline.type === 'marker') return inline.xml;
  if (inline.type === 'atom' && inline.isRunLevel) return sideXml(inline.xml, piece.status, ctx);
  const props = runProps(piece, ctx);
  if (inline.type === 'text') {
    const tag = isRemoved(piece.status) ? 'w:delText' : 'w:t';
    return `<w:r>${props}<${tag} xml:space="preserve">${escapeXml(inline.text)}</${tag}></w:r>`;
  }
  return `<w:r>${props}${atomRunContent(inline, piece, ctx)}</w:r>`;
}

function sideXml(xml: string, status: PieceStatus, ctx: WriterContext): string {
  return isOldSide(status) ? remapOld(xml, ctx) : xml;
}

function atomRunContent(atom: Atom, piece: RedlinePiece, ctx: WriterContext): string {
  const status = piece.status;
  let xml = sideXml(atom.xml, status, ctx);
  if (piece.stories && piece.stories.length > 0) xml = withStories(xml, piece.stories, ctx);
  if (atom.kind === 'note-reference' && atom.note && isOldSide(status)) {
    const id = ctx.oldNoteIds.get(`${atom.note.kind}:${atom.note.id}`);
    if (id !== undefined) xml = xml.replace(/\bw:id="[^"]*"/, `w:id="${id}"`);
  }
  if (isRemoved(status) && atom.kind === 'field-code') {
    xml = xml.replace(/<w:instrText\b/g, '<w:delInstrText').replace(/<\/w:instrText>/g, '</w:delInstrText>');
  }
  return xml;
}

/**
 * Rewrites the text boxes of a drawing with their redlined stories. A drawing may hold each
 * story twice (the DrawingML choice and its VML fallback): the k-th text box gets story k mod n.
 */
function withStories(xml: string, stories: readonly (readonly RedlineBlock[])[], base: WriterContext): string {
  // Text boxes carry no comments of their own: the drawing's run in the body is commented.
  const { comments: _comments, ...ctx } = base;
  const doc = parseXml(xml, 'drawing');
  const boxes = findAll(doc.root, 'w:txbxContent');
  let out = '';
  let pos = 0;
  boxes.forEach((box, k) => {
    const story = stories[k % stories.length] ?? [];
    const open = xml.slice(box.start, xml.indexOf('>', box.start) + 1).replace(/\/>$/, '>');
    out += xml.slice(pos, box.start) + open + writeBlocks(story, ctx) + '</w:txbxContent>';
    pos = box.end;
  });
  return out + xml.slice(pos);
}

/** The run's `w:rPr`, with a `w:rPrChange` holding the old formatting when it changed. */
function runProps(piece: RedlinePiece, ctx: WriterContext): string {
  const inline = piece.inline as Exclude<Inline, { type: 'marker' }>;
  const props = inline.props ?? '';
  if (!piece.previousFormat) return props;
  const oldInner = innerXml(piece.previousFormat.props ?? '', 'w:rPr');
  const change = `<w:rPrChange${ctx.stamp.attributes(ctx.authorOf(piece.changeId))}><w:rPr>${oldInner}</w:rPr></w:rPrChange>`;
  if (props === '') return `<w:rPr>${change}</w:rPr>`;
  if (/<w:rPr\s*\/>$/.test(props)) return `<w:rPr>${change}</w:rPr>`;
  return props.replace(/<\/w:rPr>\s*$/, `${change}</w:rPr>`);
}

/** The content of an element serialised as `<name …>content</name>` (empty when self-closed). */
export function innerXml(xml: string, name: string): string {
  const open = xml.indexOf('>');
  if (open < 0 || xml[open - 1] === '/') return '';
  const close = xml.lastIndexOf(`</${name}>`);
  return close > open ? xml.slice(open + 1, close) : '';
}

function trackedRunLevelAtom(atom: Atom, piece: RedlinePiece, element: RevisionElement, author: string, ctx: WriterContext): string {
  const xml = sideXml(atom.xml, piece.status, ctx);
  const removed = element === 'w:del' || element === 'w:moveFrom';
  if (atom.kind === 'simple-field') {
    // `w:fldSimple` cannot be tracked; the equivalent complex field can.
    const field = parseXml(xml, 'w:fldSimple').root;
    const instr = escapeXml(field.attrs['w:instr'] ?? '');
    const result = escapeXml(findAll(field, 'w:t').map(textContent).join(''));
    const props = atom.props ?? '';
    const instrTag = removed ? 'w:delInstrText' : 'w:instrText';
    const textTag = removed ? 'w:delText' : 'w:t';
    const runs =
      `<w:r>${props}<w:fldChar w:fldCharType="begin"/></w:r>` +
      `<w:r>${props}<${instrTag} xml:space="preserve">${instr}</${instrTag}></w:r>` +
      `<w:r>${props}<w:fldChar w:fldCharType="separate"/></w:r>` +
      `<w:r>${props}<${textTag} xml:space="preserve">${result}</${textTag}></w:r>` +
      `<w:r>${props}<w:fldChar w:fldCharType="end"/></w:r>`;
    return `<${element}${ctx.stamp.attributes(author)}>${runs}</${element}>`;
  }
  if (atom.kind === 'math') {
    // Inside an equation the math elements themselves are tracked.
    return xml.replace(/(<m:oMath\b[^>]*>)([\s\S]*?)(<\/m:oMath>)/g, (_, open: string, content: string, close: string) => `${open}<${element}${ctx.stamp.attributes(author)}>${content}</${element}>${close}`);
  }
  ctx.diagnostics.warn('docx/untracked-object', `an object (${atom.kind}) that Word cannot track was ${removed ? 'left out of' : 'written untracked into'} the redline`);
  return removed ? '' : xml;
}
