/**
 * Ranges of the old version that the redline carries into its deletions (bookmarks, comment
 * anchors, permission ranges; see diff/old-markers.ts) get ids of the output: a bookmark or
 * permission range a fresh id past the new version's own, the same for its start and end; a
 * comment the id the new version gives the same comment, or, when the new version no longer has
 * it, a copy of the old comment added to the output's comments part under a fresh id.
 */
import type { DocxSource } from '../../model/document.js';
import { commentIdentities } from '../../ooxml/comment-identity.js';
import { OpcPackage, REL_TYPES } from '../../ooxml/package.js';
import type { PackageBuilder } from '../../ooxml/package-builder.js';
import type { ResourceImporter } from '../../ooxml/resource-importer.js';
import { childElements, sourceOf, type XmlDocument } from '../../ooxml/xml.js';
import { type CommentCollector, outputCommentsPart } from './comments.js';

const RANGE_TAG = /<w:(bookmarkStart|bookmarkEnd|permStart|permEnd|commentRangeStart|commentRangeEnd|commentReference)\b[^>]*>/g;

export class CarriedRanges {
  private readonly ids = new Map<string, string>();
  private nextBookmark: number;
  private nextPermission: number;
  private readonly newComments: ReadonlyMap<string, string>;
  private readonly oldComments: ReadonlyMap<string, string>;
  private readonly oldCommentsPart: string | undefined;
  private readonly oldCommentsXml: XmlDocument | undefined;
  private readonly collector: CommentCollector;
  private readonly resources: ResourceImporter;
  private readonly commentsPart: string;

  constructor(newSource: DocxSource, ceilings: IdCeilings, oldSource: DocxSource | undefined, out: PackageBuilder, collector: CommentCollector, resources: ResourceImporter) {
    this.nextBookmark = ceilings.bookmark + 1;
    this.nextPermission = ceilings.permission + 1;
    const newPackage = OpcPackage.fromParts(new Map(newSource.parts));
    const newCommentsPart = newPackage.relatedPart(newSource.mainPart, REL_TYPES.comments);
    const byIdentity = new Map<string, string>();
    for (const [id, identity] of commentIdentities(newCommentsPart === undefined ? undefined : newPackage.xml(newCommentsPart))) byIdentity.set(identity, id);
    this.newComments = byIdentity;
    const oldPackage = oldSource && OpcPackage.fromParts(new Map(oldSource.parts));
    this.oldCommentsPart = oldSource && oldPackage?.relatedPart(oldSource.mainPart, REL_TYPES.comments);
    this.oldCommentsXml = this.oldCommentsPart === undefined ? undefined : oldPackage?.xml(this.oldCommentsPart);
    this.oldComments = commentIdentities(this.oldCommentsXml);
    this.collector = collector;
    this.resources = resources;
    this.commentsPart = outputCommentsPart(newSource, out);
  }

  /** Range markup of the old version's `oldPart` with the ids it has in the output. */
  remap(xml: string, oldPart: string): string {
    return xml.replace(RANGE_TAG, (tag, name: string) => tag.replace(/\bw:id="([^"]*)"/, (_, id: string) => `w:id="${this.idFor(name, id, oldPart)}"`));
  }

  /**
   * A second copy of content already written (a text box's VML fallback repeats its DrawingML
   * choice): its bookmarks and permission ranges get ids of their own, paired within the copy.
   * Word gives each copy its own ids too: ids are unique in the document, alternatives included.
   */
  renumberCopy(xml: string): string {
    const ids = new Map<string, string>();
    return xml.replace(/<w:(bookmarkStart|bookmarkEnd|permStart|permEnd)\b[^>]*>/g, (tag, name: string) =>
      tag.replace(/\bw:id="([^"]*)"/, (_, id: string) => {
        const bookmark = name.startsWith('bookmark');
        const key = `${bookmark ? 'bookmark' : 'permission'} ${id}`;
        let mapped = ids.get(key);
        if (mapped === undefined) {
          mapped = String(bookmark ? this.nextBookmark++ : this.nextPermission++);
          ids.set(key, mapped);
        }
        return `w:id="${mapped}"`;
      }),
    );
  }

  private idFor(element: string, id: string, oldPart: string): string {
    const kind = element.startsWith('bookmark') ? 'bookmark' : element.startsWith('perm') ? 'permission' : 'comment';
    const key = `${kind} ${oldPart} ${id}`;
    let mapped = this.ids.get(key);
    if (mapped === undefined) {
      if (kind === 'bookmark') mapped = String(this.nextBookmark++);
      else if (kind === 'permission') mapped = String(this.nextPermission++);
      else mapped = this.commentId(id);
      this.ids.set(key, mapped);
    }
    return mapped;
  }

  /** The output id of an old comment: the new version's for the same comment, or a copy's. */
  private commentId(oldId: string): string {
    const identity = this.oldComments.get(oldId);
    const existing = identity === undefined ? undefined : this.newComments.get(identity);
    if (existing !== undefined) return existing;
    const comment = this.oldCommentsXml && childElements(this.oldCommentsXml.root, 'w:comment').find((c) => c.attrs['w:id'] === oldId);
    if (!comment || this.oldCommentsXml === undefined || this.oldCommentsPart === undefined) return oldId;
    // Paragraph ids tie a comment to commentsExtended.xml, which is not copied.
    const source = sourceOf(this.oldCommentsXml, comment).replace(/\s(?:w14:paraId|w14:textId)="[^"]*"/g, '');
    return String(this.collector.adopt(this.resources.remap(source, this.oldCommentsPart, this.commentsPart)));
  }
}

/** The largest ids the new version's parts use, by kind: new ids go past them. */
export interface IdCeilings {
  readonly bookmark: number;
  readonly permission: number;
  /** Revisions (insertions, deletions, property changes, move ranges). */
  readonly revision: number;
  /** The content control ids (`w:sdtPr/w:id`) in use. */
  readonly controlIds: ReadonlySet<string>;
}

const REVISION_ELEMENTS = new Set([
  'ins',
  'del',
  'moveFrom',
  'moveTo',
  'rPrChange',
  'pPrChange',
  'sectPrChange',
  'tblPrChange',
  'tblPrExChange',
  'trPrChange',
  'tcPrChange',
  'tblGridChange',
  'cellIns',
  'cellDel',
  'cellMerge',
  'numberingChange',
  'moveFromRangeStart',
  'moveToRangeStart',
  'customXmlInsRangeStart',
  'customXmlDelRangeStart',
  'customXmlMoveFromRangeStart',
  'customXmlMoveToRangeStart',
]);

export function idCeilings(source: DocxSource): IdCeilings {
  let bookmark = 0;
  let permission = 0;
  let revision = 0;
  const controlIds = new Set<string>();
  const decoder = new TextDecoder();
  for (const [part, bytes] of source.parts) {
    if (!part.endsWith('.xml')) continue;
    for (const match of decoder.decode(bytes).matchAll(/<w:(\w+)\b[^>]*?\sw:(id|val)="(-?\d+)"/g)) {
      const name = match[1] as string;
      if (match[2] === 'val') {
        if (name === 'id') controlIds.add(match[3] as string);
        continue;
      }
      const id = Number(match[3]);
      if (name === 'bookmarkStart') bookmark = Math.max(bookmark, id);
      else if (name === 'permStart') permission = Math.max(permission, id);
      else if (REVISION_ELEMENTS.has(name)) revision = Math.max(revision, id);
    }
  }
  return { bookmark, permission, revision, controlIds };
}
