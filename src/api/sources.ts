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
