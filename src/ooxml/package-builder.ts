/**
 * The package writer, the one every DOCX we write goes through (redlines, clean and conformed
 * versions): starts as a copy of a package read before (so whole: see package-repair) and takes
 * new and replaced parts, relationships and content types; zipped deterministically (fixed
 * timestamps, the source's part order), then re-read in strict mode (see package-check), so that
 * no broken package is ever handed out.
 */
import { type Zippable, zipSync } from 'fflate';
import { checkWrittenPackage } from './package-check.js';
import { relationshipsPartName, relativeTarget } from './part-names.js';
import { CONTENT_TYPE_OF_EXTENSION, extensionOf } from './part-types.js';
import { childElements, escapeXml, parseXml } from './xml.js';

/** 1980-01-01, the earliest date a zip entry can carry: output never depends on the clock. */
const ZIP_EPOCH = new Date(1980, 0, 1, 0, 0, 0);

interface NewRelationship {
  readonly id: string;
  readonly type: string;
  readonly target: string;
  readonly external: boolean;
}

export class PackageBuilder {
  private readonly parts: Map<string, Uint8Array>;
  private readonly order: string[];
  private readonly addedRels = new Map<string, NewRelationship[]>();
  private readonly relIdCounters = new Map<string, number>();
  private readonly addedDefaults = new Map<string, string>();
  private readonly addedOverrides = new Map<string, string>();

  constructor(parts: ReadonlyMap<string, Uint8Array>) {
    this.parts = new Map(parts);
    this.order = [...parts.keys()];
  }

  has(part: string): boolean {
    return this.parts.has(part);
  }

  text(part: string): string | undefined {
    const bytes = this.parts.get(part);
    return bytes && new TextDecoder().decode(bytes);
  }

  setText(part: string, text: string): void {
    this.setBytes(part, new TextEncoder().encode(text));
  }

  setBytes(part: string, bytes: Uint8Array): void {
    if (!this.parts.has(part)) this.order.push(part);
    this.parts.set(part, bytes);
  }

  /** A part name not yet used, in the folder of `wanted`, keeping its extension. */
  freshPartName(wanted: string): string {
    if (!this.parts.has(wanted)) return wanted;
    const dot = wanted.lastIndexOf('.');
    const stem = dot > 0 ? wanted.slice(0, dot) : wanted;
    const ext = dot > 0 ? wanted.slice(dot) : '';
    for (let n = 1; ; n++) {
      const candidate = `${stem}-old${n}${ext}`;
      if (!this.parts.has(candidate)) return candidate;
    }
  }

  /** Adds a relationship from `sourcePart` and returns its id. */
  addRelationship(sourcePart: string, type: string, target: string, external: boolean): string {
    const existing = this.existingRelationshipIds(sourcePart);
    let counter = this.relIdCounters.get(sourcePart) ?? 0;
    let id: string;
    do {
      counter += 1;
      id = `rIdRedline${counter}`;
    } while (existing.has(id));
    this.relIdCounters.set(sourcePart, counter);
    const list = this.addedRels.get(sourcePart) ?? [];
    list.push({ id, type, target, external });
    this.addedRels.set(sourcePart, list);
    return id;
  }

  /** Registers the content type of a part: by extension when the type is the usual one. */
  registerContentType(part: string, contentType: string): void {
    const ext = extensionOf(part);
    if (CONTENT_TYPE_OF_EXTENSION[ext] === contentType) {
      if (!this.contentTypesDeclareDefault(ext)) this.addedDefaults.set(ext, contentType);
    } else {
      this.addedOverrides.set(`/${part}`, contentType);
    }
  }

  /** All parts, with the relationships and content types added so far written into them. */
  finalParts(): Map<string, Uint8Array> {
    this.flushRelationships();
    this.flushContentTypes();
    return new Map(this.order.flatMap((name) => (this.parts.has(name) ? [[name, this.parts.get(name) as Uint8Array] as const] : [])));
  }

  /** The zipped package, checked (throws {@link WrittenPackageError} when it is not whole). */
  toZip(): Uint8Array {
    this.flushRelationships();
    this.flushContentTypes();
    const files: Zippable = {};
    const written = new Map<string, Uint8Array>();
    for (const name of this.order) {
      const data = this.parts.get(name);
      if (!data) continue;
      files[name] = [data, { mtime: ZIP_EPOCH, level: 6 }];
      written.set(name, data);
    }
    const zip = zipSync(files);
    checkWrittenPackage(zip, written);
    return zip;
  }

  private existingRelationshipIds(sourcePart: string): Set<string> {
    const text = this.text(relationshipsPartName(sourcePart));
    const ids = new Set<string>();
    if (text) for (const rel of childElements(parseXml(text, relationshipsPartName(sourcePart)).root, 'Relationship')) ids.add(rel.attrs.Id ?? '');
    return ids;
  }

  private contentTypesDeclareDefault(ext: string): boolean {
    const text = this.text('[Content_Types].xml') ?? '';
    return new RegExp(`<Default[^>]*Extension="${ext}"`, 'i').test(text);
  }

  private flushRelationships(): void {
    for (const [sourcePart, rels] of this.addedRels) {
      const relsPart = relationshipsPartName(sourcePart);
      const folder = sourcePart.includes('/') ? sourcePart.slice(0, sourcePart.lastIndexOf('/') + 1) : '';
      const entries = rels
        .map((rel) => {
          const target = rel.external ? rel.target : relativeTarget(folder, rel.target);
          return `<Relationship Id="${escapeXml(rel.id)}" Type="${escapeXml(rel.type)}" Target="${escapeXml(target)}"${rel.external ? ' TargetMode="External"' : ''}/>`;
        })
        .join('');
      const text =
        this.text(relsPart) ?? '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
      this.setText(relsPart, text.replace(/<\/Relationships>\s*$/, `${entries}</Relationships>`).replace(/<Relationships([^>]*)\/>\s*$/, `<Relationships$1>${entries}</Relationships>`));
    }
    this.addedRels.clear();
  }

  private flushContentTypes(): void {
    if (this.addedDefaults.size === 0 && this.addedOverrides.size === 0) return;
    const text = this.text('[Content_Types].xml') ?? '';
    let additions = '';
    for (const [ext, type] of this.addedDefaults) additions += `<Default Extension="${escapeXml(ext)}" ContentType="${escapeXml(type)}"/>`;
    for (const [part, type] of this.addedOverrides) {
      if (!text.includes(`PartName="${part}"`)) additions += `<Override PartName="${escapeXml(part)}" ContentType="${escapeXml(type)}"/>`;
    }
    this.setText('[Content_Types].xml', text.replace(/<\/Types>\s*$/, `${additions}</Types>`));
    this.addedDefaults.clear();
    this.addedOverrides.clear();
  }
}
