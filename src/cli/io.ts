/** Where a command prints: stdout and stderr, injectable for tests. */
export interface CommandIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /**
   * Where live progress goes: raw text (a bar redrawn with `\r` on a terminal, whole lines
   * otherwise), and whether it is a terminal.
   */
  readonly progress: { readonly write: (text: string) => void; readonly isTerminal: boolean };
}

export const processIo: CommandIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  progress: { write: (text) => process.stderr.write(text), isTerminal: process.stderr.isTTY === true },
};
