import type { LoraOptions } from '@lora-viz/core';

/** What the snippet describes: the sidebar's configuration and the model's parameter ledger line. */
export interface PeftSnippetInput {
  /** Whether LoRA is on; off means full fine-tuning, with no PEFT wrapper at all. */
  readonly lora: boolean;
  /** The adapter's options (read only when `lora` is true). */
  readonly options: LoraOptions;
  /** PEFT's `print_trainable_parameters` line for this model, e.g. from `countParameters(model).peftLine`. */
  readonly peftLine: string;
}

/** A Python string literal; JSON's escapes (`\"`, `\\`, `\n`, `\uXXXX`) all mean the same in Python. */
function pyString(text: string): string {
  return JSON.stringify(text);
}

/** A Python number literal that reads back as the same value (`8`, `0.1`, `1e-07`). */
function pyNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`peftSnippet: ${value} has no Python literal here`);
  if (Number.isInteger(value)) return Math.abs(value) < 1e21 ? String(value) : BigInt(value).toString();
  // JavaScript writes 1e-7 where Python's repr writes 1e-07; otherwise the shortest forms agree.
  return String(value).replace(/e-(\d)$/, 'e-0$1');
}

function pyList(items: readonly string[]): string {
  return `[${items.map(pyString).join(', ')}]`;
}

function pyDict(record: Readonly<Record<string, number>>): string {
  return `{${Object.entries(record)
    .map(([key, value]) => `${pyString(key)}: ${pyNumber(value)}`)
    .join(', ')}}`;
}

/** `target_modules` as PEFT takes it: a list of names, or one string that is a full-match regex. */
function pyTargets(targets: LoraOptions['targetModules']): string {
  const value = targets ?? ['fc1', 'fc2'];
  return typeof value === 'string' ? pyString(value) : pyList(value);
}

/**
 * The keyword arguments of PEFT's `LoraConfig` for these options, in the order PEFT's docs list
 * them. `r`, `lora_alpha` and `target_modules` are always written: core's default rank (4) is not
 * PEFT's (8), and PEFT cannot guess the targets of a custom model. The rest appear only when they
 * differ from PEFT's defaults, so the snippet stays as short as the configuration is unusual.
 */
function loraConfigArguments(options: LoraOptions): string[] {
  const args = [`r=${pyNumber(options.r ?? 4)}`, `lora_alpha=${pyNumber(options.alpha ?? 8)}`];
  if ((options.dropout ?? 0) !== 0) args.push(`lora_dropout=${pyNumber(options.dropout!)}`);
  args.push(`target_modules=${pyTargets(options.targetModules)}`);
  if ((options.modulesToSave ?? []).length > 0) args.push(`modules_to_save=${pyList(options.modulesToSave!)}`);
  if (options.useRslora === true) args.push('use_rslora=True');
  const init = options.initLoraWeights ?? true;
  if (init === 'gaussian') args.push('init_lora_weights="gaussian"');
  if (init === false) args.push('init_lora_weights=False');
  if (Object.keys(options.rankPattern ?? {}).length > 0) args.push(`rank_pattern=${pyDict(options.rankPattern!)}`);
  if (Object.keys(options.alphaPattern ?? {}).length > 0) args.push(`alpha_pattern=${pyDict(options.alphaPattern!)}`);
  return args;
}

/**
 * The Python that builds the same adapter with Hugging Face PEFT, ending with the line PEFT's
 * `print_trainable_parameters()` prints for it. With LoRA off, the full fine-tuning equivalent.
 *
 * @example
 * peftSnippet({ lora: true, options: { r: 4, alpha: 8 }, peftLine: countParameters(model).peftLine });
 */
export function peftSnippet(input: PeftSnippetInput): string {
  if (!input.lora) {
    return [
      '# LoRA is off: full fine-tuning, without PEFT. Every parameter trains.',
      'for param in model.parameters():',
      '    param.requires_grad = True',
      `# ${input.peftLine}`,
    ].join('\n');
  }
  return [
    'from peft import LoraConfig, get_peft_model',
    '',
    'config = LoraConfig(',
    ...loraConfigArguments(input.options).map((arg) => `    ${arg},`),
    ')',
    'model = get_peft_model(model, config)',
    'model.print_trainable_parameters()',
    `# ${input.peftLine}`,
  ].join('\n');
}
