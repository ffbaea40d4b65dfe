/**
 * `redline apply`: conforms the new version from the old one and the sources' edits, and writes
 * it (clean), its redline against the old version (each change attributed to its source) and the
 * report. With several reviewers' copies as sources, this is how their edits are consolidated into
 * one tracked document.
 */
import { attributeChanges } from '../attribution/attribute.js';
import { mergeSources, type ConflictPolicy } from '../apply/merge-sources.js';
import type { AttributionReport } from '../attribution/report.js';
import { Diagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { UsageError } from '../diagnostics/errors.js';
import type { DiffOptions } from '../diff/options.js';
import type { PdfOptions } from '../exporters/pdf/to-pdf.js';
import type { Document } from '../model/document.js';
import type { Redline } from '../model/redline.js';
import type { SourceInfo } from '../model/source.js';
import { loadSources, type SourceFileInput, type VersionInput } from './compare.js';
import { loadDocument } from '../importers/read-document.js';
import { compareOutputKind, renderOutputs, type OutputRequest, type RenderedOutput } from './outputs.js';
import { fileName } from '../util/file-name.js';

export interface ApplyJob {
  readonly old: VersionInput;
  readonly sources: readonly SourceFileInput[];
  readonly info?: readonly SourceInfo[];
  readonly policy: ConflictPolicy;
  readonly options?: DiffOptions & { readonly date?: string; readonly pdf?: Omit<PdfOptions, 'date'> };
  /** What to write (`applyOutputKinds` reads them from the command line's paths). */
  readonly outputs: readonly OutputRequest[];
  /** The conformed version's name; by default its clean output's file name. */
  readonly newName?: string;
}

export interface ApplyResult {
  readonly redline: Redline;
  /** The conformed new version. */
  readonly new: Document;
  readonly report: AttributionReport;
  readonly outputs: readonly RenderedOutput[];
  readonly diagnostics: readonly Diagnostic[];
  /** Conflicts with the `fail` policy: nothing but the report is written. */
  readonly failed: boolean;
}

/** `apply`'s outputs: the first .docx is the conformed version, a second .docx and a .pdf its redline. */
export function applyOutputKinds(paths: readonly string[]): OutputRequest[] {
  const docx = paths.filter((o) => /\.docx$/i.test(o));
  if (docx.length === 0) throw new UsageError('apply needs the new version as an output: -o NEW.docx');
  if (docx.length > 2) throw new UsageError('apply writes at most two DOCX files: -o NEW.docx [-o REDLINE.docx]');
  return paths.map((path) => {
    if (path === docx[0]) return { path, kind: 'clean-docx' };
    return { path, kind: compareOutputKind(path) };
  });
}

export async function runApply(job: ApplyJob): Promise<ApplyResult> {
  const requests = job.outputs;
  const cleanOutput = requests.find((r) => r.kind === 'clean-docx' || r.kind === 'clean-pdf')?.path;
  const diagnostics = new Diagnostics();
  const old = await loadDocument(job.old.bytes, job.old.name, job.old.view === undefined ? {} : { view: job.old.view });
  diagnostics.addAll(old.diagnostics);
  const sources = await loadSources({ mode: 'sources', files: job.sources, ...(job.info && { info: job.info }) }, old.document, diagnostics);

  const mergedResult = mergeSources(old.document, sources, job.policy, job.options ?? {});
  // Named after its file, not its path: outputs must not depend on where they are written.
  const name = job.newName ?? (cleanOutput === undefined ? 'new version' : fileName(cleanOutput));
  const merged = { ...mergedResult, document: { ...mergedResult.document, name } };
  diagnostics.addAll(merged.diagnostics);
  const attributed = attributeChanges(old.document, merged.document, sources, job.options ?? {});
  // The merge found every collision of the sources' edits, with its clause; the attribution would
  // find the same ones again, worded differently.
  const report: AttributionReport = { ...attributed.report, conflicts: merged.conflicts };
  const failed = job.policy === 'fail' && merged.conflicts.length > 0;

  // With conflicts under the `fail` policy, nothing but the report is written.
  const outputs = await renderOutputs(failed ? requests.filter((r) => r.kind === 'json') : requests, {
    old: old.document,
    new: merged.document,
    redline: attributed.redline,
    report,
    diagnostics,
    ...(job.options?.date !== undefined && { date: job.options.date }),
    ...(job.options?.pdf && { pdf: job.options.pdf }),
  });
  return { redline: attributed.redline, new: merged.document, report, outputs, diagnostics: diagnostics.list(), failed };
}
