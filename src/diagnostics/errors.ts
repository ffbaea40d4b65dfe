/**
 * Errors that end a run. Everything recoverable travels as a {@link Diagnostic} instead.
 *
 * The CLI maps these to exit codes: input and usage errors to 2, anything else to 1.
 */

/** Unusable input: the message always names the file and the reason, on one line. */
export class InputError extends Error {
  readonly file: string;
  readonly reason: string;

  constructor(file: string, reason: string, options?: { cause?: unknown }) {
    super(`${file}: ${reason}`, options);
    this.name = 'InputError';
    this.file = file;
    this.reason = reason;
  }
}

/** The command line or an option is wrong. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * An option given to a library function is wrong: the message names the option (its field, as
 * in `only` or `pdf.pageSize`) and the reason, never a command-line flag; the command line puts
 * its own flag in the field's place.
 */
export class OptionError extends UsageError {
  readonly field: string;
  readonly reason: string;

  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`);
    this.name = 'OptionError';
    this.field = field;
    this.reason = reason;
  }
}

/**
 * A part of a file could not be read. Thrown deep inside readers, which do not know the
 * file's name; the importer re-throws it as an {@link InputError} naming the file.
 */
export class PartError extends Error {
  readonly part: string;

  constructor(part: string, reason: string, options?: { cause?: unknown }) {
    super(`${part}: ${reason}`, options);
    this.name = 'PartError';
    this.part = part;
  }
}
