/**
 * The entries of a summary of changes gathered by the part of the document they are in, for an
 * overview that stays short however many changes there are: one part per top-level clause (`G3`,
 * with its sub-clauses and the tables under it), named by its number and the heading it sits under
 * (`G3 Obligations of the Parties`); by heading where there is no numbering; headers, footers,
 * notes and text boxes apart. Entries are in document order, so a part is a run of entries.
 */
import type { ChangeLocation } from '../model/change-set.js';
import type { SummaryEntry } from './summary-entries.js';

export interface SummaryPart {
  /** How a reader finds the part: `G3 Obligations of the Parties`, `Clause 4`, `Definitions`, `Footnotes`. */
  readonly name: string;
  readonly entries: readonly SummaryEntry[];
}

const STORY_PARTS: Readonly<Record<Exclude<ChangeLocation['story'], 'body'>, string>> = {
  footnote: 'Footnotes',
  endnote: 'Endnotes',
  header: 'Headers',
  footer: 'Footers',
  textbox: 'Text boxes',
};

interface OpenPart {
  readonly story: ChangeLocation['story'];
  readonly heading: string | undefined;
  readonly root: string | undefined;
  /** Where the part starts in the new version (see `position`). */
  start: number;
  readonly entries: SummaryEntry[];
}

const STORY_ORDER: readonly ChangeLocation['story'][] = ['body', 'footnote', 'endnote', 'header', 'footer', 'textbox'];

/**
 * Parts by top-level clause wherever its entries are listed (a move is listed where the change set
 * puts it, and belongs where it went); an entry without a clause number (a table's row, an
 * unnumbered paragraph) joins the part before it when under the same heading. Parts, and the
 * entries in each, in document order.
 */
export function summaryParts(entries: readonly SummaryEntry[]): SummaryPart[] {
  const byKey = new Map<string, OpenPart>();
  let last: OpenPart | undefined;
  for (const entry of entries) {
    const { story, heading } = entry.location;
    const root = story === 'body' ? clauseRoot(entry.location.path) : undefined;
    const joinsLast = last !== undefined && story === 'body' && root === undefined && last.story === 'body' && last.heading === heading;
    const key = story !== 'body' ? story : root !== undefined ? `clause ${root}` : `heading ${byKey.size}`;
    const part = joinsLast && last ? last : (byKey.get(key) ?? { story, heading, root, start: position(entry), entries: [] });
    if (!joinsLast) byKey.set(key, part);
    part.start = Math.min(part.start, position(entry));
    part.entries.push(entry);
    last = part;
  }
  const parts = [...byKey.values()].sort((a, b) => STORY_ORDER.indexOf(a.story) - STORY_ORDER.indexOf(b.story) || a.start - b.start);
  return parts.map((part) => ({ name: partName(part), entries: [...part.entries].sort((a, b) => position(a) - position(b)) }));
}

/** Where an entry stands: its block in the new version (in the old for a deletion, close enough to order parts). */
function position(entry: SummaryEntry): number {
  return entry.location.newBlock ?? entry.location.block;
}

/**
 * The top-level clause of a clause path: its first label (`G3` of `G3.5(a)`, `4` of `4.2`, `Article 3`
 * of `Article 3.1`), kept with the heading a restarted numbering is cited under (`Schedule 2, 1`).
 * None for a table's row (`Table 3, row "MP202"`, `Matrix 2, row 4`): it sits under the clause before it.
 */
export function clauseRoot(path: string | undefined): string | undefined {
  if (path === undefined || /^Table\b/.test(path) || /, row (".*"|\d+)$/.test(path)) return undefined;
  const comma = path.lastIndexOf(', ');
  const prefix = comma < 0 ? '' : path.slice(0, comma + 2);
  const clause = path.slice(prefix.length);
  const top = /^(?:\p{L}+\s+)?[^\s.(]+/u.exec(clause)?.[0];
  return top === undefined ? undefined : `${prefix}${top}`;
}

function partName(part: OpenPart): string {
  if (part.story !== 'body') return STORY_PARTS[part.story];
  const { root, heading: rootHeading } = part;
  if (root === undefined) return part.heading ?? 'Opening paragraphs';
  if (rootHeading === undefined) return /^\p{N}/u.test(root) ? `Clause ${root}` : root;
  return rootHeading.startsWith(root) ? rootHeading : `${root} ${rootHeading}`;
}
