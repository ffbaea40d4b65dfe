/**
 * One document of a release, start to finish: compare its previous version with its new one (or
 * conform the new one from its sources with `apply`), attribute every change to its source, and
 * write the outputs the release asks for, atomically. Runs inside a worker process; the task and
 * the result are plain data.
 */
import { basename, join } from 'node:path';
import {
  type AttributionReport,
  apply,
  type ChangeKind,
  compare,
  countChanges,
  type Diagnostic,
  hasIssues,
  InputError,
  type OutputKind,
  type OutputKinds,
  type Redline,
  type RenderedOutputs,
} from '../api/index.js';
import { classifyError } from '../diagnostics/exit-codes.js';
import { readInput } from '../io/read-input.js';
import { type OutputFile, writeOutputsAtomically } from '../io/write-outputs.js';
import type { ReleaseDocument, ReleaseInfo, ReleaseOutput, ReleaseSource } from './manifest.js';

export interface DocumentTask {
  readonly release: ReleaseInfo;
  readonly document: ReleaseDocument;
  /** The manifest's entries for the document's sources. */
  readonly sources: readonly ReleaseSource[];
  /** Every source of the release, in the manifest's order: the order sources take their colours in. */
  readonly sourceOrder: readonly string[];
  readonly outputs: readonly ReleaseOutput[];
  /** The release's output folder (absolute). */
  readonly outputFolder: string;
}

/** An output file of a document, by kind, relative to the release's output folder. */
export interface DocumentOutput {
  readonly kind: ReleaseOutput;
  /** Relative to the release's output folder, with `/` separators. */
  readonly file: string;
}

/** What became of one document of a release: done, done with issues, or failed (and why); its counts, outputs and report. */
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
  /** Changes, clauses only renumbered not counted (see `countChanges`). */
  readonly changes: number;
  /** Clauses whose only change is their number, counted apart. */
  readonly renumbered: number;
  readonly byKind: Readonly<Partial<Record<ChangeKind, number>>>;
  /** Changes per source id (a change with two sources counts for each). */
  readonly bySource: Readonly<Record<string, number>>;
  readonly unattributed: number;
  readonly report?: AttributionReport;
  /** What reading, comparing and rendering the document reported (only when there is something). */
  readonly diagnostics?: readonly Diagnostic[];
}

/** The output files of a document: `<id>/<id>-v<new>-redline.docx` and so on. */
export function documentOutputs(document: ReleaseDocument, outputs: readonly ReleaseOutput[]): DocumentOutput[] {
  const stem = `${document.id}/${document.id}-v${safeName(document.new.version)}`;
  const names: Readonly<Record<ReleaseOutput, string>> = {
    'redline-docx': `${stem}-redline.docx`,
    'redline-pdf': `${stem}-redline.pdf`,
    html: `${stem}-redline.html`,
    'clean-docx': `${stem}.docx`,
    'clean-pdf': `${stem}.pdf`,
    json: `${stem}-changes.json`,
  };
  return outputs.map((kind) => ({ kind, file: names[kind] }));
}

const safeName = (label: string): string => label.replace(/[^A-Za-z0-9._-]+/g, '-');

/** The API's output kind of each of the manifest's outputs. */
const OUTPUT_KIND: Readonly<Record<ReleaseOutput, OutputKind>> = { 'redline-docx': 'docx', 'redline-pdf': 'pdf', html: 'html', 'clean-docx': 'cleanDocx', 'clean-pdf': 'cleanPdf', json: 'json' };

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
    const rendered = await render(task, task.outputs);
    const written = outputs.filter((o) => rendered.outputs[OUTPUT_KIND[o.kind]] !== undefined);
    await writeOutputsAtomically(
      written.map((o): OutputFile => ({ path: join(task.outputFolder, o.file), data: rendered.outputs[OUTPUT_KIND[o.kind]] as Uint8Array | string })),
      { within: task.outputFolder },
    );
    const diagnostics = rendered.diagnostics.length > 0 ? { diagnostics: rendered.diagnostics } : {};
    // A document that failed (its sources conflict) has no changes to count; its report says why.
    if (rendered.error !== undefined)
      return {
        ...base,
        status: 'failed',
        error: rendered.error,
        outputs: written,
        changes: 0,
        renumbered: 0,
        byKind: {},
        bySource: {},
        unattributed: 0,
        ...(rendered.report && { report: rendered.report }),
        ...diagnostics,
      };
    // The counts every output of the document gives (the CLI's, the JSON's, the PDF's): one definition.
    const counts = countChanges(rendered.redline.changes);
    return {
      ...base,
      status: rendered.report && hasIssues(rendered.report) ? 'issues' : 'ok',
      outputs: written,
      changes: counts.total,
      renumbered: counts.renumbered,
      byKind: counts.byKind,
      bySource: counts.bySource,
      // Without sources there is nothing to attribute changes to, so nothing is unattributed.
      unattributed: rendered.report ? counts.unattributed : 0,
      ...(rendered.report && { report: rendered.report }),
      ...diagnostics,
    };
  } catch (error) {
    const { message } = classifyError(error);
    return { ...base, status: 'failed', error: message, outputs: [], changes: 0, renumbered: 0, byKind: {}, bySource: {}, unattributed: 0 };
  }
}

interface Rendered {
  readonly redline: Redline;
  readonly outputs: RenderedOutputs;
  readonly diagnostics: readonly Diagnostic[];
  readonly report?: AttributionReport;
  readonly error?: string;
}

async function render(task: DocumentTask, kinds: readonly ReleaseOutput[]): Promise<Rendered> {
  const { document, release } = task;
  // Named by file name: the outputs and the report must not depend on where the release folder is.
  const read = async (path: string): Promise<{ bytes: Uint8Array; name: string }> => {
    try {
      return { bytes: await readInput(path), name: basename(path) };
    } catch (error) {
      throw error instanceof InputError ? new InputError(basename(path), error.reason) : error;
    }
  };
  const info = new Map(task.sources.map(({ id, title, kind }) => [id, { title, kind }]));
  const sources = await Promise.all(document.sources.map(async (s) => ({ id: s.id, ...info.get(s.id), ...(await read(s.file)) })));
  const title = document.title;
  const markedUp = `${release.title}: version ${document.new.version} marked up against version ${document.previous.version}`;
  const requested: { -readonly [K in OutputKind]?: OutputKinds[K] } = {};
  for (const kind of kinds) requested[OUTPUT_KIND[kind]] = true;
  const outputs: OutputKinds = {
    ...requested,
    ...(requested.pdf && { pdf: { title, subtitle: markedUp, sourceOrder: task.sourceOrder } }),
    ...(requested.html && { html: { title, subtitle: markedUp, sourceOrder: task.sourceOrder } }),
    // The clean PDF has a subtitle of its own.
    ...(requested.cleanPdf && { cleanPdf: { title, subtitle: `Version ${document.new.version}, effective ${release.effectiveDate}` } }),
  };
  // A view by source, when the manifest asks for one: only those sources' changes are tracked.
  const view = document.showSources ? { showSources: document.showSources } : {};
  // Every revision of a release is dated by the release's effective date.
  const revisionDate = `${release.effectiveDate}T00:00:00Z`;
  const old = await read(document.previous.file);
  if (document.new.file === undefined) {
    const result = await apply(old, sources, { onConflict: 'fail', outputs, revisionDate, newName: `${document.id}-v${safeName(document.new.version)}.docx`, ...view });
    const { value } = result;
    const error = value.failed ? { error: `${value.report.conflicts.length} conflict(s) between sources; the new version was not conformed` } : {};
    return { redline: value.redline, outputs: value.outputs, diagnostics: result.diagnostics, report: value.report, ...error };
  }
  const result = await compare(old, await read(document.new.file), { ...(sources.length > 0 && { sources }), outputs, revisionDate, ...view });
  return { redline: result.value.redline, outputs: result.value.outputs, diagnostics: result.diagnostics, ...(result.value.report && { report: result.value.report }) };
}
