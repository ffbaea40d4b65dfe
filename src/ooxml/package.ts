/**
 * An OPC (Open Packaging Conventions) package: the zip container of DOCX, read defensively
 * (see zip-reader) and repaired or refused (see package-repair), so that everything after reading
 * — the importer, the exporters — works on a whole package.
 *
 * Inflation is bounded (see {@link PackageLimits}): declared sizes are checked before anything is
 * inflated, and a part that inflates past its declared size is refused.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { InputError } from '../diagnostics/errors.js';
import { quote } from '../util/quote.js';
import { type Relationship, repairPackage } from './package-repair.js';
import { folderOf, relationshipsPartName, resolveTarget } from './part-names.js';
import { relationshipKind } from './part-types.js';
import { childElements, parseXml, type XmlDocument } from './xml.js';
import { readZip, type ZipLimits } from './zip-reader.js';

export type { Relationship } from './package-repair.js';
export { relationshipsPartName } from './part-names.js';

export type PackageLimits = ZipLimits;

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

export class OpcPackage {
  private readonly parts: Map<string, Uint8Array>;
  private readonly xmlCache: Map<string, XmlDocument>;
  private readonly relsCache: Map<string, Relationship[]>;

  private constructor(
    parts: Map<string, Uint8Array>,
    /** What reading repaired in the package (empty for a package built in memory). */
    readonly repairs: readonly Diagnostic[] = [],
    /** The main document part, when the package was read (and repaired). */
    readonly mainPart?: string,
    parsed = new Map<string, XmlDocument>(),
    relationships = new Map<string, Relationship[]>(),
  ) {
    this.parts = parts;
    this.xmlCache = parsed;
    this.relsCache = relationships;
  }

  /**
   * Reads a package, repairing what can be read faithfully (see {@link repairs}); throws
   * {@link InputError} naming `fileName` when it is not a usable package.
   */
  static read(bytes: Uint8Array, fileName: string, limits: PackageLimits = DEFAULT_PACKAGE_LIMITS): OpcPackage {
    rejectNonZip(bytes, fileName);
    const zip = readZip(bytes, fileName, limits);
    const repaired = repairPackage(zip.entries, fileName);
    const dropped: Diagnostic[] = zip.dropped.map((entry) => ({
      severity: 'warning',
      code: 'package/unsafe-entry-dropped',
      message: `zip entry ${quote(entry.name)} left out (${entry.reason})`,
      file: fileName,
      count: 1,
    }));
    return new OpcPackage(repaired.parts, [...dropped, ...repaired.diagnostics], repaired.mainPart, repaired.parsed, repaired.relationships);
  }

  /**
   * Builds a package from parts already in memory (a package read before, or being written);
   * `mainPart` for one written whole by this program (a clean package for a text version).
   */
  static fromParts(parts: Map<string, Uint8Array>, mainPart?: string): OpcPackage {
    return new OpcPackage(new Map(parts), [], mainPart);
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

  /** The text of an XML part (UTF-8: reading re-encodes every XML part that was not). */
  text(partName: string): string | undefined {
    const data = this.parts.get(partName);
    return data === undefined ? undefined : new TextDecoder('utf-8').decode(data);
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
    const doc = this.xml(relationshipsPartName(partName));
    const rels: Relationship[] = [];
    if (doc) {
      const base = folderOf(partName);
      for (const rel of childElements(doc.root, 'Relationship')) {
        const external = rel.attrs.TargetMode === 'External';
        const target = rel.attrs.Target ?? '';
        rels.push({ id: rel.attrs.Id ?? '', type: rel.attrs.Type ?? '', target: external ? target : (resolveTarget(base, target) ?? ''), external });
      }
    }
    this.relsCache.set(partName, rels);
    return rels;
  }

  /** The target part of the first relationship of `type` (in any spelling: transitional or strict) from `partName`. */
  relatedPart(partName: string, type: string): string | undefined {
    const kind = relationshipKind(type);
    const rel = this.relationships(partName).find((r) => !r.external && relationshipKind(r.type) === kind);
    return rel && this.parts.has(rel.target) ? rel.target : undefined;
  }
}

const ZIP_MAGIC = [0x50, 0x4b];
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

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
