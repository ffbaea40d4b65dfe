/**
 * The logical structure of a tagged PDF (ISO 32000-1 §14.7-14.8): a tree of structure elements
 * (Document, Sect, H1-H6, P, L/LI/Lbl/LBody, Table/TR/TH/TD, Note, Span, Link, Figure) whose
 * leaves are marked content on the pages. Layout code makes the elements as it meets the blocks;
 * the content writer marks what each element draws with an MCID. An element joins its parent
 * when it first draws something (or at once, when made `eager`), so that the order of the tree
 * is the reading order even where a parent's text is drawn around a child's (a change inside a
 * paragraph). What is not content — running heads, page numbers, change bars, rules, borders,
 * repeated table headers — is drawn as an artifact.
 */

export type StructType = 'Document' | 'Sect' | 'H1' | 'H2' | 'H3' | 'H4' | 'H5' | 'H6' | 'P' | 'L' | 'LI' | 'Lbl' | 'LBody' | 'Table' | 'TR' | 'TH' | 'TD' | 'Note' | 'Span' | 'Link' | 'Figure';

export interface StructAttributes {
  /** Replacement text for assistive technology (changes: "Inserted by MP201: …"; pictures). */
  alt?: string;
  lang?: string;
  /** Header cells: the cells they head. */
  scope?: 'Column' | 'Row';
}

/** Marked content: sequence `mcid` on page `page`. */
export interface MarkedContentRef {
  readonly kind: 'mcid';
  readonly page: number;
  readonly mcid: number;
}

/** An annotation (a link) that belongs to the element. */
export interface ObjectRef {
  readonly kind: 'annotation';
  readonly page: number;
  /** The annotation's index among those the writer registers. */
  readonly annotation: number;
}

export type StructKid = StructElement | MarkedContentRef | ObjectRef;

export class StructElement {
  readonly type: StructType;
  readonly parent: StructElement | undefined;
  readonly kids: StructKid[] = [];
  readonly attributes: StructAttributes;
  /** Text for `alt`, gathered as the element's pieces are laid out (see `altPrefix`). */
  altPrefix?: string;
  altText = '';
  private attached: boolean;

  constructor(type: StructType, parent: StructElement | undefined, attributes: StructAttributes = {}, eager = false) {
    this.type = type;
    this.parent = parent;
    this.attributes = attributes;
    this.attached = parent === undefined;
    if (eager) this.attach();
  }

  /** Joins the parent's kids (and the parent its own), once. */
  attach(): void {
    if (this.attached || !this.parent) return;
    this.parent.attach();
    this.parent.kids.push(this);
    this.attached = true;
  }

  /** The replacement text, when the element has one. */
  get alt(): string | undefined {
    if (this.attributes.alt !== undefined) return this.attributes.alt;
    return this.altPrefix === undefined ? undefined : `${this.altPrefix}: ${this.altText.replace(/\s+/g, ' ').trim()}`;
  }
}

/** What is not content: pagination (running heads, page numbers) and layout (bars, rules, borders). */
export interface Artifact {
  readonly artifact: 'Pagination' | 'Layout';
  readonly subtype?: 'Header' | 'Footer';
}

export type ContentTag = StructElement | Artifact;

export const LAYOUT_ARTIFACT: Artifact = { artifact: 'Layout' };
export const HEADER_ARTIFACT: Artifact = { artifact: 'Pagination', subtype: 'Header' };
export const FOOTER_ARTIFACT: Artifact = { artifact: 'Pagination', subtype: 'Footer' };
export const PAGINATION_ARTIFACT: Artifact = { artifact: 'Pagination' };

export function isArtifact(tag: ContentTag): tag is Artifact {
  return !(tag instanceof StructElement);
}

export function headingType(level: number): StructType {
  return `H${Math.min(6, Math.max(1, level))}` as StructType;
}

/**
 * Numbered paragraphs as lists: consecutive numbered paragraphs under one parent are the items of
 * one `L`, a deeper numbering level a list nested in the item above it, any other block the end.
 */
export class ListTracker {
  private readonly open = new Map<StructElement, { level: number; list: StructElement; body?: StructElement }[]>();

  /** The `LBody` (and `Lbl`) for a numbered paragraph at `level` under `parent`. */
  item(parent: StructElement, level: number): { label: StructElement; body: StructElement } {
    const stack = this.open.get(parent) ?? [];
    this.open.set(parent, stack);
    while (stack.length > 0 && (stack[stack.length - 1] as { level: number }).level > level) stack.pop();
    let top = stack[stack.length - 1];
    if (!top || top.level < level) {
      const host = top?.body ?? parent;
      top = { level, list: new StructElement('L', host) };
      stack.push(top);
    }
    const item = new StructElement('LI', top.list);
    top.body = new StructElement('LBody', item);
    return { label: new StructElement('Lbl', item), body: top.body };
  }

  /** A block that is not a list item ends the lists open under its parent. */
  end(parent: StructElement): void {
    this.open.delete(parent);
  }
}
