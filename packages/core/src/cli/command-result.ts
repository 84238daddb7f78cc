/** What a command produced; `runCli` writes it only once the command has succeeded. */
export interface CommandResult {
  /** Everything for stdout, newline-terminated. */
  readonly stdout: string;
  /** Non-fatal remarks for stderr, one line each, without the `lora-viz: warning: ` prefix. */
  readonly warnings: readonly string[];
}
