/**
 * Release runs: the door the command line and the public library entry use. The runner reads
 * and writes files (the manifest's documents, the output folder), so it takes paths; each
 * document itself goes through the application API.
 */

export type { DocumentOutput, DocumentResult } from './document-job.js';
export type { DocumentSourceRef, ReleaseDocument, ReleaseInfo, ReleaseManifest, ReleaseOutput, ReleaseSource, VersionRef } from './manifest.js';
export { type MergedReports, mergeReleaseReports } from './merge-reports.js';
export type { PlannedDocument, ProgressSink } from './progress.js';
export type { DocumentRow, IssueRow, LogRow, ReleaseReport, SourceRow, SourceStatus } from './release-report.js';
export { type ReleaseRunOptions, type ReleaseRunResult, readManifest, runRelease, type Shard } from './run-release.js';
