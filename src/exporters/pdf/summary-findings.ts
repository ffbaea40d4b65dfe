/**
 * The verification findings of a marked-up PDF's summary, as plain lines: the attribution
 * report's four lists (changes no source explains, source edits not applied, applied with other
 * words, sources in conflict), each finding with its source, its clause, and the expected and
 * actual text, as the release report gives them. The PDF carries them so that a document's
 * redline can be signed off on its own, without the release report beside it.
 */
import type { AttributionReport, Conflict, SourceEditIssue, UnattributedChange } from '../../attribution/report.js';
import type { ChangeKind } from '../../model/change-set.js';

/** One list of findings: its title (with its count) and one line per finding. */
export interface FindingSection {
  readonly title: string;
  readonly items: readonly string[];
}

/** The longest quotation of a finding's text; the rest is in the JSON and the release report. */
const QUOTE_LENGTH = 80;

/** The report's findings, the non-empty lists in the report's order; `kindLabels` name the kinds of change. */
export function findingSections(report: AttributionReport, kindLabels: Readonly<Record<ChangeKind, string>>): FindingSection[] {
  const sections: FindingSection[] = [
    { title: 'Unattributed (changes no source explains)', items: report.unattributed.map((change) => unattributedLine(change, kindLabels)) },
    { title: 'Not applied (source edits the new version does not have)', items: report.notApplied.map((issue) => `${issue.source} at ${clauseOf(issue)}: expected ${edit(issue.expected)}`) },
    { title: 'Differs (source edits applied with other words)', items: report.differs.map(differsLine) },
    { title: 'Conflicts (sources editing the same words differently)', items: report.conflicts.map(conflictLine) },
  ];
  return sections.filter((section) => section.items.length > 0).map((section) => ({ ...section, title: `${section.title}: ${section.items.length}` }));
}

/** "2 unattributed, 0 not applied, 1 applied differently, 0 conflicts": the lists' lengths. */
export function findingCounts(report: AttributionReport): string {
  return `${report.unattributed.length} unattributed, ${report.notApplied.length} not applied, ${report.differs.length} applied differently, ${report.conflicts.length} conflict${report.conflicts.length === 1 ? '' : 's'}`;
}

function unattributedLine(change: UnattributedChange, kindLabels: Readonly<Record<ChangeKind, string>>): string {
  const given = change.assignedTo === undefined ? '' : ` (given to ${change.assignedTo})`;
  return `${clauseOf(change)}: ${kindLabels[change.kind]} ${edit(change)}${given}`;
}

function differsLine(issue: SourceEditIssue): string {
  const found = issue.actual ? `; found ${edit(issue.actual)}` : '';
  return `${issue.source} at ${clauseOf(issue)}: expected ${edit(issue.expected)}${found}`;
}

function conflictLine(conflict: Conflict): string {
  const texts = Object.entries(conflict.texts).map(([source, text]) => `${source} ${quote(text)}`);
  return `${conflict.sources.join(' and ')} at ${clauseOf(conflict)}: ${quote(conflict.oldText)} becomes ${texts.join(' or ')}`;
}

/** The clause, by its path where it has one. */
function clauseOf(item: { readonly path?: string; readonly label?: string }): string {
  return item.path ?? item.label ?? 'an unnumbered clause';
}

/** “old” → “new”, “new” inserted, or “old” deleted. */
function edit(texts: { readonly oldText: string; readonly newText: string }): string {
  if (texts.oldText === '') return `${quote(texts.newText)} inserted`;
  if (texts.newText === '') return `${quote(texts.oldText)} deleted`;
  return `${quote(texts.oldText)} → ${quote(texts.newText)}`;
}

function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `“${flat.length > QUOTE_LENGTH ? `${flat.slice(0, QUOTE_LENGTH - 1)}…` : flat}”`;
}
