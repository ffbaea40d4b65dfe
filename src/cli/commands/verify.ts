/** `redline verify OUT.docx OLD NEW`: Reject All must give OLD and Accept All NEW. */
import { parseArgs } from 'node:util';
import { UsageError } from '../../diagnostics/errors.js';
import { verifyRedline, type ViewCheck } from '../../pipeline/verify.js';
import type { CommandIo } from '../io.js';
import { readInput } from '../../io/read-input.js';

export const VERIFY_HELP = `Usage: redline verify REDLINE.docx OLD NEW [--ignore-empty-lines] [--headers]

Reads the redline's Reject All and Accept All views and checks that they give the text of OLD
and NEW (paragraphs, tables, footnotes and endnotes; headers and footers with --headers), and
that it holds nothing LibreOffice reads differently from Word (a moved paragraph mark without
moved text). Exit 0 when all holds, 1 when not.`;

export async function verifyCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { 'ignore-empty-lines': { type: 'boolean' }, headers: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.out(VERIFY_HELP);
    return 0;
  }
  if (positionals.length !== 3) throw new UsageError('verify needs REDLINE.docx OLD NEW (see redline verify --help)');
  const [redline, old, neu] = positionals as [string, string, string];
  const load = async (name: string): Promise<{ bytes: Uint8Array; name: string }> => ({ bytes: await readInput(name), name });
  const result = await verifyRedline(await load(redline), await load(old), await load(neu), { ignoreEmptyLines: values['ignore-empty-lines'] ?? false, headers: values.headers ?? false });
  io.out(`${result.ok ? 'PASS' : 'FAIL'} ${redline}`);
  io.out(describe('reject-all == OLD', result.reject));
  io.out(describe('accept-all == NEW', result.accept));
  for (const problem of result.libreOffice) io.out(`  FAIL read differently by LibreOffice: ${problem}`);
  return result.ok ? 0 : 1;
}

function describe(label: string, check: ViewCheck): string {
  if (check.ok) return `  PASS ${label} (${check.expectedLines} lines)`;
  return `  FAIL ${label}: line ${check.line}: expected ${JSON.stringify(check.expected)}, got ${JSON.stringify(check.actual)}`;
}
