/**
 * An OPC (Open Packaging Conventions) package read from bytes: the zip container of DOCX.
 *
 * Inflation is bounded (see {@link PackageLimits}): declared sizes are checked before anything is
 * inflated, and fflate inflates each part into a buffer of exactly its declared size, so a part
 * that lies about its size is truncated (and then fails to parse), never grown.
 */
import { unzipSync } from 'fflate';
import { InputError, PartError } from '../diagnostics/errors.js';
import { decodeXmlBytes } from './xml-encoding.js';
import { parseXml, type XmlDocument, childElements } from './xml.js';

export interface PackageLimits {
  /** Largest inflated size of one part. */
  readonly maxPartBytes: number;
  /** Largest inflated size of all parts together. */
  readonly maxTotalBytes: number;
  /** Largest compression ratio accepted for a part bigger than {@link ratioCheckFrom}. */
  readonly maxRatio: number;
  readonly ratioCheckFrom: number;
  readonly maxParts: number;
}

/**
 * Defaults: 256 MiB a part, 1 GiB in all, at most 10,000 parts, and a compression ratio of at most
 * 200:1 for parts over 16 MiB. A 1,000-page DOCX has a `document.xml` of about 30-80 MiB at a
 * ratio near 10:1; a zip bomb is far beyond either.
 */
export const DEFAULT_PACKAGE_LIMITS: PackageLimits = {
  maxPartBytes: 256 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxRatio: 200,
  ratioCheckFrom: 16 * 1024 * 1024,
  maxParts: 10_000,
};

export interface Relationship {
  readonly id: string;
  readonly type: string;
  readonly target: string;
  readonly external: boolean;
}

export const REL_TYPES = {
  officeDocument: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument',
  styles: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles',
  numbering: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering',
  footnotes: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes',
  endnotes: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes',
  comments: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments',
  header: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/header',
  footer: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer',
  settings: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings',
  hyperlink: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink',
  coreProperties: 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
} as const;

const ZIP_MAGIC = [0x50, 0x4b];
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export class OpcPackage {
  private readonly parts: Map<string, Uint8Array>;
  private readonly xmlCache = new Map<string, XmlDocument>();
  private readonly relsCache = new Map<string, Relationship[]>();

  private constructor(parts: Map<string, Uint8Array>) {
    this.parts = parts;
  }

  /** Reads a package; throws {@link InputError} naming `fileName` when it is not a usable zip. */
  static read(bytes: Uint8Array, fileName: string, limits: PackageLimits = DEFAULT_PACKAGE_LIMITS): OpcPackage {
    rejectNonZip(bytes, fileName);
    const declared: { name: string; size: number; originalSize: number }[] = [];
    try {
      unzipSync(bytes, {
        filter: (file) => {
          declared.push({ name: file.name, size: file.size, originalSize: file.originalSize });
          return false;
        },
      });
    } catch (error) {
      throw new InputError(fileName, 'not a readable zip archive (truncated or corrupt)', { cause: error });
    }
    checkLimits(declared, fileName, limits);
    let files: Record<string, Uint8Array>;
    try {
      files = unzipSync(bytes);
    } catch (error) {
      throw new InputError(fileName, 'corrupt zip archive (a part could not be inflated)', { cause: error });
    }
    const parts = new Map<string, Uint8Array>();
    for (const [name, data] of Object.entries(files)) {
      if (!name.endsWith('/')) parts.set(normalisePartName(name), data);
    }
    return new OpcPackage(parts);
  }

  /** Builds a package from parts already in memory (used when writing). */
  static fromParts(parts: Map<string, Uint8Array>): OpcPackage {
    return new OpcPackage(new Map(parts));
  }

  partNames(): string[] {
    return [...this.parts.keys()];
  }

  has(partName: string): boolean {
    return this.parts.has(partName);
  }

  bytes(partName: string): Uint8Array | undefined {
    return this.parts.get(partName);
  }

  text(partName: string): string | undefined {
    const data = this.parts.get(partName);
    return data === undefined ? undefined : decodeXmlBytes(data, partName);
  }

  /** The parsed XML of a part (cached); throws {@link PartError} when malformed. */
  xml(partName: string): XmlDocument | undefined {
    const cached = this.xmlCache.get(partName);
    if (cached) return cached;
    const text = this.text(partName);
    if (text === undefined) return undefined;
    const doc = parseXml(text, partName);
    this.xmlCache.set(partName, doc);
    return doc;
  }

  /** Relationships of a part (`word/document.xml` → `word/_rels/document.xml.rels`); `''` for the package. */
  relationships(partName: string): Relationship[] {
    const cached = this.relsCache.get(partName);
    if (cached) return cached;
    const relsName = relationshipsPartName(partName);
    const doc = this.xml(relsName);
    const rels: Relationship[] = [];
    if (doc) {
      const base = partName.includes('/') ? partName.slice(0, partName.lastIndexOf('/')) : '';
      for (const rel of childElements(doc.root, 'Relationship')) {
        const external = rel.attrs.TargetMode === 'External';
        const target = rel.attrs.Target ?? '';
        rels.push({
          id: rel.attrs.Id ?? '',
          type: rel.attrs.Type ?? '',
          target: external ? target : resolvePartName(base, target),
          external,
        });
      }
    }
    this.relsCache.set(partName, rels);
    return rels;
  }

  /** The target part of the first relationship of `type` from `partName`. */
  relatedPart(partName: string, type: string): string | undefined {
    const rel = this.relationships(partName).find((r) => r.type === type && !r.external);
    return rel && this.parts.has(rel.target) ? rel.target : undefined;
  }
}

/** `word/document.xml` → `word/_rels/document.xml.rels`. */
export function relationshipsPartName(partName: string): string {
  if (partName === '') return '_rels/.rels';
  const slash = partName.lastIndexOf('/');
  return `${partName.slice(0, slash + 1)}_rels/${partName.slice(slash + 1)}.rels`;
}

/** Resolves a relationship target against the folder of its source part. */
export function resolvePartName(baseFolder: string, target: string): string {
  const segments = target.startsWith('/') ? [] : baseFolder.split('/').filter((s) => s !== '');
  for (const segment of target.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(decodeURIComponentSafe(segment));
  }
  return segments.join('/');
}

function decodeURIComponentSafe(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function normalisePartName(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '');
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function rejectNonZip(bytes: Uint8Array, fileName: string): void {
  if (bytes.length === 0) throw new InputError(fileName, 'the file is empty');
  if (startsWith(bytes, CFB_MAGIC)) {
    const marker = new TextDecoder('utf-16le').decode(bytes.subarray(0, Math.min(bytes.length, 1 << 20)));
    if (marker.includes('EncryptedPackage')) {
      throw new InputError(fileName, 'the document is password-protected (encrypted OOXML); remove the password in Word and try again');
    }
    throw new InputError(fileName, 'a legacy Word 97-2003 (.doc) file, not DOCX; save it as .docx first');
  }
  if (!startsWith(bytes, ZIP_MAGIC)) throw new InputError(fileName, 'not a DOCX file (not a zip archive)');
}

function checkLimits(declared: readonly { name: string; size: number; originalSize: number }[], fileName: string, limits: PackageLimits): void {
  if (declared.length > limits.maxParts) {
    throw new InputError(fileName, `too many parts in the package (${declared.length} > ${limits.maxParts})`);
  }
  let total = 0;
  for (const part of declared) {
    total += part.originalSize;
    if (part.originalSize > limits.maxPartBytes) {
      throw new InputError(fileName, `part ${part.name} would inflate to ${mib(part.originalSize)} (limit ${mib(limits.maxPartBytes)}); refusing a possible zip bomb`);
    }
    // Deflate never grows data by more than a few bytes per block: a part whose compressed data
    // is larger than its declared size is lying about that size.
    if (part.size > part.originalSize * 1.01 + 1024) {
      throw new InputError(fileName, `part ${part.name} is larger compressed than its declared size; the zip is corrupt or hostile`);
    }
    if (part.originalSize > limits.ratioCheckFrom && part.originalSize > part.size * limits.maxRatio) {
      throw new InputError(fileName, `part ${part.name} has a compression ratio over ${limits.maxRatio}:1; refusing a possible zip bomb`);
    }
  }
  if (total > limits.maxTotalBytes) {
    throw new InputError(fileName, `the package would inflate to ${mib(total)} (limit ${mib(limits.maxTotalBytes)}); refusing a possible zip bomb`);
  }
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}


