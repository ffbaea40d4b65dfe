/** `redline verify OUT.docx OLD NEW`: Reject All must give OLD and Accept All NEW. */
import { type ViewCheck, verify } from '../../api/index.js';
import { UsageError } from '../../diagnostics/errors.js';
import { readInput } from '../../io/read-input.js';
import { parseCommandArguments } from '../arguments.js';
import type { CommandIo } from '../io.js';

export const VERIFY_HELP = `Usage: redline verify REDLINE.docx OLD NEW [--ignore-empty-lines] [--headers]

Reads the redline's Reject All and Accept All views and checks that they give the text of OLD
and NEW (paragraphs, tables, footnotes and endnotes; headers and footers with --headers), and
that it holds nothing LibreOffice reads differently from Word (a moved paragraph mark without
moved text). Exit 0 when all holds, 1 when not.`;

const OPTIONS = { 'ignore-empty-lines': { type: 'boolean' }, headers: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

export async function verifyCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArguments('verify', args, OPTIONS, VERIFY_HELP);
  if (values.help) {
    io.out(VERIFY_HELP);
    return 0;
  }
  if (positionals.length !== 3) throw new UsageError('verify needs REDLINE.docx OLD NEW (see redline verify --help)');
  const [redline, old, neu] = positionals as [string, string, string];
  const load = async (name: string): Promise<{ bytes: Uint8Array; name: string }> => ({ bytes: await readInput(name), name });
  const result = await verify(await load(redline), await load(old), await load(neu), { ignoreEmptyLines: values['ignore-empty-lines'] ?? false, headers: values.headers ?? false });
  const { value } = result;
  io.out(`${value.ok ? 'PASS' : 'FAIL'} ${redline}`);
  io.out(describe('reject-all == OLD', value.reject));
  io.out(describe('accept-all == NEW', value.accept));
  for (const problem of value.libreOffice) io.out(`  FAIL read differently by LibreOffice: ${problem}`);
  return value.ok ? 0 : 1;
}

function describe(label: string, check: ViewCheck): string {
  if (check.ok) return `  PASS ${label} (${check.expectedLines} lines)`;
  return `  FAIL ${label}: line ${check.line}: expected ${JSON.stringify(check.expected)}, got ${JSON.stringify(check.actual)}`;
}
