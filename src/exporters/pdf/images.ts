/**
 * Pictures from the DOCX packages: an image atom's `r:embed` (DrawingML) or `r:id` (VML) is
 * resolved through the relationships of the part the atom came from, in the package of its
 * version (the old one for deleted and moved-from pieces). PNG and JPEG are embedded; other
 * formats (EMF, WMF, GIF, SVG…) are drawn as a labelled box by the caller.
 */
import type { Atom, DocxSource, NoteKind } from '../../model/document.js';
import type { Side } from '../../model/redline.js';
import { OpcPackage, REL_TYPES } from '../../ooxml/package.js';

export interface ImageSource {
  /** Unique per picture (its version and part name), so each is embedded once. */
  readonly key: string;
  readonly bytes: Uint8Array;
  readonly format: 'png' | 'jpeg';
}

export interface ImageBox {
  /** Size in points. */
  readonly width: number;
  readonly height: number;
  /** Absent when the picture cannot be found or is in a format we do not draw. */
  readonly source?: ImageSource;
}

/** Where the atom's XML lives: the main document part or a notes part. */
export type PartKind = 'main' | NoteKind;

const EMU_PER_POINT = 12700;
const FALLBACK_SIZE = 72;
const POINTS_PER_UNIT: Readonly<Record<string, number>> = { pt: 1, in: 72, cm: 72 / 2.54, mm: 72 / 25.4, px: 0.75, pc: 12 };

export class ImageResolver {
  private readonly sources: Readonly<Record<Side, DocxSource | undefined>>;
  private readonly packages = new Map<Side, OpcPackage>();
  private readonly images = new Map<string, ImageSource | undefined>();

  constructor(old: DocxSource | undefined, neu: DocxSource | undefined) {
    this.sources = { old, new: neu };
  }

  resolve(atom: Atom, side: Side, part: PartKind): ImageBox {
    const size = drawingMlSize(atom.xml) ?? vmlSize(atom.xml) ?? { width: FALLBACK_SIZE, height: FALLBACK_SIZE };
    const id = relationshipId(atom.xml);
    const source = id === undefined ? undefined : this.image(side, part, id);
    return { ...size, ...(source && { source }) };
  }

  /**
   * The text of a SmartArt diagram (`dgm:relIds r:dm` → its data part): one entry per node that
   * has text, in the data part's order. Empty for other drawings or when the part is missing.
   */
  diagramText(atom: Atom, side: Side, part: PartKind): string[] {
    const id = /<dgm:relIds\b[^>]*?\br:dm="([^"]+)"/.exec(atom.xml)?.[1];
    const docx = this.sources[side];
    const pkg = this.package(side);
    if (id === undefined || !docx || !pkg) return [];
    const partName = part === 'main' ? docx.mainPart : pkg.relatedPart(docx.mainPart, part === 'footnote' ? REL_TYPES.footnotes : REL_TYPES.endnotes);
    const rel = partName === undefined ? undefined : pkg.relationships(partName).find((r) => r.id === id && !r.external);
    const bytes = rel && pkg.bytes(rel.target);
    if (!bytes) return [];
    const xml = new TextDecoder().decode(bytes);
    const texts: string[] = [];
    for (const point of xml.split(/<dgm:pt\b/).slice(1, MAX_DIAGRAM_NODES + 1)) {
      const text = [...point.matchAll(/<a:t>([^<]*)<\/a:t>/g)]
        .map((match) => decodeEntities(match[1] as string))
        .join('')
        .trim();
      if (text !== '') texts.push(text);
    }
    return texts;
  }

  private image(side: Side, part: PartKind, relationshipId: string): ImageSource | undefined {
    const docx = this.sources[side];
    const pkg = this.package(side);
    if (!docx || !pkg) return undefined;
    const partName = part === 'main' ? docx.mainPart : pkg.relatedPart(docx.mainPart, part === 'footnote' ? REL_TYPES.footnotes : REL_TYPES.endnotes);
    const rel = partName === undefined ? undefined : pkg.relationships(partName).find((r) => r.id === relationshipId && !r.external);
    if (!rel) return undefined;
    const key = `${side}:${rel.target}`;
    if (!this.images.has(key)) {
      const bytes = pkg.bytes(rel.target);
      const format = bytes && imageFormat(bytes);
      this.images.set(key, bytes && format ? { key, bytes, format } : undefined);
    }
    return this.images.get(key);
  }

  private package(side: Side): OpcPackage | undefined {
    const docx = this.sources[side];
    if (!docx) return undefined;
    let pkg = this.packages.get(side);
    if (!pkg) {
      pkg = OpcPackage.fromParts(new Map(docx.parts));
      this.packages.set(side, pkg);
    }
    return pkg;
  }
}

/** A diagram's nodes beyond this many are left out. */
const MAX_DIAGRAM_NODES = 500;

function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#(\d+)|#x([0-9a-f]+));/gi, (whole, name: string, dec?: string, hex?: string) => {
    if (dec !== undefined) return String.fromCodePoint(Math.min(0x10ffff, Number(dec)));
    if (hex !== undefined) return String.fromCodePoint(Math.min(0x10ffff, parseInt(hex, 16)));
    return ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' } as Record<string, string>)[name.toLowerCase()] ?? whole;
  });
}

function relationshipId(xml: string): string | undefined {
  return /\br:embed="([^"]+)"/.exec(xml)?.[1] ?? /<v:imagedata\b[^>]*?\br:id="([^"]+)"/.exec(xml)?.[1];
}

/** `wp:extent` gives a DrawingML picture's size in EMU. */
function drawingMlSize(xml: string): { width: number; height: number } | undefined {
  const extent = /<wp:extent\b[^>]*>/.exec(xml)?.[0];
  if (!extent) return undefined;
  const cx = Number(/\bcx="(\d+)"/.exec(extent)?.[1]);
  const cy = Number(/\bcy="(\d+)"/.exec(extent)?.[1]);
  return cx > 0 && cy > 0 ? { width: cx / EMU_PER_POINT, height: cy / EMU_PER_POINT } : undefined;
}

/** A VML shape's size comes from its CSS-like `style` (`width:120pt;height:1.5in`). */
function vmlSize(xml: string): { width: number; height: number } | undefined {
  const style = /<v:shape\b[^>]*?\bstyle="([^"]*)"/.exec(xml)?.[1];
  if (!style) return undefined;
  const length = (name: string): number | undefined => {
    const match = new RegExp(`(?:^|;)\\s*${name}\\s*:\\s*([\\d.]+)\\s*(pt|in|cm|mm|px|pc)?`).exec(style);
    return match ? Number(match[1]) * (POINTS_PER_UNIT[match[2] ?? 'px'] ?? 1) : undefined;
  };
  const width = length('width');
  const height = length('height');
  return width && height ? { width, height } : undefined;
}

function imageFormat(bytes: Uint8Array): ImageSource['format'] | undefined {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'jpeg';
  return undefined;
}
