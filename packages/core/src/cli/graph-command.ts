import { describeGraph, type GraphLevel } from '../index.js';
import type { CommandResult } from './command-result.js';
import { readModelOptions } from './model-options.js';
import { UsageError, quote } from './usage-error.js';
import { withModel } from './with-model.js';

function readLevel(options: ReadonlyMap<string, string | true>): GraphLevel {
  const level = options.get('--level') ?? 'component';
  if (level !== 'component' && level !== 'neuron') {
    throw new UsageError(`--level must be component or neuron (got ${quote(String(level))})`);
  }
  return level;
}

/**
 * `lora-viz graph`: the model's graph (ARCHITECTURE §3.3). Text: one line per node (id, kind, role,
 * shape, label) and the edge count; `--json`: `{"level","adapter","merged","adaptersEnabled","nodes","edges"}`.
 *
 * @throws UsageError for a bad option.
 */
export function graphCommand(options: ReadonlyMap<string, string | true>): CommandResult {
  const level = readLevel(options);
  const modelOptions = readModelOptions(options);
  return withModel(modelOptions, (model, adapter) => {
    const graph = describeGraph(model, { level, loss: options.has('--loss') });
    if (options.has('--json')) return { stdout: `${JSON.stringify(graph)}\n`, warnings: adapter?.warnings ?? [] };
    const rows = graph.nodes.map((n) => [n.id, n.kind, n.role, `[${n.shape.join('×')}]`, n.label]);
    const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
    const lines = rows.map((r) => r.map((cell, c) => (c < 4 ? cell.padEnd(widths[c]!) : cell)).join('  '));
    const summary = `${graph.nodes.length} nodes, ${graph.edges.length} edges (${level} level; ${
      graph.adapter === null ? 'no adapter: full fine-tuning' : `adapter "${graph.adapter}"`
    })`;
    return { stdout: `${[...lines, summary].join('\n')}\n`, warnings: adapter?.warnings ?? [] };
  });
}
