import { COMMANDS, OPTIONS, findOption, type CommandName } from './options.js';
import { UsageError, quote } from './usage-error.js';

/** A tokenised command line: the command and the raw text of each option given. */
export interface ParsedArgs {
  /** The command to run. */
  readonly command: CommandName;
  /** Option name (`--rank`) to its raw value, or `true` for a switch; a repeated option keeps its last value. */
  readonly options: ReadonlyMap<string, string | true>;
}

function isCommand(token: string): token is CommandName {
  return (COMMANDS as readonly string[]).includes(token);
}

function optionList(command: CommandName | undefined): string {
  return OPTIONS.filter((o) => command === undefined || o.commands.includes(command))
    .map((o) => o.name)
    .concat('--help', '--version')
    .join(', ');
}

/**
 * Splits `argv` (without node and the script) into a command and its options; accepts `--flag value`
 * and `--flag=value`, options before or after the command. Checks names and arity only: values are
 * validated by the command that uses them.
 *
 * @throws UsageError for a missing or unknown command, a second positional argument, an unknown
 *   option, an option of another command, a missing value, or a value given to a switch.
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  let command: CommandName | undefined;
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (!token.startsWith('-')) {
      if (command !== undefined) {
        throw new UsageError(
          `unexpected argument ${quote(token)} after the command ${command} (options start with --)`,
        );
      }
      if (!isCommand(token)) {
        throw new UsageError(`unknown command ${quote(token)} (expected one of: ${COMMANDS.join(', ')})`);
      }
      command = token;
      continue;
    }
    const eq = token.indexOf('=');
    const name = eq === -1 ? token : token.slice(0, eq);
    const spec = findOption(name);
    if (!spec) {
      throw new UsageError(`unknown option ${quote(name)} (accepted: ${optionList(command)})`);
    }
    if (spec.value === null) {
      if (eq !== -1) throw new UsageError(`${name} is a switch and takes no value (got ${quote(token.slice(eq + 1))})`);
      options.set(name, true);
      continue;
    }
    if (eq !== -1) {
      options.set(name, token.slice(eq + 1));
      continue;
    }
    // A following "--x" is the next option, not a value; "-1,2" or "-0.5" is a value (negative numbers).
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) {
      throw new UsageError(`${name} needs a value: ${spec.value} = ${spec.help}`);
    }
    options.set(name, next);
    i++;
  }
  if (command === undefined) {
    throw new UsageError(`missing command (expected one of: ${COMMANDS.join(', ')}; see lora-viz --help)`);
  }
  for (const name of options.keys()) {
    const spec = findOption(name)!;
    if (!spec.commands.includes(command)) {
      throw new UsageError(`${name} is not an option of ${command} (it belongs to: ${spec.commands.join(', ')})`);
    }
  }
  return { command, options };
}
