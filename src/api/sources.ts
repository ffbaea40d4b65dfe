/**
 * The sources of a comparison's changes, as the API takes them (each one's id, details and file
 * bytes), read into the pairs of versions attribution works with.
 */
import type { AttributionSource } from '../attribution/attribute.js';
import { loadSourceVersions } from '../attribution/source-versions.js';
import { SOURCE_ID } from '../attribution/sources-file.js';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { OptionError } from '../diagnostics/errors.js';
import { loadDocument } from '../importers/read-document.js';
import type { Document } from '../model/document.js';
import type { SourceInfo } from '../model/source.js';
import type { OutputKinds } from './outputs.js';

/**
 * A source of changes (a modification, a designation, a reviewer's copy, a version of a chain)
 * and its file: a full version, a DOCX with tracked changes, or a manual redline (detected).
 */
export interface SourceInput extends SourceInfo {
  readonly bytes: Uint8Array;
  /** The file's name, as errors and diagnostics name it; default the source's id. */
  readonly name?: string;
}

/** Checks a list of sources: each an id of letters, digits, `.`, `_` or `-`, and bytes; no id twice. */
export function checkSources(sources: readonly SourceInput[], field: string): void {
  if (!Array.isArray(sources)) throw new OptionError(field, 'expected a list of sources');
  const seen = new Set<string>();
  sources.forEach((source, i) => {
    const where = `${field}[${i}]`;
    if (typeof source.id !== 'string' || !SOURCE_ID.test(source.id)) throw new OptionError(`${where}.id`, `'${String(source.id)}' is not a source id such as MP093 (letters, digits, . _ -)`);
    if (seen.has(source.id)) throw new OptionError(`${where}.id`, `source ${source.id} is given twice`);
    if (!(source.bytes instanceof Uint8Array)) throw new OptionError(`${where}.bytes`, 'expected a Uint8Array (a Node.js Buffer is one)');
    seen.add(source.id);
  });
}

/**
 * Reads every source. `sources`: each is a full version, a tracked-change redline or a manual
 * redline of OLD (detected). `chain`: ordered whole versions, each made from the one before it.
 */
export async function readSources(sources: readonly SourceInput[], mode: 'sources' | 'chain', old: Document, diagnostics: Diagnostics): Promise<AttributionSource[]> {
  const read: AttributionSource[] = [];
  let previous = old;
  for (const source of sources) {
    const name = source.name ?? source.id;
    const info: SourceInfo = { id: source.id, ...(source.title !== undefined && { title: source.title }), ...(source.kind !== undefined && { kind: source.kind }) };
    if (mode === 'chain') {
      const loaded = await loadDocument(source.bytes, name);
      diagnostics.addAll(loaded.diagnostics);
      read.push({ info: { kind: 'version', ...info }, form: 'full-version', before: previous, after: loaded.value });
      previous = loaded.value;
    } else {
      const versions = await loadSourceVersions(source.bytes, name, old);
      diagnostics.addAll(versions.diagnostics);
      read.push({ info, form: versions.form, before: versions.before, after: versions.after });
    }
  }
  return read;
}

/** Checks a view by source: ids of the given sources (not a chain's versions), none twice. */
export function checkShownSources(shown: readonly string[], sources: readonly SourceInput[] | undefined): void {
  if (!sources) throw new OptionError('showSources', 'needs sources (a view by source shows some sources’ changes and takes the others as made)');
  if (!Array.isArray(shown) || shown.length === 0) throw new OptionError('showSources', 'expected a list of source ids');
  const known = new Set(sources.map((s) => s.id));
  shown.forEach((id, i) => {
    if (!known.has(id)) throw new OptionError(`showSources[${i}]`, `'${String(id)}' is not one of the sources (${[...known].join(', ')})`);
    if (shown.indexOf(id) !== i) throw new OptionError(`showSources[${i}]`, `source ${id} is given twice`);
  });
}

/** PDF and HTML outputs whose sources take their colours from `order` (unless the caller gave an order). */
export function withSourceOrder(kinds: OutputKinds, order: readonly string[]): OutputKinds {
  const ordered = <T extends object>(request: boolean | T | undefined): T | { sourceOrder: readonly string[] } | undefined =>
    request === undefined || request === false ? undefined : { sourceOrder: order, ...(typeof request === 'object' ? request : {}) };
  const pdf = ordered(kinds.pdf);
  const html = ordered(kinds.html);
  return { ...kinds, ...(pdf && { pdf }), ...(html && { html }) };
}
