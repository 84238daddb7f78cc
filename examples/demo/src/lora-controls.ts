import { attachLora, countParameters, type LayerName, type LoraModel } from '@lora-viz/core';

/** The adapter the sidebar creates and removes; PEFT's default adapter name. */
export const ADAPTER_NAME = 'default';

/** Fixed LoRA settings of the demo's sidebar (only the rank is adjustable for now). */
export const LORA_SETTINGS = Object.freeze({
  alpha: 8,
  targetModules: Object.freeze(['fc1', 'fc2'] as const satisfies readonly LayerName[]),
});

const count = new Intl.NumberFormat('en-US');
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

function byId<T extends HTMLElement>(root: ParentNode, id: string, type: new () => T): T {
  const el = root.querySelector(`#${id}`);
  if (!(el instanceof type)) throw new Error(`lora controls: #${id} is missing or not a ${type.name}.`);
  return el;
}

function listOf(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * Wires the sidebar's LoRA switch and rank slider to one shared model: on attaches the
 * `default` adapter at the chosen rank, off deletes it (full fine-tuning), and a new rank
 * replaces the adapter. A summary line, computed by core, follows every change of the model.
 *
 * @returns a function that unsubscribes from the model.
 */
export function setUpLoraControls(root: ParentNode, model: LoraModel): () => void {
  const toggle = byId(root, 'lora-toggle', HTMLInputElement);
  const state = byId(root, 'lora-state', HTMLElement);
  const rank = byId(root, 'rank', HTMLInputElement);
  const rankValue = byId(root, 'rank-value', HTMLOutputElement);
  const rankHint = byId(root, 'rank-hint', HTMLElement);
  const rankOffNote = byId(root, 'rank-off-note', HTMLElement);
  const headline = byId(root, 'summary-headline', HTMLElement);
  const detail = byId(root, 'summary-detail', HTMLElement);
  const problem = byId(root, 'lora-problem', HTMLElement);

  const showProblem = (message: string): void => {
    problem.textContent = message;
    problem.hidden = message === '';
  };

  /** Brings the model in line with the controls: at most one adapter, at the slider's rank. */
  const apply = (): void => {
    try {
      if (model.adapterNames.includes(ADAPTER_NAME)) model.deleteAdapter(ADAPTER_NAME);
      if (!toggle.checked) {
        showProblem('');
        return;
      }
      const spec = attachLora(model, {
        r: rank.valueAsNumber,
        alpha: LORA_SETTINGS.alpha,
        targetModules: [...LORA_SETTINGS.targetModules],
      });
      showProblem(spec.warnings.join(' '));
    } catch (error) {
      // Core names the bad field; show it rather than leave the page half-updated.
      showProblem(error instanceof Error ? error.message : String(error));
    }
  };

  const render = (): void => {
    const on = toggle.checked;
    state.textContent = on ? 'On' : 'Off';
    rankValue.value = rank.value;
    rank.disabled = !on;
    rank.setAttribute('aria-disabled', String(!on));
    rankOffNote.hidden = on;
    // A hidden node referenced by aria-describedby is still read, so reference it only when shown.
    rank.setAttribute('aria-describedby', on ? rankHint.id : `${rankHint.id} ${rankOffNote.id}`);

    const ledger = countParameters(model);
    headline.textContent = `${count.format(ledger.trainable)} of ${count.format(ledger.all)} parameters train`;
    const share = `${ledger.trainablePercent.toFixed(1)}% of the model`;
    const adapted = ledger.layers.filter((layer) => layer.rank !== null);
    const first = adapted[0];
    if (ledger.adapter === null || first === undefined) {
      detail.textContent = `${share}. Full fine-tuning: every weight and bias is updated.`;
    } else {
      const scaling = model.scaling(first.name);
      const scalingText = scaling === null ? '' : `, scaling α/r\u00a0=\u00a0${decimal.format(scaling)}`;
      detail.textContent =
        `${share}. Base frozen; rank-${first.rank ?? '?'} adapters on ` +
        `${listOf(adapted.map((layer) => layer.name))}${scalingText}.`;
    }
  };

  // render() also runs from the subscription; calling it here covers changes that emit nothing
  // (switching off with no adapter present) and a failed attach.
  toggle.addEventListener('change', () => {
    apply();
    render();
  });
  rank.addEventListener('input', () => {
    if (toggle.checked) apply();
    render();
  });

  const unsubscribe = model.subscribe((change) => {
    if (change.kind === 'adapters' || change.kind === 'dispose') render();
  });
  // The browser may restore the controls' state on reload: start from what they show.
  apply();
  render();
  return unsubscribe;
}
