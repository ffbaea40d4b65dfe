/**
 * Writes a paragraph's redline pieces as WordprocessingML runs: equal runs as they were,
 * inserted runs in `w:ins`, deleted runs in `w:del` with `w:delText` (ECMA-376 Part 1 §17.13.5),
 * formatting changes as `w:rPrChange`, all inside the hyperlinks and content controls they
 * belong to.
 */
import type { Atom, Inline, InlineWrapper } from '../../model/document.js';
import type { PieceStatus, RedlineBlock, RedlinePiece } from '../../model/redline.js';
import { escapeXml, findAll, parseXml, textContent } from '../../ooxml/xml.js';
import { writeBlocks } from './block-writer.js';
import { commentRange } from './comments.js';
import { oldWrapperOpen, type RevisionElement, remapOld, type WriterContext } from './writer-context.js';

const REVISION_ELEMENT: Record<Exclude<PieceStatus, 'equal'>, RevisionElement> = {
  inserted: 'w:ins',
  deleted: 'w:del',
  'moved-from': 'w:moveFrom',
  'moved-to': 'w:moveTo',
};

const isOldSide = (status: PieceStatus): boolean => status === 'deleted' || status === 'moved-from';

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
  if (!last || last.status === 'equal' || !changed.every((p) => p.status !== 'equal' && isOldSide(p.status) === isOldSide(last.status))) return undefined;
  const element = REVISION_ELEMENT[last.status as Exclude<PieceStatus, 'equal'>];
  const attributes = ctx.stamp.attributes(ctx.authorOf(last.changeId));
  return (run) => `<${element}${attributes}>${run}</${element}>`;
}

/**
 * Writes pieces inside the wrappers (content controls, links, custom XML, smart tags) they belong
 * to, opening and closing each as the pieces require. Markers have no wrapper of their own: they
 * stand wherever the pieces around them are.
 */
function writeSegment(segment: readonly RedlinePiece[], ctx: WriterContext): string {
  const pieces = groupedByWrapper(segment);
  const chains = wrapperChains(pieces);
  const open: WrapperRef[] = [];
  let out = '';
  let i = 0;
  while (i < pieces.length) {
    const chain = chains[i] ?? open;
    let common = 0;
    while (common < open.length && common < chain.length && sameWrapper(open[common] as WrapperRef, chain[common] as WrapperRef)) common++;
    while (open.length > common) out += (open.pop() as WrapperRef).wrapper.close;
    for (const ref of chain.slice(common)) {
      open.push(ref);
      out += ref.side === 'old' ? oldWrapperOpen(ref.wrapper.open, ctx) : ref.wrapper.open;
    }
    let j = i + 1;
    while (j < pieces.length && (chains[j] === undefined || sameChain(chains[j] as readonly WrapperRef[], open))) j++;
    out += writeRevisionGroups(pieces.slice(i, j), ctx);
    i = j;
  }
  while (open.length > 0) out += (open.pop() as WrapperRef).wrapper.close;
  return out;
}

/**
 * The pieces in the order they are written: in each stretch of changed pieces (between equal
 * pieces and markers), deleted and inserted pieces that stood in the same wrapper go side by side
 * (deleted then inserted), so that a control whose words were all replaced is written once, not
 * once around the deleted words and again around the inserted ones. Each side keeps its order, so
 * both views read as before.
 */
function groupedByWrapper(pieces: readonly RedlinePiece[]): readonly RedlinePiece[] {
  if (!pieces.some((piece) => piece.inline.type !== 'marker' && piece.inline.wrapper && piece.status !== 'equal')) return pieces;
  const out: RedlinePiece[] = [];
  const removed: RedlinePiece[] = [];
  const added: RedlinePiece[] = [];
  const keyOf = (piece: RedlinePiece): string | undefined => (piece.inline.type === 'marker' || !piece.inline.wrapper ? undefined : chainKey(piece.inline.wrapper));
  const take = (list: RedlinePiece[], key: string | undefined): void => {
    let n = 0;
    while (n < list.length && keyOf(list[n] as RedlinePiece) === key) n++;
    out.push(...list.splice(0, n));
  };
  // The wrapper the last piece written stands in, and the one the piece after the stretch does:
  // the stretch goes on in the first and ends in the second.
  let current: string | undefined;
  const flush = (next: string | undefined): void => {
    while (removed.length > 0 || added.length > 0) {
      const removedKey = removed.length > 0 ? keyOf(removed[0] as RedlinePiece) : undefined;
      const addedKey = added.length > 0 ? keyOf(added[0] as RedlinePiece) : undefined;
      let addedFirst: boolean;
      if (removed.length === 0 || added.length === 0) addedFirst = removed.length === 0;
      else if (current !== undefined && (removedKey === current || addedKey === current)) addedFirst = removedKey !== current;
      else if (removedKey === addedKey) addedFirst = false;
      else addedFirst = removedKey !== undefined && removedKey === next;
      const [side, other] = addedFirst ? [added, removed] : [removed, added];
      const key = addedFirst ? addedKey : removedKey;
      if (key !== undefined) {
        // The other side's pieces in no wrapper before its pieces of this wrapper go first.
        const at = other.findIndex((piece) => keyOf(piece) !== undefined);
        if (at > 0 && keyOf(other[at] as RedlinePiece) === key) out.push(...other.splice(0, at));
      }
      take(side, key);
      // Deleted and inserted pieces of one wrapper go together.
      if (key !== undefined) take(other, key);
      current = key;
    }
  };
  for (const piece of pieces) {
    if (piece.status === 'equal' || piece.inline.type === 'marker') {
      flush(keyOf(piece));
      out.push(piece);
      if (piece.inline.type !== 'marker') current = keyOf(piece);
    } else if (isOldSide(piece.status)) {
      removed.push(piece);
    } else {
      added.push(piece);
    }
  }
  flush(undefined);
  return out;
}

function chainKey(wrapper: InlineWrapper): string {
  let key = '';
  for (let w: InlineWrapper | undefined = wrapper; w; w = w.parent) key = `${w.key}\u0000${key}`;
  return key;
}

interface WrapperRef {
  readonly wrapper: InlineWrapper;
  readonly side: 'old' | 'new';
}

function sameWrapper(a: WrapperRef, b: WrapperRef): boolean {
  return a.side === b.side && a.wrapper.id === b.wrapper.id;
}

function sameChain(a: readonly WrapperRef[], b: readonly WrapperRef[]): boolean {
  return a.length === b.length && a.every((ref, k) => sameWrapper(ref, b[k] as WrapperRef));
}

/** A wrapper and the ones around it, outermost first, with the side its XML comes from. */
function ownChain(piece: RedlinePiece): WrapperRef[] {
  const side = isOldSide(piece.status) ? 'old' : 'new';
  const chain: WrapperRef[] = [];
  if (piece.inline.type === 'marker') return chain;
  for (let w = piece.inline.wrapper; w; w = w.parent) chain.unshift({ wrapper: w, side });
  return chain;
}

/**
 * Each piece's wrappers (undefined for markers). Old content (deleted, moved away) that stood in
 * a wrapper the new version still has around the content next to it goes into that wrapper, level
 * by level: a word changed inside a content control stays inside the one control.
 */
function wrapperChains(pieces: readonly RedlinePiece[]): (readonly WrapperRef[] | undefined)[] {
  const chains: (WrapperRef[] | undefined)[] = pieces.map((piece) => (piece.inline.type === 'marker' ? undefined : ownChain(piece)));
  // The nearest piece of the new version on each side of each piece, found in two passes (the
  // chains of such pieces never change below): a walk out from every piece made a paragraph of n
  // deleted pieces cost n² (30,000 deleted lines took 80 s).
  const isNew = (k: number): boolean => {
    const chain = chains[k];
    return chain !== undefined && !chain.some((ref) => ref.side === 'old') && !isOldSide((pieces[k] as RedlinePiece).status);
  };
  const previousNew: number[] = [];
  const nextNew: number[] = [];
  for (let k = 0, last = -1; k < pieces.length; k++) {
    previousNew.push(last);
    if (isNew(k)) last = k;
  }
  for (let k = pieces.length - 1, last = -1; k >= 0; k--) {
    nextNew[k] = last;
    if (isNew(k)) last = k;
  }
  const newNeighbour = (from: number, step: -1 | 1): WrapperRef[] => {
    const k = (step < 0 ? previousNew : nextNew)[from] as number;
    return k < 0 ? [] : (chains[k] as WrapperRef[]);
  };
  pieces.forEach((piece, i) => {
    const chain = chains[i];
    if (!chain || chain.length === 0 || !isOldSide(piece.status)) return;
    const before = newNeighbour(i, -1);
    const after = newNeighbour(i, 1);
    const resolved: WrapperRef[] = [];
    for (let level = 0; level < chain.length; level++) {
      const key = (chain[level] as WrapperRef).wrapper.key;
      const match = [before[level], after[level]].find((ref) => ref?.wrapper.key === key && (level === 0 || ref.wrapper.parent === resolved[level - 1]?.wrapper));
      if (!match) {
        resolved.push(...chain.slice(level));
        break;
      }
      resolved.push(match);
    }
    chains[i] = resolved;
  });
  // Old content between two pieces of one wrapper of the new version goes inside it: written
  // outside, it would split the wrapper in two.
  pieces.forEach((piece, i) => {
    const chain = chains[i];
    if (!chain || !isOldSide(piece.status)) return;
    const before = newNeighbour(i, -1);
    const after = newNeighbour(i, 1);
    let common = 0;
    while (common < before.length && common < after.length && sameWrapper(before[common] as WrapperRef, after[common] as WrapperRef)) common++;
    if (common > chain.length && chain.every((ref, level) => sameWrapper(ref, before[level] as WrapperRef))) chains[i] = before.slice(0, common);
  });
  return chains;
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
    } else if (inline.type === 'marker' && !isOldSide(piece.status)) {
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
  // A range of the old version carried into a deletion takes its ids in the output.
  if (inline.type === 'marker') return isOldSide(piece.status) ? ctx.ranges.remap(remapOld(inline.xml, ctx), ctx.oldPart) : inline.xml;
  if (inline.type === 'atom' && inline.isRunLevel) return sideXml(inline.xml, piece.status, ctx);
  const props = runProps(piece, ctx);
  if (inline.type === 'text') {
    const tag = isOldSide(piece.status) ? 'w:delText' : 'w:t';
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
  if (isOldSide(status) && atom.kind === 'field-code') {
    xml = xml.replace(/<w:instrText\b/g, '<w:delInstrText').replace(/<\/w:instrText>/g, '</w:delInstrText>');
  }
  return xml;
}

/**
 * Rewrites the text boxes of a drawing with their redlined stories. A drawing may hold each
 * story twice (the DrawingML choice and its VML fallback): the k-th text box gets story k mod n,
 * and a repeated story's ranges get ids of their own.
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
    const content = writeBlocks(story, ctx);
    out += `${xml.slice(pos, box.start) + open + (k < stories.length ? content : ctx.ranges.renumberCopy(content))}</w:txbxContent>`;
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
    return xml.replace(
      /(<m:oMath\b[^>]*>)([\s\S]*?)(<\/m:oMath>)/g,
      (_, open: string, content: string, close: string) => `${open}<${element}${ctx.stamp.attributes(author)}>${content}</${element}>${close}`,
    );
  }
  ctx.diagnostics.warn('docx/untracked-object', `an object (${atom.kind}) that Word cannot track was ${removed ? 'left out of' : 'written untracked into'} the redline`);
  return removed ? '' : xml;
}
