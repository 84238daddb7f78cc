import { formatValue } from '../matrix/format.js';
import type { FirstSteps, FirstStepsLayer, StepNorms } from './measure-first-steps.js';

/** Significant digits of every number the view shows. */
export const FIRST_STEPS_DIGITS = 4;

const format = (x: number) => formatValue(x, FIRST_STEPS_DIGITS);

/** `a`, `a and b`, `a, b and c`. */
function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;
}

/** One number per layer: `0.0123` for a single layer, else `0.0123 on fc1 and 0.0456 on fc2`. */
function perLayer(layers: readonly FirstStepsLayer[], pick: (layer: FirstStepsLayer) => number): string {
  if (layers.length === 1) return format(pick(layers[0]!));
  return list(layers.map((layer) => `${format(pick(layer))} on ${layer.name}`));
}

const names = (layers: readonly FirstStepsLayer[]) => list(layers.map((layer) => layer.name));
const at = (step: 0 | 1, key: keyof StepNorms) => (layer: FirstStepsLayer) => layer.steps[step][key];

function noopSentence(result: FirstSteps): string {
  const { layers, noopDifference } = result;
  const where = layers.length === 1 ? `on ${layers[0]!.name}` : 'on every adapted layer';
  const deltaZero = layers.every((layer) => layer.deltaWNorm === 0);
  if (noopDifference === 0 && deltaZero) {
    return `At start ΔW = s·B·A = 0 ${where}, so the output with the adapter equals the base model's exactly (largest difference 0).`;
  }
  const delta = `‖ΔW‖ = ‖s·B·A‖ is ${perLayer(layers, (layer) => layer.deltaWNorm)}`;
  if (noopDifference === 0) {
    return `At start ${delta}, yet on this sample the output equals the base model's (largest difference 0).`;
  }
  return `At start ${delta}, so the adapter is not a no-op: the output already differs from the base model's by up to ${format(noopDifference)}.`;
}

function stepZeroSentence(layers: readonly FirstStepsLayer[]): string {
  const gradA = at(0, 'gradA');
  const gradB = at(0, 'gradB');
  if (layers.every((layer) => layer.bZeroAtStart && gradA(layer) === 0)) {
    const start = 'Step 0: B is all zeros, so ∂L/∂A = s·Bᵀ(∂L/∂h)·xᵀ = 0';
    const movers = layers.filter((layer) => at(0, 'changeB')(layer) > 0);
    if (!layers.every((layer) => at(0, 'changeA')(layer) === 0)) {
      return `${start}, yet A changes by ${perLayer(layers, at(0, 'changeA'))}.`;
    }
    if (movers.length === layers.length) return `${start} — only B moves (‖∂L/∂B‖ = ${perLayer(layers, gradB)}).`;
    if (movers.length === 0) return `${start}, and ∂L/∂B is 0 too, so neither A nor B moves.`;
    const still = layers.filter((layer) => !movers.includes(layer));
    return `${start} — only B moves, on ${names(movers)} (‖∂L/∂B‖ = ${perLayer(movers, gradB)}); ${names(still)} gets no gradient at all.`;
  }
  if (layers.every((layer) => !layer.bZeroAtStart && gradA(layer) > 0)) {
    const moves = layers.every((layer) => at(0, 'changeA')(layer) > 0);
    return `Step 0: B starts random, not zero, so A ${moves ? 'moves from the first step' : 'gets a gradient from the first step'} (‖∂L/∂A‖ = ${perLayer(layers, gradA)}) along with B (‖∂L/∂B‖ = ${perLayer(layers, gradB)}).`;
  }
  return `Step 0: ‖∂L/∂A‖ is ${perLayer(layers, gradA)}; ‖∂L/∂B‖ is ${perLayer(layers, gradB)}.`;
}

function stepOneSentence(layers: readonly FirstStepsLayer[]): string {
  const gradA = at(1, 'gradA');
  const receiving = layers.filter((layer) => gradA(layer) > 0);
  const still = layers.filter((layer) => gradA(layer) === 0);
  const stillZeroAtStep0 = layers.every((layer) => at(0, 'gradA')(layer) === 0);
  if (stillZeroAtStep0 && still.length === 0) {
    const bNonZero = layers.every((layer) => at(0, 'normBAfter')(layer) > 0);
    const moves = layers.every((layer) => at(1, 'changeA')(layer) > 0) ? ' and starts to move' : '';
    const because = bNonZero ? `B ≠ 0 now (‖B‖ = ${perLayer(layers, at(0, 'normBAfter'))}), so ` : '';
    return `Step 1: ${because}A receives a gradient (‖∂L/∂A‖ = ${perLayer(layers, gradA)})${moves}.`;
  }
  if (still.length === 0) return `Step 1: A keeps receiving a gradient (‖∂L/∂A‖ = ${perLayer(layers, gradA)}).`;
  const bStillZero = still.every((layer) => at(0, 'normBAfter')(layer) === 0);
  const why = bStillZero ? ' because B is still all zeros there' : '';
  const zero = `∂L/∂A is still 0 on ${names(still)}${why}`;
  if (receiving.length === 0) return `Step 1: ${zero}.`;
  return `Step 1: A receives a gradient on ${names(receiving)} (‖∂L/∂A‖ = ${perLayer(receiving, gradA)}); ${zero}.`;
}

/**
 * The explanation of the first two steps, one sentence each for the start (is the adapter a no-op?),
 * step 0 and step 1, chosen from the measured numbers: a value is called zero only when it is exactly 0.
 */
export function explainFirstSteps(result: FirstSteps): string[] {
  if (result.layers.length === 0) return [];
  return [noopSentence(result), stepZeroSentence(result.layers), stepOneSentence(result.layers)];
}
