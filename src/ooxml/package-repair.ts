/**
 * Repair or refuse: turns the entries of a zip into a whole OPC package, or refuses it.
 *
 * A word processor refuses a package whose relationships or content types are broken, so a
 * damaged input must never reach an output as it is. For each fault, either the package can be
 * read faithfully — then it is repaired and a diagnostic says how — or it cannot, and an
 * {@link InputError} names the file and the fault (exit 2). After repair:
 *
 * - the root has a relationship to the main part, and every part is reached from the root;
 * - every part has a content type, and parts of known kinds the one their kind requires;
 * - every relationship has a unique id and a target inside the package, except external
 *   hyperlinks (an attached template, a linked picture or a mail-merge source outside the package
 *   is dropped, with the XML that referred to it);
 * - every XML part is UTF-8, parsed (no DOCTYPE, well-formed), and every relationship id its XML
 *   names exists;
 * - the main part has a styles part (Word's defaults when the document's is lost).
 *
 * The same code checks what we write ({@link PackageMode} `strict`): there, anything it would
 * repair is a fault of the writer.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { InputError, PartError } from '../diagnostics/errors.js';
import { quote } from '../util/quote.js';
import { CONTENT_TYPES_NS, CONTENT_TYPES_PART, ContentTypes } from './content-types.js';
import { defaultStylesXml, type StyleType, styleIdsIn } from './default-styles.js';
import { foldCase, folderOf, relationshipsPartName, relativeTarget, resolveTarget, sourceOfRelationshipsPart } from './part-names.js';
import {
  CONTENT_TYPE_OF_EXTENSION,
  CONTENT_TYPE_OF_KIND,
  EXTERNAL_KINDS,
  extensionOf,
  isXmlPart,
  MACRO_KINDS,
  MAIN_CONTENT_TYPE,
  MAIN_PART_KINDS_BY_TYPE,
  OTHER_MAIN_CONTENT_TYPES,
  RELATIONSHIPS_CONTENT_TYPE,
  ROOT_KINDS_BY_TYPE,
  relationshipKind,
  USUAL_NAMES,
} from './part-types.js';
import { applyEdits, type Edit, findReferences, localName, mayHaveDanglingReference, REFERENCE_REPAIRS, type Reference, referencePrefixes, repairEdit } from './references.js';
import { escapeXml, isInNamespace, parseXml, type XmlDocument } from './xml.js';
import { scanXml } from './xml-check.js';
import { decodeXml } from './xml-encoding.js';
import type { ZipEntryData } from './zip-reader.js';

/** `repair`: reading an input; `strict`: checking a package we wrote (nothing may need repair). */
export type PackageMode = 'repair' | 'strict';

export interface Relationship {
  readonly id: string;
  readonly type: string;
  /** The part name of an internal target; the URI of an external one. */
  readonly target: string;
  readonly external: boolean;
}

export interface RepairedPackage {
  /** Parts in the zip's order, parts added by the repair last. */
  readonly parts: Map<string, Uint8Array>;
  readonly mainPart: string;
  /** Relationships by source part (`''` for the package). */
  readonly relationships: Map<string, Relationship[]>;
  /** Parsed XML of parts, as they are in {@link parts}. */
  readonly parsed: Map<string, XmlDocument>;
  readonly diagnostics: Diagnostic[];
}

const ROOT_RELS = '_rels/.rels';
const RELATIONSHIPS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export function repairPackage(entries: readonly ZipEntryData[], fileName: string, mode: PackageMode = 'repair'): RepairedPackage {
  return new PackageRepair(entries, fileName, mode).run();
}

/** Why a relationship was dropped, for the XML that refers to it. */
interface DroppedRelationship {
  readonly kind: string;
  /** `points to a missing part`, `points outside the package`… */
  readonly why: string;
  readonly target: string;
}

class PackageRepair {
  private readonly parts = new Map<string, Uint8Array>();
  private readonly byFolded = new Map<string, string>();
  /** UTF-8 text of XML parts read so far (rewritten when repaired). */
  private readonly texts = new Map<string, string>();
  private readonly parsed = new Map<string, XmlDocument>();
  private readonly rels = new Map<string, Relationship[]>();
  private readonly changedRels = new Set<string>();
  private readonly dropped = new Map<string, Map<string, DroppedRelationship>>();
  private readonly diagnostics: Diagnostic[] = [];
  private contentTypes = new ContentTypes();
  /** The package had no content types part (reported once, not for every part). */
  private contentTypesLost = false;
  private contentTypesChanged = false;
  private readonly kindOf = new Map<string, string>();

  constructor(
    entries: readonly ZipEntryData[],
    private readonly fileName: string,
    private readonly mode: PackageMode,
  ) {
    for (const entry of entries) {
      this.parts.set(entry.name, entry.data);
      this.byFolded.set(foldCase(entry.name), entry.name);
    }
  }

  run(): RepairedPackage {
    this.readContentTypes();
    this.readAllRelationships();
    const rootRelsLost = !this.rels.has('');
    const mainPart = this.findMainPart();
    if (!this.rels.has(mainPart)) this.rebuildRelationships(mainPart, MAIN_PART_KINDS_BY_TYPE);
    if (rootRelsLost) this.rebuildRelationships('', ROOT_KINDS_BY_TYPE);
    this.dropUnreachable();
    this.typeEveryPart(mainPart);
    this.parseEveryXmlPart();
    this.repairReferences();
    this.requireReferencedNotes(mainPart);
    this.ensureStyles(mainPart);
    this.writeRelationships();
    this.writeContentTypes();
    return { parts: this.parts, mainPart, relationships: this.rels, parsed: this.parsed, diagnostics: this.diagnostics };
  }

  // --- reporting -------------------------------------------------------------------------------

  private refuse(reason: string): never {
    throw new InputError(this.fileName, reason);
  }

  /** A repair made (or, in strict mode, a fault of what we wrote): one the output may show. */
  private warn(code: string, message: string): void {
    this.report('warning', code, message);
  }

  /** A repair made that changes nothing the reader sees (or, in strict mode, a fault of what we wrote). */
  private info(code: string, message: string): void {
    this.report('info', code, message);
  }

  private report(severity: Diagnostic['severity'], code: string, message: string): void {
    if (this.mode === 'strict') this.refuse(message);
    this.diagnostics.push({ severity, code, message, file: this.fileName, count: 1 });
  }

  // --- parts -----------------------------------------------------------------------------------

  private actualName(part: string): string | undefined {
    return this.parts.has(part) ? part : this.byFolded.get(foldCase(part));
  }

  private removePart(part: string): void {
    this.parts.delete(part);
    this.byFolded.delete(foldCase(part));
    this.texts.delete(part);
    this.parsed.delete(part);
  }

  private addPart(part: string, text: string): void {
    this.parts.set(part, new TextEncoder().encode(text));
    this.byFolded.set(foldCase(part), part);
    this.texts.set(part, text);
    this.parsed.delete(part);
  }

  /** The UTF-8 text of an XML part, decoded once (re-encoded when it was not UTF-8). */
  private text(part: string): string {
    const known = this.texts.get(part);
    if (known !== undefined) return known;
    const decoded = this.guard(() => decodeXml(this.parts.get(part) as Uint8Array, part));
    if (decoded.reencodedFrom !== undefined) this.info('package/part-re-encoded', `${quote(part)}: ${decoded.reencodedFrom} re-encoded as UTF-8`);
    if (decoded.replacedInvalid) this.warn('package/invalid-characters-replaced', `${quote(part)}: bytes that are not valid text were replaced by U+FFFD`);
    if (decoded.reencodedFrom !== undefined || decoded.replacedInvalid) this.parts.set(part, new TextEncoder().encode(decoded.text));
    this.texts.set(part, decoded.text);
    return decoded.text;
  }

  private xml(part: string): XmlDocument {
    const known = this.parsed.get(part);
    if (known) return known;
    const text = this.text(part);
    const doc = this.guard(() => parseXml(text, part));
    this.parsed.set(part, doc);
    return doc;
  }

  /** Runs a reader of one part, refusing the file with the part's error. */
  private guard<T>(read: () => T): T {
    try {
      return read();
    } catch (error) {
      if (error instanceof PartError) this.refuse(`${quote(error.part)}: ${error.message.slice(error.part.length + 2)}`);
      throw error;
    }
  }

  // --- content types ---------------------------------------------------------------------------

  private readContentTypes(): void {
    const part = this.actualName(CONTENT_TYPES_PART);
    if (part === undefined) {
      this.warn('package/content-types-missing', `${quote(CONTENT_TYPES_PART)} is missing; content types taken from the relationships and file extensions`);
      this.contentTypesLost = true;
      this.contentTypesChanged = true;
      return;
    }
    const root = this.xml(part).root;
    if (localName(root.name) !== 'Types') this.refuse(`${quote(part)}: not a content types part (root element ${quote(root.name)})`);
    this.contentTypes = ContentTypes.read(root);
    if (!isInNamespace(root, CONTENT_TYPES_NS)) {
      this.info('package/part-namespace-repaired', `${quote(part)} is not in the content types namespace; written anew from the content types it declares`);
      this.contentTypesChanged = true;
    }
  }

  private declaredType(part: string): string | undefined {
    return this.contentTypes.typeOf(part);
  }

  private setType(part: string, type: string): void {
    this.contentTypes.setOverride(part, type);
    this.contentTypesChanged = true;
  }

  // --- relationships ---------------------------------------------------------------------------

  private readAllRelationships(): void {
    for (const part of [...this.parts.keys()]) {
      const source = sourceOfRelationshipsPart(part);
      if (source === undefined) continue;
      // A relationships part of a part that is not there is unreachable; it goes with the others.
      if (source !== '' && this.actualName(source) === undefined) continue;
      this.rels.set(source === '' ? '' : (this.actualName(source) as string), this.readRelationships(part, source));
    }
  }

  private readRelationships(relsPart: string, source: string): Relationship[] {
    const root = this.xml(relsPart).root;
    if (localName(root.name) !== 'Relationships') this.refuse(`${quote(relsPart)}: not a relationships part (root element ${quote(root.name)})`);
    const base = folderOf(source);
    const kept: Relationship[] = [];
    const ids = new Set<string>();
    let changed = false;
    /** Records a relationship as dropped; returns what to say about it. */
    const drop = (id: string, kind: string, target: string, why: string): string => {
      if (!this.dropped.has(source)) this.dropped.set(source, new Map());
      (this.dropped.get(source) as Map<string, DroppedRelationship>).set(id, { kind, why, target });
      changed = true;
      return `${quote(relsPart)}: relationship ${quote(id)} (${quote(kind)}) ${why} (${quote(target)}); dropped`;
    };
    for (const element of root.children) {
      if (typeof element === 'string' || localName(element.name) !== 'Relationship') continue;
      const { Id: id, Type: type, Target: target, TargetMode: targetMode } = element.attrs;
      if (id === undefined || type === undefined || target === undefined || id === '') {
        this.warn('package/relationship-dropped', drop(id ?? '', type === undefined ? '' : relationshipKind(type), target ?? '', 'lacks an id, a type or a target'));
        continue;
      }
      const kind = relationshipKind(type);
      let uniqueId = id;
      if (ids.has(id)) {
        // The first of two relationships with one id is the one references reach (as Word reads
        // it); the second keeps its target under a fresh id.
        for (let n = 1; ids.has(uniqueId); n++) uniqueId = `rIdDuplicate${n}`;
        this.warn('package/duplicate-relationship-id', `${quote(relsPart)}: relationship id ${quote(id)} is used twice; the second (${quote(kind)}) is renamed ${quote(uniqueId)}`);
        changed = true;
      }
      if (targetMode === 'External') {
        if (!EXTERNAL_KINDS.has(kind)) {
          this.warn('package/external-relationship-dropped', drop(id, kind, target, 'points outside the package'));
          continue;
        }
        ids.add(uniqueId);
        kept.push({ id: uniqueId, type, target, external: true });
        continue;
      }
      if (MACRO_KINDS.has(kind)) {
        this.warn('package/macros-dropped', drop(id, kind, target, 'holds macros, which a .docx never carries'));
        continue;
      }
      const resolved = resolveTarget(base, target);
      const raw = resolveTarget(base, target, false);
      const actual = resolved === undefined ? undefined : (this.actualName(resolved) ?? (raw === undefined ? undefined : this.actualName(raw)));
      if (resolved === undefined) {
        this.warn('package/relationship-dropped', drop(id, kind, target, 'points outside the package'));
        continue;
      }
      if (actual === undefined || actual === CONTENT_TYPES_PART || sourceOfRelationshipsPart(actual) !== undefined) {
        this.warn('package/relationship-dropped', drop(id, kind, resolved, 'points to a missing part'));
        continue;
      }
      ids.add(uniqueId);
      kept.push({ id: uniqueId, type, target: actual, external: false });
    }
    if (!isInNamespace(root, RELATIONSHIPS_NS)) {
      this.info('package/part-namespace-repaired', `${quote(relsPart)} is not in the relationships namespace; written anew from the relationships it declares`);
      changed = true;
    }
    if (changed) this.changedRels.add(source);
    return kept;
  }

  private firstOfKind(source: string, kind: string): Relationship | undefined {
    return this.rels.get(source)?.find((r) => !r.external && relationshipKind(r.type) === kind);
  }

  private addRelationship(source: string, kind: string, target: string): void {
    const list = this.rels.get(source) ?? [];
    const ids = new Set(list.map((r) => r.id));
    let n = list.length + 1;
    while (ids.has(`rId${n}`)) n++;
    const namespace = kind === 'core-properties' ? 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/' : 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
    list.push({ id: `rId${n}`, type: `${namespace}${kind}`, target, external: false });
    this.rels.set(source, list);
    this.changedRels.add(source);
  }

  // --- the main part and lost relationships ----------------------------------------------------

  private findMainPart(): string {
    const main = this.firstOfKind('', 'officeDocument');
    if (main) return main.target;
    const byType = [...this.parts.keys()].find((part) => {
      const type = this.declaredType(part);
      return type === MAIN_CONTENT_TYPE || (type !== undefined && OTHER_MAIN_CONTENT_TYPES.has(type));
    });
    const found = byType ?? this.actualName('word/document.xml');
    if (found === undefined) this.refuse('not a Word document (the package has no main document part)');
    const why = this.rels.has('') ? `${quote(ROOT_RELS)} has no relationship to the main part` : `${quote(ROOT_RELS)} is missing`;
    this.warn('package/root-relationships-repaired', `${why}; the main part ${quote(found)} found by its ${byType ? 'content type' : 'usual name'}`);
    this.addRelationship('', 'officeDocument', found);
    return found;
  }

  /**
   * A main part or package root whose relationships part is lost loses the parts it reaches by
   * type alone (styles, numbering, notes, settings; the document properties): they are found
   * again by their content types, or by their usual names.
   */
  private rebuildRelationships(source: string, kinds: readonly string[]): void {
    const folder = folderOf(source);
    const found: string[] = [];
    for (const kind of kinds) {
      if (this.firstOfKind(source, kind)) continue;
      const type = CONTENT_TYPE_OF_KIND[kind];
      const byType = [...this.parts.keys()].find((p) => type !== undefined && this.contentTypes.overrideOf(p) === type);
      const usual = USUAL_NAMES[kind];
      const target = byType ?? (usual === undefined ? undefined : this.actualName(folder === '' ? usual : `${folder}/${usual}`));
      if (target === undefined) continue;
      this.addRelationship(source, kind, target);
      found.push(kind);
    }
    if (found.length > 0)
      this.warn(
        'package/relationships-rebuilt',
        `${quote(relationshipsPartName(source))} is missing; the relationships to ${found.join(', ')} rebuilt from the package's content types and part names`,
      );
  }

  /** Parts no relationship reaches from the root are left out (with their relationships). */
  private dropUnreachable(): void {
    const reached = new Set<string>();
    const queue = [''];
    while (queue.length > 0) {
      const source = queue.pop() as string;
      for (const rel of this.rels.get(source) ?? []) {
        if (rel.external || reached.has(rel.target)) continue;
        reached.add(rel.target);
        if (!this.kindOf.has(rel.target)) this.kindOf.set(rel.target, relationshipKind(rel.type));
        queue.push(rel.target);
      }
    }
    const unreachable: string[] = [];
    for (const part of [...this.parts.keys()]) {
      if (reached.has(part) || part === this.actualName(CONTENT_TYPES_PART)) continue;
      const source = sourceOfRelationshipsPart(part);
      if (source !== undefined && (source === '' || reached.has(this.actualName(source) ?? ''))) continue;
      unreachable.push(part);
      this.removePart(part);
    }
    // A part left out takes its relationships along, even those repaired above (not written back).
    for (const source of [...this.rels.keys()]) {
      if (source === '' || reached.has(source)) continue;
      this.rels.delete(source);
      this.changedRels.delete(source);
    }
    if (unreachable.length > 0) {
      const shown = unreachable
        .slice(0, 3)
        .map((part) => quote(part))
        .join(', ');
      this.info('package/unreachable-parts-dropped', `${unreachable.length} part(s) no relationship reaches left out (${shown}${unreachable.length > 3 ? ', …' : ''})`);
      if (unreachable.some((p) => this.contentTypes.overrideOf(p) !== undefined)) this.contentTypesChanged = true;
    }
  }

  // --- content types of every part -------------------------------------------------------------

  private typeEveryPart(mainPart: string): void {
    for (const part of this.parts.keys()) {
      if (part === this.actualName(CONTENT_TYPES_PART)) continue;
      const declared = this.declaredType(part);
      const isRels = sourceOfRelationshipsPart(part) !== undefined;
      const expected = isRels ? RELATIONSHIPS_CONTENT_TYPE : part === mainPart ? MAIN_CONTENT_TYPE : CONTENT_TYPE_OF_KIND[this.kindOf.get(part) ?? ''];
      if (declared === undefined) {
        const type = expected ?? CONTENT_TYPE_OF_EXTENSION[extensionOf(part)] ?? 'application/octet-stream';
        if (!this.contentTypesLost) this.warn('package/content-type-added', `${quote(part)} has no content type; typed ${quote(type)}`);
        this.setType(part, type);
      } else if (expected !== undefined && declared.toLowerCase() !== expected.toLowerCase()) {
        // A template or macro-enabled main part becomes a document's: what we write is a .docx.
        const isOtherMain = part === mainPart && OTHER_MAIN_CONTENT_TYPES.has(declared);
        const message = `${quote(part)} is typed ${quote(declared)}; typed ${quote(expected)}${isOtherMain ? ' (the output is a .docx)' : ''}`;
        if (isOtherMain) this.info('package/content-type-repaired', message);
        else this.warn('package/content-type-repaired', message);
        this.setType(part, expected);
      }
    }
  }

  // --- XML parts -------------------------------------------------------------------------------

  /**
   * Every XML part is parsed: a DOCTYPE or malformed XML is refused, never copied unparsed. In
   * strict mode (a package we wrote), well-formedness is checked without building trees.
   */
  private parseEveryXmlPart(): void {
    for (const part of this.parts.keys()) {
      if (!isXmlPart(part, this.declaredType(part)) || this.parsed.has(part)) continue;
      if (this.mode === 'strict') this.guard(() => scanXml(this.text(part), part));
      else this.xml(part);
    }
  }

  private isChecked(part: string): boolean {
    return this.parsed.has(part) || (this.mode === 'strict' && isXmlPart(part, this.declaredType(part)));
  }

  /** Every relationship id an XML part names must be one of its relationships: repaired or refused. */
  private repairReferences(): void {
    for (const part of [...this.parts.keys()]) {
      if (part === this.actualName(CONTENT_TYPES_PART) || sourceOfRelationshipsPart(part) !== undefined || !this.isChecked(part)) continue;
      const valid = new Set((this.rels.get(part) ?? []).map((r) => r.id));
      const text = this.text(part);
      const prefixes = referencePrefixes(text);
      if (prefixes.length === 0 || !mayHaveDanglingReference(text, prefixes, valid)) continue;
      if (this.mode === 'strict') {
        const dangling = this.guard(() => scanXml(text, part, prefixes)).find((a) => a.value !== '' && !valid.has(a.value));
        if (dangling) this.refuse(`${quote(part)}: ${quote(dangling.element)} refers to relationship ${quote(dangling.value)}, which does not exist`);
        continue;
      }
      // An empty id (`r:blip=""` in SmartArt layouts) refers to nothing.
      const broken = findReferences(this.xml(part).root, prefixes).filter((r) => r.id !== '' && !valid.has(r.id));
      if (broken.length === 0) continue;
      const edits = broken.map((reference) => this.repairOf(part, reference, text));
      this.texts.set(part, applyEdits(text, edits));
      this.parts.set(part, new TextEncoder().encode(this.texts.get(part) as string));
      this.parsed.delete(part);
      this.xml(part);
    }
  }

  private repairOf(part: string, reference: Reference, text: string): Edit {
    const dropped = this.dropped.get(part)?.get(reference.id);
    const why = dropped ? `${quote(dropped.kind)}, which ${dropped.why}: ${quote(dropped.target)}` : 'which does not exist';
    const repair = REFERENCE_REPAIRS[localName(reference.element.name)];
    const edit = repair && repairEdit(text, reference, repair);
    if (!repair || !edit) this.refuse(`${quote(part)}: ${quote(reference.element.name)} refers to relationship ${quote(reference.id)} (${why}); the document cannot be read without it`);
    this.warn('package/reference-removed', `${quote(part)}: ${quote(reference.element.name)} referred to relationship ${quote(reference.id)} (${why}); ${repair.says}`);
    return edit;
  }

  /**
   * Footnotes, endnotes and comments are reached by type, their references by number: a body
   * that refers to notes whose part is lost cannot be read faithfully.
   */
  private requireReferencedNotes(mainPart: string): void {
    for (const [element, kind] of [
      ['footnoteReference', 'footnotes'],
      ['endnoteReference', 'endnotes'],
      ['commentReference', 'comments'],
    ] as const) {
      if (this.firstOfKind(mainPart, kind)) continue;
      const text = this.text(mainPart);
      if (!text.includes(`:${element} `) && !text.includes(`:${element}/`)) continue;
      const dropped = [...(this.dropped.get(mainPart)?.values() ?? [])].find((d) => d.kind === kind);
      this.refuse(`${quote(mainPart)}: has ${kind} references, but the ${kind} part is lost (${dropped ? `its relationship ${dropped.why}: ${quote(dropped.target)}` : 'no relationship reaches it'})`);
    }
  }

  /** A main part without styles gets Word's defaults, written out (see default-styles). */
  private ensureStyles(mainPart: string): void {
    if (this.mode === 'strict' || this.firstOfKind(mainPart, 'styles')) return;
    const used = new Map<string, StyleType>();
    for (const [part, text] of this.texts) if (part !== CONTENT_TYPES_PART && sourceOfRelationshipsPart(part) === undefined) styleIdsIn(text, used);
    const folder = folderOf(mainPart);
    let name = `${folder === '' ? '' : `${folder}/`}styles.xml`;
    for (let n = 1; this.actualName(name) !== undefined; n++) name = `${folder === '' ? '' : `${folder}/`}styles${n}.xml`;
    this.addPart(name, defaultStylesXml(used));
    this.addRelationship(mainPart, 'styles', name);
    this.setType(name, CONTENT_TYPE_OF_KIND.styles as string);
    const lost = [...(this.dropped.get(mainPart)?.values() ?? [])].find((d) => d.kind === 'styles');
    const reason = lost ? `${quote(lost.target)}: the styles relationship ${lost.why}` : 'the document has no styles part';
    if (lost) this.warn('package/styles-default', `${reason}; styles taken as Word's defaults`);
    else this.info('package/styles-default', `${reason}; styles taken as Word's defaults`);
  }

  // --- writing the repaired package parts ------------------------------------------------------

  private writeRelationships(): void {
    for (const source of this.changedRels) {
      const list = this.rels.get(source) ?? [];
      const relsPart = this.actualName(relationshipsPartName(source)) ?? relationshipsPartName(source);
      const base = folderOf(source);
      const entries = list.map(
        (rel) =>
          `<Relationship Id="${escapeXml(rel.id)}" Type="${escapeXml(rel.type)}" Target="${escapeXml(rel.external ? rel.target : relativeTarget(base, rel.target))}"${rel.external ? ' TargetMode="External"' : ''}/>`,
      );
      this.addPart(relsPart, `${XML_DECLARATION}<Relationships xmlns="${RELATIONSHIPS_NS}">${entries.join('')}</Relationships>`);
      if (this.declaredType(relsPart) !== RELATIONSHIPS_CONTENT_TYPE) this.setType(relsPart, RELATIONSHIPS_CONTENT_TYPE);
    }
  }

  private writeContentTypes(): void {
    if (!this.contentTypesChanged) return;
    const existing = this.actualName(CONTENT_TYPES_PART);
    if (existing !== undefined && existing !== CONTENT_TYPES_PART) this.removePart(existing);
    this.addPart(CONTENT_TYPES_PART, this.contentTypes.serialise(this.parts.keys()));
  }
}
