import { runCli } from '../src/cli/run.js';

/** What one in-process run of the CLI printed, and its exit code. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `lora-viz …argv` in-process and captures both streams. */
export async function cli(...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

/** Runs `lora-viz …argv` in-process with an in-memory file system and standard input. */
export async function cliWithInput(
  input: { files?: Record<string, string>; stdin?: string },
  ...argv: string[]
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const files = input.files ?? {};
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    readFile: (path: string) => {
      if (!Object.hasOwn(files, path)) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      return files[path]!;
    },
    readStdin: () => {
      if (input.stdin === undefined) throw new Error('no standard input');
      return input.stdin;
    },
  });
  return { code, stdout, stderr };
}
