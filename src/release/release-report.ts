/**
 * The release report: what each source implemented, which documents it affected, the document
 * log, and every verification issue, derived from the documents' results. The report holds only
 * what the inputs determine (no times, no dates of the run), so the same release gives the same
 * report, and shards' reports join into exactly the report of one full run.
 */
import type { ChangeKind, Conflict } from '../api/index.js';
import type { DocumentResult } from './document-job.js';
import type { ReleaseInfo, ReleaseSource } from './manifest.js';

export const RELEASE_REPORT_FORMAT = 'redline-release-report/1';

/** `not verified`: every document it was declared for failed; `not run`: none of them ran. */
export type SourceStatus = 'implemented' | 'partially implemented' | 'not found' | 'not verified' | 'not run';

/** A source of the release as the report shows it: its status from the verification, the documents it changed, its counts. */
export interface SourceRow {
  readonly id: string;
  readonly title: string;
  readonly kind: ReleaseSource['kind'];
  /** As the manifest gives it (e.g. approved, designated). */
  readonly approval?: string;
  /** Derived from the verification. */
  readonly status: SourceStatus;
  readonly declaredIn: readonly string[];
  /** Documents where changes were attributed to it. */
  readonly documents: readonly string[];
  readonly changes: number;
  readonly byKind: Readonly<Partial<Record<ChangeKind, number>>>;
  readonly notApplied: number;
  readonly differs: number;
}

/** A document of the release as the report shows it: its status, changes by source, declared against found sources, outputs. */
export interface DocumentRow {
  readonly id: string;
  readonly title: string;
  readonly status: DocumentResult['status'] | 'not run';
  readonly conformed: boolean;
  readonly changes: number;
  /** Clauses whose only change is their number, counted apart from the changes. */
  readonly renumbered: number;
  readonly unattributed: number;
  /** Source id → change count, for every source of the release. */
  readonly bySource: Readonly<Record<string, number>>;
  readonly declared: readonly string[];
  readonly found: readonly string[];
  /** Declared but not found, or found but not declared. */
  readonly mismatch: readonly string[];
  readonly outputs: DocumentResult['outputs'];
  readonly error?: string;
}

/** A row of the document log: the versions in force. */
export interface LogRow {
  readonly document: string;
  readonly title: string;
  readonly previousVersion: string;
  readonly newVersion: string;
  readonly effectiveDate: string;
}

/** A verification issue of one document, in the report's single list. */
export interface IssueRow {
  readonly document: string;
  readonly type: 'unattributed' | 'not applied' | 'differs' | 'conflict' | 'failed';
  readonly sources: readonly string[];
  readonly label?: string;
  readonly expected?: string;
  readonly actual?: string;
}

/** The release report (report.json): sources, documents, the document log and every verification issue, derived from the documents' results only. */
export interface ReleaseReport {
  readonly format: typeof RELEASE_REPORT_FORMAT;
  readonly release: ReleaseInfo;
  readonly sources: readonly ReleaseSource[];
  /** Every document of the manifest, in its order (a shard's report covers some of them). */
  readonly documentOrder: readonly string[];
  /** Every document's title, by id. */
  readonly documentTitles: Readonly<Record<string, string>>;
  readonly shard?: { readonly index: number; readonly count: number };
  readonly results: readonly DocumentResult[];
  readonly modifications: readonly SourceRow[];
  readonly documents: readonly DocumentRow[];
  readonly log: readonly LogRow[];
  readonly issues: readonly IssueRow[];
}

export interface ReportInput {
  readonly release: ReleaseInfo;
  readonly sources: readonly ReleaseSource[];
  readonly documentOrder: readonly string[];
  readonly documentTitles: Readonly<Record<string, string>>;
  /** The documents the report covers: all of them, or one shard's. */
  readonly scope: readonly string[];
  readonly results: readonly DocumentResult[];
  readonly shard?: { readonly index: number; readonly count: number };
}

export function buildReleaseReport(input: ReportInput): ReleaseReport {
  const order = new Map(input.documentOrder.map((id, i) => [id, i]));
  const results = [...input.results].filter((r) => input.scope.includes(r.id)).sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  const byId = new Map(results.map((r) => [r.id, r]));
  const scope = [...input.scope].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  const done = results.filter((r) => r.status !== 'failed');
  return {
    format: RELEASE_REPORT_FORMAT,
    release: input.release,
    sources: input.sources,
    documentOrder: input.documentOrder,
    documentTitles: input.documentTitles,
    ...(input.shard && { shard: input.shard }),
    results,
    modifications: input.sources.map((source) => sourceRow(source, results)),
    documents: scope.map((id) => documentRow(id, input.documentTitles[id] ?? id, byId.get(id), input.sources)),
    log: done.map((r) => ({ document: r.id, title: r.title, previousVersion: r.previousVersion, newVersion: r.newVersion, effectiveDate: input.release.effectiveDate })),
    issues: results.flatMap(issuesOf),
  };
}

function sourceRow(source: ReleaseSource, results: readonly DocumentResult[]): SourceRow {
  const declaredIn = results.filter((r) => r.declaredSources.includes(source.id));
  const done = declaredIn.filter((r) => r.status !== 'failed');
  const documents = done.filter((r) => (r.bySource[source.id] ?? 0) > 0).map((r) => r.id);
  const byKind: Partial<Record<ChangeKind, number>> = {};
  let notApplied = 0;
  let differs = 0;
  for (const result of done) {
    const summary = result.report?.sources.find((s) => s.id === source.id);
    for (const [kind, count] of Object.entries(summary?.byKind ?? {})) byKind[kind as ChangeKind] = (byKind[kind as ChangeKind] ?? 0) + (count ?? 0);
    notApplied += result.report?.notApplied.filter((n) => n.source === source.id).length ?? 0;
    differs += result.report?.differs.filter((d) => d.source === source.id).length ?? 0;
  }
  const changes = done.reduce((n, r) => n + (r.bySource[source.id] ?? 0), 0);
  const status: SourceStatus =
    done.length === 0
      ? declaredIn.length === 0
        ? 'not run'
        : 'not verified'
      : changes === 0
        ? 'not found'
        : notApplied + differs > 0 || documents.length < done.length
          ? 'partially implemented'
          : 'implemented';
  return {
    id: source.id,
    title: source.title ?? source.id,
    kind: source.kind,
    ...(source.status !== undefined && { approval: source.status }),
    status,
    declaredIn: declaredIn.map((r) => r.id),
    documents,
    changes,
    byKind,
    notApplied,
    differs,
  };
}

function documentRow(id: string, title: string, result: DocumentResult | undefined, sources: readonly ReleaseSource[]): DocumentRow {
  if (!result) return { id, title, status: 'not run', conformed: false, changes: 0, renumbered: 0, unattributed: 0, bySource: {}, declared: [], found: [], mismatch: [], outputs: [] };
  const found = sources.map((s) => s.id).filter((s) => (result.bySource[s] ?? 0) > 0);
  const mismatch = result.status === 'failed' ? [] : [...result.declaredSources.filter((s) => !found.includes(s)), ...found.filter((s) => !result.declaredSources.includes(s))];
  return {
    id,
    title: result.title,
    status: result.status,
    conformed: result.conformed,
    changes: result.changes,
    // Reports written before renumbered clauses were counted apart have none.
    renumbered: result.renumbered ?? 0,
    unattributed: result.unattributed,
    bySource: Object.fromEntries(sources.map((s) => [s.id, result.bySource[s.id] ?? 0])),
    declared: result.declaredSources,
    found,
    mismatch,
    outputs: result.outputs,
    ...(result.error !== undefined && { error: result.error }),
  };
}

function issuesOf(result: DocumentResult): IssueRow[] {
  const failed: IssueRow[] = result.status === 'failed' ? [{ document: result.id, type: 'failed', sources: [], actual: result.error ?? 'failed' }] : [];
  const report = result.report;
  if (!report) return failed;
  // The clause is cited by its path where it has one (`G3.5(a)`, `Table under G1, row "MP202"`).
  const label = (item: { label?: string; path?: string }): { label?: string } => {
    const clause = item.path ?? item.label;
    return clause === undefined ? {} : { label: clause };
  };
  const texts = (t: { oldText: string; newText: string }): string =>
    `${t.oldText === '' ? '' : `“${t.oldText}”`}${t.oldText !== '' && t.newText !== '' ? ' → ' : ''}${t.newText === '' ? (t.oldText === '' ? '' : ' deleted') : `“${t.newText}”`}`;
  // A failed document's other lists describe outputs that were not written; its conflicts say why.
  if (result.status === 'failed') return [...failed, ...report.conflicts.map((c) => conflictRow(result.id, c))];
  return [
    ...report.unattributed.map((u): IssueRow => ({ document: result.id, type: 'unattributed', sources: u.assignedTo === undefined ? [] : [u.assignedTo], ...label(u), actual: texts(u) })),
    ...report.notApplied.map((n): IssueRow => ({ document: result.id, type: 'not applied', sources: [n.source], ...label(n), expected: texts(n.expected) })),
    ...report.differs.map((d): IssueRow => ({ document: result.id, type: 'differs', sources: [d.source], ...label(d), expected: texts(d.expected), ...(d.actual && { actual: texts(d.actual) }) })),
    ...report.conflicts.map((c) => conflictRow(result.id, c)),
  ];
}

function conflictRow(document: string, conflict: Conflict): IssueRow {
  return {
    document,
    type: 'conflict',
    sources: conflict.sources,
    ...((conflict.path ?? conflict.label) !== undefined && { label: conflict.path ?? conflict.label }),
    expected: `“${conflict.oldText}”`,
    actual: Object.entries(conflict.texts)
      .map(([source, text]) => `${source}: “${text}”`)
      .join('; '),
  };
}
