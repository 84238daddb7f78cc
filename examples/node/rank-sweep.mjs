// Fine-tunes the sentiment base on the default scenario lines with LoRA at r = 1, 2, 4, 8 and prints,
// for each rank, the trainable parameters, the final training loss and the held-out accuracy.
//   node rank-sweep.mjs [task]
import { DEFAULT_EVAL_TEXT, DEFAULT_TRAINING_TEXT, createTaskBase, parseLines, rankSweep } from '@lora-viz/core';

const task = process.argv[2] ?? 'sentiment';
const base = createTaskBase(task);
const train = parseLines(task, DEFAULT_TRAINING_TEXT[task]).examples;
const held = parseLines(task, DEFAULT_EVAL_TEXT[task]).examples;
const points = await rankSweep(base, train, { ranks: [1, 2, 4, 8], eval: held });
base.dispose();

console.log(`${task}: LoRA on fc1 and fc2, ${train.length} training lines, ${held.length} held-out lines`);
console.log('rank  trainable  final loss  metric');
for (const p of points) {
  const metric = `${p.metric.name} ${p.metric.value.toFixed(3)}`;
  console.log(
    `${String(p.rank).padStart(4)}  ${String(p.trainableParams).padStart(9)}  ${p.finalLoss.toFixed(4).padStart(10)}  ${metric}`,
  );
}
