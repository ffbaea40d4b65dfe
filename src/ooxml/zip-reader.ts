/**
 * Reads the zip container of an OPC package from its central directory, defensively.
 *
 * Refused (an {@link InputError} naming the file): no central directory, encrypted or
 * unsupported entries, two entries with the same name (readers disagree on which one counts),
 * entries whose data overlap (a central directory pointing many names at one entry's data: a zip
 * bomb that no per-entry limit sees), data outside the file, sizes over the limits, a part that
 * inflates to more or less than its declared size, and a wrong CRC-32 (a corrupt part is never
 * re-zipped with a valid checksum).
 *
 * Dropped, never inflated nor copied anywhere (reported): entries whose name is not a safe part
 * name — `..` or `.` segments, absolute names, drive letters, backslashes, control characters,
 * undecodable bytes. Directory entries carry no data and are skipped.
 *
 * Pure JavaScript (fflate for inflating): the browser build reads packages with it too.
 */
import { inflateSync } from 'fflate';
import { InputError } from '../diagnostics/errors.js';
import { quote } from '../util/quote.js';
import { crc32 } from './crc32.js';
import { foldCase } from './part-names.js';

export interface ZipLimits {
  /** Largest inflated size of one part. */
  readonly maxPartBytes: number;
  /** Largest inflated size of all parts together. */
  readonly maxTotalBytes: number;
  /** Largest compression ratio accepted for a part bigger than {@link ratioCheckFrom}. */
  readonly maxRatio: number;
  readonly ratioCheckFrom: number;
  readonly maxParts: number;
}

export interface ZipEntryData {
  readonly name: string;
  readonly data: Uint8Array;
}

export interface DroppedEntry {
  readonly name: string;
  readonly reason: string;
}

export interface ZipContents {
  /** Entries in the order of the central directory. */
  readonly entries: readonly ZipEntryData[];
  readonly dropped: readonly DroppedEntry[];
}

/** The entries of a zip as its central directory describes them, checked, not inflated. */
export interface ZipDirectory {
  readonly entries: readonly CentralRecord[];
  readonly dropped: readonly DroppedEntry[];
}

/** An entry of the central directory as it is written. */
interface RawRecord {
  readonly name: string;
  readonly flags: number;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  /** Inflated size. */
  readonly size: number;
  readonly localOffset: number;
}

/** An entry of the central directory, with where its data begins (past its local header). */
export interface CentralRecord extends RawRecord {
  readonly dataStart: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_ZIP64_END = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const STORED = 0;
const DEFLATED = 8;
const FLAG_ENCRYPTED = 0x1;

export function readZip(bytes: Uint8Array, fileName: string, limits: ZipLimits): ZipContents {
  const directory = readZipDirectory(bytes, fileName, limits);
  const fail = (reason: string): never => {
    throw new InputError(fileName, reason);
  };
  const entries = directory.entries.map((record) => ({ name: record.name, data: inflateEntry(bytes.subarray(record.dataStart, record.dataStart + record.compressedSize), record, fail) }));
  return { entries, dropped: directory.dropped };
}

/**
 * The central directory, checked: unsafe names set apart, and everything refused that {@link
 * readZip} refuses before inflating (duplicates, encryption, unknown methods, sizes over the
 * limits, data outside the file, overlapping entries).
 */
export function readZipDirectory(bytes: Uint8Array, fileName: string, limits: ZipLimits): ZipDirectory {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (reason: string): never => {
    throw new InputError(fileName, reason);
  };
  const records = readCentralDirectory(bytes, view, limits, fail);
  const dropped: DroppedEntry[] = [];
  const kept: RawRecord[] = [];
  const seen = new Map<string, string>();
  for (const record of records) {
    if (record.name.endsWith('/') && record.size === 0) continue;
    const unsafe = unsafeNameReason(record.name);
    if (unsafe !== undefined) {
      dropped.push({ name: record.name, reason: unsafe });
      continue;
    }
    // OPC part names are compared without regard to ASCII case.
    const folded = foldCase(record.name);
    const earlier = seen.get(folded);
    if (earlier !== undefined)
      fail(`the zip holds two entries named ${quote(earlier)}${earlier === record.name ? '' : ` and ${quote(record.name)}`} (readers differ on which one counts); refusing an ambiguous package`);
    seen.set(folded, record.name);
    if ((record.flags & FLAG_ENCRYPTED) !== 0) fail(`entry ${quote(record.name)} is encrypted; remove the password in Word and try again`);
    if (record.method !== STORED && record.method !== DEFLATED) fail(`entry ${quote(record.name)} uses compression method ${record.method}, which a DOCX never uses`);
    kept.push(record);
  }
  checkLimits(kept, limits, fail);
  const spans = kept.map((record) => ({ record, ...dataSpan(bytes, view, record, fail) }));
  checkOverlaps(spans, fail);
  return { entries: spans.map(({ record, dataStart }) => ({ ...record, dataStart })), dropped };
}

/** Why `name` is not a safe part name, or undefined when it is one. */
export function unsafeNameReason(name: string): string | undefined {
  if (name === '') return 'an empty name';
  if (name.includes('\\')) return 'a backslash in the name';
  if (name.startsWith('/')) return 'an absolute name';
  if (/^[A-Za-z]:/.test(name)) return 'a drive letter';
  // U+FFFD is what bytes that are not UTF-8 decode to.
  if (/[\u0000-\u001f\u007f-\u009f\ufffd]/.test(name)) return 'control characters or bytes that are not text in the name';
  const segments = name.replace(/\/$/, '').split('/');
  if (segments.some((s) => s === '..' || s === '.')) return "a '..' or '.' segment";
  if (segments.some((s) => s === '')) return 'an empty segment';
  if (segments.some((s) => s.endsWith('.'))) return "a segment ending in '.'";
  return undefined;
}

function readCentralDirectory(bytes: Uint8Array, view: DataView, limits: ZipLimits, fail: (reason: string) => never): RawRecord[] {
  const end = findEndRecord(view);
  if (end < 0) fail('not a readable zip archive (no central directory: truncated or corrupt)');
  let count = view.getUint16(end + 10, true);
  let size = view.getUint32(end + 12, true);
  let offset = view.getUint32(end + 16, true);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const zip64 = readZip64End(view, end, fail);
    count = zip64.count;
    size = zip64.size;
    offset = zip64.offset;
  }
  if (count > limits.maxParts) fail(`too many parts in the package (${count} > ${limits.maxParts})`);
  if (offset + size > bytes.length) fail('not a readable zip archive (the central directory lies outside the file: truncated or corrupt)');
  const decoder = new TextDecoder('utf-8');
  const records: RawRecord[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== SIG_CENTRAL) fail('not a readable zip archive (a central directory record is damaged)');
    const flags = view.getUint16(at + 8, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    // Names are read as UTF-8 with or without the UTF-8 flag (a DOCX's names are ASCII, where
    // CP437 agrees); bytes that are not UTF-8 decode to U+FFFD, and the entry is dropped as unsafe.
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    let compressedSize = view.getUint32(at + 20, true);
    let size = view.getUint32(at + 24, true);
    let localOffset = view.getUint32(at + 42, true);
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) {
      const extended = readZip64Extra(view, at + 46 + nameLength, extraLength, { size, compressedSize, localOffset });
      ({ size, compressedSize, localOffset } = extended);
    }
    records.push({ name, flags, method: view.getUint16(at + 10, true), crc: view.getUint32(at + 16, true), compressedSize, size, localOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return records;
}

function findEndRecord(view: DataView): number {
  // The end record is 22 bytes plus a comment of at most 65,535.
  const last = view.byteLength - 22;
  for (let at = last; at >= 0 && at >= last - 0xffff; at--) {
    if (view.getUint32(at, true) === SIG_END) return at;
  }
  return -1;
}

function readZip64End(view: DataView, end: number, fail: (reason: string) => never): { count: number; size: number; offset: number } {
  const locator = end - 20;
  if (locator < 0 || view.getUint32(locator, true) !== SIG_ZIP64_LOCATOR) fail('not a readable zip archive (a Zip64 archive without its locator)');
  const at = safeNumber(view.getBigUint64(locator + 8, true), fail);
  if (at + 56 > view.byteLength || view.getUint32(at, true) !== SIG_ZIP64_END) fail('not a readable zip archive (the Zip64 end record is damaged)');
  return { count: safeNumber(view.getBigUint64(at + 32, true), fail), size: safeNumber(view.getBigUint64(at + 40, true), fail), offset: safeNumber(view.getBigUint64(at + 48, true), fail) };
}

/** The Zip64 extended-information field: 64-bit values for the fields that are 0xFFFFFFFF, in order. */
function readZip64Extra(
  view: DataView,
  start: number,
  length: number,
  values: { size: number; compressedSize: number; localOffset: number },
): { size: number; compressedSize: number; localOffset: number } {
  let at = start;
  while (at + 4 <= start + length) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 0x0001) {
      let field = at + 4;
      const next = (current: number): number => {
        if (current !== 0xffffffff || field + 8 > at + 4 + size) return current;
        const value = Number(view.getBigUint64(field, true));
        field += 8;
        return value;
      };
      const uncompressed = next(values.size);
      const compressed = next(values.compressedSize);
      return { size: uncompressed, compressedSize: compressed, localOffset: next(values.localOffset) };
    }
    at += 4 + size;
  }
  return values;
}

function safeNumber(value: bigint, fail: (reason: string) => never): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) fail('not a readable zip archive (a Zip64 field is out of range)');
  return Number(value);
}

function checkLimits(records: readonly RawRecord[], limits: ZipLimits, fail: (reason: string) => never): void {
  let total = 0;
  for (const record of records) {
    total += record.size;
    if (record.size > limits.maxPartBytes) fail(`part ${quote(record.name)} would inflate to ${mib(record.size)} (limit ${mib(limits.maxPartBytes)}); refusing a possible zip bomb`);
    // Deflate never grows data by more than a few bytes per block: a part whose compressed data
    // is larger than its declared size is lying about that size.
    if (record.compressedSize > record.size * 1.01 + 1024) fail(`part ${quote(record.name)} is larger compressed than its declared size; the zip is corrupt or hostile`);
    if (record.size > limits.ratioCheckFrom && record.size > record.compressedSize * limits.maxRatio)
      fail(`part ${quote(record.name)} has a compression ratio over ${limits.maxRatio}:1; refusing a possible zip bomb`);
  }
  if (total > limits.maxTotalBytes) fail(`the package would inflate to ${mib(total)} (limit ${mib(limits.maxTotalBytes)}); refusing a possible zip bomb`);
}

/** Where an entry's local header and data lie; refuses what lies outside the file. */
function dataSpan(bytes: Uint8Array, view: DataView, record: RawRecord, fail: (reason: string) => never): { start: number; dataStart: number; end: number } {
  const at = record.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== SIG_LOCAL) fail(`entry ${quote(record.name)} has no local header where the central directory says (truncated or corrupt)`);
  const dataStart = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = dataStart + record.compressedSize;
  if (end > bytes.length) fail(`entry ${quote(record.name)} runs past the end of the file (truncated or corrupt)`);
  return { start: at, dataStart, end };
}

function checkOverlaps(spans: readonly { record: RawRecord; start: number; end: number }[], fail: (reason: string) => never): void {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1] as (typeof sorted)[number];
    const current = sorted[i] as (typeof sorted)[number];
    if (current.start < previous.end) fail(`entries ${quote(previous.record.name)} and ${quote(current.record.name)} overlap (several names share one entry's data); refusing a possible zip bomb`);
  }
}

function inflateEntry(data: Uint8Array, record: RawRecord, fail: (reason: string) => never): Uint8Array {
  let out: Uint8Array;
  if (record.method === STORED) {
    if (record.compressedSize !== record.size) fail(`part ${quote(record.name)} is stored with two different sizes (corrupt)`);
    out = data.slice();
  } else {
    // One byte more than declared: a part that inflates past its declared size is caught, and
    // inflating stops there whatever the data says.
    try {
      out = inflateSync(data, { out: new Uint8Array(record.size + 1) });
    } catch {
      return fail(`part ${quote(record.name)} could not be inflated (corrupt zip)`);
    }
    if (out.length > record.size) fail(`part ${quote(record.name)} inflates to more than its declared size; the zip is corrupt or hostile`);
    if (out.length < record.size) fail(`part ${quote(record.name)} inflates to less than its declared size (truncated or corrupt)`);
  }
  if (crc32(out) !== record.crc) fail(`part ${quote(record.name)} is corrupt (its CRC-32 does not match its data)`);
  return out;
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}
