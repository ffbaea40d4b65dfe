/**
 * The check of a package we wrote: re-read with our own reader in strict mode — every entry name
 * safe and unique, every CRC right, every part reached from the root, typed as its kind requires,
 * every relationship's target present (or an external hyperlink), every XML part parsed and
 * every relationship id it names defined. Where reading an input would repair something, this
 * fails: a writer bug then shows as an error (exit 1), never as a file a word processor offers to
 * "repair". The document XML's own structure (bookmarks, comments, ids) is checked elsewhere.
 */
import { InputError } from '../diagnostics/errors.js';
import { quote } from '../util/quote.js';
import { repairPackage } from './package-repair.js';
import { readZip, type ZipLimits } from './zip-reader.js';

/** What we write may be larger than what we read (a redline holds two versions); no ratio check. */
const WRITTEN_LIMITS: ZipLimits = {
  maxPartBytes: 2 ** 31,
  maxTotalBytes: 2 ** 33,
  maxRatio: Number.POSITIVE_INFINITY,
  ratioCheckFrom: Number.POSITIVE_INFINITY,
  maxParts: 1_000_000,
};

/** A DOCX we wrote is not a whole package: a bug of ours, reported as an internal error. */
export class WrittenPackageError extends Error {
  constructor(readonly fault: string) {
    super(`the DOCX written is not a whole package (${fault}); it was not written. This is a bug in Redline: please report it`);
    this.name = 'WrittenPackageError';
  }
}

export function checkWrittenPackage(zip: Uint8Array): void {
  try {
    const contents = readZip(zip, 'the DOCX written', WRITTEN_LIMITS);
    const unsafe = contents.dropped[0];
    if (unsafe) throw new WrittenPackageError(`entry ${quote(unsafe.name)}: ${unsafe.reason}`);
    repairPackage(contents.entries, 'the DOCX written', 'strict');
  } catch (error) {
    if (error instanceof InputError) throw new WrittenPackageError(error.reason);
    throw error;
  }
}
