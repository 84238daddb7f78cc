import { TASK_CLASSES, type LoraModel, type TraceSample } from '@lora-viz/core';

/** The page's view of a pass element: the shared model, the sample, and playback. */
interface PassElement extends HTMLElement {
  model?: LoraModel;
  sample?: TraceSample;
  seek(position: number): void;
  play(): void;
  readonly updateComplete: Promise<boolean>;
}

/** Reads "1, 0, 0.5, …" as exactly `length` finite numbers, or says what is wrong with it. */
export function parseInput(text: string, length: number): number[] | string {
  const items = text.split(',').map((item) => item.trim());
  if (items.length !== length) return `Type ${length} numbers separated by commas (found ${items.length}).`;
  const values = items.map((item) => (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(item) ? Number(item) : NaN));
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) return `Item ${bad + 1} ("${items[bad]}") is not a number.`;
  return values;
}

function part<T extends Element>(form: HTMLFormElement, selector: string, type: abstract new () => T): T {
  const el = form.querySelector(selector);
  if (!(el instanceof type)) throw new Error(`demo: ${form.id} has no ${selector}.`);
  return el;
}

/**
 * Wires the Forward Pass and Backward Pass tabs: each form's "Run" records one step of the shared
 * model on the typed input and label and plays it from the start. Both tabs share the sample, so
 * switching tabs follows the same input forward and then backward; the step-0 view under the backward
 * pass follows it too. A bad input keeps what the user
 * typed and says what to fix.
 */
export function setUpPassTabs(root: ParentNode, model: LoraModel): void {
  const firstSteps = root.querySelector('#first-steps') as (HTMLElement & Pick<PassElement, 'model' | 'sample'>) | null;
  if (firstSteps === null) throw new Error('demo: the backward pass tab is missing its step-0 view.');
  firstSteps.model = model;
  const classes = TASK_CLASSES[model.spec.task] ?? [];
  const tabs = (['forward', 'backward'] as const).map((kind) => {
    const form = root.querySelector(`#${kind}-form`);
    const pass = root.querySelector(`#${kind}-pass`);
    if (!(form instanceof HTMLFormElement) || !(pass instanceof HTMLElement)) {
      throw new Error(`demo: the ${kind} pass tab is missing its form or element.`);
    }
    const labels = part(form, 'select', HTMLSelectElement);
    labels.replaceChildren(...classes.map((name, i) => new Option(name, String(i), false, i === classes.length - 1)));
    return {
      form,
      pass: pass as PassElement,
      input: part(form, 'input', HTMLInputElement),
      labels,
      error: part(form, '.pass-form__error', HTMLElement),
    };
  });

  for (const tab of tabs) {
    tab.pass.model = model;
    tab.input.addEventListener('input', () => {
      tab.input.removeAttribute('aria-invalid');
      tab.error.textContent = '';
    });
    tab.form.addEventListener('submit', (event) => {
      event.preventDefault();
      const parsed = parseInput(tab.input.value, model.spec.inputDim);
      if (typeof parsed === 'string') {
        tab.input.setAttribute('aria-invalid', 'true');
        tab.error.textContent = parsed;
        tab.input.focus();
        return;
      }
      const sample: TraceSample = { input: parsed, label: Number(tab.labels.value) };
      for (const other of tabs) {
        // Keep both tabs on the same sample, and what the user typed in both fields.
        other.input.value = tab.input.value;
        other.labels.value = tab.labels.value;
        other.pass.sample = sample;
      }
      firstSteps.sample = sample;
      void tab.pass.updateComplete.then(() => {
        tab.pass.seek(0);
        tab.pass.play();
      });
    });
  }
}
