// Runs every script of examples/node as a user would and checks what it prints; a step of `pnpm test`.
// Prints one `ok - …` / `not ok - …` line per check and `node examples: N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
let passed = 0;
let failed = 0;

function check(name, body) {
  try {
    body();
    passed += 1;
    console.log(`ok - ${name}`);
  } catch (error) {
    failed += 1;
    console.log(`not ok - ${name}\n  # ${error instanceof Error ? error.message : String(error)}`);
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

function run(script, ...args) {
  const result = spawnSync(process.execPath, [script, ...args], { cwd: here, encoding: 'utf8' });
  expect(result.status === 0, `${script} exited ${result.status}: ${result.stderr.trim()}`);
  return result.stdout;
}

check('rank-sweep.mjs: one row per rank, trainable parameters 56·r (fc1: r·(8+16), fc2: r·(16+16))', () => {
  const rows = run('rank-sweep.mjs')
    .split('\n')
    .filter((line) => /^\s+\d+\s+\d+\s/.test(line))
    .map((line) => line.trim().split(/\s+/));
  expect(rows.length === 4, `expected 4 rows, got ${rows.length}`);
  rows.forEach(([rank, trainable, loss]) => {
    expect(Number(trainable) === 56 * Number(rank), `rank ${rank}: ${trainable} trainable`);
    expect(Number.isFinite(Number(loss)), `rank ${rank}: final loss ${loss}`);
  });
});

check("memory-table.mjs: PEFT's published line for Llama 2 7B, LoRA r=8 on q_proj and v_proj", () => {
  const out = run('memory-table.mjs', 'configs/llama-2-7b.json');
  const first = out.split('\n')[0];
  const peft = 'trainable params: 4,194,304 || all params: 6,742,609,920 || trainable%: 0.0622';
  expect(first === peft, `first line "${first}"`);
  expect(/^total\s/m.test(out), 'a total row');
});

check('trace-export.mjs: JSON with the graph and a step where only B stores a gradient at step 0', () => {
  const doc = JSON.parse(run('trace-export.mjs', 'this track is sick'));
  const ids = new Set(doc.graph.nodes.map((node) => node.id));
  for (const event of doc.events) if (event.nodeId) expect(ids.has(event.nodeId), `unknown node ${event.nodeId}`);
  const grads = doc.events.filter((event) => event.kind === 'param-grad');
  expect(grads.length === 4, `4 param-grad events, got ${grads.length}`);
  for (const g of grads) {
    expect(/^fc[12]\.lora_[AB]$/.test(g.paramId), `param-grad for ${g.paramId}`);
    if (g.paramId.endsWith('lora_A')) expect(g.grad.norm === 0, `${g.paramId} norm ${g.grad.norm}`);
    else expect(g.grad.norm > 0, `${g.paramId} norm ${g.grad.norm}`);
  }
});

console.log(`node examples: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
