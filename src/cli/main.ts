#!/usr/bin/env node
/**
 * The `redline` command line. Exit codes: 0 done, 1 internal error, 2 bad input or usage
 * (one line on stderr naming the file and the reason); 3, 4 and 5 as each command's help says.
 */
import { UsageError } from '../diagnostics/errors.js';
import { classifyError } from '../diagnostics/exit-codes.js';
import { APPLY_HELP, applyCommand } from './commands/apply.js';
import { COMPARE_HELP, compareCommand } from './commands/compare.js';
import { CONVERT_HELP, convertCommand } from './commands/convert.js';
import { RELEASE_HELP, releaseCommand } from './commands/release.js';
import { VERIFY_HELP, verifyCommand } from './commands/verify.js';
import { processIo, type CommandIo } from './io.js';
import { version } from './version.js';

const HELP = `Usage: redline COMMAND [options]

Commands:
  compare OLD NEW -o OUT …   compare two versions; write a redline (.docx, .pdf), the change set (.json);
                             with --source/--chain, every change attributed to its source
  apply OLD --source … -o NEW.docx   conform the new version from the sources' edits
  convert VERSION -o OUT.pdf a clean version as PDF (or DOCX from text or Markdown)
  release MANIFEST -o DIR    run a whole release: every document's redline, clean versions,
                             the release report and the document log
  verify REDLINE OLD NEW     check that Reject All gives OLD and Accept All gives NEW

Run 'redline COMMAND --help' for a command's options.
Options: -h, --help; -v, --version`;

type Command = (args: readonly string[], io: CommandIo) => Promise<number>;

const COMMANDS: Readonly<Record<string, { run: Command; help: string }>> = {
  compare: { run: compareCommand, help: COMPARE_HELP },
  apply: { run: applyCommand, help: APPLY_HELP },
  convert: { run: convertCommand, help: CONVERT_HELP },
  release: { run: releaseCommand, help: RELEASE_HELP },
  verify: { run: verifyCommand, help: VERIFY_HELP },
};

export async function main(argv: readonly string[], io: CommandIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
      io.out(HELP);
      return name === undefined ? 2 : 0;
    }
    if (name === '-v' || name === '--version') {
      io.out(version());
      return 0;
    }
    const command = COMMANDS[name];
    if (!command) throw new UsageError(`unknown command '${name}' (see redline --help)`);
    return await command.run(rest, io);
  } catch (error) {
    const failure = classifyError(error);
    io.err(`redline: ${failure.message}`);
    if (failure.stack !== undefined && process.env.REDLINE_DEBUG) io.err(failure.stack);
    return failure.exitCode;
  }
}

process.exitCode = await main(process.argv.slice(2));
