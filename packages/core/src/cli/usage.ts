import { COMMANDS, OPTIONS, TOY_COMMANDS, type CommandName } from './options.js';

const SUMMARY: Readonly<Record<CommandName, string>> = {
  params: "PEFT's trainable-parameter line (--json: the per-layer ledger)",
  forward: "run one input through the model in eval mode (--json: every layer's numbers too)",
  graph: 'the model as nodes and edges with roles (--json: the graph data elements draw)',
  trace: 'record real training steps on one sample as forward/backward events (--json: graph + events)',
  train: "fine-tune the task's pretrained base on your lines: loss per epoch, predictions before/after",
  models: 'the built-in real models and their parameter counts (for memory --model)',
  memory: 'GPU memory of full fine-tuning, LoRA or QLoRA by component (toy, --model or --config)',
};

function table(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}

/** The text of `lora-viz --help`, generated from the option table so that it cannot drift from the parser. */
export function usage(): string {
  const optionRow = (o: (typeof OPTIONS)[number]) => [o.value ? `${o.name} ${o.value}` : o.name, o.help] as const;
  // The model options shared by the toy commands are listed once; each command then lists the rest.
  const shared = OPTIONS.filter((o) => TOY_COMMANDS.every((c) => o.commands.includes(c)));
  const only = (command: CommandName) => OPTIONS.filter((o) => !shared.includes(o) && o.commands.includes(command));
  const sharedBy = (command: CommandName) => shared.filter((o) => o.commands.includes(command)).map((o) => o.name);
  const lines = [
    'Usage: lora-viz <command> [options]',
    '',
    'LoRA on a toy MLP (fc1, ReLU, fc2, ReLU, fc3) with the semantics of Hugging Face PEFT.',
    '',
    'Commands:',
    ...table(COMMANDS.map((c) => [c, SUMMARY[c]] as const)),
    '',
    `Options of ${TOY_COMMANDS.join(', ')} (the LoRA ones, --rank to --init, are ignored with --no-lora):`,
    ...table(shared.map(optionRow)),
  ];
  for (const command of COMMANDS) {
    const own = only(command);
    const also = TOY_COMMANDS.includes(command) ? [] : sharedBy(command);
    if (own.length === 0) {
      if (also.length > 0) lines.push('', `Options of ${command}: ${also.join(', ')} (see above)`);
      continue;
    }
    lines.push('', `Options of ${command}:`, ...table(own.map(optionRow)));
    if (also.length > 0) lines.push(`  and, as above: ${also.join(', ')}`);
  }
  lines.push(
    '',
    'Other:',
    ...table([
      ['-h, --help', 'show this help'],
      ['--version', 'print the version'],
    ]),
    '',
    'Values go as --flag value or --flag=value. Bad input exits with code 2 and one line on stderr.',
    '',
    'Examples:',
    '  lora-viz params --task classification --rank 4 --alpha 8 --targets fc1,fc2',
    '  lora-viz forward --input 1,0,0,1,0,1,0,1 --merged --json',
    "  printf 'this track is sick\\tpositive\\n' | lora-viz train --data - --epochs 30",
    '  lora-viz memory --model llama-2-7b --method qlora --rank 16 --targets all-linear --batch 4 --seq 1024',
  );
  return `${lines.join('\n')}\n`;
}
