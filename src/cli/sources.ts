/** The `--source ID=FILE` and `--sources FILE` options of `compare` and `apply`. */
import { parseSourcesFile, SOURCE_ID, type SourceInfo, type SourceInput } from '../api/index.js';
import { UsageError } from '../diagnostics/errors.js';
import { readInput } from '../io/read-input.js';

/** The sources given as `ID=FILE`, read, each with its title and kind from `info` (`--sources`). */
export async function readSourceSpecs(specs: readonly string[], option: string, info: readonly SourceInfo[] = []): Promise<SourceInput[]> {
  const details = new Map(info.map((s) => [s.id, s]));
  const sources: SourceInput[] = [];
  for (const spec of specs) {
    const at = spec.indexOf('=');
    const id = spec.slice(0, at);
    const file = spec.slice(at + 1);
    if (at <= 0 || file === '' || !SOURCE_ID.test(id)) throw new UsageError(`${option} ${spec}: expected ID=FILE, e.g. MP093=mp093.docx`);
    if (sources.some((f) => f.id === id)) throw new UsageError(`source ${id} is given twice`);
    sources.push({ ...details.get(id), id, bytes: await readInput(file), name: file });
  }
  return sources;
}

export async function readSourcesFile(path: string | undefined): Promise<SourceInfo[] | undefined> {
  return path === undefined ? undefined : parseSourcesFile(new TextDecoder().decode(await readInput(path)), path);
}
