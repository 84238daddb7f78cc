import { runCli } from '../src/cli/run.js';

/** What one in-process run of the CLI printed, and its exit code. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `lora-viz …argv` in-process and captures both streams. */
export function cli(...argv: string[]): CliRun {
  let stdout = '';
  let stderr = '';
  const code = runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}
