/**
 * Broken and hostile inputs for the bad-input tests: not a zip, a truncated zip, a package with no
 * document, an encrypted (OLE) file, malformed XML, an external entity, and zip bombs.
 */

import { crc32, createDeflateRaw } from 'node:zlib';
import { unzipSync, zipSync } from 'fflate';
import { buildDocx, p } from './docx-builder.js';

export function notZip(): Uint8Array {
  return new TextEncoder().encode('This is a plain text file that claims to be a Word document.\n');
}

export function truncatedZip(): Uint8Array {
  const whole = buildDocx({ body: p('A complete paragraph that will be cut off.') });
  return whole.subarray(0, Math.floor(whole.length / 2));
}

export function zipWithoutDocument(): Uint8Array {
  const whole = buildDocx({ body: p('x') });
  return rezipWithout(whole, 'word/document.xml');
}

/** What Word writes for a password-protected file: an OLE compound file holding an EncryptedPackage stream. */
export function encryptedDocx(): Uint8Array {
  const bytes = new Uint8Array(4096);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  const name = 'EncryptedPackage';
  for (let i = 0; i < name.length; i++) bytes[1024 + i * 2] = name.charCodeAt(i);
  return bytes;
}

export function malformedXml(): Uint8Array {
  return buildDocx({
    body: '',
    rawDocumentXml: '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>unclosed</w:r></w:p></w:body></w:document>',
  });
}

export function externalEntity(): Uint8Array {
  return buildDocx({
    body: '',
    rawDocumentXml:
      '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>',
  });
}

function rezipWithout(zip: Uint8Array, drop: string): Uint8Array {
  const files = unzipSync(zip);
  delete files[drop];
  return zipSync(files);
}

/**
 * A zip bomb: a small file whose `word/document.xml` inflates to `inflatedBytes` of zeros.
 * `declaredBytes` is what the headers claim (a lying header declares less than the real size).
 */
export async function zipBomb(inflatedBytes: number, declaredBytes = inflatedBytes): Promise<Uint8Array> {
  const chunk = new Uint8Array(1 << 20);
  const deflate = createDeflateRaw({ level: 9 });
  const pieces: Buffer[] = [];
  deflate.on('data', (d: Buffer) => pieces.push(d));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let crc = 0;
  for (let written = 0; written < inflatedBytes; written += chunk.length) {
    const part = chunk.subarray(0, Math.min(chunk.length, inflatedBytes - written));
    crc = crc32(part, crc);
    if (!deflate.write(part)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  const data = Buffer.concat(pieces);
  return assembleZip('word/document.xml', data, crc, declaredBytes);
}

/** One deflated entry in a zip container (local header, data, central directory, end record). */
function assembleZip(name: string, data: Uint8Array, crc: number, size: number): Uint8Array {
  const nameBytes = new TextEncoder().encode(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc >>> 0, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(Math.min(size, 0xffffffff), 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc >>> 0, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(Math.min(size, 0xffffffff), 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const centralOffset = local.length + nameBytes.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return new Uint8Array(Buffer.concat([local, nameBytes, data, central, nameBytes, end]));
}
