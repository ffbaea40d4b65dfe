/**
 * `redline apply`: conforms the new version from the old one and the sources' edits, and writes
 * it (clean), its redline against the old version (each change attributed to its source) and the
 * report. With several reviewers' copies as sources, this is how their edits are consolidated into
 * one tracked document.
 */
import { attributeChanges, type AttributionSource } from '../attribution/attribute.js';
import { mergeSources, type ConflictPolicy } from '../attribution/merge.js';
import type { AttributionReport, Conflict } from '../attribution/report.js';
import { loadSourceVersions } from '../attribution/source-versions.js';
import { Diagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { UsageError } from '../diagnostics/errors.js';
import type { DiffOptions } from '../diff/options.js';
import { documentToDocx, redlineToDocx } from '../exporters/docx/to-docx.js';
import { changeSetToJson } from '../exporters/json/to-json.js';
import { toMarkup } from '../exporters/markup/to-markup.js';
import type { Redline } from '../model/redline.js';
import type { SourceInfo } from '../model/source.js';
import type { RenderedOutput, SourceFileInput, VersionInput } from './compare.js';
import { loadDocument } from './load-document.js';

export interface ApplyJob {
  readonly old: VersionInput;
  readonly sources: readonly SourceFileInput[];
  readonly info?: readonly SourceInfo[];
  readonly policy: ConflictPolicy;
  readonly options?: DiffOptions & { readonly date?: string };
  /** The first .docx is the new version, a second .docx its redline; .json the report; .txt the redline as text. */
  readonly outputs: readonly string[];
}

export interface ApplyResult {
  readonly redline: Redline;
  readonly report: AttributionReport;
  readonly outputs: readonly RenderedOutput[];
  readonly diagnostics: readonly Diagnostic[];
  /** Conflicts with the `fail` policy: nothing but the report is written. */
  readonly failed: boolean;
}

export async function runApply(job: ApplyJob): Promise<ApplyResult> {
  const docxOutputs = job.outputs.filter((o) => /\.docx$/i.test(o));
  if (docxOutputs.length === 0) throw new UsageError('apply needs the new version as an output: -o NEW.docx');
  if (docxOutputs.length > 2) throw new UsageError('apply writes at most two DOCX files: -o NEW.docx [-o REDLINE.docx]');
  for (const output of job.outputs) if (!/\.(docx|json|txt|md)$/i.test(output)) throw new UsageError(`${output}: unknown output format (use .docx, .json, .txt or .md)`);

  const diagnostics = new Diagnostics();
  const old = await loadDocument(job.old.bytes, job.old.name, job.old.view === undefined ? {} : { view: job.old.view });
  diagnostics.addAll(old.diagnostics);
  const info = new Map((job.info ?? []).map((s) => [s.id, s]));
  const sources: AttributionSource[] = [];
  for (const file of job.sources) {
    const versions = await loadSourceVersions(file.bytes, file.name, old.document);
    diagnostics.addAll(versions.diagnostics);
    sources.push({ info: info.get(file.id) ?? { id: file.id }, form: versions.form, before: versions.before, after: versions.after });
  }

  const mergedResult = mergeSources(old.document, sources, job.policy, job.options ?? {});
  const merged = { ...mergedResult, document: { ...mergedResult.document, name: docxOutputs[0] as string } };
  diagnostics.addAll(merged.diagnostics);
  const attributed = attributeChanges(old.document, merged.document, sources, job.options ?? {});
  const report: AttributionReport = { ...attributed.report, conflicts: uniqueConflicts([...merged.conflicts, ...attributed.report.conflicts]) };
  const failed = job.policy === 'fail' && merged.conflicts.length > 0;

  const outputs: RenderedOutput[] = [];
  for (const path of job.outputs) {
    if (/\.json$/i.test(path)) continue;
    if (failed) continue;
    if (path === docxOutputs[0]) outputs.push({ path, data: documentToDocx(merged.document).bytes });
    else if (/\.docx$/i.test(path)) outputs.push({ path, data: redlineToDocx(attributed.redline, job.options?.date === undefined ? {} : { date: job.options.date }).bytes });
    else outputs.push({ path, data: toMarkup(attributed.redline) });
  }
  for (const path of job.outputs.filter((o) => /\.json$/i.test(o))) {
    outputs.push({ path, data: changeSetToJson({ old: old.document, new: merged.document, changes: attributed.redline.changes, diagnostics: diagnostics.list(), extra: { ...report } }) });
  }
  return { redline: attributed.redline, report, outputs, diagnostics: diagnostics.list(), failed };
}

/** The merge and the attribution find the same collisions; each is reported once, with its clause label when known. */
function uniqueConflicts(conflicts: readonly Conflict[]): Conflict[] {
  const unique = new Map<string, Conflict>();
  for (const conflict of conflicts) {
    const key = JSON.stringify([[...conflict.sources].sort(), conflict.oldText, conflict.texts]);
    const seen = unique.get(key);
    if (!seen || (seen.label === undefined && conflict.label !== undefined)) unique.set(key, conflict);
  }
  return [...unique.values()];
}
