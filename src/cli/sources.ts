/** The `--source ID=FILE` and `--sources FILE` options of `compare` and `apply`. */
import { parseSourcesFile, SOURCE_ID } from '../attribution/sources-file.js';
import { UsageError } from '../diagnostics/errors.js';
import type { SourceInfo } from '../model/source.js';
import type { SourceFileInput } from '../api/compare.js';
import { readInput } from '../io/read-input.js';

export async function readSourceSpecs(specs: readonly string[], option: string): Promise<SourceFileInput[]> {
  const files: SourceFileInput[] = [];
  for (const spec of specs) {
    const at = spec.indexOf('=');
    const id = spec.slice(0, at);
    const file = spec.slice(at + 1);
    if (at <= 0 || file === '' || !SOURCE_ID.test(id)) throw new UsageError(`${option} ${spec}: expected ID=FILE, e.g. MP093=mp093.docx`);
    if (files.some((f) => f.id === id)) throw new UsageError(`source ${id} is given twice`);
    files.push({ id, bytes: await readInput(file), name: file });
  }
  return files;
}

export async function readSourcesFile(path: string | undefined): Promise<SourceInfo[] | undefined> {
  return path === undefined ? undefined : parseSourcesFile(new TextDecoder().decode(await readInput(path)), path);
}
