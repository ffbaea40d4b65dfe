/**
 * The application API: the one door to the engine for the command line, the release runner and
 * the public library entry (`src/index.ts`, which chooses what of this is public).
 */
export { compare, type CompareOptions, type Comparison } from './compare.js';
export { apply, type ApplyOptions, type Application, type ConflictPolicy } from './apply.js';
export { convert, type ConvertOptions, type Conversion } from './convert.js';
export { verify, type VerifyOptions, type Verification, type ViewCheck } from './verify.js';
export { readDocument } from './read-document.js';
export { toDocx, toHtml, toJson, toMarkdown, toPdf, toText, type DocxOptions, type HtmlOptions, type JsonOptions, type PdfOptions } from './exporters.js';
export type { DocumentBytes, DocumentInput } from './inputs.js';
export type { HtmlOutputOptions, OutputKind, OutputKinds, PdfOutputOptions, RenderedOutputs } from './outputs.js';
export type { SourceInput } from './sources.js';
export { programFingerprint, version } from './version.js';

export { hasIssues, type AttributionReport, type Conflict, type SourceEditIssue, type SourceSummary, type UnattributedChange } from '../attribution/report.js';
export type { SourceForm } from '../attribution/source-versions.js';
export { parseSourcesFile, SOURCE_ID } from '../attribution/sources-file.js';
export type { Diagnostic, DiagnosticLocation, Result, Severity } from '../diagnostics/diagnostic.js';
export { InputError, OptionError, UsageError } from '../diagnostics/errors.js';
export type { DiffSettings } from '../diff/options.js';
export { countChanges, isRenumberOnly, isUnattributed, summariseChanges, type Change, type ChangeCounts, type ChangeKind, type ChangeLocation, type ChangeScope, type ChangeSummary, type StoryName } from '../model/change-set.js';
export type { Atom, AtomKind, Block, BlockContainer, Document, DocxSource, Inline, InlineWrapper, Marker, Note, NoteKind, Numbering, OpaqueBlock, Paragraph, ParagraphLayout, RevisionView, RunFormat, SourceFormat, Story, StoryKind, Table, TableCell, TableRow, TextRun } from '../model/document.js';
export type { MarkStatus, PieceStatus, Redline, RedlineBlock, RedlineCell, RedlineNote, RedlineOpaque, RedlineParagraph, RedlinePiece, RedlineRow, RedlineStory, RedlineTable, RowStatus, Side } from '../model/redline.js';
export type { SourceInfo, SourceKind } from '../model/source.js';
