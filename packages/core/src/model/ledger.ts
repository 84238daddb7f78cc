import { breakEvenRank, type LayerName } from './layers.js';
import type { LoraModel } from './lora-model.js';

/** Parameter counts of one layer. */
export interface LayerLedger {
  /** Layer name. */
  readonly name: LayerName;
  /** Input features. */
  readonly in: number;
  /** Output features. */
  readonly out: number;
  /** Rank of the active adapter on this layer, or `null` when it has none. */
  readonly rank: number | null;
  /** Parameters of the base layer: out·in weights + out biases. */
  readonly base: number;
  /** Base parameters that are frozen (all of them under an adapter, none without). */
  readonly frozen: number;
  /** Parameters of the active adapter's A (r·in) and B (out·r) on this layer. */
  readonly lora: number;
  /** Parameters of the active adapter's trainable copy of this layer (modules to save). */
  readonly saved: number;
  /** Parameters an optimizer updates. */
  readonly trainable: number;
  /** Every parameter stored for this layer, inactive adapters included. */
  readonly total: number;
  /** r* = in·out/(in+out): above this rank the adapter outgrows the layer. */
  readonly breakEvenRank: number;
}

/** Parameter counts of a whole model, as PEFT's `print_trainable_parameters` reports them. */
export interface ParameterLedger {
  /** One row per layer, input to output. */
  readonly layers: readonly LayerLedger[];
  /** Trainable parameters. */
  readonly trainable: number;
  /** Every parameter, frozen and trainable, every adapter included (PEFT's "all params"). */
  readonly all: number;
  /** 100 · trainable / all. */
  readonly trainablePercent: number;
  /** PEFT's line: `trainable params: 224 || all params: 708 || trainable%: 31.6384`. */
  readonly peftLine: string;
  /** The active adapter, or `null` for full fine-tuning. */
  readonly adapter: string | null;
}

function groupThousands(n: number): string {
  return Math.trunc(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Formats a non-negative number with four decimals as Python's `f"{x:.4f}"`: correctly rounded,
 * ties to even. JavaScript's `toFixed` agrees except on exact ties, which for a double are the
 * multiples of 1/32 with an odd numerator (x·10⁴ then ends in exactly .5).
 */
export function formatFixed4(x: number): string {
  const scaled = x * 32;
  if (Number.isInteger(scaled) && scaled % 2 === 1) {
    const floor = Math.floor(x * 10_000);
    const even = floor % 2 === 0 ? floor : floor + 1;
    return (even / 10_000).toFixed(4);
  }
  return x.toFixed(4);
}

/**
 * PEFT's `print_trainable_parameters` line, byte for byte:
 * `trainable params: {t:,d} || all params: {a:,d} || trainable%: {100 * t / a:.4f}`.
 */
export function formatTrainableParameters(trainable: number, all: number): string {
  const percent = all === 0 ? 0 : (100 * trainable) / all;
  return `trainable params: ${groupThousands(trainable)} || all params: ${groupThousands(all)} || trainable%: ${formatFixed4(percent)}`;
}

/**
 * Counts a model's parameters per layer: frozen, LoRA, saved copies, trainable, and PEFT's totals.
 * Pure arithmetic over shapes; reads no tensor.
 *
 * @example
 * const ledger = countParameters(model);
 * console.log(ledger.peftLine); // trainable params: 224 || all params: 708 || trainable%: 31.6384
 */
export function countParameters(model: LoraModel): ParameterLedger {
  const active = model.activeAdapter;
  const activeSpec = model.adapterSpec(active);
  const others = model.adapterNames.filter((name) => name !== active).map((name) => model.adapterSpec(name)!);
  const layers = model.spec.layers.map((shape): LayerLedger => {
    const base = shape.out * shape.in + shape.out;
    const adapterCount = (spec: typeof activeSpec) => {
      const layer = spec?.layers.find((l) => l.name === shape.name);
      const lora = layer ? layer.r * (shape.in + shape.out) : 0;
      const saved = spec?.modulesToSave.includes(shape.name) ? base : 0;
      return { rank: layer?.r ?? null, lora, saved };
    };
    const mine = adapterCount(activeSpec);
    const inactive = others.reduce((sum, spec) => {
      const c = adapterCount(spec);
      return sum + c.lora + c.saved;
    }, 0);
    const frozen = activeSpec ? base : 0;
    return Object.freeze({
      name: shape.name,
      in: shape.in,
      out: shape.out,
      rank: mine.rank,
      base,
      frozen,
      lora: mine.lora,
      saved: mine.saved,
      trainable: base - frozen + mine.lora + mine.saved,
      total: base + mine.lora + mine.saved + inactive,
      breakEvenRank: breakEvenRank(shape.in, shape.out),
    });
  });
  const trainable = layers.reduce((sum, l) => sum + l.trainable, 0);
  const all = layers.reduce((sum, l) => sum + l.total, 0);
  return Object.freeze({
    layers: Object.freeze(layers),
    trainable,
    all,
    trainablePercent: all === 0 ? 0 : (100 * trainable) / all,
    peftLine: formatTrainableParameters(trainable, all),
    adapter: active,
  });
}
