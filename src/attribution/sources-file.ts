/**
 * `--sources sources.json`: each source's title and kind. Either a list of sources or an object
 * with a `sources` list; every error names the file and the field.
 *
 * ```json
 * [{ "id": "MP093", "title": "Implementing IRP511 and CRP535 to support GBCS v3.2 devices", "kind": "modification" },
 *  { "id": "BEIS", "title": "BEIS designation", "kind": "designation" }]
 * ```
 */
import { InputError } from '../diagnostics/errors.js';
import type { SourceInfo, SourceKind } from '../model/source.js';

const KINDS: readonly SourceKind[] = ['modification', 'designation', 'version', 'reviser'];
export const SOURCE_ID = /^[A-Za-z0-9][A-Za-z0-9 ._-]*$/;

/** Reads a sources file (`sources.json`: each source's id, title and kind); every error names the file and the field. */
export function parseSourcesFile(text: string, fileName: string): SourceInfo[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InputError(fileName, `not valid JSON (${(error as Error).message})`);
  }
  const list = Array.isArray(data) ? data : isObject(data) && Array.isArray(data.sources) ? data.sources : undefined;
  if (!list) throw new InputError(fileName, 'expected a list of sources, or an object with a "sources" list');
  const seen = new Set<string>();
  return list.map((item: unknown, i: number) => {
    const where = `sources[${i}]`;
    if (!isObject(item)) throw new InputError(fileName, `${where} must be an object`);
    const { id, title, kind } = item;
    if (typeof id !== 'string' || !SOURCE_ID.test(id)) throw new InputError(fileName, `${where}.id must be a source id such as "MP093" (letters, digits, . _ -)`);
    if (seen.has(id)) throw new InputError(fileName, `${where}.id "${id}" is given twice`);
    seen.add(id);
    if (title !== undefined && typeof title !== 'string') throw new InputError(fileName, `${where}.title must be a string`);
    if (kind !== undefined && !(KINDS as readonly unknown[]).includes(kind)) throw new InputError(fileName, `${where}.kind must be one of ${KINDS.join(', ')}`);
    for (const key of Object.keys(item)) if (!['id', 'title', 'kind'].includes(key)) throw new InputError(fileName, `${where}.${key} is not a known field (id, title, kind)`);
    return { id, ...(title !== undefined && { title: title as string }), ...(kind !== undefined && { kind: kind as SourceKind }) };
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
