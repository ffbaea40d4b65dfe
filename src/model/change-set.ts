/**
 * The change set: a flat, serialisable list of the changes between two versions. The JSON
 * exporter writes it as is; its field names are a published contract (see docs/change-set.md and
 * `src/exporters/json/change-set.schema.json`).
 */
import type { RunFormat } from './document.js';

/** What a change did: words inserted, deleted or replaced, a move, a formatting change, a renumbered clause, a table row inserted or deleted. */
export type ChangeKind = 'insert' | 'delete' | 'replace' | 'move' | 'format' | 'renumber' | 'table-row-insert' | 'table-row-delete';

/** How much the change covers: some words, whole paragraphs, whole table rows, a whole table. */
export type ChangeScope = 'text' | 'paragraph' | 'table-row' | 'table';

/** The story a change is in: the body, a note, a header or footer, a text box. */
export type StoryName = 'body' | 'footnote' | 'endnote' | 'header' | 'footer' | 'textbox';

/** Where a change is: its story, its top-level block (in the new version, or the old one for deletions), its clause label, its table row and cell. */
export interface ChangeLocation {
  readonly story: StoryName;
  /** The top-level block: its index in the new version's story, or in the old one for deletions. */
  readonly block: number;
  readonly oldBlock?: number;
  readonly newBlock?: number;
  /** The clause label Word shows for the block (or its nearest numbered ancestor paragraph). */
  readonly label?: string;
  /**
   * The clause path a lawyer cites: the labels of the numbered paragraphs above joined
   * (`A6.33(c)(i)`), prefixed with the heading where the numbering restarts under headings; in a
   * table, the table and row (`Table 3, row "MP202"`). In the old version for deleted text.
   */
  readonly path?: string;
  /** The nearest heading above the block. */
  readonly heading?: string;
  /** Inside a table: 1-based row and cell of the top-level table. */
  readonly row?: number;
  readonly cell?: number;
  /** For notes: the note's id in the version shown; for headers/footers: the part. */
  readonly note?: string;
  readonly part?: string;
}

/** One change between two versions, as the change set (and the JSON) lists it; `sources` says whose edit it is. */
export interface Change {
  readonly id: string;
  readonly kind: ChangeKind;
  readonly scope: ChangeScope;
  readonly oldText: string;
  readonly newText: string;
  readonly location: ChangeLocation;
  /** For moves: where the moved text came from (the same place as `location`). */
  readonly from?: ChangeLocation;
  /** For moves: where the moved text now stands. */
  readonly to?: ChangeLocation;
  /** For renumbering: the labels before and after. */
  readonly oldLabel?: string;
  readonly newLabel?: string;
  /** For formatting changes. */
  readonly oldFormat?: RunFormat;
  readonly newFormat?: RunFormat;
  /** Ids of the sources that made this change (attribution); empty when none explains it. */
  readonly sources: readonly string[];
  /**
   * For a chain of versions: earlier edits of the same words that a later version replaced,
   * oldest first.
   */
  readonly history?: readonly { readonly source: string; readonly oldText: string; readonly newText: string }[];
  /** The revision author written for it (the source id, or the comparison's `author`). */
  readonly author: string;
}

/** How many changes there are, in all and by kind. */
export interface ChangeSummary {
  /** Changes, renumbered clauses not counted. */
  readonly total: number;
  /** Changes by kind, renumbered clauses not counted. */
  readonly byKind: Readonly<Partial<Record<ChangeKind, number>>>;
  /** Clauses whose only change is their number: counted apart from the changes. */
  readonly renumbered: number;
}

export interface ChangeSet {
  readonly old: string;
  readonly new: string;
  readonly changes: readonly Change[];
}

/**
 * Whether a change is a clause renumbered and nothing else: its number follows from clauses
 * inserted, deleted or moved before it. Counted and listed apart from the changes, without a
 * change bar, and left out with `--ignore numbering`.
 */
export function isRenumberOnly(change: Change): boolean {
  return change.kind === 'renumber';
}

/**
 * The counts of one document's changes, the same in every output (the CLI's line, the JSON's
 * `summary` and `sources`, the PDF's and the HTML's summary, the release report): what
 * {@link summariseChanges} gives, with the changes by source and those no source explains.
 */
export interface ChangeCounts extends ChangeSummary {
  /** Changes per source id (a change two sources made counts for each), renumbered clauses not counted. */
  readonly bySource: Readonly<Record<string, number>>;
  /** Changes no source explains (see {@link isUnattributed}). */
  readonly unattributed: number;
}

/** Counts changes by kind, and renumbered clauses apart. */
export function summariseChanges(changes: readonly Change[]): ChangeSummary {
  const { total, byKind, renumbered } = countChanges(changes);
  return { total, byKind, renumbered };
}

/**
 * The one definition of how many changes a document has: every entry of its change set is a
 * change, but a clause only renumbered, which is counted apart (and by no source).
 */
export function countChanges(changes: readonly Change[]): ChangeCounts {
  const byKind: Partial<Record<ChangeKind, number>> = {};
  const bySource: Record<string, number> = {};
  let renumbered = 0;
  let unattributed = 0;
  for (const change of changes) {
    if (isRenumberOnly(change)) {
      renumbered++;
      continue;
    }
    byKind[change.kind] = (byKind[change.kind] ?? 0) + 1;
    for (const source of change.sources) bySource[source] = (bySource[source] ?? 0) + 1;
    if (isUnattributed(change)) unattributed++;
  }
  return { total: changes.length - renumbered, byKind, renumbered, bySource, unattributed };
}

/**
 * A change no source explains. A renumbered clause is no source's edit (its number follows from
 * clauses inserted or deleted before it), so it is never unattributed.
 */
export function isUnattributed(change: Change): boolean {
  return change.sources.length === 0 && !isRenumberOnly(change);
}
