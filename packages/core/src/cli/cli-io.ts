/** Where the CLI writes; `process.stdout` and `process.stderr` fit, and so does a test's collector. */
export interface CliWriter {
  /** Writes a chunk of text as is (the CLI adds its own newlines). */
  write(text: string): unknown;
}

/** The two output streams of one CLI run, and the file reader commands that take a path use. */
export interface CliIo {
  /** Results: the PEFT line, a JSON document, a summary. Nothing else, so that it can be piped. */
  readonly stdout: CliWriter;
  /** Warnings and errors, one line each. */
  readonly stderr: CliWriter;
  /**
   * Reads a UTF-8 text file (`memory --config FILE`), throwing if it cannot. `main.ts` passes
   * `fs.readFileSync`; tests pass a fake. Without it, options that read files are refused.
   */
  readonly readFile?: (path: string) => string;
  /** Reads all of standard input as UTF-8 (`train --data -`). Without it, `-` is refused. */
  readonly readStdin?: () => string;
}
