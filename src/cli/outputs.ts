/**
 * The command line's outputs: files named with `-o`, their kind told by the extension, written
 * from the API's outputs by kind.
 */
import { type Change, type HtmlOutputOptions, type OutputKind, type OutputKinds, type PdfOutputOptions, type RenderedOutputs, summariseChanges } from '../api/index.js';
import { UsageError } from '../diagnostics/errors.js';
import type { OutputFile } from '../io/write-outputs.js';

/** An output file and the kind of output it is. */
export interface OutputPath {
  readonly path: string;
  readonly kind: OutputKind;
}

const BY_EXTENSION: Readonly<Record<string, OutputKind>> = { docx: 'docx', pdf: 'pdf', html: 'html', htm: 'html', json: 'json', txt: 'text', md: 'markdown' };

/** `compare`'s outputs: every one shows the redline, in the format its extension names. */
export function compareOutputPaths(paths: readonly string[]): OutputPath[] {
  return paths.map((path) => {
    const kind = BY_EXTENSION[path.slice(path.lastIndexOf('.') + 1).toLowerCase()];
    if (kind === undefined) throw new UsageError(`${path}: unknown output format (use .docx, .pdf, .html, .json, .txt or .md)`);
    return { path, kind };
  });
}

/** `apply`'s outputs: the first .docx is the conformed version, the others as for `compare`. */
export function applyOutputPaths(paths: readonly string[]): OutputPath[] {
  const outputs = compareOutputPaths(paths);
  const docx = outputs.filter((o) => o.kind === 'docx');
  if (docx.length === 0) throw new UsageError('apply needs the new version as an output: -o NEW.docx');
  if (docx.length > 2) throw new UsageError('apply writes at most two DOCX files: -o NEW.docx [-o REDLINE.docx]');
  return outputs.map((o) => (o === docx[0] ? { ...o, kind: 'cleanDocx' } : o));
}

/** The kinds to ask the API for; PDF settings go with the PDF kinds, and the title and subtitle with the HTML page too. */
export function outputKinds(paths: readonly OutputPath[], pdf: PdfOutputOptions): OutputKinds {
  const kinds: Partial<Record<OutputKind, true | PdfOutputOptions | HtmlOutputOptions>> = {};
  const heading: HtmlOutputOptions = { ...(pdf.title !== undefined && { title: pdf.title }), ...(pdf.subtitle !== undefined && { subtitle: pdf.subtitle }) };
  for (const { kind } of paths) kinds[kind] = kind === 'pdf' || kind === 'cleanPdf' ? pdf : kind === 'html' ? heading : true;
  // Only the PDF kinds were given PDF settings, and the HTML kind its heading.
  return kinds as OutputKinds;
}

/** The files to write, in the order the outputs were rendered (absent kinds, as after a failed apply, are left out). */
export function outputFiles(paths: readonly OutputPath[], rendered: RenderedOutputs): OutputFile[] {
  const order = Object.keys(rendered);
  return paths
    .filter((p) => rendered[p.kind] !== undefined)
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))
    .map((p) => ({ path: p.path, data: rendered[p.kind] as Uint8Array | string }));
}

/** "75 change(s) and 146 clause(s) only renumbered": the counts the JSON and the PDF summary give. */
export function countLine(changes: readonly Change[]): string {
  const { total, renumbered } = summariseChanges(changes);
  return `${total} change(s)${renumbered > 0 ? ` and ${renumbered} clause(s) only renumbered` : ''}`;
}
