/**
 * Reads a shard's release report (`report-shard-K-of-N.json`) for `--merge-reports`, validated
 * like the manifest: every mistake is an {@link InputError} naming the file and the field
 * (`results[3].outputs[0].file: must be a string`), never a TypeError deep in the merge. Every
 * field the merge reads is checked; the report is then used as it was written, so that joined
 * shards give exactly the report one full run writes.
 */
import { InputError } from '../diagnostics/errors.js';
import { quote } from '../util/quote.js';
import type { DocumentResult } from './document-job.js';
import { RELEASE_OUTPUTS, type ReleaseInfo, type ReleaseSource } from './manifest.js';
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
type Fields = Record<string, Json>;

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

/** Checks each field the merge reads; a checked value is returned as the type it was checked to be. */
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
    this.fields(this.object(root.release, 'release'), 'release', { id: 'string', title: 'string', effectiveDate: 'string' });
    this.list(root.sources, 'sources').forEach((s, i) => this.source(s, `sources[${i}]`));
    this.list(root.documentOrder, 'documentOrder').forEach((id, i) => this.string(id, `documentOrder[${i}]`));
    for (const [id, title] of Object.entries(this.object(root.documentTitles, 'documentTitles'))) this.string(title, `documentTitles${key(id)}`);
    this.list(root.results, 'results').forEach((r, i) => this.result(r, `results[${i}]`));
    return root as unknown as ShardReport;
  }

  private source(value: Json, field: string): void {
    const source = this.object(value, field);
    this.fields(source, field, { id: 'string', 'title?': 'string', 'status?': 'string' });
    this.oneOf(source.kind, `${field}.kind`, SOURCE_KINDS);
  }

  private result(value: Json, field: string): void {
    const result = this.object(value, field);
    this.fields(result, field, { id: 'string', title: 'string', previousVersion: 'string', newVersion: 'string', conformed: 'boolean', 'error?': 'string', changes: 'count', unattributed: 'count' });
    this.oneOf(result.status, `${field}.status`, STATUSES);
    this.list(result.outputs, `${field}.outputs`).forEach((o, i) => {
      const output = this.object(o, `${field}.outputs[${i}]`);
      this.oneOf(output.kind, `${field}.outputs[${i}].kind`, RELEASE_OUTPUTS);
      this.string(output.file, `${field}.outputs[${i}].file`);
    });
    this.list(result.declaredSources, `${field}.declaredSources`).forEach((s, i) => this.string(s, `${field}.declaredSources[${i}]`));
    this.counts(result.byKind, `${field}.byKind`);
    this.counts(result.bySource, `${field}.bySource`);
    if (result.report !== undefined) this.attribution(result.report, `${field}.report`);
    if (result.diagnostics !== undefined) this.list(result.diagnostics, `${field}.diagnostics`).forEach((d, i) => this.diagnostic(d, `${field}.diagnostics[${i}]`));
  }

  private attribution(value: Json, field: string): void {
    const report = this.object(value, field);
    this.list(report.sources, `${field}.sources`).forEach((s, i) => {
      const summary = this.object(s, `${field}.sources[${i}]`);
      this.fields(summary, `${field}.sources[${i}]`, { id: 'string', 'title?': 'string', 'kind?': 'string', total: 'count' });
      this.oneOf(summary.form, `${field}.sources[${i}].form`, FORMS);
      this.counts(summary.byKind, `${field}.sources[${i}].byKind`);
      this.list(summary.clauses, `${field}.sources[${i}].clauses`).forEach((c, j) => this.string(c, `${field}.sources[${i}].clauses[${j}]`));
    });
    this.list(report.unattributed, `${field}.unattributed`).forEach((u, i) => this.fields(this.object(u, `${field}.unattributed[${i}]`), `${field}.unattributed[${i}]`, { change: 'string', kind: 'string', oldText: 'text', newText: 'text', 'label?': 'string', 'assignedTo?': 'string' }));
    for (const list of ['notApplied', 'differs'] as const) {
      this.list(report[list], `${field}.${list}`).forEach((n, i) => {
        const issue = this.object(n, `${field}.${list}[${i}]`);
        this.fields(issue, `${field}.${list}[${i}]`, { source: 'string', kind: 'string', 'label?': 'string' });
        this.fields(this.object(issue.expected, `${field}.${list}[${i}].expected`), `${field}.${list}[${i}].expected`, { oldText: 'text', newText: 'text' });
        if (issue.actual !== undefined) this.fields(this.object(issue.actual, `${field}.${list}[${i}].actual`), `${field}.${list}[${i}].actual`, { oldText: 'text', newText: 'text' });
      });
    }
    this.list(report.conflicts, `${field}.conflicts`).forEach((c, i) => {
      const conflict = this.object(c, `${field}.conflicts[${i}]`);
      this.fields(conflict, `${field}.conflicts[${i}]`, { 'label?': 'string', oldText: 'text' });
      this.list(conflict.sources, `${field}.conflicts[${i}].sources`).forEach((s, j) => this.string(s, `${field}.conflicts[${i}].sources[${j}]`));
      for (const [source, text] of Object.entries(this.object(conflict.texts, `${field}.conflicts[${i}].texts`))) this.text(text, `${field}.conflicts[${i}].texts${key(source)}`);
    });
  }

  private diagnostic(value: Json, field: string): void {
    const diagnostic = this.object(value, field);
    this.oneOf(diagnostic.severity, `${field}.severity`, SEVERITIES);
    this.fields(diagnostic, field, { code: 'string', message: 'text', 'file?': 'string' });
    this.count(diagnostic.count, `${field}.count`, 1);
    if (diagnostic.location !== undefined) this.fields(this.object(diagnostic.location, `${field}.location`), `${field}.location`, { 'story?': 'string', 'block?': 'count', 'clausePath?': 'string' });
  }

  /** Checks fields by kind; a name ending in `?` may be absent. */
  private fields(object: Fields, field: string, kinds: Readonly<Record<string, 'string' | 'text' | 'boolean' | 'count'>>): void {
    for (const [spec, kind] of Object.entries(kinds)) {
      const optional = spec.endsWith('?');
      const name = optional ? spec.slice(0, -1) : spec;
      if (optional && object[name] === undefined) continue;
      const path = `${field}.${name}`;
      if (kind === 'string') this.string(object[name], path);
      else if (kind === 'text') this.text(object[name], path);
      else if (kind === 'boolean') this.boolean(object[name], path);
      else this.count(object[name], path);
    }
  }

  private object(value: Json, field: string): Fields {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(field, value === undefined ? 'is missing' : 'must be an object');
    return value as Fields;
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

  private counts(value: Json, field: string): void {
    for (const [name, n] of Object.entries(this.object(value, field))) this.count(n, `${field}${key(name)}`);
  }

  private oneOf(value: Json, field: string, allowed: readonly string[]): void {
    if (typeof value !== 'string' || !allowed.includes(value)) this.fail(field, value === undefined ? 'is missing' : `must be one of ${allowed.join(', ')}`);
  }
}
