/**
 * The application API: the one door to the engine for the command line, the release runner and
 * the public library entry (`src/index.ts`, which chooses what of this is public).
 */

export { type AttributionReport, type Conflict, hasIssues, type SourceEditIssue, type SourceSummary, type UnattributedChange } from '../attribution/report.js';
export type { SourceForm } from '../attribution/source-versions.js';
export { parseSourcesFile, SOURCE_ID } from '../attribution/sources-file.js';
export type { Diagnostic, DiagnosticLocation, Result, Severity } from '../diagnostics/diagnostic.js';
export { InputError, OptionError, UsageError } from '../diagnostics/errors.js';
export type { DiffSettings } from '../diff/options.js';
export {
  type Change,
  type ChangeCounts,
  type ChangeKind,
  type ChangeLocation,
  type ChangeScope,
  type ChangeSummary,
  countChanges,
  isRenumberOnly,
  isUnattributed,
  type StoryName,
  summariseChanges,
} from '../model/change-set.js';
export type {
  Atom,
  AtomKind,
  Block,
  BlockContainer,
  Document,
  DocxSource,
  Inline,
  InlineWrapper,
  Marker,
  Note,
  NoteKind,
  Numbering,
  OpaqueBlock,
  Paragraph,
  ParagraphLayout,
  RevisionView,
  RunFormat,
  SourceFormat,
  Story,
  StoryKind,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from '../model/document.js';
export type {
  MarkStatus,
  PieceStatus,
  Redline,
  RedlineBlock,
  RedlineCell,
  RedlineNote,
  RedlineOpaque,
  RedlineParagraph,
  RedlinePiece,
  RedlineRow,
  RedlineStory,
  RedlineTable,
  RowStatus,
  Side,
} from '../model/redline.js';
export type { SourceInfo, SourceKind } from '../model/source.js';
export { type Application, type ApplyOptions, apply, type ConflictPolicy } from './apply.js';
export { type CompareOptions, type Comparison, compare } from './compare.js';
export { type Conversion, type ConvertOptions, convert } from './convert.js';
export { type DocxOptions, type HtmlOptions, type JsonOptions, type PdfOptions, toDocx, toHtml, toJson, toMarkdown, toPdf, toText } from './exporters.js';
export type { DocumentBytes, DocumentInput } from './inputs.js';
export type { HtmlOutputOptions, OutputKind, OutputKinds, PdfOutputOptions, RenderedOutputs } from './outputs.js';
export { readDocument } from './read-document.js';
export type { SourceInput } from './sources.js';
export { type Verification, type VerifyOptions, type ViewCheck, verify } from './verify.js';
export { programFingerprint, version } from './version.js';
