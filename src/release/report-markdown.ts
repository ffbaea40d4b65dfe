/** The release report as Markdown (`report.md`): the same tables as the HTML page. */
import type { ReleaseReport } from './release-report.js';
import { linkTo, outputLabel, summaryLine } from './report-text.js';

export function reportToMarkdown(report: ReleaseReport): string {
  const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const table = (header: readonly string[], rows: readonly (readonly string[])[]): string =>
    [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
  const ids = report.sources.map((s) => s.id);
  const lines = [
    `# ${report.release.title}`,
    '',
    `Release ${report.release.id}, effective ${report.release.effectiveDate}.${report.shard ? ` Shard ${report.shard.index} of ${report.shard.count}.` : ''}`,
    '',
    summaryLine(report),
    '',
    '## Modifications implemented',
    '',
    table(
      ['Source', 'Title', 'Kind', 'Approval', 'Status', 'Documents changed', 'Changes', 'Not applied', 'Differs'],
      report.modifications.map((m) => [m.id, m.title, m.kind, m.approval ?? '', m.status, m.documents.join(', ') || '—', String(m.changes), String(m.notApplied), String(m.differs)]),
    ),
    '',
    '## Documents affected',
    '',
    table(
      ['Document', 'Title', 'Status', ...ids, 'Unattributed', 'Renumbered', 'Declared vs found', 'Outputs'],
      report.documents.map((d) => [
        d.id,
        d.title,
        d.status + (d.conformed ? ' (conformed)' : '') + (d.error ? `: ${d.error}` : ''),
        ...ids.map((id) => String(d.bySource[id] ?? 0)),
        String(d.unattributed),
        String(d.renumbered),
        d.mismatch.length > 0 ? `⚠ mismatch: ${d.mismatch.join(', ')}` : d.status === 'not run' || d.status === 'failed' ? '' : 'match',
        d.outputs.map((o) => `[${outputLabel(o.kind)}](${linkTo(o.file)})`).join(' · '),
      ]),
    ),
    '',
    '## Document log',
    '',
    table(['Document', 'Title', 'Previous version', 'New version', 'Effective date'], report.log.map((l) => [l.document, l.title, l.previousVersion, l.newVersion, l.effectiveDate])),
    '',
    '## Verification issues',
    '',
    report.issues.length === 0
      ? 'None: every change is attributed and every source edit applied.'
      : table(['Document', 'Issue', 'Source', 'Clause', 'Expected', 'Actual'], report.issues.map((i) => [i.document, i.type, i.sources.join(', '), i.label ?? '', i.expected ?? '', i.actual ?? ''])),
    '',
  ];
  return lines.join('\n');
}
