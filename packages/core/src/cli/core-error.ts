import type { InvalidOptionError } from '../index.js';
import { UsageError } from './usage-error.js';

/** Core's option names (`InvalidOptionError.field`) and the CLI options that set them. */
export const FLAG_OF_FIELD: Readonly<Record<string, string>> = Object.freeze({
  r: '--rank',
  alpha: '--alpha',
  dropout: '--dropout',
  targetModules: '--targets',
  modulesToSave: '--modules-to-save',
  useRslora: '--rslora',
  initLoraWeights: '--init',
  inputDim: '--input-dim',
  hidden: '--hidden',
  seed: '--seed',
  task: '--task',
  input: '--input',
});

/**
 * Turns an error that core threw for a bad option into the CLI's message, naming the CLI option.
 * A safety net: the CLI validates its options first, so this only fires if core grows a new rule.
 */
export function usageErrorFromCore(error: InvalidOptionError): UsageError {
  // hasOwn, not `in`: a field such as "constructor" must not match Object.prototype.
  const flag = Object.hasOwn(FLAG_OF_FIELD, error.field) ? FLAG_OF_FIELD[error.field] : error.field;
  const prefix = `${error.field}: `;
  const detail = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  const rest = detail.endsWith(`; expected ${error.accepted}`)
    ? detail.slice(0, -`; expected ${error.accepted}`.length)
    : detail;
  return new UsageError(`${flag} must be ${error.accepted} (${rest})`);
}
