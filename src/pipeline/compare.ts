/**
 * One comparison from bytes to output bytes: load both versions (and the sources, when changes
 * are to be attributed), diff, attribute, and render every output asked for (the format follows
 * each output's extension). No file-system access here.
 */
import { attributeChanges, type AttributionSource } from '../attribution/attribute.js';
import type { AttributionReport } from '../attribution/report.js';
import { loadSourceVersions } from '../attribution/source-versions.js';
import { Diagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { UsageError } from '../diagnostics/errors.js';
import { compareDocuments, type CompareOptions } from '../diff/compare-documents.js';
import { redlineToDocx } from '../exporters/docx/to-docx.js';
import { changeSetToJson } from '../exporters/json/to-json.js';
import { toMarkup } from '../exporters/markup/to-markup.js';
import type { Document, RevisionView } from '../model/document.js';
import type { Redline } from '../model/redline.js';
import type { SourceInfo } from '../model/source.js';
import { loadDocument } from './load-document.js';

export type OutputFormat = 'docx' | 'json' | 'markup';

export function outputFormatOf(path: string): OutputFormat {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  if (ext === 'docx') return 'docx';
  if (ext === 'json') return 'json';
  if (ext === 'txt' || ext === 'md') return 'markup';
  throw new UsageError(`${path}: unknown output format (use .docx, .json, .txt or .md)`);
}

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
  readonly options?: CompareOptions & { readonly date?: string };
  readonly attribution?: AttributionRequest;
  readonly outputs: readonly string[];
}

export interface RenderedOutput {
  readonly path: string;
  readonly data: Uint8Array | string;
}

export interface CompareResult {
  readonly redline: Redline;
  readonly outputs: readonly RenderedOutput[];
  readonly diagnostics: readonly Diagnostic[];
  readonly report?: AttributionReport;
}

export async function runCompare(job: CompareJob): Promise<CompareResult> {
  // DOCX first: its diagnostics belong in the JSON written after it.
  const order: Record<OutputFormat, number> = { docx: 0, markup: 1, json: 2 };
  const formats = job.outputs.map((path) => ({ path, format: outputFormatOf(path) })).sort((a, b) => order[a.format] - order[b.format]);
  const [old, neu] = await Promise.all([
    loadDocument(job.old.bytes, job.old.name, job.old.view === undefined ? {} : { view: job.old.view }),
    loadDocument(job.new.bytes, job.new.name, job.new.view === undefined ? {} : { view: job.new.view }),
  ]);
  const diagnostics = new Diagnostics();
  diagnostics.addAll(old.diagnostics);
  diagnostics.addAll(neu.diagnostics);

  let redline: Redline;
  let report: AttributionReport | undefined;
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

  const outputs: RenderedOutput[] = [];
  for (const { path, format } of formats) {
    if (format === 'docx') {
      const docx = redlineToDocx(redline, job.options?.date === undefined ? {} : { date: job.options.date });
      diagnostics.addAll(docx.diagnostics);
      outputs.push({ path, data: docx.bytes });
    } else if (format === 'json') {
      outputs.push({ path, data: changeSetToJson({ old: old.document, new: neu.document, changes: redline.changes, diagnostics: diagnostics.list(), ...(report && { extra: { ...report } }) }) });
    } else {
      outputs.push({ path, data: toMarkup(redline) });
    }
  }
  return { redline, outputs, diagnostics: diagnostics.list(), ...(report && { report }) };
}

/** Reads every source: as a full version, a tracked-change redline or a manual redline (detected). */
async function loadSources(request: AttributionRequest, old: Document, diagnostics: Diagnostics): Promise<AttributionSource[]> {
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
