/**
 * The content types of a package (`[Content_Types].xml`): defaults by extension, overrides by
 * part name (compared without regard to ASCII case, as OPC compares part names).
 */
import { foldCase, resolveTarget } from './part-names.js';
import { extensionOf, RELATIONSHIPS_CONTENT_TYPE } from './part-types.js';
import { escapeXml, type XmlElement } from './xml.js';

export const CONTENT_TYPES_PART = '[Content_Types].xml';
export const CONTENT_TYPES_NS = 'http://schemas.openxmlformats.org/package/2006/content-types';

export class ContentTypes {
  private readonly defaults = new Map<string, string>();
  /** By folded part name. */
  private readonly overrides = new Map<string, string>();

  /** The content types a `Types` element declares. */
  static read(root: XmlElement): ContentTypes {
    const types = new ContentTypes();
    for (const child of root.children) {
      if (typeof child === 'string') continue;
      const local = child.name.slice(child.name.indexOf(':') + 1);
      const type = child.attrs.ContentType;
      if (type === undefined) continue;
      if (local === 'Default' && child.attrs.Extension !== undefined) types.defaults.set(child.attrs.Extension.toLowerCase(), type);
      if (local === 'Override' && child.attrs.PartName !== undefined) {
        const name = resolveTarget('', child.attrs.PartName);
        if (name !== undefined) types.overrides.set(foldCase(name), type);
      }
    }
    return types;
  }

  /** The declared type of a part: its override, or the default of its extension. */
  typeOf(part: string): string | undefined {
    return this.overrides.get(foldCase(part)) ?? this.defaults.get(extensionOf(part));
  }

  /** The type of a part's own override, if it has one. */
  overrideOf(part: string): string | undefined {
    return this.overrides.get(foldCase(part));
  }

  setOverride(part: string, type: string): void {
    this.overrides.set(foldCase(part), type);
  }

  /**
   * The part, for `parts`: the defaults still used (and those for `rels` and `xml`), and an
   * override for every part its extension's default does not type right.
   */
  serialise(parts: Iterable<string>): string {
    const defaults = new Map<string, string>([
      ['rels', RELATIONSHIPS_CONTENT_TYPE],
      ['xml', 'application/xml'],
    ]);
    for (const [ext, type] of this.defaults) if (!defaults.has(ext)) defaults.set(ext, type);
    const used = new Set(['rels', 'xml']);
    const overrides: string[] = [];
    for (const part of parts) {
      if (part === CONTENT_TYPES_PART) continue;
      const ext = extensionOf(part);
      const type = this.overrides.get(foldCase(part)) ?? defaults.get(ext);
      if (type === undefined) continue;
      if (defaults.get(ext) === type) used.add(ext);
      else overrides.push(`<Override PartName="${escapeXml(`/${part}`)}" ContentType="${escapeXml(type)}"/>`);
    }
    const declared = [...defaults].filter(([ext]) => used.has(ext)).map(([ext, type]) => `<Default Extension="${escapeXml(ext)}" ContentType="${escapeXml(type)}"/>`);
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="${CONTENT_TYPES_NS}">${declared.join('')}${overrides.join('')}</Types>`;
  }
}
