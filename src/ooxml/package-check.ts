/**
 * The check of a package we wrote, in two halves. The zip: its central directory is read back
 * with our own reader — every entry name safe and unique, no overlapping entries — and must list
 * exactly the parts we gave, with their sizes and CRC-32s. The parts: read in strict mode — every
 * part reached from the root, typed as its kind requires, every relationship's target present (or
 * an external hyperlink), every XML part well-formed and every relationship id it names defined.
 * Where reading an input would repair something, this fails: a writer bug then shows as an error
 * (exit 1), never as a file a word processor offers to "repair". (The parts are checked as they
 * went into the zip rather than inflated again: inflating cost a quarter of a second on a
 * 1,000-page redline and checks only the inflater.) The document XML's own structure (bookmarks,
 * comments, ids) is checked elsewhere.
 */
import { InputError } from '../diagnostics/errors.js';
import { quote } from '../util/quote.js';
import { crc32 } from './crc32.js';
import { repairPackage } from './package-repair.js';
import { readZipDirectory, type ZipLimits } from './zip-reader.js';

/** What we write may be larger than what we read (a redline holds two versions); no ratio check. */
const WRITTEN_LIMITS: ZipLimits = {
  maxPartBytes: 2 ** 31,
  maxTotalBytes: 2 ** 33,
  maxRatio: Number.POSITIVE_INFINITY,
  ratioCheckFrom: Number.POSITIVE_INFINITY,
  maxParts: 1_000_000,
};

const WRITTEN = 'the DOCX written';

/** A DOCX we wrote is not a whole package: a bug of ours, reported as an internal error. */
export class WrittenPackageError extends Error {
  constructor(readonly fault: string) {
    super(`the DOCX written is not a whole package (${fault}); it was not written. This is a bug in Redline: please report it`);
    this.name = 'WrittenPackageError';
  }
}

/** Checks `zip`, written from `parts`; throws {@link WrittenPackageError} when it is not whole. */
export function checkWrittenPackage(zip: Uint8Array, parts: ReadonlyMap<string, Uint8Array>): void {
  try {
    checkDirectory(zip, parts);
    repairPackage(
      [...parts].map(([name, data]) => ({ name, data })),
      WRITTEN,
      'strict',
    );
  } catch (error) {
    if (error instanceof InputError) throw new WrittenPackageError(error.reason);
    throw error;
  }
}

function checkDirectory(zip: Uint8Array, parts: ReadonlyMap<string, Uint8Array>): void {
  const directory = readZipDirectory(zip, WRITTEN, WRITTEN_LIMITS);
  const unsafe = directory.dropped[0];
  if (unsafe) throw new WrittenPackageError(`entry ${quote(unsafe.name)}: ${unsafe.reason}`);
  if (directory.entries.length !== parts.size) throw new WrittenPackageError(`the zip lists ${directory.entries.length} entries for ${parts.size} parts`);
  for (const entry of directory.entries) {
    const data = parts.get(entry.name);
    if (data === undefined) throw new WrittenPackageError(`entry ${quote(entry.name)} is no part written`);
    if (entry.size !== data.length || entry.crc !== crc32(data)) throw new WrittenPackageError(`entry ${quote(entry.name)} does not hold the part written (size or CRC-32)`);
  }
}
