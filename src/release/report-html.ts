/**
 * The release page (`index.html`): a static page, no server and no script, with the release
 * summary, the sources and what they implemented, the document × source matrix with links to
 * every output, the document log and the verification issues.
 */
import { type SourceStyle, SourceStyles } from '../exporters/source-styles.js';
import type { IssueRow, ReleaseReport, SourceRow } from './release-report.js';
import { linkTo, outputLabel, summaryLine } from './report-text.js';

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const cell = (text: string, className?: string): string => `<td${className ? ` class="${className}"` : ''}>${escapeHtml(text)}</td>`;
const head = (titles: readonly string[]): string => `<thead><tr>${titles.map((t) => `<th scope="col">${escapeHtml(t)}</th>`).join('')}</tr></thead>`;

const STYLE = `
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2329; margin: 0; background: #f6f7f9; }
header { background: #17324d; color: #fff; padding: 20px 32px; }
header h1 { margin: 0 0 4px; font-size: 24px; }
header p { margin: 0; opacity: .85; }
main { padding: 8px 32px 40px; max-width: 1400px; }
section { background: #fff; border: 1px solid #dde1e6; border-radius: 6px; padding: 4px 20px 16px; margin-top: 20px; overflow-x: auto; }
h2 { font-size: 18px; margin: 16px 0 10px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { border-bottom: 1px solid #e4e7eb; padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: #f0f2f5; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.zero { color: #a0a7b0; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; white-space: nowrap; }
.ok, .implemented { background: #dff3e4; color: #1b6b33; }
.issues, .partially-implemented, .mismatch, .unattributed, .not-applied, .differs, .conflict { background: #fff0d6; color: #8a5300; }
.failed, .not-found, .not-verified { background: #fde2e1; color: #a1231b; }
.not-run { background: #eceff2; color: #56606b; }
a { color: #1f5fa8; }
.outputs { min-width: 16em; }
.outputs a { display: inline-block; margin-right: 10px; white-space: nowrap; }
.summary { font-size: 16px; margin: 12px 0 4px; }
.swatch { display: inline-block; width: 10px; height: 10px; margin-right: 4px; }
.bar { display: inline-block; width: 0; height: 13px; margin-right: 6px; vertical-align: -2px; border-left: 2px solid; }
.bar.dashed { border-left-style: dashed; }
.bar.dotted { border-left-style: dotted; }
.bar.dash-dot { border-left-style: none; width: 2px; background: repeating-linear-gradient(currentColor 0 4px, transparent 4px 6px, currentColor 6px 8px, transparent 8px 10px); }
`;

export function reportToHtml(report: ReleaseReport): string {
  const title = `${report.release.title} (${report.release.id})`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(report.release.title)}</h1><p>Release ${escapeHtml(report.release.id)} · effective ${escapeHtml(report.release.effectiveDate)}${report.shard ? ` · shard ${report.shard.index} of ${report.shard.count}` : ''}</p></header>
<main>
<p class="summary">${escapeHtml(summaryLine(report))}</p>
${modifications(report)}
${documents(report)}
${log(report)}
${issues(report.issues)}
</main>
</body>
</html>
`;
}

const badge = (text: string): string => `<span class="badge ${text.replace(/[^a-z]+/gi, '-').toLowerCase()}">${escapeHtml(text)}</span>`;
const count = (n: number): string => cell(String(n), n === 0 ? 'num zero' : 'num');

/** A source's colour and change-bar pattern, as every marked-up PDF of the release draws them. */
const key = (style: SourceStyle): string => `<span class="swatch" style="background:#${style.colour}"></span><span class="bar ${style.pattern}" style="color:#${style.colour}"></span>`;

function modifications(report: ReleaseReport): string {
  const styles = new SourceStyles(report.sources.map((s) => s.id));
  const row = (m: SourceRow): string =>
    `<tr><td>${key(styles.styleOf(m.id))}${escapeHtml(m.id)}</td>${cell(m.title)}${cell(m.kind)}${cell(m.approval ?? '')}<td>${badge(m.status)}</td>${cell(m.documents.join(', ') || '—')}${count(m.changes)}${count(m.notApplied)}${count(m.differs)}</tr>`;
  return `<section id="modifications"><h2>Modifications implemented</h2>
<p>Each source has one colour and change-bar pattern in every marked-up PDF of the release, shown beside its id.</p>
<table>${head(['Source', 'Title', 'Kind', 'Approval', 'Status', 'Documents changed', 'Changes', 'Not applied', 'Differs'])}<tbody>
${report.modifications.map(row).join('\n')}
</tbody></table></section>`;
}

function documents(report: ReleaseReport): string {
  const ids = report.sources.map((s) => s.id);
  const rows = report.documents.map((d) => {
    const status = `${badge(d.status)}${d.conformed ? ' <small>conformed</small>' : ''}${d.error ? `<br><small>${escapeHtml(d.error)}</small>` : ''}`;
    const check = d.status === 'not run' || d.status === 'failed' ? '' : d.mismatch.length > 0 ? `${badge('mismatch')} ${escapeHtml(d.mismatch.join(', '))}` : badge('ok');
    const links = d.outputs.map((o) => `<a href="${escapeHtml(linkTo(o.file))}">${escapeHtml(outputLabel(o.kind))}</a>`).join('');
    return `<tr>${cell(d.id)}${cell(d.title)}<td>${status}</td>${ids.map((id) => count(d.bySource[id] ?? 0)).join('')}${count(d.unattributed)}${count(d.renumbered)}<td>${check}</td><td class="outputs">${links}</td></tr>`;
  });
  return `<section id="documents"><h2>Documents affected</h2>
<table>${head(['Document', 'Title', 'Status', ...ids, 'Unattributed', 'Renumbered', 'Declared vs found', 'Outputs'])}<tbody>
${rows.join('\n')}
</tbody></table></section>`;
}

function log(report: ReleaseReport): string {
  const rows = report.log.map((l) => `<tr>${cell(l.document)}${cell(l.title)}${cell(l.previousVersion)}${cell(l.newVersion)}${cell(l.effectiveDate)}</tr>`);
  return `<section id="document-log"><h2>Document log</h2>
<table>${head(['Document', 'Title', 'Previous version', 'New version', 'Effective date'])}<tbody>
${rows.join('\n')}
</tbody></table><p><a href="document-log.csv">document-log.csv</a> · <a href="report.json">report.json</a> · <a href="report.md">report.md</a></p></section>`;
}

function issues(list: readonly IssueRow[]): string {
  if (list.length === 0) return '<section id="issues"><h2>Verification issues</h2><p>None: every change is attributed and every source edit applied.</p></section>';
  const rows = list.map((i) => `<tr>${cell(i.document)}<td>${badge(i.type)}</td>${cell(i.sources.join(', '))}${cell(i.label ?? '')}${cell(i.expected ?? '')}${cell(i.actual ?? '')}</tr>`);
  return `<section id="issues"><h2>Verification issues</h2>
<table>${head(['Document', 'Issue', 'Source', 'Clause', 'Expected', 'Actual'])}<tbody>
${rows.join('\n')}
</tbody></table></section>`;
}
