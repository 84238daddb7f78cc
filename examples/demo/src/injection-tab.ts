import { countParameters, type LoraModel } from '@lora-viz/core';
import { copyText } from './copy-text.js';
import { peftSnippet } from './peft-snippet.js';
import { listOf, scalingSentence } from './sidebar.js';

const count = new Intl.NumberFormat('en-US');
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

/** How long "Copied" stays on screen, in milliseconds (it is announced once either way). */
const STATUS_MS = 2500;

function byId<T extends Element>(root: ParentNode, id: string, type: abstract new () => T): T {
  const el = root.querySelector(`#${id}`);
  if (!(el instanceof type)) throw new Error(`LoRA Injection tab: #${id} is missing or not a ${type.name}.`);
  return el;
}

/** The live sentence on what the chosen rank and alpha do to this model. */
function effectOf(model: LoraModel): string {
  const ledger = countParameters(model);
  const spec = model.adapterSpec();
  if (spec === undefined) {
    return (
      `LoRA is off: there is no A, B or ΔW, and full fine-tuning updates all ` +
      `${count.format(ledger.all)} parameters of the model directly.`
    );
  }
  const adapted = ledger.layers.filter((layer) => layer.rank !== null);
  const lora = adapted.reduce((sum, layer) => sum + layer.lora, 0);
  const frozen = ledger.layers.reduce((sum, layer) => sum + layer.frozen, 0);
  const saved = ledger.layers.filter((layer) => layer.saved > 0).map((layer) => layer.name);
  const savedText =
    saved.length === 0 ? '' : ` The saved ${saved.length === 1 ? 'copy' : 'copies'} of ${listOf(saved)} train too.`;
  return (
    `With r\u00a0=\u00a0${spec.r} and α\u00a0=\u00a0${decimal.format(spec.alpha)}, each adapted layer adds ` +
    `ΔW\u00a0=\u00a0s·B·A to its frozen W, with ${scalingSentence(model) ?? 's'}. ` +
    `The adapters on ${listOf(adapted.map((layer) => layer.name))} hold ${count.format(lora)} parameters: ` +
    `${count.format(ledger.trainable)} of the ${count.format(ledger.all)} the model stores train ` +
    `(${ledger.trainablePercent.toFixed(1)}%), and its ${count.format(frozen)} base parameters stay frozen.${savedText}`
  );
}

/**
 * Keeps the LoRA Injection tab's live text in step with the model: the effect of rank and alpha, and
 * the PEFT snippet that builds the same adapter in Python, with its Copy button.
 *
 * @returns a function that unsubscribes from the model.
 */
export function setUpInjectionTab(panel: HTMLElement, model: LoraModel): () => void {
  const effect = byId(panel, 'rank-alpha-effect', HTMLElement);
  const code = byId(panel, 'peft-snippet', HTMLElement);
  const copy = byId(panel, 'copy-snippet', HTMLButtonElement);
  const status = byId(panel, 'copy-status', HTMLElement);
  let clearStatus: ReturnType<typeof setTimeout> | undefined;

  const render = (): void => {
    effect.textContent = effectOf(model);
    const spec = model.adapterSpec();
    code.textContent = peftSnippet({
      lora: spec !== undefined,
      options: spec ?? {},
      peftLine: countParameters(model).peftLine,
    });
  };

  copy.addEventListener('click', () => {
    void copyText(code.textContent ?? '', code).then((outcome) => {
      // Emptied first, so that a second copy of the same text is announced again.
      status.textContent = '';
      requestAnimationFrame(() => {
        status.textContent = outcome === 'copied' ? 'Copied' : 'Selected: press Ctrl+C (⌘C) to copy';
      });
      clearTimeout(clearStatus);
      clearStatus = setTimeout(() => (status.textContent = ''), STATUS_MS);
    });
  });

  const unsubscribe = model.subscribe((change) => {
    if (change.kind === 'adapters' || change.kind === 'dispose') render();
  });
  render();
  return unsubscribe;
}
