import { describeModel, MODEL_PRESETS } from '../memory/model-presets.js';
import { groupDigits } from '../memory/format-bytes.js';
import type { CommandResult } from './command-result.js';

/** One row of `lora-viz models --json`. */
interface ModelRow {
  readonly id: string;
  readonly label: string;
  readonly family: string;
  readonly params: number;
  readonly layers: number;
  readonly hidden: number;
  readonly intermediate: number;
  readonly heads: number;
  readonly kvHeads: number;
  readonly vocab: number;
  readonly tiedEmbeddings: boolean;
  readonly source: string;
}

/**
 * `lora-viz models`: the built-in models with their sizes and exact parameter counts, for
 * `lora-viz memory --model`; `--json` prints `{"models": [...]}`.
 */
export function modelsCommand(options: ReadonlyMap<string, string | true>): CommandResult {
  const rows: ModelRow[] = MODEL_PRESETS.map((preset) => {
    const d = describeModel(preset.id);
    const s = d.sizes;
    return {
      id: d.id,
      label: d.label,
      family: d.family,
      params: d.totalParams,
      layers: s.layers,
      hidden: s.hidden,
      intermediate: s.intermediate,
      heads: s.heads,
      kvHeads: s.kvHeads,
      vocab: s.vocab,
      tiedEmbeddings: s.tiedEmbeddings,
      source: d.source,
    };
  });
  if (options.has('--json')) return { stdout: `${JSON.stringify({ models: rows })}\n`, warnings: [] };
  const header = ['id', 'model', 'family', 'layers', 'hidden', 'heads/kv', 'vocab', 'parameters'];
  const cells = rows.map((r) => [
    r.id,
    r.label,
    r.family,
    String(r.layers),
    String(r.hidden),
    `${r.heads}/${r.kvHeads}`,
    String(r.vocab),
    groupDigits(r.params),
  ]);
  const table = [header, ...cells];
  const widths = header.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
  // Numbers right-aligned, words left-aligned.
  const lines = table.map((row) =>
    row.map((cell, c) => (c >= 3 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  '),
  );
  return { stdout: `${lines.join('\n')}\n`, warnings: [] };
}
