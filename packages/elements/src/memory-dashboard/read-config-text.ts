import { InvalidOptionError, groupDigits, readHfConfig, type TransformerDescription } from '@lora-viz/core';

/** Longest text read as a config.json, in characters: real ones are a few kilobytes. */
export const MAX_CONFIG_CHARS = 1_000_000;

/** Longest error text shown, in characters: JSON.parse quotes the input, which may be huge. */
const MAX_MESSAGE_CHARS = 300;

/** What pasted text gave: a parsed config and its description, or a message naming the problem. */
export type ConfigReading =
  | {
      readonly ok: true;
      readonly config: Readonly<Record<string, unknown>>;
      readonly description: TransformerDescription;
    }
  | { readonly ok: false; readonly message: string };

function clip(text: string): string {
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS)}…` : text;
}

/**
 * The message for a config object that core's `readHfConfig` refuses, naming the JSON key at fault
 * (`hidden_size`, `model_type` …).
 */
export function configErrorMessage(error: unknown): string {
  if (error instanceof InvalidOptionError) {
    return clip(
      error.field === 'config'
        ? `config.json must be a JSON object: ${error.message}`
        : `config.json field "${error.field}": ${error.message.slice(error.field.length + 2)}`,
    );
  }
  return clip(`config.json could not be read: ${error instanceof Error ? error.message : String(error)}`);
}

/**
 * Reads the text of a Hugging Face `config.json` (Llama, Mistral or GPT-2) into a model description.
 * Never throws: invalid JSON, a non-object, a missing or bad field and oversized text each give a
 * message that names the problem; the text itself is never interpreted as markup.
 */
export function readConfigText(text: string): ConfigReading {
  if (text.length > MAX_CONFIG_CHARS) {
    return {
      ok: false,
      message: `config.json is too long: ${groupDigits(text.length)} characters, more than the ${groupDigits(MAX_CONFIG_CHARS)} accepted (a config.json is a few kilobytes).`,
    };
  }
  if (text.trim() === '') return { ok: false, message: 'config.json is empty: paste the text of a config.json.' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: clip(`config.json is not valid JSON: ${(error as Error).message}`) };
  }
  try {
    const description = readHfConfig(json);
    return { ok: true, config: Object.freeze(json as Record<string, unknown>), description };
  } catch (error) {
    return { ok: false, message: configErrorMessage(error) };
  }
}
