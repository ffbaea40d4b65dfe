/**
 * What the merge behind `apply` works with: each source's edits, planned as claims on the old
 * version's blocks (word edits of a paragraph, row edits of a table, a block deleted or replaced),
 * the blocks each source inserts at an anchor, and the conflict policy that settles claims that
 * collide.
 */
import type { Conflict } from '../attribution/report.js';
import type { Block, Document, Paragraph, TableRow } from '../model/document.js';
import type { Adopter } from '../ooxml/adopter.js';

/** What to do when sources' edits collide: stop (`fail`), the first source's edit (`first`), or neither (`skip`). */
export type ConflictPolicy = 'fail' | 'first' | 'skip';

/** A word-level edit of one paragraph of the old version. */
export interface WordEdit {
  readonly source: string;
  /** The source's version the inserted words come from. */
  readonly document: Document;
  readonly start: number;
  readonly end: number;
  /** The inserted text: a range of the source's paragraph. */
  readonly from: Paragraph;
  readonly insertStart: number;
  readonly insertEnd: number;
}

/**
 * A row-level edit of one table of the old version (rows by index in the old table). A changed
 * row whose cells line up with the old row's is edited in its cells (`cells`: the edits are
 * claims on the cells' blocks); otherwise it is replaced whole (`change`). `to` is the row the
 * source made, quoted in conflicts.
 */
export type RowEdit =
  | { readonly kind: 'change' | 'cells'; readonly row: number; readonly to: TableRow }
  | { readonly kind: 'delete'; readonly row: number }
  /** Inserted after old row `after` (-1: before the first row). */
  | { readonly kind: 'insert'; readonly after: number; readonly rows: readonly TableRow[] };

export type Claim =
  | { readonly kind: 'words'; readonly source: string; readonly edits: readonly WordEdit[] }
  | { readonly kind: 'rows'; readonly source: string; readonly from: Document; readonly edits: readonly RowEdit[] }
  | { readonly kind: 'delete'; readonly source: string }
  | { readonly kind: 'replace'; readonly source: string; readonly from: Document; readonly blocks: readonly Block[]; readonly key: string };

/** Where blocks are inserted: after an old block, or at the start of a story (its block list). */
export type Anchor = Block | readonly Block[];

/** What a source puts at an anchor: new blocks of its own, or an old block it moved there. */
export type Placed = { readonly kind: 'new'; readonly block: Block } | { readonly kind: 'moved'; readonly block: Block };

export interface Plan {
  readonly claims: Map<Block, Claim[]>;
  /** What is put at an anchor, in source order. */
  readonly inserts: Map<Anchor, { source: string; from: Document; items: readonly Placed[] }[]>;
  /**
   * Old blocks a source moved, and where to: the block goes there whole, with the words every
   * source changed in it (its claims) applied.
   */
  readonly moves: Map<Block, { source: string; to: Anchor }[]>;
}

/** The blocks an old block becomes, given the claims of the sources on it. */
export interface Resolution {
  readonly conflicts: Conflict[];
  readonly adopter: Adopter;
  /** The clause label of the block, for conflicts. */
  readonly label: string | undefined;
  /** Resolves a story (the blocks of a table cell) with the claims on its blocks. */
  readonly story: (blocks: readonly Block[], label: string | undefined) => Block[];
}
