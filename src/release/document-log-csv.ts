/** The document log as CSV (RFC 4180): the version of each document now in force. */
import type { ReleaseReport } from './release-report.js';

export function documentLogToCsv(report: ReleaseReport): string {
  // A leading = + - @ would make a spreadsheet read the field as a formula.
  const field = (raw: string): string => {
    const value = /^[=+\-@]/.test(raw) ? `'${raw}` : raw;
    return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  };
  const rows = [
    ['document', 'title', 'previous_version', 'new_version', 'effective_date', 'release'],
    ...report.log.map((l) => [l.document, l.title, l.previousVersion, l.newVersion, l.effectiveDate, report.release.id]),
  ];
  return `${rows.map((row) => row.map(field).join(',')).join('\r\n')}\r\n`;
}
