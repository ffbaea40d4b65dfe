/**
 * The release manifest (YAML or JSON): the release, its sources, its documents and the outputs
 * wanted. Validated with an error naming the file and the field for every mistake; file paths are
 * resolved against the manifest's folder and may not leave it unless given as absolute paths.
 *
 * ```yaml
 * release: { id: R2026.11, title: November 2026 Release, effectiveDate: 2026-11-27 }
 * sources:
 *   - { id: MP093, title: Implementing IRP511, kind: modification, status: approved }
 *   - { id: BEIS, title: BEIS designation, kind: designation }
 * documents:
 *   - id: section-g
 *     title: "Section G: Security"
 *     previous: { version: "26.0", file: documents/section-g-v26.0.docx }
 *     new: { version: "27.0", file: documents/section-g-v27.0.docx }   # no file: conformed with apply
 *     sources: [{ id: MP093, file: sources/mp093-section-g.docx }]
 * outputs: [redline-docx, redline-pdf, html, clean-docx, clean-pdf, json]
 * ```
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { SOURCE_ID, type SourceInfo } from '../api/index.js';
import { InputError } from '../diagnostics/errors.js';
import { isInside } from '../io/paths.js';
import { MAX_INPUT_BYTES } from '../io/read-input.js';
import { hasUnsafeCharacters, quote } from '../util/quote.js';

export const RELEASE_OUTPUTS = ['redline-docx', 'redline-pdf', 'html', 'clean-docx', 'clean-pdf', 'json'] as const;
/** An output a release writes for every document. */
export type ReleaseOutput = (typeof RELEASE_OUTPUTS)[number];

const SOURCE_KINDS = ['modification', 'designation'] as const;

/** The release itself: id, title, effective date. */
export interface ReleaseInfo {
  readonly id: string;
  readonly title: string;
  /** ISO date (YYYY-MM-DD). */
  readonly effectiveDate: string;
}

/** A source of the release (a modification, a designation) and its approval status. */
export interface ReleaseSource extends SourceInfo {
  readonly kind: 'modification' | 'designation';
  readonly status?: string;
}

/** A version of a document in the manifest: its label and, when given, its file (resolved). */
export interface VersionRef {
  readonly version: string;
  /** Absolute path; absent for a new version conformed from the sources. */
  readonly file?: string;
}

/** A source's file for one document. */
export interface DocumentSourceRef {
  readonly id: string;
  readonly file: string;
}

/** A document of the release: its previous and new versions (no new file: conformed from the sources) and its sources' files. */
export interface ReleaseDocument {
  readonly id: string;
  readonly title: string;
  readonly previous: VersionRef & { readonly file: string };
  readonly new: VersionRef;
  readonly sources: readonly DocumentSourceRef[];
  /**
   * A view by source: the redline shows only these sources' changes, the document's other sources
   * taken as made (its old version shown is the previous version with them applied).
   */
  readonly showSources?: readonly string[];
}

/** A release manifest, read and checked: the release, its sources, its documents (paths resolved) and the outputs. */
export interface ReleaseManifest {
  /** The manifest file and its folder (absolute). */
  readonly file: string;
  readonly folder: string;
  readonly release: ReleaseInfo;
  readonly sources: readonly ReleaseSource[];
  readonly documents: readonly ReleaseDocument[];
  readonly outputs: readonly ReleaseOutput[];
}

const DOCUMENT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/**
 * Longest document id and version label: both go into the output file names
 * (`<id>-v<version>-changes.json`, and a temporary name a little longer while it is written),
 * which must stay under the 255 bytes most file systems allow a name.
 */
const MAX_NAME_PART = 100;
/** The release report's own files, which a document's output folder must not shadow. */
const RESERVED = /^(index\.html|report\.md|report\.json|document-log\.csv|report-shard-.*)$/i;

export function parseManifest(text: string, file: string): ReleaseManifest {
  let data: unknown;
  try {
    data = /\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    throw new InputError(file, `not valid ${/\.json$/i.test(file) ? 'JSON' : 'YAML'} (${(error as Error).message.split('\n')[0]})`);
  }
  return new ManifestReader(file).read(data);
}

class ManifestReader {
  readonly folder: string;

  constructor(readonly file: string) {
    this.folder = dirname(resolve(file));
  }

  fail(field: string, message: string): never {
    throw new InputError(this.file, `${field}: ${message}`);
  }

  read(data: unknown): ReleaseManifest {
    const root = this.object(data, 'the manifest');
    this.only(root, 'the manifest', ['release', 'sources', 'documents', 'outputs']);
    const release = this.release(root.release);
    const sources = this.list(root.sources, 'sources').map((item, i) => this.source(item, `sources[${i}]`));
    this.unique(
      sources.map((s) => s.id),
      'sources',
      'id',
    );
    const known = new Set(sources.map((s) => s.id));
    const documents = this.list(root.documents, 'documents').map((item, i) => this.document(item, `documents[${i}]`, known));
    if (documents.length === 0) this.fail('documents', 'the release has no documents');
    this.unique(
      documents.map((d) => d.id),
      'documents',
      'id',
    );
    const outputs = root.outputs === undefined ? [...RELEASE_OUTPUTS] : this.list(root.outputs, 'outputs').map((o, i) => this.output(o, `outputs[${i}]`));
    if (outputs.length === 0) this.fail('outputs', `is empty: list at least one of ${RELEASE_OUTPUTS.join(', ')}`);
    this.unique(outputs, 'outputs', '');
    return { file: resolve(this.file), folder: this.folder, release, sources, documents, outputs };
  }

  release(value: unknown): ReleaseInfo {
    const release = this.object(value, 'release');
    this.only(release, 'release', ['id', 'title', 'effectiveDate']);
    const effectiveDate = release.effectiveDate instanceof Date ? release.effectiveDate.toISOString().slice(0, 10) : this.string(release.effectiveDate, 'release.effectiveDate');
    // Round-tripped, so that 2026-02-30 is refused rather than read as 2 March.
    const parsed = new Date(`${effectiveDate}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(effectiveDate) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== effectiveDate)
      this.fail('release.effectiveDate', `${quote(effectiveDate)} is not a date (YYYY-MM-DD)`);
    return { id: this.string(release.id, 'release.id'), title: this.string(release.title, 'release.title'), effectiveDate };
  }

  source(value: unknown, field: string): ReleaseSource {
    const source = this.object(value, field);
    this.only(source, field, ['id', 'title', 'kind', 'status']);
    const id = this.string(source.id, `${field}.id`);
    if (!SOURCE_ID.test(id)) this.fail(`${field}.id`, `${quote(id)} is not a source id such as MP093 (letters, digits, space . _ -)`);
    const kind = this.string(source.kind, `${field}.kind`);
    if (!(SOURCE_KINDS as readonly string[]).includes(kind)) this.fail(`${field}.kind`, `${quote(kind)} is not ${SOURCE_KINDS.join(' or ')}`);
    return {
      id,
      title: this.string(source.title, `${field}.title`),
      kind: kind as ReleaseSource['kind'],
      ...(source.status !== undefined && { status: this.string(source.status, `${field}.status`) }),
    };
  }

  document(value: unknown, field: string, known: ReadonlySet<string>): ReleaseDocument {
    const document = this.object(value, field);
    this.only(document, field, ['id', 'title', 'previous', 'new', 'sources', 'showSources']);
    const id = this.string(document.id, `${field}.id`);
    if (!DOCUMENT_ID.test(id)) this.fail(`${field}.id`, `${quote(id)} must be letters, digits, . _ - (it names the document's output folder)`);
    if (RESERVED.test(id)) this.fail(`${field}.id`, `${quote(id)} is the name of a release report file`);
    if (id.length > MAX_NAME_PART) this.fail(`${field}.id`, `is ${id.length} characters long; at most ${MAX_NAME_PART}, since it names the document's output folder and files`);
    const previous = this.version(document.previous, `${field}.previous`, true);
    const neu = this.version(document.new, `${field}.new`, false);
    const sources = document.sources === undefined ? [] : this.list(document.sources, `${field}.sources`).map((item, i) => this.documentSource(item, `${field}.sources[${i}]`, known));
    this.unique(
      sources.map((s) => s.id),
      `${field}.sources`,
      'id',
    );
    if (neu.file === undefined && sources.length === 0) this.fail(`${field}.new.file`, 'is needed when the document has no sources to conform it from');
    const shown =
      document.showSources === undefined ? undefined : this.list(document.showSources, `${field}.showSources`).map((item, i) => this.shownSource(item, `${field}.showSources[${i}]`, sources));
    if (shown) this.unique(shown, `${field}.showSources`, '');
    return { id, title: this.string(document.title, `${field}.title`), previous: previous as VersionRef & { file: string }, new: neu, sources, ...(shown && { showSources: shown }) };
  }

  version(value: unknown, field: string, fileRequired: boolean): VersionRef {
    const version = this.object(value, field);
    this.only(version, field, ['version', 'file']);
    // A number would lose its form (15.0 reads as 15, 14.10 as 14.1): versions are labels.
    if (typeof version.version === 'number') this.fail(`${field}.version`, `${String(version.version)} is a number: quote the version label, e.g. "15.0"`);
    const label = this.string(version.version, `${field}.version`);
    if (label.length > MAX_NAME_PART) this.fail(`${field}.version`, `is ${label.length} characters long; at most ${MAX_NAME_PART}, since it is part of the output file names`);
    if (version.file === undefined && !fileRequired) return { version: label };
    return { version: label, file: this.path(version.file, `${field}.file`) };
  }

  /** A source a document's redline shows as changes (the others taken as made): one of the document's sources. */
  shownSource(value: unknown, field: string, sources: readonly DocumentSourceRef[]): string {
    const id = this.string(value, field);
    if (!sources.some((s) => s.id === id)) this.fail(field, `'${id}' is not one of this document's sources (${sources.map((s) => s.id).join(', ') || 'none'})`);
    return id;
  }

  documentSource(value: unknown, field: string, known: ReadonlySet<string>): DocumentSourceRef {
    const source = this.object(value, field);
    this.only(source, field, ['id', 'file']);
    const id = this.string(source.id, `${field}.id`);
    if (!known.has(id)) this.fail(`${field}.id`, `unknown source ${quote(id)} (not in the manifest's sources)`);
    return { id, file: this.path(source.file, `${field}.file`) };
  }

  output(value: unknown, field: string): ReleaseOutput {
    const output = this.string(value, field);
    if (!(RELEASE_OUTPUTS as readonly string[]).includes(output)) this.fail(field, `${quote(output)} is not one of ${RELEASE_OUTPUTS.join(', ')}`);
    return output as ReleaseOutput;
  }

  /**
   * A relative path stays inside the manifest's folder (symbolic links followed); an absolute one
   * is read where it says.
   */
  path(value: unknown, field: string): string {
    const given = this.string(value, field);
    const path = resolve(this.folder, given);
    const outside = (): never => this.fail(field, `${quote(given)} is outside the manifest's folder (give an absolute path to read a file elsewhere)`);
    if (!isAbsolute(given) && !isInside(this.folder, path)) outside();
    if (!existsSync(path)) this.fail(field, `${quote(given)} does not exist`);
    if (!isAbsolute(given) && !isInside(realpathSync(this.folder), realpathSync(path))) outside();
    const info = statSync(path);
    if (!info.isFile()) this.fail(field, `${quote(given)} is not a file`);
    if (info.size > MAX_INPUT_BYTES) this.fail(field, `${quote(given)} is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB`);
    return path;
  }

  object(value: unknown, field: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(field, 'must be a mapping (key: value)');
    return value as Record<string, unknown>;
  }

  list(value: unknown, field: string): unknown[] {
    if (!Array.isArray(value)) this.fail(field, 'must be a list');
    return value;
  }

  /** A non-empty string without control characters (it goes into reports, paths and messages). */
  string(value: unknown, field: string): string {
    if (typeof value !== 'string' || value.trim() === '') this.fail(field, value === undefined ? 'is missing' : 'must be a non-empty string');
    if (hasUnsafeCharacters(value)) this.fail(field, `${quote(value)} holds control or invisible formatting characters`);
    return value;
  }

  only(object: Record<string, unknown>, field: string, keys: readonly string[]): void {
    for (const key of Object.keys(object)) {
      // The unknown key is the file's own text: shown quoted when it is not a plain name.
      const name = /^[\w.-]{1,64}$/.test(key) ? key : quote(key);
      if (!keys.includes(key)) this.fail(`${field === 'the manifest' ? '' : `${field}.`}${name}`, `is not a known field (${keys.join(', ')})`);
    }
  }

  /** Unique, ignoring case: ids name folders, and some file systems ignore case. */
  unique(values: readonly string[], field: string, key: string): void {
    const seen = new Set<string>();
    values.forEach((value, i) => {
      if (seen.has(value.toLowerCase())) this.fail(`${field}[${i}]${key === '' ? '' : `.${key}`}`, `${quote(value)} is given twice`);
      seen.add(value.toLowerCase());
    });
  }
}
