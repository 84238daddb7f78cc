// Reads a Hugging Face config.json and prints the training memory of full fine-tuning, LoRA and
// QLoRA by component, with PEFT's trainable-parameter line for the LoRA settings.
//   node memory-table.mjs path/to/config.json [rank] [targets]
import { readFileSync } from 'node:fs';
import { estimateMemory, formatBytes, readHfConfig } from '@lora-viz/core';

const [path, rank = '8', targets = 'q_proj,v_proj'] = process.argv.slice(2);
if (!path) {
  console.error('usage: node memory-table.mjs path/to/config.json [rank] [targets]');
  process.exit(2);
}
const model = readHfConfig(JSON.parse(readFileSync(path, 'utf8')), path);
const options = { rank: Number(rank), targets: targets.split(','), batch: 1, seq: 512 };
const rows = ['full', 'lora', 'qlora'].map((method) => estimateMemory(model, { ...options, method }));

console.log(rows[1].peft);
const components = ['weights', 'quantConstants', 'adapters', 'gradients', 'optimizer', 'activations', 'total'];
console.log(`${'component'.padEnd(15)}${['full', 'lora', 'qlora'].map((m) => m.padStart(12)).join('')}`);
for (const component of components) {
  const cells = rows.map((r) => formatBytes(r.bytes[component], 'GiB').padStart(12));
  console.log(`${component.padEnd(15)}${cells.join('')}`);
}
