/**
 * The PDF file, built with pdf-lib: pages that share one resources dictionary, content streams
 * appended page by page as the layout finishes them, link annotations (to other pages or to
 * URIs), the outline and the document information. Nothing varies between runs: no dates unless
 * asked for, no random font names, and no trailer `/ID` (pdf-lib writes none).
 */
import { PDFArray, type PDFDict, PDFDocument, PDFHexString, PDFName, PDFNull, PDFNumber, PDFPage, type PDFRef } from 'pdf-lib';
import { zlibDeflate } from '../../platform/deflate.js';
import { latin1Bytes } from '../../util/bytes.js';
import type { Canvas, LinkArea } from './canvas.js';
import { contentStream } from './content-stream.js';
import type { ImageSource } from './images.js';
import type { PageGeometry } from './page-geometry.js';
import { PdfResources } from './pdf-resources.js';
import type { StructElement } from './structure.js';
import { StructureWriter } from './structure-writer.js';

export interface DocumentInfo {
  readonly title: string;
  /** BCP 47: the document's language (`en-GB`). */
  readonly lang: string;
  /** The root of the structure tree (a `Document` element). */
  readonly structure: StructElement;
  readonly subject?: string;
  /** ISO 8601; when absent the file carries no dates at all. */
  readonly date?: string;
}

export interface OutlineEntry {
  readonly title: string;
  readonly level: number;
  readonly page: number;
  readonly top: number;
}

/** A link's destination shows a little of what is above the target line. */
const DESTINATION_HEADROOM = 18;

export class PdfAssembly {
  private readonly doc: PDFDocument;
  private readonly resources: PdfResources;
  private readonly resourcesRef: PDFRef;
  /** The root of the page tree: every page is one of its kids. */
  private readonly pagesRef: PDFRef;
  /** Pages by their number in the whole document (kept pages only). */
  private readonly pages = new Map<number, PDFPage>();
  private readonly structure: StructureWriter;

  private constructor(doc: PDFDocument) {
    this.doc = doc;
    this.structure = new StructureWriter(doc.context);
    this.resources = new PdfResources(doc);
    this.resourcesRef = doc.context.register(this.resources.dictionary);
    this.pagesRef = doc.catalog.get(PDFName.of('Pages')) as PDFRef;
  }

  static async create(): Promise<PdfAssembly> {
    return new PdfAssembly(await PDFDocument.create({ updateMetadata: false }));
  }

  addPage(number: number, geometry: PageGeometry): void {
    // Appended to the page tree's root directly: pdf-lib's addPage looks up every page already
    // there to find where the new one goes, which made a document of 10⁴ pages quadratic.
    const page = PDFPage.create(this.doc);
    page.setSize(geometry.width, geometry.height);
    this.doc.catalog.Pages().pushLeafNode(page.ref);
    page.node.setParent(this.pagesRef);
    page.node.set(PDFName.of('Resources'), this.resourcesRef);
    this.pages.set(number, page);
    this.structure.addPage(number, page);
  }

  /** Appends a canvas to a page: a content stream, and link annotations for its link areas. */
  async draw(number: number, canvas: Canvas): Promise<void> {
    const page = this.page(number);
    const images = new Map<string, ImageSource>();
    for (const op of canvas.ops) if (op.op === 'image') images.set(op.image.key, op.image);
    for (const image of images.values()) await this.resources.embedImage(image);
    const context = this.doc.context;
    // Compressed by the platform (Node's native zlib) rather than pdf-lib's pako: same format, several times faster.
    const stream = context.register(context.stream(zlibDeflate(latin1Bytes(contentStream(canvas.ops, this.resources, this.structure.opener(number)))), { Filter: 'FlateDecode' }));
    appendTo(page, 'Contents', stream);
    for (const link of canvas.links) {
      const annotation = this.linkAnnotation(link);
      if (!annotation) continue;
      const ref = context.register(annotation);
      appendTo(page, 'Annots', ref);
      if (link.element) this.structure.annotation(number, annotation, ref, link.element);
    }
  }

  private linkAnnotation(link: LinkArea): PDFDict | undefined {
    const context = this.doc.context;
    const rect = [link.x, link.y, link.x + link.width, link.y + link.height];
    if (link.target.kind === 'uri') {
      return context.obj({
        Type: 'Annot',
        Subtype: 'Link',
        Rect: rect,
        Border: [0, 0, 0],
        Contents: PDFHexString.fromText(link.target.uri),
        A: { Type: 'Action', S: 'URI', URI: asciiString(link.target.uri) },
      });
    }
    const destination = this.destination(link.target.page, link.target.top);
    return destination && context.obj({ Type: 'Annot', Subtype: 'Link', Rect: rect, Border: [0, 0, 0], Contents: PDFHexString.fromText(`Go to page ${link.target.page}`), Dest: destination });
  }

  /** `[page /XYZ null y null]`: the page at that height, zoom unchanged. */
  private destination(number: number, top: number): PDFArray | undefined {
    const page = this.pages.get(number);
    if (!page) return undefined;
    const y = Math.min(page.getHeight(), page.getHeight() - top + DESTINATION_HEADROOM);
    const destination = PDFArray.withContext(this.doc.context);
    for (const part of [page.ref, PDFName.of('XYZ'), PDFNull, PDFNumber.of(Math.round(y)), PDFNull]) destination.push(part);
    return destination;
  }

  /** Bookmarks nested by level; entries on pages that were left out are dropped. */
  outline(entries: readonly OutlineEntry[]): void {
    const context = this.doc.context;
    const kept = entries.filter((entry) => this.pages.has(entry.page));
    if (kept.length === 0) return;
    interface Node {
      readonly ref: PDFRef;
      readonly entry?: OutlineEntry;
      readonly children: Node[];
    }
    const root: Node = { ref: context.nextRef(), children: [] };
    const stack: { level: number; node: Node }[] = [{ level: 0, node: root }];
    for (const entry of kept) {
      while ((stack[stack.length - 1] as { level: number }).level >= entry.level) stack.pop();
      const node: Node = { ref: context.nextRef(), entry, children: [] };
      (stack[stack.length - 1] as { node: Node }).node.children.push(node);
      stack.push({ level: entry.level, node });
    }
    const write = (node: Node, parent: Node | undefined, previous: Node | undefined, next: Node | undefined): void => {
      const first = node.children[0];
      const last = node.children[node.children.length - 1];
      const dict = context.obj({});
      if (node.entry) {
        dict.set(PDFName.of('Title'), PDFHexString.fromText(node.entry.title));
        const destination = this.destination(node.entry.page, node.entry.top);
        if (destination) dict.set(PDFName.of('Dest'), destination);
      } else {
        dict.set(PDFName.of('Type'), PDFName.of('Outlines'));
      }
      if (parent) dict.set(PDFName.of('Parent'), parent.ref);
      if (previous) dict.set(PDFName.of('Prev'), previous.ref);
      if (next) dict.set(PDFName.of('Next'), next.ref);
      if (first && last) {
        dict.set(PDFName.of('First'), first.ref);
        dict.set(PDFName.of('Last'), last.ref);
        // The top level is open; deeper levels start closed (a negative count).
        dict.set(PDFName.of('Count'), PDFNumber.of(node.entry ? -node.children.length : node.children.length));
      }
      context.assign(node.ref, dict);
      node.children.forEach((child, i) => write(child, node, node.children[i - 1], node.children[i + 1]));
    };
    write(root, undefined, undefined, undefined);
    this.doc.catalog.set(PDFName.of('Outlines'), root.ref);
    this.doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
  }

  async save(info: DocumentInfo): Promise<Uint8Array> {
    this.doc.setTitle(info.title, { showInWindowTitleBar: true });
    if (info.subject !== undefined) this.doc.setSubject(info.subject);
    this.doc.setProducer('Redline');
    this.doc.setCreator('Redline');
    if (info.date !== undefined) {
      const date = new Date(info.date);
      if (Number.isNaN(date.getTime())) throw new RangeError(`not an ISO 8601 date: ${info.date}`);
      this.doc.setCreationDate(date);
      this.doc.setModificationDate(date);
    }
    await this.resources.finish();
    this.structure.write(this.doc.catalog, info.structure, info.lang);
    return this.doc.save({ useObjectStreams: true, addDefaultPage: false, objectsPerTick: Number.POSITIVE_INFINITY });
  }

  private page(number: number): PDFPage {
    const page = this.pages.get(number);
    if (!page) throw new Error(`page ${number} was not added`);
    return page;
  }
}

function appendTo(page: PDFPage, key: 'Contents' | 'Annots', ref: PDFRef): void {
  const name = PDFName.of(key);
  const existing = page.node.get(name);
  if (existing instanceof PDFArray) existing.push(ref);
  else {
    const array = PDFArray.withContext(page.doc.context);
    array.push(ref);
    page.node.set(name, array);
  }
}

/** A URI as a PDF string of its ASCII bytes (non-ASCII characters percent-encoded). */
function asciiString(uri: string): PDFHexString {
  const ascii = encodeURI(decodeURISafe(uri));
  let hex = '';
  for (let i = 0; i < ascii.length; i++) hex += ascii.charCodeAt(i).toString(16).padStart(2, '0');
  return PDFHexString.of(hex);
}

function decodeURISafe(uri: string): string {
  try {
    return decodeURI(uri);
  } catch {
    return uri;
  }
}
