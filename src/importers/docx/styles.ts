/**
 * The style sheet of a DOCX (`word/styles.xml`, ECMA-376 Part 1 §17.7): style inheritance,
 * headings, style-linked numbering and the defaults that formatting resolves against.
 */
import type { ParagraphLayout, RunFormat } from '../../model/document.js';
import { attr, childElements, descendant, firstChild, type XmlDocument, type XmlElement } from '../../ooxml/xml.js';
import { mergeLayout, mergeRunFormat, readParagraphLayout, readRunFormat } from './formatting.js';

export interface StyleDefinition {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly basedOn?: string;
  readonly isDefault: boolean;
  readonly pPr?: XmlElement;
  readonly rPr?: XmlElement;
  /** The `w:style` element (for table styles' properties). */
  readonly element: XmlElement;
}

const MAX_CHAIN = 32;

export class StyleSheet {
  private readonly styles = new Map<string, StyleDefinition>();
  private readonly defaultRun: RunFormat;
  private readonly defaultLayout: ParagraphLayout;
  private readonly defaultParagraphStyleId?: string;
  private readonly runCache = new Map<string, RunFormat>();
  private readonly layoutCache = new Map<string, ParagraphLayout>();

  constructor(doc: XmlDocument | undefined) {
    const root = doc?.root;
    this.defaultRun = readRunFormat(descendant(root, 'w:docDefaults', 'w:rPrDefault', 'w:rPr'));
    this.defaultLayout = readParagraphLayout(descendant(root, 'w:docDefaults', 'w:pPrDefault', 'w:pPr'));
    if (!root) return;
    for (const style of childElements(root, 'w:style')) {
      const id = style.attrs['w:styleId'];
      if (id === undefined) continue;
      const isDefault = style.attrs['w:default'] === '1' || style.attrs['w:default'] === 'true';
      const type = style.attrs['w:type'] ?? 'paragraph';
      const basedOn = attr(firstChild(style, 'w:basedOn'), 'w:val');
      const pPr = firstChild(style, 'w:pPr');
      const rPr = firstChild(style, 'w:rPr');
      this.styles.set(id, {
        id,
        name: attr(firstChild(style, 'w:name'), 'w:val') ?? id,
        type,
        isDefault,
        element: style,
        ...(basedOn !== undefined && { basedOn }),
        ...(pPr && { pPr }),
        ...(rPr && { rPr }),
      });
      if (isDefault && type === 'paragraph') this.defaultParagraphStyleId = id;
    }
  }

  get(id: string | undefined): StyleDefinition | undefined {
    return id === undefined ? undefined : this.styles.get(id);
  }

  /** The paragraph style a paragraph without `w:pStyle` has. */
  get defaultParagraphStyle(): string | undefined {
    return this.defaultParagraphStyleId;
  }

  /** The style and its ancestors, the style itself first. */
  chain(id: string | undefined): StyleDefinition[] {
    const out: StyleDefinition[] = [];
    let current = this.get(id);
    while (current && out.length < MAX_CHAIN && !out.includes(current)) {
      out.push(current);
      current = this.get(current.basedOn);
    }
    return out;
  }

  /** 1-9 for heading styles: by the built-in name (`heading 2`) or by the outline level. */
  headingLevel(styleId: string | undefined): number | undefined {
    for (const style of this.chain(styleId)) {
      const match = /^heading\s*([1-9])$/i.exec(style.name);
      if (match) return Number(match[1]);
      const outline = attr(firstChild(style.pPr, 'w:outlineLvl'), 'w:val');
      if (outline !== undefined && Number(outline) < 9) return Number(outline) + 1;
    }
    return undefined;
  }

  /** The numbering a paragraph style carries (`w:numPr` in the style or an ancestor). */
  numbering(styleId: string | undefined): { numId?: string; ilvl?: number } | undefined {
    for (const style of this.chain(styleId)) {
      const numPr = firstChild(style.pPr, 'w:numPr');
      if (!numPr) continue;
      const numId = attr(firstChild(numPr, 'w:numId'), 'w:val');
      const ilvl = attr(firstChild(numPr, 'w:ilvl'), 'w:val');
      return { ...(numId !== undefined && { numId }), ...(ilvl !== undefined && { ilvl: Number(ilvl) }) };
    }
    return undefined;
  }

  /** Run formatting from the defaults, the paragraph style and the character style. */
  runFormat(paragraphStyleId: string | undefined, characterStyleId: string | undefined): RunFormat {
    const key = `${paragraphStyleId ?? ''}\u0000${characterStyleId ?? ''}`;
    const cached = this.runCache.get(key);
    if (cached) return cached;
    let format = this.defaultRun;
    for (const style of this.chain(paragraphStyleId ?? this.defaultParagraphStyleId).reverse()) {
      format = mergeRunFormat(format, readRunFormat(style.rPr));
    }
    for (const style of this.chain(characterStyleId).reverse()) {
      format = mergeRunFormat(format, readRunFormat(style.rPr));
    }
    this.runCache.set(key, format);
    return format;
  }

  /** Paragraph layout from the defaults and the paragraph style. */
  paragraphLayout(styleId: string | undefined): ParagraphLayout {
    const key = styleId ?? '';
    const cached = this.layoutCache.get(key);
    if (cached) return cached;
    let layout = this.defaultLayout;
    for (const style of this.chain(styleId ?? this.defaultParagraphStyleId).reverse()) {
      layout = mergeLayout(layout, readParagraphLayout(style.pPr));
    }
    this.layoutCache.set(key, layout);
    return layout;
  }
}
