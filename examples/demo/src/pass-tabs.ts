import {
  DEFAULT_TRAINING_TEXT,
  GENERAL_CORPUS,
  TASK_CLASSES,
  featurize,
  parseLines,
  type ClassExample,
  type LoraModel,
  type TraceSample,
} from '@lora-viz/core';
import type { PassState } from './demo-state.js';

/** The page's view of a pass element: the shared model, the sample, and playback. */
interface PassElement extends HTMLElement {
  model?: LoraModel;
  sample?: TraceSample;
  seek(position: number): void;
  play(): void;
  readonly updateComplete: Promise<boolean>;
}

/** What {@link setUpPassTabs} returns: the sample choice, to save it and to restore it. */
export interface PassTabsController {
  /** The picker, input box and label of the form the user last touched (both agree after a Run). */
  read(): PassState;
  /**
   * Shows a saved choice in both forms and gives its sample to both passes and the step-0 view, as
   * Run would, without playing. A custom input that does not parse keeps its text and says what is
   * wrong. Returns false, changing nothing, when the sentence or the label does not exist.
   */
  restore(state: Partial<PassState>): boolean;
}

/** Value of the sample picker's "type your own numbers" entry. */
const CUSTOM = 'custom';

/** Reads "1, 0, 0.5, …" as exactly `length` finite numbers, or says what is wrong with it. */
export function parseInput(text: string, length: number): number[] | string {
  const items = text.split(',').map((item) => item.trim());
  if (items.length !== length) return `Type ${length} numbers separated by commas (found ${items.length}).`;
  const values = items.map((item) => (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(item) ? Number(item) : NaN));
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) return `Item ${bad + 1} ("${items[bad]}") is not a number.`;
  return values;
}

/** Up to four decimals, no trailing zeros: what the input box shows for a sentence's features. */
const short = (v: number) => String(Number(v.toFixed(4)));

function part<T extends Element>(form: HTMLFormElement, selector: string, type: abstract new () => T): T {
  const el = form.querySelector(selector);
  if (!(el instanceof type)) throw new Error(`demo: ${form.id} has no ${selector}.`);
  return el;
}

/**
 * The sentences the picker offers: a few lines of the task's general corpus (what the base was
 * pretrained on) and of its fine-tuning scenario (what it gets wrong), with their labels.
 */
function sampleSentences(task: 'sentiment' | 'classification'): { group: string; examples: ClassExample[] }[] {
  const pick = (text: string, n: number) => parseLines(task, text).examples.slice(0, n);
  return [
    { group: 'General corpus (the base was pretrained on these)', examples: pick(GENERAL_CORPUS[task], 6) },
    { group: 'Fine-tuning scenario (the base gets these wrong)', examples: pick(DEFAULT_TRAINING_TEXT[task], 4) },
  ];
}

/**
 * Wires the Forward Pass and Backward Pass tabs: a sample picker (a sentence of the task, whose 8
 * features fill the input, or "your own numbers"), the input and label, and "Run", which records one
 * step of the shared model on that sample and plays it from the start. Both tabs and the step-0 view
 * share the sample, so switching tabs follows the same input forward and then backward. A bad input
 * keeps what the user typed and says what to fix.
 */
export function setUpPassTabs(root: ParentNode, model: LoraModel): PassTabsController {
  const task = model.spec.task;
  if (task !== 'sentiment' && task !== 'classification') throw new Error(`demo: pass tabs expect a class task.`);
  const classes = TASK_CLASSES[task] ?? [];
  const groups = sampleSentences(task);
  const sentences = groups.flatMap((g) => g.examples);
  const firstSteps = root.querySelector('#first-steps') as (HTMLElement & Pick<PassElement, 'model' | 'sample'>) | null;
  if (firstSteps === null) throw new Error('demo: the backward pass tab is missing its step-0 view.');
  firstSteps.model = model;

  const tabs = (['forward', 'backward'] as const).map((kind) => {
    const form = root.querySelector(`#${kind}-form`);
    const pass = root.querySelector(`#${kind}-pass`);
    if (!(form instanceof HTMLFormElement) || !(pass instanceof HTMLElement)) {
      throw new Error(`demo: the ${kind} pass tab is missing its form or element.`);
    }
    const labels = part(form, 'select[name="label"]', HTMLSelectElement);
    labels.replaceChildren(...classes.map((name, i) => new Option(name, String(i))));
    const picker = part(form, 'select[name="sample"]', HTMLSelectElement);
    let index = 0;
    picker.replaceChildren(
      ...groups.map(({ group, examples }) => {
        const optgroup = document.createElement('optgroup');
        optgroup.label = group;
        // textContent, never markup: the sentences are data.
        optgroup.append(...examples.map((e) => new Option(`“${e.text}” (${classes[e.label]})`, String(index++))));
        return optgroup;
      }),
      new Option('Your own numbers', CUSTOM),
    );
    return {
      form,
      pass: pass as PassElement,
      picker,
      input: part(form, 'input[name="input"]', HTMLInputElement),
      labels,
      features: part(form, '.pass-form__features', HTMLElement),
      error: part(form, '.pass-form__error', HTMLElement),
    };
  });

  /** Shows the picked sentence (or custom numbers) in every form and gives every view its sample. */
  const choose = (value: string, typed?: { input: string; label: string }) => {
    const sentence = value === CUSTOM ? undefined : sentences[Number(value)];
    for (const tab of tabs) {
      tab.picker.value = value;
      tab.input.removeAttribute('aria-invalid');
      tab.error.textContent = '';
      if (sentence) {
        tab.input.value = sentence.input.map(short).join(', ');
        tab.labels.value = String(sentence.label);
        tab.features.textContent = `Features: ${featurize(task, sentence.text)
          .map((f) => `${f.name} ${short(f.value)}`)
          .join(', ')}.`;
      } else {
        if (typed) {
          tab.input.value = typed.input;
          tab.labels.value = typed.label;
        }
        tab.features.textContent = 'Your own input: each number is one of the 8 features the featurizer would compute.';
      }
    }
  };

  const apply = (sample: TraceSample) => {
    for (const tab of tabs) tab.pass.sample = sample;
    firstSteps.sample = sample;
  };

  // The page opens on the first line of the fine-tuning scenario: real text that the base gets wrong,
  // so the step has a sizeable loss and gradients (on lines it already knows they are tiny).
  const first = groups[0]!.examples.length;
  choose(String(first));
  apply({ input: sentences[first]!.input, label: sentences[first]!.label });

  let last = tabs[0]!;
  for (const tab of tabs) {
    tab.form.addEventListener('input', () => (last = tab));
    tab.form.addEventListener('change', () => (last = tab));
    tab.pass.model = model;
    tab.picker.addEventListener('change', () => {
      choose(tab.picker.value, { input: tab.input.value, label: tab.labels.value });
    });
    tab.input.addEventListener('input', () => {
      tab.input.removeAttribute('aria-invalid');
      tab.error.textContent = '';
      // Edited numbers are no longer the sentence's features.
      if (tab.picker.value !== CUSTOM) {
        tab.picker.value = CUSTOM;
        tab.features.textContent = 'Your own input: each number is one of the 8 features the featurizer would compute.';
      }
    });
    tab.form.addEventListener('submit', (event) => {
      event.preventDefault();
      const sentence = tab.picker.value === CUSTOM ? undefined : sentences[Number(tab.picker.value)];
      // A picked sentence runs on its exact features; the box shows them rounded to 4 decimals.
      const parsed = sentence ? [...sentence.input] : parseInput(tab.input.value, model.spec.inputDim);
      if (typeof parsed === 'string') {
        tab.input.setAttribute('aria-invalid', 'true');
        tab.error.textContent = parsed;
        tab.input.focus();
        return;
      }
      // Keep both tabs on the same sample, and what the user typed or picked in both forms.
      for (const other of tabs) {
        other.picker.value = tab.picker.value;
        other.input.value = tab.input.value;
        other.labels.value = tab.labels.value;
        other.features.textContent = tab.features.textContent;
        other.input.removeAttribute('aria-invalid');
        other.error.textContent = '';
      }
      apply({ input: parsed, label: Number(tab.labels.value) });
      void tab.pass.updateComplete.then(() => {
        tab.pass.seek(0);
        tab.pass.play();
      });
    });
  }

  return {
    read: () => ({ sample: last.picker.value, input: last.input.value, label: last.labels.value }),
    restore: (saved) => {
      const { sample, input, label } = {
        sample: last.picker.value,
        input: last.input.value,
        label: last.labels.value,
        ...saved,
      };
      // Exact option values only: "07" names no option even though Number("07") is 7.
      const at = (value: string) => (String(Number(value)) === value ? Number(value) : NaN);
      const sentence = sample === CUSTOM ? undefined : sentences[at(sample)];
      if ((sample !== CUSTOM && sentence === undefined) || classes[at(label)] === undefined) return false;
      choose(sample, { input, label });
      for (const tab of tabs) tab.labels.value = label;
      const parsed = sentence ? [...sentence.input] : parseInput(input, model.spec.inputDim);
      if (typeof parsed === 'string') {
        // The text is the user's: keep it, and say what Run would say.
        for (const tab of tabs) {
          tab.input.setAttribute('aria-invalid', 'true');
          tab.error.textContent = parsed;
        }
        return true;
      }
      apply({ input: parsed, label: Number(label) });
      return true;
    },
  };
}
