/**
 * A bad command line: the CLI prints its message as one line on stderr and exits with code 2.
 * The message names the option (CLI spelling, e.g. `--rank`) and what it accepts.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Quotes user text for a message: JSON string syntax, so that it stays on one line whatever it holds. */
export function quote(text: string): string {
  return JSON.stringify(text);
}
