/**
 * Moves as reorderings: which pairs of the old version's paragraphs a version puts the other way
 * round. A diff shows a reordering as the move of some paragraphs, but which ones is a choice: a
 * clause moved down past two others reads just as well as those two moved up past it. So whether
 * a source made a move of OLD→NEW is asked of the order, not of the paragraphs the two diffs
 * happened to mark: the source made it when it puts the moved paragraph the other way round
 * with the same paragraphs as NEW does, and with no other.
 */
import type { RedlineParts } from '../diff/compare-documents.js';
import type { Block, Document, Paragraph } from '../model/document.js';
import type { RedlineBlock } from '../model/redline.js';
import { findMoveUnits } from './move-units.js';
import type { MoveJudge, SourceEdit } from './report.js';

/** Where each paragraph of the old version stands in a version: in which block list, at which index. */
export class Placement {
  private readonly places = new Map<Paragraph, { readonly list: number; readonly index: number }>();

  /** `lists`: the version's block lists; `toOld`: the old paragraph a paragraph of the version is. */
  constructor(lists: readonly (readonly Block[])[], toOld: (paragraph: Paragraph) => Paragraph | undefined) {
    lists.forEach((blocks, list) =>
      blocks.forEach((block, index) => {
        const old = block.type === 'paragraph' ? toOld(block) : undefined;
        if (old && !this.places.has(old)) this.places.set(old, { list, index });
      }),
    );
  }

  has(paragraph: Paragraph): boolean {
    return this.places.has(paragraph);
  }

  /** The index of the paragraph in its list here. */
  indexOf(paragraph: Paragraph): number | undefined {
    return this.places.get(paragraph)?.index;
  }

  /** Whether `a` stands before `b` (undefined when they are not in one list here). */
  before(a: Paragraph, b: Paragraph): boolean | undefined {
    const x = this.places.get(a);
    const y = this.places.get(b);
    return x && y && x.list === y.list ? x.index < y.index : undefined;
  }
}

/** A document's top-level block lists: the body, the notes, the headers and footers. */
export function blockLists(doc: Document): (readonly Block[])[] {
  return [doc.body, ...doc.footnotes.map((n) => n.blocks), ...doc.endnotes.map((n) => n.blocks), ...doc.headers.map((s) => s.blocks), ...doc.footers.map((s) => s.blocks)];
}

/**
 * For the paragraphs of a diff's new version: the paragraph of its old version each one is
 * (paired, unchanged or moved there).
 */
export function oldParagraphsOf(parts: RedlineParts): Map<Paragraph, Paragraph> {
  const out = new Map<Paragraph, Paragraph>();
  const walk = (blocks: readonly RedlineBlock[]): void => {
    for (const block of blocks) {
      if (block.type === 'paragraph') {
        if (block.side === 'new' && block.previous) out.set(block.paragraph, block.previous);
      } else if (block.type === 'table') {
        for (const row of block.rows) for (const cell of row.cells) walk(cell.blocks);
      }
    }
  };
  walk([...parts.body, ...parts.notes.flatMap((n) => n.blocks), ...parts.stories.flatMap((s) => s.blocks)]);
  // A moved paragraph's mark may have been shared with another at the end of a story: its move says
  // where it came from.
  for (const unit of findMoveUnits(parts)) {
    const [from, to] = [unit.froms[0], unit.tos[0]];
    if (unit.froms.length === 1 && unit.tos.length === 1 && from && to) out.set(to, from);
  }
  return out;
}

/** The longest subsequence of `items` whose keys increase (patience sorting, O(n log n)). */
function longestIncreasing<T>(items: readonly T[], key: (item: T) => number): T[] {
  const tails: number[] = [];
  const previous: number[] = new Array<number>(items.length).fill(-1);
  items.forEach((item, i) => {
    const k = key(item);
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (key(items[tails[mid] as number] as T) < k) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1] as number;
    tails[lo] = i;
  });
  const out: T[] = [];
  for (let i = tails[tails.length - 1] ?? -1; i >= 0; i = previous[i] as number) out.push(items[i] as T);
  return out.reverse();
}

/** The old version's order, and the paragraphs of it that stand in one list with a paragraph. */
export class Reordering {
  private readonly old: Placement;
  private readonly lists: readonly (readonly Block[])[];
  private readonly listOf = new Map<Paragraph, readonly Block[]>();

  constructor(old: Document) {
    this.lists = blockLists(old);
    this.old = new Placement(this.lists, (p) => p);
    for (const list of this.lists) for (const block of list) if (block.type === 'paragraph') this.listOf.set(block, list);
  }

  /**
   * The paragraphs `version` puts the other way round with `paragraph` than `from` (by default
   * the old version) has them, among those that stand with it in both and that `consider`
   * accepts; undefined when the version does not have the paragraph.
   */
  inversions(paragraph: Paragraph, version: Placement, consider: (other: Paragraph) => boolean, from: Placement = this.old): Set<Paragraph> | undefined {
    if (!version.has(paragraph) || !from.has(paragraph)) return undefined;
    const out = new Set<Paragraph>();
    for (const block of this.listOf.get(paragraph) ?? []) {
      if (block.type !== 'paragraph' || block === paragraph || !consider(block)) continue;
      const then = from.before(paragraph, block);
      const now = version.before(paragraph, block);
      if (then !== undefined && now !== undefined && then !== now) out.add(block);
    }
    return out;
  }

  /**
   * The paragraphs a version moved from `from` (by default the old version), by order alone:
   * those outside the longest run of paragraphs that the version keeps in their order (the
   * fewest moves that give its order). Which words changed does not enter, unlike in a diff's
   * choice of what it shows moved.
   */
  displaced(version: Placement, from: Placement = this.old): Set<Paragraph> {
    const out = new Set<Paragraph>();
    for (const list of this.lists) {
      const kept = list.filter((b): b is Paragraph => b.type === 'paragraph' && version.has(b) && from.has(b)).sort((a, b) => (from.indexOf(a) as number) - (from.indexOf(b) as number));
      const inOrder = new Set(longestIncreasing(kept, (p) => version.indexOf(p) as number));
      for (const p of kept) if (!inOrder.has(p)) out.add(p);
    }
    return out;
  }
}

/**
 * The old version's order, NEW's and each source's: whether a source made a move NEW shows, and
 * whether NEW has a source's move.
 *
 * A source is judged on the paragraph pairs it or NEW put the other way round. A pair both have
 * so is evidence for it; a pair only one has so speaks against it, unless the other paragraph is
 * one that moved itself, in NEW or in a source: that pair is that paragraph's move's, judged
 * there. What a version moved is read from its order alone (see {@link Reordering.displaced}), so
 * that it does not depend on which words changed, as a diff's choice of what it shows moved does.
 */
export class MoveOrders implements MoveJudge {
  private readonly old: Reordering;
  private readonly neu: Placement;
  /** Per source: where the paragraphs of the old version stand in its base and in its result. */
  private readonly sources = new Map<string, { readonly before: Placement; readonly after: Placement }>();
  /** Per source: the paragraphs of the old version it moved (from its base, which is OLD or close). */
  private readonly moved = new Map<string, Set<Paragraph>>();
  private readonly movedInNew: ReadonlySet<Paragraph>;

  constructor(old: Document, neu: Placement) {
    this.old = new Reordering(old);
    this.neu = neu;
    this.movedInNew = this.old.displaced(neu);
  }

  /**
   * A source's base and result; what it moved is read against its base, so a chain's version
   * moves only what it moved itself, and a drafter's base that had a clause elsewhere is no move.
   */
  addSource(id: string, before: Placement, after: Placement): void {
    this.sources.set(id, { before, after });
    this.moved.set(id, this.old.displaced(after, before));
  }

  /**
   * How a source's order of a paragraph compares with NEW's (undefined: one of them lacks it).
   * For a paragraph the source moved, every pair speaks; for one it did not, only the pairs it
   * made by moving the other paragraph (a clause down past two others is those two up past it).
   */
  private judge(id: string, paragraph: Paragraph): 'agrees' | 'disagrees' | 'no evidence' | undefined {
    const versions = this.sources.get(id);
    const placement = versions?.after;
    const own = versions && this.old.inversions(paragraph, versions.after, () => true, versions.before);
    const inNew = this.old.inversions(paragraph, this.neu, () => true);
    if (!placement || !own || !inNew) return undefined;
    const mine = this.moved.get(id) ?? new Set<Paragraph>();
    const movedByOthers = (p: Paragraph): boolean => [...this.moved].some(([other, set]) => other !== id && set.has(p));
    const movedIt = mine.has(paragraph);
    let agreed = 0;
    for (const p of new Set([...own, ...inNew])) {
      if (placement.before(paragraph, p) === undefined || this.neu.before(paragraph, p) === undefined) continue;
      const both = own.has(p) && inNew.has(p);
      if (!movedIt) {
        if (both && mine.has(p)) agreed++;
      } else if (both) {
        // A pair NEW has the other way round because NEW moved the other paragraph is that move's.
        if (!this.movedInNew.has(p) || this.movedInNew.has(paragraph)) agreed++;
      } else if (!(this.movedInNew.has(p) || movedByOthers(p) || mine.has(p))) return 'disagrees';
    }
    return agreed > 0 ? 'agrees' : 'no evidence';
  }

  /**
   * The sources whose reordering is this paragraph's move in NEW (see the class comment); empty
   * when none is (a move no source made, or made otherwise); undefined when the order says
   * nothing (NEW put it the other way round with no paragraph of its list, as in a moved row).
   */
  movers(paragraph: Paragraph): string[] | undefined {
    const passed = this.old.inversions(paragraph, this.neu, () => true);
    if (!passed || passed.size === 0) return undefined;
    // A paragraph NEW moved (by its order) was moved by the sources that moved it, not by those
    // that moved others past it.
    const movedInNew = this.movedInNew.has(paragraph);
    return [...this.sources.keys()].filter((id) => (!movedInNew || this.moved.get(id)?.has(paragraph) === true) && this.judge(id, paragraph) === 'agrees');
  }

  /**
   * Whether NEW has a source's move (a move the diff shows as the move of other paragraphs, a
   * clause down past two others or those two up past it, is the same move). Undefined where the
   * order cannot tell (NEW lacks the paragraph, or it is in a table row).
   */
  made(edit: SourceEdit): boolean | undefined {
    const versions = this.sources.get(edit.source);
    if (edit.change.kind !== 'move' || !versions) return undefined;
    // The paragraphs the source moved, by order, that this move (as its own diff shows it) is:
    // the paragraphs it shows, or those it shows them passed by.
    const mine = this.moved.get(edit.source) ?? new Set<Paragraph>();
    const judged = new Set<Paragraph>();
    for (const paragraph of new Set(edit.deletedOld.map((r) => r.paragraph))) {
      if (mine.has(paragraph)) judged.add(paragraph);
      else for (const p of this.old.inversions(paragraph, versions.after, (q) => mine.has(q), versions.before) ?? []) judged.add(p);
    }
    let agrees = false;
    for (const paragraph of judged) {
      const verdict = this.judge(edit.source, paragraph);
      if (verdict === undefined) return undefined;
      if (verdict === 'disagrees') return false;
      agrees ||= verdict === 'agrees';
    }
    return agrees;
  }

  /**
   * Whether two sources' moves of the same text put it in the same place: each moved paragraph
   * stands the same way round in both with every paragraph neither moved.
   */
  samePlace(a: SourceEdit, b: SourceEdit): boolean {
    const x = this.sources.get(a.source);
    const y = this.sources.get(b.source);
    if (!x || !y) return false;
    const movedA = this.moved.get(a.source) ?? new Set<Paragraph>();
    const movedB = this.moved.get(b.source) ?? new Set<Paragraph>();
    const stayed = (p: Paragraph): boolean => !movedA.has(p) && !movedB.has(p);
    const shared = [...new Set(a.deletedOld.map((r) => r.paragraph))].filter((p) => b.deletedOld.some((r) => r.paragraph === p));
    return (
      shared.length > 0 &&
      shared.every((paragraph) => {
        const inA = this.old.inversions(paragraph, x.after, stayed, x.before);
        const inB = this.old.inversions(paragraph, y.after, stayed, y.before);
        return inA !== undefined && inB !== undefined && inA.size === inB.size && [...inA].every((p) => inB.has(p));
      })
    );
  }
}
