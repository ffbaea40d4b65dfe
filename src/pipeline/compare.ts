/**
 * One comparison from bytes to output bytes: load both versions, diff, and render every output
 * asked for (the format follows each output's extension). No file-system access here.
 */
import { Diagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { UsageError } from '../diagnostics/errors.js';
import { compareDocuments, type CompareOptions } from '../diff/compare-documents.js';
import { redlineToDocx } from '../exporters/docx/to-docx.js';
import { changeSetToJson } from '../exporters/json/to-json.js';
import { toMarkup } from '../exporters/markup/to-markup.js';
import type { RevisionView } from '../model/document.js';
import type { Redline } from '../model/redline.js';
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

export interface CompareJob {
  readonly old: VersionInput;
  readonly new: VersionInput;
  readonly options?: CompareOptions & { readonly date?: string };
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
  const redline = compareDocuments(old.document, neu.document, job.options ?? {});
  const outputs: RenderedOutput[] = [];
  for (const { path, format } of formats) {
    if (format === 'docx') {
      const docx = redlineToDocx(redline, job.options?.date === undefined ? {} : { date: job.options.date });
      diagnostics.addAll(docx.diagnostics);
      outputs.push({ path, data: docx.bytes });
    } else if (format === 'json') {
      outputs.push({ path, data: changeSetToJson({ old: old.document, new: neu.document, changes: redline.changes, diagnostics: diagnostics.list() }) });
    } else {
      outputs.push({ path, data: toMarkup(redline) });
    }
  }
  return { redline, outputs, diagnostics: diagnostics.list() };
}
