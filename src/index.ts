/**
 * Redline as a library: compare versions of legal text, attribute every change to its source,
 * conform a new version from the sources, verify a redline, and render tracked-change DOCX,
 * marked-up PDF, JSON, text or Markdown; run a whole release from its manifest.
 *
 * Every function takes bytes (a `Uint8Array`; a Node.js `Buffer` is one) or documents already
 * read, never paths, except the release runner, whose job is files; and every one returns
 * `{ value, diagnostics }`. See `docs/api.md` for examples.
 *
 * This file is the package's whole public surface: everything exported is listed here by name
 * (a test checks that the package exports exactly these).
 *
 * @packageDocumentation
 */

// Reading, comparing, applying, verifying, converting.
export { readDocument, compare, apply, verify, convert } from './api/index.js';
export type { DocumentBytes, DocumentInput, SourceInput, CompareOptions, Comparison, ApplyOptions, Application, ConflictPolicy, VerifyOptions, Verification, ViewCheck, ConvertOptions, Conversion, DiffSettings } from './api/index.js';

// Outputs, by kind, and the exporters one at a time.
export { toDocx, toPdf, toHtml, toJson, toText, toMarkdown } from './api/index.js';
export type { OutputKind, OutputKinds, RenderedOutputs, PdfOutputOptions, PdfOptions, HtmlOutputOptions, HtmlOptions, DocxOptions, JsonOptions } from './api/index.js';

// Release runs (these read and write files: the manifest's documents, the output folder).
export { runRelease, mergeReleaseReports } from './release/index.js';
export type { ReleaseRunOptions, ReleaseRunResult, MergedReports, Shard, ProgressSink, PlannedDocument, DocumentResult, DocumentOutput, ReleaseManifest, ReleaseInfo, ReleaseSource, ReleaseDocument, ReleaseOutput, VersionRef, DocumentSourceRef, ReleaseReport, SourceRow, SourceStatus, DocumentRow, LogRow, IssueRow } from './release/index.js';

// Diagnostics and errors.
export { InputError, OptionError, UsageError } from './api/index.js';
export type { Result, Diagnostic, DiagnosticLocation, Severity } from './api/index.js';

// The change set and the attribution report.
export { hasIssues, isUnattributed, parseSourcesFile } from './api/index.js';
export type { Change, ChangeKind, ChangeScope, ChangeLocation, ChangeSummary, StoryName, AttributionReport, SourceSummary, UnattributedChange, SourceEditIssue, Conflict, SourceInfo, SourceKind, SourceForm } from './api/index.js';

// The document model and the redline.
export type { Document, DocxSource, Block, BlockContainer, Paragraph, ParagraphLayout, Numbering, Table, TableRow, TableCell, OpaqueBlock, Inline, InlineWrapper, TextRun, Atom, AtomKind, Marker, RunFormat, Note, NoteKind, Story, StoryKind, RevisionView, SourceFormat } from './api/index.js';
export type { Redline, RedlineBlock, RedlineParagraph, RedlineTable, RedlineRow, RedlineCell, RedlineOpaque, RedlinePiece, RedlineNote, RedlineStory, PieceStatus, MarkStatus, RowStatus, Side } from './api/index.js';

// The program.
export { version } from './api/index.js';
