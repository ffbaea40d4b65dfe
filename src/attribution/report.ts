/**
 * The attribution report: per source, what it changed; and the four lists an administrator acts
 * on — changes no source explains, source edits that did not land, source edits that landed with
 * other words, and edits of two sources that collide.
 */
import { type Change, type ChangeKind, isUnattributed, summariseChanges } from '../model/change-set.js';
import type { Paragraph } from '../model/document.js';
import type { Redline } from '../model/redline.js';
import type { AttributionSource } from './attribute.js';
import { CharIndex, collectRanges, rangesLength } from './change-ranges.js';
import type { MappedRange } from './char-map.js';
import type { LabelMap } from './labels.js';
import type { SourceForm } from './source-versions.js';

/** One edit of one source (a change of its own comparison), carried onto the old and new versions. */
export interface SourceEdit {
  readonly index: number;
  readonly source: string;
  /** The source's position in the list (a chain's order). */
  readonly order: number;
  readonly change: Change;
  readonly deletedOld: readonly MappedRange[];
  readonly insertedNew: readonly MappedRange[];
  readonly formattedNew: readonly MappedRange[];
  /** Characters the edit inserted in the source's own version (found in the new version or not). */
  readonly insertedTotal: number;
  /** For an insertion: where it would stand in the new version. */
  readonly anchorNew?: MappedRange;
  /**
   * For a move: where it put the text, as a place of the old version (after this paragraph, or
   * at the start of its story).
   */
  readonly destination?: Paragraph | 'start';
}

/** What one source did, as the report sums it up: the form of its file, its changes by kind, the clauses it touched. */
export interface SourceSummary {
  readonly id: string;
  readonly title?: string;
  readonly kind?: string;
  readonly form: SourceForm;
  readonly total: number;
  readonly byKind: Readonly<Partial<Record<ChangeKind, number>>>;
  /** The clauses of the changes, by their paths (labels where no path is known), in document order. */
  readonly clauses: readonly string[];
}

/** A change no source explains (or given to the fallback source, `assignedTo`). */
export interface UnattributedChange {
  readonly change: string;
  readonly kind: ChangeKind;
  readonly oldText: string;
  readonly newText: string;
  readonly label?: string;
  /** The clause path (see `ChangeLocation.path`). */
  readonly path?: string;
  /** With a fallback source (`fallbackSource`, `--fallback-source`): the source it was given to. */
  readonly assignedTo?: string;
}

/** A source's edit that the new version does not show (`notApplied`) or shows with other words (`differs`). */
export interface SourceEditIssue {
  readonly source: string;
  readonly kind: ChangeKind;
  readonly label?: string;
  readonly path?: string;
  readonly expected: { readonly oldText: string; readonly newText: string };
  /** What the new version has there instead (for `differs`). */
  readonly actual?: { readonly oldText: string; readonly newText: string };
}

/** Two or more sources editing the same words (or block, or row) in different ways: the old text and each source's text. */
export interface Conflict {
  readonly sources: readonly string[];
  readonly label?: string;
  readonly path?: string;
  readonly oldText: string;
  /** Each source's replacement text. */
  readonly texts: Readonly<Record<string, string>>;
}

/** The attribution report: each source's summary, and the changes and edits an administrator must look at. */
export interface AttributionReport {
  readonly sources: readonly SourceSummary[];
  readonly unattributed: readonly UnattributedChange[];
  readonly notApplied: readonly SourceEditIssue[];
  readonly differs: readonly SourceEditIssue[];
  readonly conflicts: readonly Conflict[];
}

/** What the report asks of moves, answered by the order of paragraphs (see `move-order.ts`). */
export interface MoveJudge {
  /** Whether NEW has a source's move; undefined where the order cannot tell (moved table rows). */
  made(edit: SourceEdit): boolean | undefined;
  /** Whether two sources' moves of the same text put it in the same place. */
  samePlace(a: SourceEdit, b: SourceEdit): boolean;
}

/** Whether the report lists anything an administrator must look at. */
export function hasIssues(report: AttributionReport): boolean {
  return report.unattributed.length + report.notApplied.length + report.differs.length + report.conflicts.length > 0;
}

export function buildReport(
  redline: Redline,
  sources: readonly AttributionSource[],
  edits: readonly SourceEdit[],
  deletedLabels: LabelMap,
  mode: 'sources' | 'chain',
  fallbackSource: string | undefined,
  /** Moves judged by the order of paragraphs (see `move-order.ts`). */
  moves: MoveJudge = { made: () => undefined, samePlace: () => false },
): { redline: Redline; report: AttributionReport } {
  const unattributed: UnattributedChange[] = [];
  const changes = redline.changes.map((change) => {
    if (!isUnattributed(change)) return change;
    unattributed.push({
      change: change.id,
      kind: change.kind,
      oldText: change.oldText,
      newText: change.newText,
      ...(change.location.label !== undefined && { label: change.location.label }),
      ...(change.location.path !== undefined && { path: change.location.path }),
      ...(fallbackSource !== undefined && { assignedTo: fallbackSource }),
    });
    return fallbackSource === undefined ? change : { ...change, sources: [fallbackSource], author: fallbackSource };
  });

  const deleted = new CharIndex();
  const inserted = new CharIndex();
  for (const [change, ranges] of collectRanges([...redline.body, ...redline.notes.flatMap((n) => n.blocks), ...redline.stories.flatMap((s) => s.blocks)])) {
    for (const r of ranges.deleted) deleted.add(r, change);
    for (const r of ranges.inserted) inserted.add(r, change);
  }
  const byId = new Map(changes.map((c) => [c.id, c]));
  const notApplied: SourceEditIssue[] = [];
  const differs: SourceEditIssue[] = [];
  if (mode === 'sources') {
    for (const edit of edits) {
      if (edit.change.kind === 'format') continue;
      // A move of text of the old version is made when NEW has its paragraphs in the order the
      // source put them (whichever paragraphs the diff shows as moved); its words are carried to
      // NEW with the paragraphs that stayed, so they are no sign of it.
      const byOrder = edit.change.kind === 'move' && edit.deletedOld.length > 0 ? moves.made(edit) : undefined;
      if (byOrder === true) continue;
      const issue = checkEdit(edit, deleted, inserted, byId, editedByOthers(edit, edits, deletedLabels), byOrder === false);
      if (issue?.status === 'not-applied') notApplied.push(issue.entry);
      else if (issue?.status === 'differs') differs.push(issue.entry);
    }
  }

  const summaries = sources.map((source): SourceSummary => {
    const own = changes.filter((c) => c.sources.includes(source.info.id));
    const summary = summariseChanges(own);
    return {
      id: source.info.id,
      ...(source.info.title !== undefined && { title: source.info.title }),
      ...(source.info.kind !== undefined && { kind: source.info.kind }),
      form: source.form,
      total: summary.total,
      byKind: summary.byKind,
      clauses: [
        ...new Set(
          own.flatMap((c) => {
            const clause = c.location.path ?? c.location.label;
            return clause === undefined ? [] : [clause];
          }),
        ),
      ],
    };
  });
  const report: AttributionReport = { sources: summaries, unattributed, notApplied, differs, conflicts: findConflicts(edits, deletedLabels, moves) };
  return { redline: { ...redline, changes }, report };
}

/**
 * How many characters of a move's text other sources changed on the way (a moved clause that
 * another source edited): those do not arrive as the mover had them, and are not missing.
 */
function editedByOthers(edit: SourceEdit, edits: readonly SourceEdit[], deletedLabels: LabelMap): number {
  if (edit.change.kind !== 'move') return 0;
  const isOthersEdit = (label: { readonly source: string; readonly edit: number }): boolean => label.source !== edit.source && edits[label.edit]?.change.kind !== 'move';
  let n = 0;
  for (const r of edit.deletedOld) for (const segment of deletedLabels.segments(r.paragraph, r.start, r.end, isOthersEdit)) if (segment.labels.length > 0) n += segment.end - segment.start;
  return n;
}

function checkEdit(
  edit: SourceEdit,
  deleted: CharIndex,
  inserted: CharIndex,
  changes: ReadonlyMap<string, Change>,
  editedByOthers: number,
  notMade = false,
): { status: 'applied' | 'not-applied' | 'differs'; entry: SourceEditIssue } | undefined {
  // A word edit is looked for among the word edits of NEW, a move among its moves: words that
  // left or arrived with a move were not deleted or inserted there, and a clause that stayed
  // where it was was not moved, whatever words changed in it.
  const relevant = (id: string): boolean => (edit.change.kind === 'move') === (changes.get(id)?.kind === 'move');
  const deletedTotal = rangesLength(edit.deletedOld);
  const deletedLanded = edit.deletedOld.reduce((n, r) => n + deleted.covered(r, relevant), 0);
  const insertedLanded = edit.insertedNew.reduce((n, r) => n + inserted.covered(r, relevant), 0);
  if (deletedTotal === 0 && edit.insertedTotal === 0) return undefined;
  const touching = new Set<string>(
    [...edit.deletedOld.flatMap((r) => deleted.tagsAt(r)), ...edit.insertedNew.flatMap((r) => inserted.tagsAt(r)), ...(edit.anchorNew ? inserted.tagsAt(edit.anchorNew) : [])].filter(relevant),
  );
  const entry: SourceEditIssue = {
    source: edit.source,
    kind: edit.change.kind,
    ...(edit.change.location.label !== undefined && { label: edit.change.location.label }),
    ...(edit.change.location.path !== undefined && { path: edit.change.location.path }),
    expected: { oldText: edit.change.oldText, newText: edit.change.newText },
  };
  if (!notMade && deletedLanded === deletedTotal && insertedLanded + editedByOthers >= edit.insertedTotal && (insertedLanded > 0 || edit.insertedTotal === 0)) return { status: 'applied', entry };
  if (deletedLanded === 0 && insertedLanded === 0 && touching.size === 0) return { status: 'not-applied', entry };
  const actual = [...touching].map((id) => changes.get(id)).filter((c): c is Change => c !== undefined);
  return { status: 'differs', entry: { ...entry, actual: { oldText: joinTexts(actual.map((c) => c.oldText)), newText: joinTexts(actual.map((c) => c.newText)) } } };
}

/** The texts of several changes, with an ellipsis between the parts that are not together. */
const joinTexts = (texts: readonly string[]): string => texts.filter((t) => t !== '').join(' … ');

/**
 * Whether two sources' edits of the same old characters collide: different new words; two moves
 * putting the text in different places; a move of text the other deletes or rewrites whole. A
 * move and a word edit inside the moved text do not collide: both are made.
 */
function collide(a: SourceEdit, b: SourceEdit, moves: MoveJudge): boolean {
  const aMoves = a.change.kind === 'move';
  const bMoves = b.change.kind === 'move';
  if (aMoves && bMoves) return a.destination !== b.destination && !moves.samePlace(a, b);
  if (aMoves || bMoves) return (aMoves ? b : a).change.scope !== 'text';
  return a.change.newText !== b.change.newText;
}

/** A source's side of a conflict: its new words, or where its move put the text. */
function conflictText(edit: SourceEdit): string {
  if (edit.change.kind !== 'move') return edit.change.newText;
  const anchor = edit.destination;
  if (anchor === undefined || anchor === 'start') return '(moved to the start)';
  const text = anchor.inlines
    .map((i) => (i.type === 'text' ? i.text : ''))
    .join('')
    .trim();
  const label = anchor.numbering?.label;
  return `(moved to after ${label ? `${label} ` : ''}"${text.length > 60 ? `${text.slice(0, 60)}…` : text}")`;
}

/** Edits of two sources deleting the same characters of the old version in different ways. */
function findConflicts(edits: readonly SourceEdit[], deletedLabels: LabelMap, moves: MoveJudge): Conflict[] {
  const seen = new Set<string>();
  const conflicts: Conflict[] = [];
  for (const paragraph of deletedLabels.paragraphs()) {
    const ranges = deletedLabels.rangesOf(paragraph);
    for (let i = 0; i < ranges.length; i++) {
      for (let j = i + 1; j < ranges.length; j++) {
        const a = ranges[i];
        const b = ranges[j];
        if (!a || !b || a.label.source === b.label.source || a.start >= b.end || b.start >= a.end) continue;
        const ea = edits[a.label.edit] as SourceEdit;
        const eb = edits[b.label.edit] as SourceEdit;
        const key = [ea.index, eb.index].sort((x, y) => x - y).join(':');
        if (seen.has(key) || !collide(ea, eb, moves)) continue;
        seen.add(key);
        conflicts.push({
          sources: [ea.source, eb.source],
          ...(ea.change.location.label !== undefined && { label: ea.change.location.label }),
          ...(ea.change.location.path !== undefined && { path: ea.change.location.path }),
          oldText: ea.change.oldText.length >= eb.change.oldText.length ? ea.change.oldText : eb.change.oldText,
          texts: { [ea.source]: conflictText(ea), [eb.source]: conflictText(eb) },
        });
      }
    }
  }
  return conflicts;
}
