/** Wording the release report's renderings share. */
import type { ReleaseOutput } from './manifest.js';
import type { ReleaseReport } from './release-report.js';

const LABELS: Readonly<Record<ReleaseOutput, string>> = {
  'redline-docx': 'redline DOCX',
  'redline-pdf': 'redline PDF',
  html: 'redline HTML',
  'clean-docx': 'clean DOCX',
  'clean-pdf': 'clean PDF',
  json: 'changes JSON',
};

export function outputLabel(kind: ReleaseOutput): string {
  return LABELS[kind];
}

export function summaryLine(report: ReleaseReport): string {
  const count = (status: string): number => report.documents.filter((d) => d.status === status).length;
  const changes = report.documents.reduce((n, d) => n + d.changes, 0);
  const renumbered = report.documents.reduce((n, d) => n + d.renumbered, 0);
  const parts = [
    `${report.documents.length} document(s)`,
    `${changes} change(s)${renumbered > 0 ? ` (and ${renumbered} clause(s) only renumbered)` : ''}`,
    `${report.sources.length} source(s)`,
    `${report.issues.length} verification issue(s)`,
  ];
  const failed = count('failed');
  const notRun = count('not run');
  return `${parts.join(', ')}${failed > 0 ? `, ${failed} failed` : ''}${notRun > 0 ? `, ${notRun} not run` : ''}.`;
}

/**
 * A relative link to an output: each path segment percent-encoded (`#`, `?`, spaces and the
 * parentheses that would end a Markdown link included), so no scheme (`javascript:`) survives.
 */
export function linkTo(file: string): string {
  return file
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[()'*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}
