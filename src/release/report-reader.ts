/**
 * Reads a shard's release report (`report-shard-K-of-N.json`) for `--merge-reports`, validated
 * like the manifest: every mistake is an {@link InputError} naming the file and the field
 * (`results[3].outputs[0].file: must be a string`), never a TypeError deep in the merge. The
 * report is rebuilt from the fields it is known to have, so nothing else in a shard's file reaches
 * the merged report.
 */
import type { AttributionReport, Conflict, SourceEditIssue, SourceSummary, UnattributedChange } from '../attribution/report.js';
import type { Diagnostic, DiagnosticLocation } from '../diagnostics/diagnostic.js';
import { InputError } from '../diagnostics/errors.js';
import type { ChangeKind } from '../model/change-set.js';
import { quote } from '../util/quote.js';
import type { DocumentOutput, DocumentResult } from './document-job.js';
import { RELEASE_OUTPUTS, type ReleaseInfo, type ReleaseOutput, type ReleaseSource } from './manifest.js';
import { RELEASE_REPORT_FORMAT } from './release-report.js';

/** What a shard's report holds that the merge uses. */
export interface ShardReport {
  readonly release: ReleaseInfo;
  readonly sources: readonly ReleaseSource[];
  readonly documentOrder: readonly string[];
  readonly documentTitles: Readonly<Record<string, string>>;
  readonly shard: { readonly index: number; readonly count: number };
  readonly results: readonly DocumentResult[];
}

const STATUSES = ['ok', 'issues', 'failed'] as const;
const SOURCE_KINDS = ['modification', 'designation'] as const;
const FORMS = ['full-version', 'redline', 'manual-redline'] as const;
const SEVERITIES = ['warning', 'info'] as const;

type Json = unknown;

/** A key of the file in a field name: `.MP093`, or quoted and escaped when it is not a plain name. */
const key = (name: string): string => (/^[\w.-]{1,64}$/.test(name) ? `.${name}` : `[${quote(name)}]`);

export function readShardReport(text: string, file: string): ShardReport {
  let data: Json;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InputError(file, `not a readable report (${(error as Error).message.split('\n')[0]})`);
  }
  return new ShardReportReader(file).read(data);
}

class ShardReportReader {
  constructor(private readonly file: string) {}

  private fail(field: string, message: string): never {
    throw new InputError(this.file, `${field}: ${message}`);
  }

  read(data: Json): ShardReport {
    const root = this.object(data, 'the report');
    if (root.format !== RELEASE_REPORT_FORMAT) throw new InputError(this.file, `not a release report (format ${typeof root.format === 'string' ? quote(root.format) : 'missing'})`);
    if (root.shard === undefined) throw new InputError(this.file, 'is the report of a whole release, not of a shard');
    const shard = this.object(root.shard, 'shard');
    const count = this.count(shard.count, 'shard.count', 1);
    const index = this.count(shard.index, 'shard.index', 1);
    if (index > count) this.fail('shard.index', `${index} is more than shard.count (${count})`);
    const documentOrder = this.list(root.documentOrder, 'documentOrder').map((id, i) => this.string(id, `documentOrder[${i}]`));
    const titles = this.object(root.documentTitles, 'documentTitles');
    return {
      release: this.release(root.release),
      sources: this.list(root.sources, 'sources').map((s, i) => this.source(s, `sources[${i}]`)),
      documentOrder,
      documentTitles: Object.fromEntries(Object.entries(titles).map(([id, title]) => [id, this.string(title, `documentTitles${key(id)}`)])),
      shard: { index, count },
      results: this.list(root.results, 'results').map((r, i) => this.result(r, `results[${i}]`)),
    };
  }

  private release(value: Json): ReleaseInfo {
    const release = this.object(value, 'release');
    return { id: this.string(release.id, 'release.id'), title: this.string(release.title, 'release.title'), effectiveDate: this.string(release.effectiveDate, 'release.effectiveDate') };
  }

  private source(value: Json, field: string): ReleaseSource {
    const source = this.object(value, field);
    return {
      id: this.string(source.id, `${field}.id`),
      kind: this.oneOf(source.kind, `${field}.kind`, SOURCE_KINDS),
      ...(source.title !== undefined && { title: this.string(source.title, `${field}.title`) }),
      ...(source.status !== undefined && { status: this.string(source.status, `${field}.status`) }),
    };
  }

  private result(value: Json, field: string): DocumentResult {
    const result = this.object(value, field);
    return {
      id: this.string(result.id, `${field}.id`),
      title: this.string(result.title, `${field}.title`),
      previousVersion: this.string(result.previousVersion, `${field}.previousVersion`),
      newVersion: this.string(result.newVersion, `${field}.newVersion`),
      conformed: this.boolean(result.conformed, `${field}.conformed`),
      status: this.oneOf(result.status, `${field}.status`, STATUSES),
      ...(result.error !== undefined && { error: this.string(result.error, `${field}.error`) }),
      outputs: this.list(result.outputs, `${field}.outputs`).map((o, i) => this.output(o, `${field}.outputs[${i}]`)),
      declaredSources: this.list(result.declaredSources, `${field}.declaredSources`).map((s, i) => this.string(s, `${field}.declaredSources[${i}]`)),
      changes: this.count(result.changes, `${field}.changes`),
      byKind: this.counts(result.byKind, `${field}.byKind`) as Partial<Record<ChangeKind, number>>,
      bySource: this.counts(result.bySource, `${field}.bySource`),
      unattributed: this.count(result.unattributed, `${field}.unattributed`),
      ...(result.report !== undefined && { report: this.attribution(result.report, `${field}.report`) }),
      ...(result.diagnostics !== undefined && { diagnostics: this.list(result.diagnostics, `${field}.diagnostics`).map((d, i) => this.diagnostic(d, `${field}.diagnostics[${i}]`)) }),
    };
  }

  private diagnostic(value: Json, field: string): Diagnostic {
    const diagnostic = this.object(value, field);
    return {
      severity: this.oneOf(diagnostic.severity, `${field}.severity`, SEVERITIES),
      code: this.string(diagnostic.code, `${field}.code`),
      message: this.text(diagnostic.message, `${field}.message`),
      ...(diagnostic.file !== undefined && { file: this.string(diagnostic.file, `${field}.file`) }),
      ...(diagnostic.location !== undefined && { location: this.location(diagnostic.location, `${field}.location`) }),
      count: this.count(diagnostic.count, `${field}.count`, 1),
    };
  }

  private location(value: Json, field: string): DiagnosticLocation {
    const location = this.object(value, field);
    return {
      ...(location.story !== undefined && { story: this.string(location.story, `${field}.story`) as DiagnosticLocation['story'] }),
      ...(location.block !== undefined && { block: this.count(location.block, `${field}.block`) }),
      ...(location.clausePath !== undefined && { clausePath: this.string(location.clausePath, `${field}.clausePath`) }),
    };
  }

  private output(value: Json, field: string): DocumentOutput {
    const output = this.object(value, field);
    return { kind: this.oneOf(output.kind, `${field}.kind`, RELEASE_OUTPUTS) as ReleaseOutput, file: this.string(output.file, `${field}.file`) };
  }

  private attribution(value: Json, field: string): AttributionReport {
    const report = this.object(value, field);
    return {
      sources: this.list(report.sources, `${field}.sources`).map((s, i) => this.summary(s, `${field}.sources[${i}]`)),
      unattributed: this.list(report.unattributed, `${field}.unattributed`).map((u, i) => this.unattributedChange(u, `${field}.unattributed[${i}]`)),
      notApplied: this.list(report.notApplied, `${field}.notApplied`).map((n, i) => this.editIssue(n, `${field}.notApplied[${i}]`)),
      differs: this.list(report.differs, `${field}.differs`).map((d, i) => this.editIssue(d, `${field}.differs[${i}]`)),
      conflicts: this.list(report.conflicts, `${field}.conflicts`).map((c, i) => this.conflict(c, `${field}.conflicts[${i}]`)),
    };
  }

  private summary(value: Json, field: string): SourceSummary {
    const summary = this.object(value, field);
    return {
      id: this.string(summary.id, `${field}.id`),
      ...(summary.title !== undefined && { title: this.string(summary.title, `${field}.title`) }),
      ...(summary.kind !== undefined && { kind: this.string(summary.kind, `${field}.kind`) }),
      form: this.oneOf(summary.form, `${field}.form`, FORMS),
      total: this.count(summary.total, `${field}.total`),
      byKind: this.counts(summary.byKind, `${field}.byKind`) as Partial<Record<ChangeKind, number>>,
      clauses: this.list(summary.clauses, `${field}.clauses`).map((c, i) => this.string(c, `${field}.clauses[${i}]`)),
    };
  }

  private unattributedChange(value: Json, field: string): UnattributedChange {
    const change = this.object(value, field);
    return {
      change: this.string(change.change, `${field}.change`),
      kind: this.string(change.kind, `${field}.kind`) as ChangeKind,
      oldText: this.text(change.oldText, `${field}.oldText`),
      newText: this.text(change.newText, `${field}.newText`),
      ...(change.label !== undefined && { label: this.string(change.label, `${field}.label`) }),
      ...(change.assignedTo !== undefined && { assignedTo: this.string(change.assignedTo, `${field}.assignedTo`) }),
    };
  }

  private editIssue(value: Json, field: string): SourceEditIssue {
    const issue = this.object(value, field);
    return {
      source: this.string(issue.source, `${field}.source`),
      kind: this.string(issue.kind, `${field}.kind`) as ChangeKind,
      ...(issue.label !== undefined && { label: this.string(issue.label, `${field}.label`) }),
      expected: this.texts(issue.expected, `${field}.expected`),
      ...(issue.actual !== undefined && { actual: this.texts(issue.actual, `${field}.actual`) }),
    };
  }

  private conflict(value: Json, field: string): Conflict {
    const conflict = this.object(value, field);
    const texts = this.object(conflict.texts, `${field}.texts`);
    return {
      sources: this.list(conflict.sources, `${field}.sources`).map((s, i) => this.string(s, `${field}.sources[${i}]`)),
      ...(conflict.label !== undefined && { label: this.string(conflict.label, `${field}.label`) }),
      oldText: this.text(conflict.oldText, `${field}.oldText`),
      texts: Object.fromEntries(Object.entries(texts).map(([source, text]) => [source, this.text(text, `${field}.texts${key(source)}`)])),
    };
  }

  private texts(value: Json, field: string): { oldText: string; newText: string } {
    const texts = this.object(value, field);
    return { oldText: this.text(texts.oldText, `${field}.oldText`), newText: this.text(texts.newText, `${field}.newText`) };
  }

  private object(value: Json, field: string): Record<string, Json> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(field, value === undefined ? 'is missing' : 'must be an object');
    return value as Record<string, Json>;
  }

  private list(value: Json, field: string): Json[] {
    if (!Array.isArray(value)) this.fail(field, value === undefined ? 'is missing' : 'must be a list');
    return value;
  }

  /** A non-empty string. */
  private string(value: Json, field: string): string {
    if (typeof value !== 'string' || value === '') this.fail(field, value === undefined ? 'is missing' : 'must be a non-empty string');
    return value;
  }

  /** A string that may be empty (a change's old or new text). */
  private text(value: Json, field: string): string {
    if (typeof value !== 'string') this.fail(field, value === undefined ? 'is missing' : 'must be a string');
    return value;
  }

  private boolean(value: Json, field: string): boolean {
    if (typeof value !== 'boolean') this.fail(field, value === undefined ? 'is missing' : 'must be true or false');
    return value;
  }

  private count(value: Json, field: string, least = 0): number {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < least) this.fail(field, value === undefined ? 'is missing' : `must be a whole number${least > 0 ? ` from ${least}` : ''}`);
    return value;
  }

  private counts(value: Json, field: string): Record<string, number> {
    return Object.fromEntries(Object.entries(this.object(value, field)).map(([name, n]) => [name, this.count(n, `${field}${key(name)}`)]));
  }

  private oneOf<T extends string>(value: Json, field: string, allowed: readonly T[]): T {
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) this.fail(field, value === undefined ? 'is missing' : `must be one of ${allowed.join(', ')}`);
    return value as T;
  }
}
