/**
 * Reading a command's arguments: Node's `parseArgs`, with the errors a newcomer can act on (an
 * unknown option named, with a near option suggested and the command's usage), and the library's
 * option errors put back in the command line's terms (the flag in place of the field).
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { OptionError, UsageError } from '../diagnostics/errors.js';

/** A usage error after which the command's usage is worth printing. */
export class CommandUsageError extends UsageError {
  readonly usage: string;

  constructor(message: string, usage: string) {
    super(message);
    this.name = 'CommandUsageError';
    this.usage = usage;
  }
}

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
type Parsed<T extends OptionsConfig> = ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>>;

/** Parses a command's arguments; an unknown or incomplete option is a usage error that names it. */
export function parseCommandArguments<T extends OptionsConfig>(command: string, args: readonly string[], options: T, usage: string): Parsed<T> {
  try {
    return parseArgs({ args: [...args], allowPositionals: true, options, strict: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const quoted = /'([^']+)'/.exec((error as Error).message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const near = nearest(quoted.replace(/^-+/, ''), Object.keys(options));
      throw new CommandUsageError(`${command}: unknown option ${quoted}${near ? `; did you mean --${near}?` : ''}`, usage);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const name = /--[a-z-]+/.exec(quoted)?.[0] ?? quoted;
      throw new CommandUsageError(`${command}: ${name} ${options[name.replace(/^--/, '')]?.type === 'boolean' ? 'takes no value' : 'needs a value'}`, usage);
    }
    if (code?.startsWith('ERR_PARSE_ARGS')) throw new CommandUsageError(`${command}: ${(error as Error).message}`, usage);
    throw error;
  }
}

/** The candidate nearest to a mistyped word (an edit or two away, or a prefix of it), if any. */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = candidate.startsWith(word) && word.length >= 3 ? 1 : editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(1, Math.min(2, Math.floor(word.length / 3))) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * The library names an option by its field (`date`, `outputs.pdf.pageSize`, `sources[1].id`);
 * the command line names it by its flag. `flags` maps a field (or the start of one) to its flag.
 */
export function asFlagError(error: unknown, flags: Readonly<Record<string, string>>): unknown {
  if (!(error instanceof OptionError)) return error;
  const field = Object.keys(flags)
    .filter((key) => error.field === key || error.field.startsWith(`${key}.`) || error.field.startsWith(`${key}[`))
    .sort((a, b) => b.length - a.length)[0];
  return field === undefined ? error : new UsageError(`${flags[field]}: ${error.reason}`);
}
