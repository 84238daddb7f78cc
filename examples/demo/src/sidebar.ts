import { countParameters, type LoraModel } from '@lora-viz/core';
import type { LoraControls } from '@lora-viz/elements';

const count = new Intl.NumberFormat('en-US');
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

function byId<T extends Element>(root: ParentNode, id: string, type: abstract new () => T): T {
  const el = root.querySelector(`#${id}`);
  if (!(el instanceof type)) throw new Error(`sidebar: #${id} is missing or not a ${type.name}.`);
  return el;
}

/** `a`, `a and b`, `a, b and c`. */
export function listOf(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The scaling of the model's active adapter, as the formula with its numbers: `s = α/r = 8/4 = 2`. */
export function scalingSentence(model: LoraModel): string | null {
  const spec = model.adapterSpec();
  const first = spec?.layers[0];
  if (spec === undefined || first === undefined) return null;
  const s = model.scaling(first.name) ?? first.scaling;
  const over = spec.useRslora ? `√${first.r}` : String(first.r);
  return `s\u00a0=\u00a0α/${spec.useRslora ? '√r' : 'r'}\u00a0=\u00a0${decimal.format(first.alpha)}/${over}\u00a0=\u00a0${decimal.format(s)}`;
}

/**
 * Binds the sidebar's `<lora-controls>` to the page's one model (the element applies the user's
 * changes to it) and keeps the summary of trainable parameters, computed by core, in step with
 * every change of the model, whoever made it.
 *
 * @returns a function that unsubscribes from the model.
 */
export function setUpSidebar(root: ParentNode, model: LoraModel): () => void {
  const controls = byId(root, 'lora-controls', HTMLElement) as LoraControls;
  const headline = byId(root, 'summary-headline', HTMLElement);
  const detail = byId(root, 'summary-detail', HTMLElement);

  const render = (): void => {
    const ledger = countParameters(model);
    headline.textContent = `${count.format(ledger.trainable)} of ${count.format(ledger.all)} parameters train`;
    const share = `${ledger.trainablePercent.toFixed(1)}% of the model`;
    const adapted = ledger.layers.filter((layer) => layer.rank !== null);
    const first = adapted[0];
    if (ledger.adapter === null || first === undefined) {
      detail.textContent = `${share}. Full fine-tuning: every weight and bias is updated.`;
      return;
    }
    const scaling = scalingSentence(model);
    const saved = ledger.layers.filter((layer) => layer.saved > 0).map((layer) => layer.name);
    detail.textContent =
      `${share}. Base frozen; rank-${first.rank ?? '?'} adapters on ` +
      `${listOf(adapted.map((layer) => layer.name))}${scaling === null ? '' : `, ${scaling}`}` +
      `${saved.length === 0 ? '' : `; ${listOf(saved)} saved whole`}.`;
  };

  controls.model = model;
  const unsubscribe = model.subscribe((change) => {
    if (change.kind === 'adapters' || change.kind === 'dispose') render();
  });
  render();
  return unsubscribe;
}
