/**
 * Writes the structure tree of a tagged PDF: marked-content sequences numbered per page (MCIDs)
 * as pages are written, then, when the file is saved, the structure elements, the parent tree
 * that maps each page's MCIDs (and each link annotation) back to its element, and the catalog
 * entries that say the file is tagged (`MarkInfo`, `StructTreeRoot`, `Lang`).
 */
import { PDFArray, type PDFContext, type PDFDict, PDFHexString, PDFName, PDFNumber, type PDFPage, type PDFRef } from 'pdf-lib';
import type { MarkedContentOpener } from './content-stream.js';
import { type ContentTag, isArtifact, type StructElement, type StructKid } from './structure.js';

interface PageMarks {
  readonly page: PDFPage;
  /** The page's key in the parent tree. */
  readonly key: number;
  /** By MCID: the element the sequence belongs to. */
  readonly elements: StructElement[];
}

export class StructureWriter {
  private readonly context: PDFContext;
  private readonly pages = new Map<number, PageMarks>();
  private readonly annotations: { readonly dict: PDFDict; readonly ref: PDFRef; readonly element: StructElement }[] = [];

  constructor(context: PDFContext) {
    this.context = context;
  }

  addPage(number: number, page: PDFPage): void {
    const key = this.pages.size;
    this.pages.set(number, { page, key, elements: [] });
    page.node.set(PDFName.of('StructParents'), PDFNumber.of(key));
    // Tab order follows the structure (PDF/UA).
    page.node.set(PDFName.of('Tabs'), PDFName.of('S'));
  }

  /** The marked-content opener for a page's content. */
  opener(number: number): MarkedContentOpener {
    const marks = this.pages.get(number);
    if (!marks) throw new Error(`page ${number} was not added`);
    return (tag: ContentTag) => {
      if (isArtifact(tag)) return `/Artifact <</Type /${tag.artifact}${tag.subtype === undefined ? '' : ` /Subtype /${tag.subtype}`}>> BDC`;
      const mcid = marks.elements.length;
      marks.elements.push(tag);
      tag.attach();
      tag.kids.push({ kind: 'mcid', page: number, mcid });
      return `/${tag.type} <</MCID ${mcid}>> BDC`;
    };
  }

  /** A link annotation that belongs to an element (its `/StructParent` is set when saved). */
  annotation(number: number, dict: PDFDict, ref: PDFRef, element: StructElement): void {
    element.attach();
    element.kids.push({ kind: 'annotation', page: number, annotation: this.annotations.length });
    this.annotations.push({ dict, ref, element });
  }

  /** Writes the tree under the catalog; elements that drew nothing are left out. */
  write(catalog: PDFDict, root: StructElement, lang: string): void {
    const context = this.context;
    const refs = new Map<StructElement, PDFRef>();
    const kept = (element: StructElement): boolean => {
      let keep = false;
      for (const kid of element.kids) if (!('type' in kid) || kept(kid)) keep = true;
      if (keep) refs.set(element, context.nextRef());
      return keep;
    };
    const treeRootRef = context.nextRef();
    if (!kept(root)) return;
    for (const [element, ref] of refs) context.assign(ref, this.elementDict(element, element.parent ? (refs.get(element.parent) as PDFRef) : treeRootRef, refs));

    const nums = PDFArray.withContext(context);
    for (const marks of this.pages.values()) {
      nums.push(PDFNumber.of(marks.key));
      const array = PDFArray.withContext(context);
      for (const element of marks.elements) array.push(refs.get(element) as PDFRef);
      nums.push(context.register(array));
    }
    this.annotations.forEach((annotation, i) => {
      const key = this.pages.size + i;
      annotation.dict.set(PDFName.of('StructParent'), PDFNumber.of(key));
      nums.push(PDFNumber.of(key));
      nums.push(refs.get(annotation.element) as PDFRef);
    });
    context.assign(
      treeRootRef,
      context.obj({ Type: 'StructTreeRoot', K: refs.get(root) as PDFRef, ParentTree: context.register(context.obj({ Nums: nums })), ParentTreeNextKey: this.pages.size + this.annotations.length }),
    );
    catalog.set(PDFName.of('StructTreeRoot'), treeRootRef);
    catalog.set(PDFName.of('MarkInfo'), context.obj({ Marked: true }));
    catalog.set(PDFName.of('Lang'), PDFHexString.fromText(lang));
  }

  private elementDict(element: StructElement, parent: PDFRef, refs: ReadonlyMap<StructElement, PDFRef>): PDFDict {
    const context = this.context;
    const firstPage = pageOf(element.kids);
    const pageRef = firstPage === undefined ? undefined : this.pages.get(firstPage)?.page.ref;
    const kids = PDFArray.withContext(context);
    for (const kid of element.kids) {
      if ('type' in kid) {
        const ref = refs.get(kid);
        if (ref) kids.push(ref);
      } else if (kid.kind === 'mcid') {
        kids.push(kid.page === firstPage ? PDFNumber.of(kid.mcid) : context.obj({ Type: 'MCR', Pg: this.pages.get(kid.page)?.page.ref as PDFRef, MCID: kid.mcid }));
      } else {
        const annotation = this.annotations[kid.annotation];
        if (annotation) kids.push(context.obj({ Type: 'OBJR', Obj: annotation.ref, Pg: this.pages.get(kid.page)?.page.ref as PDFRef }));
      }
    }
    const dict = context.obj({ Type: 'StructElem', S: element.type, P: parent, K: kids });
    if (pageRef) dict.set(PDFName.of('Pg'), pageRef);
    const alt = element.alt;
    if (alt !== undefined) dict.set(PDFName.of('Alt'), PDFHexString.fromText(alt));
    if (element.attributes.lang !== undefined) dict.set(PDFName.of('Lang'), PDFHexString.fromText(element.attributes.lang));
    if (element.attributes.scope !== undefined) dict.set(PDFName.of('A'), context.obj({ O: 'Table', Scope: element.attributes.scope }));
    return dict;
  }
}

/** The page of an element's first marked content, if it has any directly. */
function pageOf(kids: readonly StructKid[]): number | undefined {
  for (const kid of kids) if (!('type' in kid) && kid.kind === 'mcid') return kid.page;
  return undefined;
}
