/**
 * One document of a release, start to finish: compare its previous version with its new one (or
 * conform the new one from its sources with `apply`), attribute every change to its source, and
 * write the outputs the release asks for, atomically. Runs inside a worker process; the task and
 * the result are plain data.
 */
import { basename, join } from 'node:path';
import { hasIssues, type AttributionReport } from '../attribution/report.js';
import { InputError } from '../diagnostics/errors.js';
import { readInput } from '../io/read-input.js';
import { writeOutputsAtomically } from '../io/write-outputs.js';
import { isUnattributed, type ChangeKind } from '../model/change-set.js';
import type { Document } from '../model/document.js';
import type { Redline } from '../model/redline.js';
import { runApply } from '../pipeline/apply.js';
import { runCompare } from '../pipeline/compare.js';
import type { OutputRequest, RenderedOutput } from '../pipeline/outputs.js';
import { pdfExporter } from '../pipeline/pdf-exporter.js';
import type { ReleaseDocument, ReleaseInfo, ReleaseOutput, ReleaseSource } from './manifest.js';

export interface DocumentTask {
  readonly release: ReleaseInfo;
  readonly document: ReleaseDocument;
  /** The manifest's entries for the document's sources. */
  readonly sources: readonly ReleaseSource[];
  readonly outputs: readonly ReleaseOutput[];
  /** The release's output folder (absolute). */
  readonly outputFolder: string;
}

export interface DocumentOutput {
  readonly kind: ReleaseOutput;
  /** Relative to the release's output folder, with `/` separators. */
  readonly file: string;
}

export interface DocumentResult {
  readonly id: string;
  readonly title: string;
  readonly previousVersion: string;
  readonly newVersion: string;
  /** The new version was conformed from the sources (`apply`), not given. */
  readonly conformed: boolean;
  /** `ok`: done and verified; `issues`: done, with verification issues; `failed`: not done. */
  readonly status: 'ok' | 'issues' | 'failed';
  readonly error?: string;
  readonly outputs: readonly DocumentOutput[];
  readonly declaredSources: readonly string[];
  readonly changes: number;
  readonly byKind: Readonly<Partial<Record<ChangeKind, number>>>;
  /** Changes per source id (a change with two sources counts for each). */
  readonly bySource: Readonly<Record<string, number>>;
  readonly unattributed: number;
  readonly report?: AttributionReport;
}

/** The output files of a document: `<id>/<id>-v<new>-redline.docx` and so on. */
export function documentOutputs(document: ReleaseDocument, outputs: readonly ReleaseOutput[]): DocumentOutput[] {
  const stem = `${document.id}/${document.id}-v${safeName(document.new.version)}`;
  const names: Readonly<Record<ReleaseOutput, string>> = {
    'redline-docx': `${stem}-redline.docx`,
    'redline-pdf': `${stem}-redline.pdf`,
    'clean-docx': `${stem}.docx`,
    'clean-pdf': `${stem}.pdf`,
    json: `${stem}-changes.json`,
  };
  return outputs.map((kind) => ({ kind, file: names[kind] }));
}

const safeName = (label: string): string => label.replace(/[^A-Za-z0-9._-]+/g, '-');

export async function runDocumentTask(task: DocumentTask): Promise<DocumentResult> {
  const { document } = task;
  const outputs = documentOutputs(document, task.outputs);
  const base = {
    id: document.id,
    title: document.title,
    previousVersion: document.previous.version,
    newVersion: document.new.version,
    conformed: document.new.file === undefined,
    declaredSources: document.sources.map((s) => s.id),
  };
  try {
    const rendered = await render(task, outputs.map((o) => ({ path: join(task.outputFolder, o.file), kind: o.kind })));
    await writeOutputsAtomically(rendered.outputs);
    const written = outputs.filter((o) => rendered.outputs.some((r) => r.path === join(task.outputFolder, o.file)));
    // A document that failed (its sources conflict) has no changes to count; its report says why.
    if (rendered.error !== undefined) return { ...base, status: 'failed', error: rendered.error, outputs: written, changes: 0, byKind: {}, bySource: {}, unattributed: 0, ...(rendered.report && { report: rendered.report }) };
    const bySource: Record<string, number> = {};
    for (const change of rendered.redline.changes) for (const source of change.sources) bySource[source] = (bySource[source] ?? 0) + 1;
    const byKind: Partial<Record<ChangeKind, number>> = {};
    for (const change of rendered.redline.changes) byKind[change.kind] = (byKind[change.kind] ?? 0) + 1;
    return {
      ...base,
      status: rendered.report && hasIssues(rendered.report) ? 'issues' : 'ok',
      outputs: written,
      changes: rendered.redline.changes.length,
      byKind,
      bySource,
      // Without sources there is nothing to attribute changes to, so nothing is unattributed.
      unattributed: rendered.report ? rendered.redline.changes.filter(isUnattributed).length : 0,
      ...(rendered.report && { report: rendered.report }),
    };
  } catch (error) {
    const message = error instanceof InputError ? error.message : `internal error: ${(error as Error).message}`;
    return { ...base, status: 'failed', error: message, outputs: [], changes: 0, byKind: {}, bySource: {}, unattributed: 0 };
  }
}

interface Rendered {
  readonly redline: Redline;
  readonly outputs: readonly RenderedOutput[];
  readonly report?: AttributionReport;
  readonly error?: string;
}

async function render(task: DocumentTask, requests: readonly OutputRequest[]): Promise<Rendered> {
  const { document, release } = task;
  // Named by file name: the outputs and the report must not depend on where the release folder is.
  const read = async (path: string): Promise<{ bytes: Uint8Array; name: string }> => {
    try {
      return { bytes: await readInput(path), name: basename(path) };
    } catch (error) {
      throw error instanceof InputError ? new InputError(basename(path), error.reason) : error;
    }
  };
  const sources = await Promise.all(document.sources.map(async (s) => ({ id: s.id, ...(await read(s.file)) })));
  const info = task.sources.map(({ id, title, kind }) => ({ id, title, kind }));
  const pdf = { title: document.title, subtitle: `${release.title}: version ${document.new.version} marked up against version ${document.previous.version}` };
  // The clean PDF has a subtitle of its own, so it is rendered here rather than with the redline.
  const cleanPdf = requests.find((r) => r.kind === 'clean-pdf');
  const others = requests.filter((r) => r !== cleanPdf);
  const cleanOf = async (version: Document): Promise<RenderedOutput[]> =>
    cleanPdf ? [{ path: cleanPdf.path, data: await (await pdfExporter()).documentToPdf(version, { title: document.title, subtitle: `Version ${document.new.version}, effective ${release.effectiveDate}` }) }] : [];
  const old = await read(document.previous.file);
  if (document.new.file === undefined) {
    const result = await runApply({ old, sources, info, policy: 'fail', options: { pdf }, outputs: others, newName: `${document.id}-v${safeName(document.new.version)}.docx` });
    if (result.failed) return { redline: result.redline, outputs: result.outputs, report: result.report, error: `${result.report.conflicts.length} conflict(s) between sources; the new version was not conformed` };
    return { redline: result.redline, outputs: [...result.outputs, ...(await cleanOf(result.new))], report: result.report };
  }
  const result = await runCompare({
    old,
    new: await read(document.new.file),
    options: { pdf },
    ...(sources.length > 0 && { attribution: { mode: 'sources' as const, files: sources, info } }),
    outputs: others,
  });
  return { redline: result.redline, outputs: [...result.outputs, ...(await cleanOf(result.new))], ...(result.report && { report: result.report }) };
}
