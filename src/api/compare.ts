/**
 * One comparison from bytes to output bytes: load both versions (and the sources, when changes
 * are to be attributed), diff, attribute, and render every output asked for (the format follows
 * each output's extension). No file-system access here.
 */
import { attributeChanges, type AttributionSource } from '../attribution/attribute.js';
import type { AttributionReport } from '../attribution/report.js';
import { loadSourceVersions } from '../attribution/source-versions.js';
import { Diagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { compareDocuments, type CompareOptions } from '../diff/compare-documents.js';
import type { PdfOptions } from '../exporters/pdf/to-pdf.js';
import type { Document, RevisionView } from '../model/document.js';
import type { Redline } from '../model/redline.js';
import type { SourceInfo } from '../model/source.js';
import { loadDocument } from '../importers/read-document.js';
import { compareOutputKind, renderOutputs, type OutputRequest, type RenderedOutput } from './outputs.js';

export type { RenderedOutput } from './outputs.js';

export interface VersionInput {
  readonly bytes: Uint8Array;
  readonly name: string;
  readonly view?: RevisionView;
}

/** A source's file: its id and the bytes of its full version or redline. */
export interface SourceFileInput {
  readonly id: string;
  readonly bytes: Uint8Array;
  readonly name: string;
}

export interface AttributionRequest {
  /** `sources`: independent sources; `chain`: ordered intermediate versions. */
  readonly mode: 'sources' | 'chain';
  readonly files: readonly SourceFileInput[];
  /** Titles and kinds (from `--sources`), by id. */
  readonly info?: readonly SourceInfo[];
  readonly fallbackSource?: string;
}

export interface CompareJob {
  readonly old: VersionInput;
  readonly new: VersionInput;
  readonly options?: CompareOptions & { readonly date?: string; readonly pdf?: Omit<PdfOptions, 'date'> };
  readonly attribution?: AttributionRequest;
  /** Paths (the format follows the extension) or explicit requests. */
  readonly outputs: readonly (string | OutputRequest)[];
  /** Told as each stage starts (the browser app shows it). */
  readonly progress?: (stage: CompareStage) => void;
}

export type CompareStage = 'reading' | 'comparing' | 'rendering';

export interface CompareResult {
  readonly redline: Redline;
  readonly old: Document;
  readonly new: Document;
  readonly outputs: readonly RenderedOutput[];
  readonly diagnostics: readonly Diagnostic[];
  readonly report?: AttributionReport;
}

export async function runCompare(job: CompareJob): Promise<CompareResult> {
  const requests = job.outputs.map((o) => (typeof o === 'string' ? { path: o, kind: compareOutputKind(o) } : o));
  job.progress?.('reading');
  const [old, neu] = await Promise.all([
    loadDocument(job.old.bytes, job.old.name, job.old.view === undefined ? {} : { view: job.old.view }),
    loadDocument(job.new.bytes, job.new.name, job.new.view === undefined ? {} : { view: job.new.view }),
  ]);
  const diagnostics = new Diagnostics();
  diagnostics.addAll(old.diagnostics);
  diagnostics.addAll(neu.diagnostics);

  let redline: Redline;
  let report: AttributionReport | undefined;
  job.progress?.('comparing');
  if (job.attribution) {
    const sources = await loadSources(job.attribution, old.document, diagnostics);
    const result = attributeChanges(old.document, neu.document, sources, {
      ...job.options,
      mode: job.attribution.mode,
      ...(job.attribution.fallbackSource !== undefined && { fallbackSource: job.attribution.fallbackSource }),
    });
    redline = result.redline;
    report = result.report;
  } else {
    redline = compareDocuments(old.document, neu.document, job.options ?? {});
  }

  job.progress?.('rendering');
  const outputs = await renderOutputs(requests, {
    old: old.document,
    new: neu.document,
    redline,
    ...(report && { report }),
    diagnostics,
    ...(job.options?.date !== undefined && { date: job.options.date }),
    ...(job.options?.pdf && { pdf: job.options.pdf }),
  });
  return { redline, old: old.document, new: neu.document, outputs, diagnostics: diagnostics.list(), ...(report && { report }) };
}

/** Reads every source: as a full version, a tracked-change redline or a manual redline (detected). */
export async function loadSources(request: Pick<AttributionRequest, 'mode' | 'files' | 'info'>, old: Document, diagnostics: Diagnostics): Promise<AttributionSource[]> {
  const info = new Map((request.info ?? []).map((s) => [s.id, s]));
  const sources: AttributionSource[] = [];
  let previous = old;
  for (const file of request.files) {
    const details = info.get(file.id) ?? { id: file.id };
    if (request.mode === 'chain') {
      // A chain's versions are whole versions, each made from the one before it.
      const loaded = await loadDocument(file.bytes, file.name);
      diagnostics.addAll(loaded.diagnostics);
      sources.push({ info: { kind: 'version', ...details }, form: 'full-version', before: previous, after: loaded.document });
      previous = loaded.document;
    } else {
      const versions = await loadSourceVersions(file.bytes, file.name, old);
      diagnostics.addAll(versions.diagnostics);
      sources.push({ info: details, form: versions.form, before: versions.before, after: versions.after });
    }
  }
  return sources;
}
