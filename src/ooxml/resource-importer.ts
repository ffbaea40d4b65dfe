/**
 * Brings XML from another package into the one being built. Deleted content of a redline comes
 * from the old version's package, content a source inserted from the source's: their pictures,
 * charts and hyperlinks point at that package's relationships. Before such XML goes into the
 * output, its relationship ids are rewritten to relationships of the output package (the
 * referenced parts copied over under fresh names), and its drawing ids made unique, so Word opens
 * the result without a repair prompt.
 */
import type { DocxSource } from '../model/document.js';
import { OpcPackage, type Relationship, relationshipsPartName } from './package.js';
import type { PackageBuilder } from './package-builder.js';
import { relativeTarget } from './part-names.js';
import { childElements, escapeXml } from './xml.js';

const REFERENCE = /\b(r:(?:embed|link|id|dm|lo|qs|cs|pict))="([^"]*)"/g;
const DRAWING_ID = /(<wp:docPr\b[^>]*?\bid=")(\d+)(")/g;

export class ResourceImporter {
  private readonly old: OpcPackage | undefined;
  private readonly out: PackageBuilder;
  private readonly copied = new Map<string, string>();
  private readonly relMap = new Map<string, string>();
  private nextDrawingId: number;

  constructor(from: DocxSource | undefined, out: PackageBuilder, firstDrawingId: number) {
    this.old = from && OpcPackage.fromParts(new Map(from.parts));
    this.out = out;
    this.nextDrawingId = firstDrawingId;
  }

  /** Rewrites XML taken from `sourcePart` of the other package for use in `outputPart`. */
  remap(xml: string, sourcePart: string, outputPart: string): string {
    if (!this.old) return xml;
    const rels = this.old.relationships(sourcePart);
    let out = xml.replace(REFERENCE, (whole, name: string, id: string) => {
      const rel = rels.find((r) => r.id === id);
      return rel ? `${name}="${this.relationshipFor(sourcePart, rel, outputPart)}"` : whole;
    });
    out = out.replace(DRAWING_ID, (_, before: string, _id: string, after: string) => `${before}${this.nextDrawingId++}${after}`);
    return out;
  }

  private relationshipFor(sourcePart: string, rel: Relationship, outputPart: string): string {
    const key = `${sourcePart}\u0000${rel.id}\u0000${outputPart}`;
    const known = this.relMap.get(key);
    if (known) return known;
    const target = rel.external ? rel.target : this.copyPart(rel.target);
    const id = this.out.addRelationship(outputPart, rel.type, target, rel.external);
    this.relMap.set(key, id);
    return id;
  }

  /** Copies an old part (and the parts it refers to) into the output; returns its new name. */
  private copyPart(oldPart: string): string {
    const known = this.copied.get(oldPart);
    if (known) return known;
    const old = this.old as OpcPackage;
    const bytes = old.bytes(oldPart);
    if (!bytes) return oldPart;
    const name = this.out.freshPartName(oldPart);
    this.copied.set(oldPart, name);
    this.out.setBytes(name, bytes);
    const contentType = this.contentTypeOf(oldPart);
    if (contentType) this.out.registerContentType(name, contentType);
    const rels = old.relationships(oldPart);
    if (rels.length > 0) {
      const folder = name.slice(0, name.lastIndexOf('/') + 1);
      const entries = rels.map((rel) => {
        const target = rel.external ? rel.target : relativeTarget(folder, this.copyPart(rel.target));
        return `<Relationship Id="${escapeXml(rel.id)}" Type="${escapeXml(rel.type)}" Target="${escapeXml(target)}"${rel.external ? ' TargetMode="External"' : ''}/>`;
      });
      this.out.setText(
        relationshipsPartName(name),
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${entries.join('')}</Relationships>`,
      );
    }
    return name;
  }

  private contentTypeOf(part: string): string | undefined {
    const types = (this.old as OpcPackage).xml('[Content_Types].xml');
    if (!types) return undefined;
    const override = childElements(types.root, 'Override').find((o) => o.attrs.PartName === `/${part}`);
    if (override) return override.attrs.ContentType;
    const ext = part.slice(part.lastIndexOf('.') + 1).toLowerCase();
    return childElements(types.root, 'Default').find((d) => (d.attrs.Extension ?? '').toLowerCase() === ext)?.attrs.ContentType;
  }
}
