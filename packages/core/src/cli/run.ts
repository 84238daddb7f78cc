import { InvalidOptionError } from '../index.js';
import { parseArgs } from './args.js';
import type { CliIo } from './cli-io.js';
import type { CommandResult } from './command-result.js';
import { usageErrorFromCore } from './core-error.js';
import { forwardCommand } from './forward-command.js';
import { graphCommand } from './graph-command.js';
import { memoryCommand } from './memory-command.js';
import { modelsCommand } from './models-command.js';
import { traceCommand } from './trace-command.js';
import { TrainingDivergedError, trainCommand } from './train-command.js';
import type { CommandName } from './options.js';
import { paramsCommand } from './params-command.js';
import { usage } from './usage.js';
import { UsageError } from './usage-error.js';
import { VERSION } from './version.js';

export type { CliIo, CliWriter } from './cli-io.js';

const RUN: Readonly<
  Record<
    CommandName,
    (options: ReadonlyMap<string, string | true>, io: CliIo) => CommandResult | Promise<CommandResult>
  >
> = {
  params: paramsCommand,
  forward: forwardCommand,
  graph: graphCommand,
  trace: traceCommand,
  train: trainCommand,
  models: modelsCommand,
  memory: memoryCommand,
};

/** Exit code of a successful run. */
const EXIT_OK = 0;
/** Exit code of an unexpected failure (a bug, not the user's input). */
const EXIT_FAILURE = 1;
/** Exit code of a bad command line. */
const EXIT_USAGE = 2;
/** Exit code of a training run whose loss diverged (the adapter is left as it was). */
const EXIT_DIVERGED = 3;

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

/**
 * Runs the `lora-viz` command line in-process: parses `argv`, runs the command, writes to `io`.
 * Never rejects and never exits the process; every model it creates is disposed before it returns.
 *
 * @param argv the arguments after node and the script (`process.argv.slice(2)`).
 * @returns the exit code: 0 on success, 2 for bad input (one line on stderr), 1 for an internal error
 *   (3 for a training run that diverged).
 * @example
 * process.exitCode = await runCli(['params', '--task', 'classification'], { stdout: process.stdout, stderr: process.stderr });
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    // Help and version win over everything else on the line, so that they work even beside a typo.
    if (argv.includes('--help') || argv.includes('-h')) {
      io.stdout.write(usage());
      return EXIT_OK;
    }
    if (argv.includes('--version')) {
      io.stdout.write(`${VERSION}\n`);
      return EXIT_OK;
    }
    const { command, options } = parseArgs(argv);
    const result = await RUN[command](options, io);
    // Warnings only after success: a failed run prints exactly one line on stderr, its error.
    for (const warning of result.warnings) io.stderr.write(`lora-viz: warning: ${oneLine(warning)}\n`);
    io.stdout.write(result.stdout);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof UsageError || error instanceof InvalidOptionError) {
      const usageError = error instanceof UsageError ? error : usageErrorFromCore(error);
      io.stderr.write(`lora-viz: ${oneLine(usageError.message)}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof TrainingDivergedError) {
      io.stderr.write(`lora-viz: training diverged: ${oneLine(error.message)}\n`);
      return EXIT_DIVERGED;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`lora-viz: internal error: ${oneLine(message)}\n`);
    return EXIT_FAILURE;
  }
}
