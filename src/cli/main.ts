#!/usr/bin/env node
/**
 * The `redline` command line: a thin layer over the application API (`src/api/`) and the release
 * runner. Exit codes: 0 done, 1 internal error, 2 bad input or usage (one line on stderr naming
 * the file and the reason); 3, 4 and 5 as each command's help says.
 */
import { UsageError, version } from '../api/index.js';
import { classifyError } from '../diagnostics/exit-codes.js';
import { asFlagError, CommandUsageError, nearest } from './arguments.js';
import { APPLY_FLAGS, APPLY_HELP, applyCommand } from './commands/apply.js';
import { COMPARE_FLAGS, COMPARE_HELP, compareCommand } from './commands/compare.js';
import { CONVERT_FLAGS, CONVERT_HELP, convertCommand } from './commands/convert.js';
import { RELEASE_FLAGS, RELEASE_HELP, releaseCommand } from './commands/release.js';
import { VERIFY_HELP, verifyCommand } from './commands/verify.js';
import { type CommandIo, processIo } from './io.js';

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

interface CommandEntry {
  readonly run: Command;
  readonly help: string;
  /** The library's option fields and the flags that set them, for the library's option errors. */
  readonly flags: Readonly<Record<string, string>>;
}

const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  compare: { run: compareCommand, help: COMPARE_HELP, flags: COMPARE_FLAGS },
  apply: { run: applyCommand, help: APPLY_HELP, flags: APPLY_FLAGS },
  convert: { run: convertCommand, help: CONVERT_HELP, flags: CONVERT_FLAGS },
  release: { run: releaseCommand, help: RELEASE_HELP, flags: RELEASE_FLAGS },
  verify: { run: verifyCommand, help: VERIFY_HELP, flags: {} },
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
    if (!command) {
      const near = nearest(name, Object.keys(COMMANDS));
      throw new UsageError(`unknown command '${name}'${near ? `; did you mean '${near}'?` : ''} (see redline --help)`);
    }
    try {
      return await command.run(rest, io);
    } catch (error) {
      throw asFlagError(error, command.flags);
    }
  } catch (error) {
    const failure = classifyError(error);
    io.err(`redline: ${failure.message}`);
    if (error instanceof CommandUsageError) io.err(`\n${error.usage}`);
    if (failure.stack !== undefined && process.env.REDLINE_DEBUG) io.err(failure.stack);
    return failure.exitCode;
  }
}

// A reader that stops early (`redline compare … | head -1`) closes the pipe: what is left to print
// is dropped, and the command still writes its files and ends with its own exit code.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}
process.exitCode = await main(process.argv.slice(2));
