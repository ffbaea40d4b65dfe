/**
 * A zip writer for hostile fixtures: entries are written exactly as given, so a test can build
 * what no well-behaved zip library writes — names with `..`, backslashes or control characters,
 * duplicate names, a wrong CRC, or a central directory pointing many names at one entry's data.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface RawEntry {
  /** The name as stored (a string is written as UTF-8). */
  readonly name: string | Uint8Array;
  readonly data: Uint8Array;
  /** Stored (0) or deflated (8, the default). */
  readonly method?: 0 | 8;
  /** The CRC-32 written into the headers (default: the data's real CRC). */
  readonly crc?: number;
}

/** A zip of `entries`, in order; `aliases` adds central-directory names pointing at entry `target`'s data. */
export function writeRawZip(entries: readonly RawEntry[], aliases: readonly { name: string; target: number }[] = []): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  const records: { name: Buffer; crc: number; method: number; compressed: number; size: number; offset: number }[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(typeof entry.name === 'string' ? new TextEncoder().encode(entry.name) : entry.name);
    const method = entry.method ?? 8;
    const body = method === 8 ? deflateRawSync(entry.data) : Buffer.from(entry.data);
    const crc = entry.crc ?? crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0x0021, 12); // 1980-01-01
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    records.push({ name, crc, method, compressed: body.length, size: entry.data.length, offset });
    locals.push(local, name, body);
    offset += local.length + name.length + body.length;
  }
  for (const alias of aliases) {
    const target = records[alias.target];
    if (!target) throw new Error(`no entry ${alias.target} to alias`);
    records.push({ ...target, name: Buffer.from(alias.name) });
  }
  for (const record of records) {
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(record.method, 10);
    central.writeUInt16LE(0x0021, 14);
    central.writeUInt32LE(record.crc >>> 0, 16);
    central.writeUInt32LE(record.compressed, 20);
    central.writeUInt32LE(record.size, 24);
    central.writeUInt16LE(record.name.length, 28);
    central.writeUInt32LE(record.offset, 42);
    centrals.push(central, record.name);
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(records.length, 8);
  end.writeUInt16LE(records.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, ...centrals, end]));
}

/** The entry names of a zip's central directory, raw (what an unzip tool would create). */
export function listRawZipNames(zip: Uint8Array): string[] {
  const bytes = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = bytes.length - 22;
  while (end >= 0 && bytes.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('no end of central directory');
  const names: string[] = [];
  let at = bytes.readUInt32LE(end + 16);
  for (let i = bytes.readUInt16LE(end + 10); i > 0; i--) {
    const length = bytes.readUInt16LE(at + 28);
    names.push(bytes.subarray(at + 46, at + 46 + length).toString('utf8'));
    at += 46 + length + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return names;
}
