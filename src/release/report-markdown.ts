/**
 * The release report as Markdown (`report.md`): the same tables as the HTML page. Every text
 * from the manifest or the documents (titles, ids, clause texts) is escaped, so that none of it
 * becomes markup: a title holding `<script>` or `[link](javascript:…)` reads as written, and a
 * control character shows as an escape instead of reaching a terminal.
 */
import { escapeUnsafe } from '../util/quote.js';
import type { ReleaseReport } from './release-report.js';
import { linkTo, outputLabel, summaryLine } from './report-text.js';

/** Text as literal Markdown: raw HTML, emphasis, links, code and table pipes escaped; one line. */
export function escapeMarkdown(text: string): string {
  return escapeUnsafe(text.replace(/\r\n|[\r\n]/g, ' '))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, '\\$&');
}

export function reportToMarkdown(report: ReleaseReport): string {
  const md = escapeMarkdown;
  const table = (header: readonly string[], rows: readonly (readonly string[])[]): string =>
    [`| ${header.map(md).join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
  const ids = report.sources.map((s) => s.id);
  const lines = [
    `# ${md(report.release.title)}`,
    '',
    `Release ${md(report.release.id)}, effective ${md(report.release.effectiveDate)}.${report.shard ? ` Shard ${report.shard.index} of ${report.shard.count}.` : ''}`,
    '',
    md(summaryLine(report)),
    '',
    '## Modifications implemented',
    '',
    table(
      ['Source', 'Title', 'Kind', 'Approval', 'Status', 'Documents changed', 'Changes', 'Not applied', 'Differs'],
      report.modifications.map((m) => [m.id, m.title, m.kind, m.approval ?? '', m.status, m.documents.join(', ') || '—', String(m.changes), String(m.notApplied), String(m.differs)].map(md)),
    ),
    '',
    '## Documents affected',
    '',
    table(
      ['Document', 'Title', 'Status', ...ids, 'Unattributed', 'Renumbered', 'Declared vs found', 'Outputs'],
      report.documents.map((d) => [
        ...[
          d.id,
          d.title,
          d.status + (d.conformed ? ' (conformed)' : '') + (d.error ? `: ${d.error}` : ''),
          ...ids.map((id) => String(d.bySource[id] ?? 0)),
          String(d.unattributed),
          String(d.renumbered),
          d.mismatch.length > 0 ? `⚠ mismatch: ${d.mismatch.join(', ')}` : d.status === 'not run' || d.status === 'failed' ? '' : 'match',
        ].map(md),
        d.outputs.map((o) => `[${md(outputLabel(o.kind))}](${linkTo(o.file)})`).join(' · '),
      ]),
    ),
    '',
    '## Document log',
    '',
    table(
      ['Document', 'Title', 'Previous version', 'New version', 'Effective date'],
      report.log.map((l) => [l.document, l.title, l.previousVersion, l.newVersion, l.effectiveDate].map(md)),
    ),
    '',
    '## Verification issues',
    '',
    report.issues.length === 0
      ? 'None: every change is attributed and every source edit applied.'
      : table(
          ['Document', 'Issue', 'Source', 'Clause', 'Expected', 'Actual'],
          report.issues.map((i) => [i.document, i.type, i.sources.join(', '), i.label ?? '', i.expected ?? '', i.actual ?? ''].map(md)),
        ),
    '',
  ];
  return lines.join('\n');
}
