import { expect } from '@esm-bundle/chai';
import {
  attachLora,
  createMlp,
  recordSteps,
  tf,
  type InitLoraWeights,
  type LoraModel,
  type TraceEvent,
} from '@lora-viz/core';
import '../src/lora-first-steps.js';
import type { LoraFirstSteps, LoraFirstStepsChangeDetail } from '../src/first-steps/lora-first-steps.js';
import { formatValue } from '../src/matrix/format.js';
import { press } from './support/browser-commands.js';

// The pass elements' default sample for sentiment: features 0, 3, 5, 7 on, label 1.
const SAMPLE = { input: [1, 0, 0, 1, 0, 1, 0, 1], label: 1 };
const LAYERS = ['fc1', 'fc2'] as const;
const COLUMNS = ['grad-a', 'grad-b', 'change-a', 'change-b'] as const;
const models: LoraModel[] = [];

function loraModel(options: { seed?: number; init?: InitLoraWeights; r?: number } = {}): LoraModel {
  const model = createMlp({ seed: options.seed ?? 7 });
  attachLora(model, { r: options.r ?? 4, alpha: 8, initLoraWeights: options.init ?? true });
  models.push(model);
  return model;
}

/** Two steps recorded by core on an identical, independently built model. */
function independentSteps(
  options: { seed?: number; init?: InitLoraWeights; lr?: number; scale?: number; r?: number } = {},
): TraceEvent[] {
  const model = loraModel(options);
  if (options.scale !== undefined) model.setScale(options.scale);
  return recordSteps(model, SAMPLE, 2, { lr: options.lr ?? 0.1 });
}

/** The four norms of a layer at a step, from recorded events, as the cells should read them. */
function expectedRow(events: readonly TraceEvent[], layer: string, step: number): Record<string, string> {
  const norm = (kind: 'param-grad' | 'param-update', id: string) => {
    const e = events.find((x) => x.step === step && x.kind === kind && x.paramId === id)!;
    return e.kind === 'param-grad' ? e.grad.norm : (e as Extract<TraceEvent, { kind: 'param-update' }>).delta.norm;
  };
  return {
    'grad-a': formatValue(norm('param-grad', `${layer}.lora_A`), 4),
    'grad-b': formatValue(norm('param-grad', `${layer}.lora_B`), 4),
    'change-a': formatValue(norm('param-update', `${layer}.lora_A`), 4),
    'change-b': formatValue(norm('param-update', `${layer}.lora_B`), 4),
  };
}

async function mount(setup: (el: LoraFirstSteps) => void = () => {}): Promise<LoraFirstSteps> {
  const el = document.createElement('lora-first-steps') as LoraFirstSteps;
  setup(el);
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (el: Element, name: string) => part(el, name)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
const cell = (el: LoraFirstSteps, layer: string, step: number, column: string) =>
  el
    .shadowRoot!.querySelector(`[part~="table-${layer}"] [part~="row-step-${step}"] [part~="value-${column}"]`)!
    .textContent!.trim();
const row = (el: LoraFirstSteps, layer: string, step: number) =>
  Object.fromEntries(COLUMNS.map((c) => [c, cell(el, layer, step, c)]));
/** A shown number back to a number (the view writes a true minus sign). */
const num = (shown: string) => Number(shown.replace('\u2212', '-'));
const radio = (el: LoraFirstSteps, value: string) =>
  el.shadowRoot!.querySelector<HTMLInputElement>(`[part~="init-choice-${value}"] input`)!;

/**
 * ‖∂L/∂B‖ of each adapted layer at step 0, in float64 from the model's own parameters, for B = 0
 * (so the network is the base network): ∂L/∂B = s·dz·(A·h)ᵀ, an outer product, whose Frobenius norm
 * is s·‖dz‖·‖A·h‖. Cross-entropy on softmax: dL/dlogits = p − onehot(label).
 */
function handGradB(model: LoraModel, input: readonly number[], label: number): Record<string, number> {
  const mat = (id: string) => {
    const { shape, values } = model.read(id);
    return Array.from({ length: shape[0]! }, (_, i) => Array.from(values.subarray(i * shape[1]!, (i + 1) * shape[1]!)));
  };
  const vec = (id: string) => Array.from(model.read(id).values);
  const mv = (m: number[][], x: readonly number[]) => m.map((r) => r.reduce((s, w, j) => s + w * x[j]!, 0));
  const mtv = (m: number[][], y: readonly number[]) => m[0]!.map((_, j) => m.reduce((s, r, i) => s + r[j]! * y[i]!, 0));
  const norm = (v: readonly number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  const hs: number[][] = [[...input]];
  const zs: number[][] = [];
  for (const layer of ['fc1', 'fc2', 'fc3']) {
    const z = mv(mat(`${layer}.weight`), hs.at(-1)!).map((x, i) => x + vec(`${layer}.bias`)[i]!);
    zs.push(z);
    hs.push(layer === 'fc3' ? z : z.map((x) => Math.max(0, x)));
  }
  const logits = zs[2]!;
  const max = Math.max(...logits);
  const exp = logits.map((z) => Math.exp(z - max));
  const total = exp.reduce((a, b) => a + b, 0);
  let dz = exp.map((e, i) => e / total - (i === label ? 1 : 0));
  const result: Record<string, number> = {};
  for (let l = 2; l >= 0; l--) {
    const layer = `fc${l + 1}`;
    if (l < 2) dz = dz.map((g, i) => (zs[l]![i]! > 0 ? g : 0));
    if (layer !== 'fc3') {
      const s = model.scaling(layer as 'fc1' | 'fc2')!;
      result[layer] = s * norm(dz) * norm(mv(mat(`${layer}.lora_A`), hs[l]!));
    }
    dz = mtv(mat(`${layer}.weight`), dz);
  }
  return result;
}

afterEach(() => {
  for (const el of document.querySelectorAll('lora-first-steps')) el.remove();
  for (const m of models.splice(0)) if (!m.disposed) m.dispose();
});

describe('<lora-first-steps>', () => {
  it('gives A a zero gradient at step 0 when B starts at zero, and a non-zero one at step 1', async () => {
    const model = loraModel();
    const el = await mount((e) => {
      e.model = model;
      e.sample = SAMPLE;
    });
    for (const layer of LAYERS) {
      expect(cell(el, layer, 0, 'grad-a'), `${layer} step 0 ‖∂L/∂A‖`).to.equal('0');
      expect(cell(el, layer, 0, 'change-a'), `${layer} step 0 ‖change of A‖`).to.equal('0');
      expect(num(cell(el, layer, 0, 'grad-b')), `${layer} step 0 ‖∂L/∂B‖`).to.be.greaterThan(0);
      expect(num(cell(el, layer, 1, 'grad-a')), `${layer} step 1 ‖∂L/∂A‖`).to.be.greaterThan(0);
      expect(num(cell(el, layer, 1, 'change-a')), `${layer} step 1 ‖change of A‖`).to.be.greaterThan(0);
    }
    expect(el.shadowRoot!.querySelector('[part~="table-fc3"]')).to.equal(null);
    expect(text(el, 'noop-value')).to.equal('0');
    expect(el.shadowRoot!.querySelectorAll('[part~="delta-w"]').length).to.equal(2);
    for (const d of el.shadowRoot!.querySelectorAll('[part~="delta-w"]')) expect(d.textContent!.trim()).to.equal('0');
    expect(radio(el, 'true').checked).to.equal(true);
  });

  it('shows the same norms as an independent recordSteps run, and a step-0 ∂L/∂B that matches a float64 hand computation', async () => {
    const model = loraModel();
    const hand = handGradB(model, SAMPLE.input, SAMPLE.label);
    const el = await mount((e) => {
      e.model = model;
      e.sample = SAMPLE;
    });
    const events = independentSteps();
    for (const layer of LAYERS) {
      expect(row(el, layer, 0), `${layer} step 0`).to.deep.equal(expectedRow(events, layer, 0));
      expect(row(el, layer, 1), `${layer} step 1`).to.deep.equal(expectedRow(events, layer, 1));
      const shown = num(cell(el, layer, 0, 'grad-b'));
      expect(Math.abs(shown - hand[layer]!) / hand[layer]!, `${layer} ‖∂L/∂B‖ vs hand`).to.be.lessThan(1e-3);
      // Plain SGD at lr 0.1: the first change of B is a tenth of its gradient.
      expect(Math.abs(num(cell(el, layer, 0, 'change-b')) - 0.1 * hand[layer]!) / (0.1 * hand[layer]!)).to.be.lessThan(
        1e-3,
      );
    }
  });

  it('uses its own toy model and the default sample when given neither', async () => {
    const el = await mount();
    // The own model: createMlp() (seed 0) with LoRA r = 4, alpha 8 on fc1, fc2.
    const events = independentSteps({ seed: 0 });
    for (const layer of LAYERS) {
      expect(row(el, layer, 0)).to.deep.equal(expectedRow(events, layer, 0));
      expect(row(el, layer, 1)).to.deep.equal(expectedRow(events, layer, 1));
    }
  });

  it('explains the numbers: A gets nothing at step 0, then receives a gradient at step 1', async () => {
    const el = await mount((e) => {
      e.model = loraModel();
      e.sample = SAMPLE;
    });
    const region = part(el, 'explanation')!;
    expect(region.getAttribute('aria-live')).to.equal('polite');
    const events = independentSteps();
    const gradA1 = (layer: string) => expectedRow(events, layer, 1)['grad-a'];
    const explanation = text(el, 'explanation')!;
    expect(explanation).to.contain('Step 0: B is all zeros, so ∂L/∂A = s·Bᵀ(∂L/∂h)·xᵀ = 0 — only B moves');
    expect(explanation).to.contain(
      `A receives a gradient (‖∂L/∂A‖ = ${gradA1('fc1')} on fc1 and ${gradA1('fc2')} on fc2)`,
    );
    expect(explanation).to.contain('largest difference 0');
  });

  it('keeps the zero property with init="gaussian"', async () => {
    const el = await mount((e) => {
      e.model = loraModel();
      e.sample = SAMPLE;
      e.setAttribute('init', 'gaussian');
    });
    expect(radio(el, 'gaussian').checked).to.equal(true);
    const events = independentSteps({ init: 'gaussian' });
    for (const layer of LAYERS) {
      expect(cell(el, layer, 0, 'grad-a')).to.equal('0');
      expect(num(cell(el, layer, 0, 'grad-b'))).to.be.greaterThan(0);
      expect(row(el, layer, 1)).to.deep.equal(expectedRow(events, layer, 1));
    }
    expect(text(el, 'noop-value')).to.equal('0');
  });

  it('breaks the no-op start with init="false": A moves from step 0 and the output already differs', async () => {
    const el = await mount((e) => {
      e.model = loraModel();
      e.sample = SAMPLE;
      e.setAttribute('init', 'false');
    });
    // Independently: the same adapter built with initLoraWeights false, output with and without it.
    const twin = loraModel({ init: false });
    const withAdapter = twin.predict(SAMPLE.input)[0]!;
    twin.disableAdapters();
    const base = twin.predict(SAMPLE.input)[0]!;
    const difference = Math.max(...withAdapter.map((v, i) => Math.abs(v - base[i]!)));
    expect(difference).to.be.greaterThan(0);
    expect(text(el, 'noop-value')).to.equal(formatValue(difference, 4));
    const events = independentSteps({ init: false });
    for (const layer of LAYERS) {
      expect(num(cell(el, layer, 0, 'grad-a')), `${layer} step 0 ‖∂L/∂A‖`).to.be.greaterThan(0);
      expect(num(part(el, `table-${layer}`)!.querySelector('[part~="delta-w"]')!.textContent!)).to.be.greaterThan(0);
      expect(row(el, layer, 0)).to.deep.equal(expectedRow(events, layer, 0));
    }
    const explanation = text(el, 'explanation')!;
    expect(explanation).to.contain('A moves from the first step');
    expect(explanation).to.contain(
      `the output already differs from the base model's by up to ${formatValue(difference, 4)}`,
    );
    expect(explanation).to.not.contain('B is all zeros');
  });

  it('follows the init of the model’s own adapter when init is unset', async () => {
    const el = await mount((e) => {
      e.model = loraModel({ init: false });
      e.sample = SAMPLE;
    });
    expect(radio(el, 'false').checked).to.equal(true);
    expect(num(cell(el, 'fc1', 0, 'grad-a'))).to.be.greaterThan(0);
  });

  it('changes the init from the keyboard, fires lora-first-steps-change and updates the table', async () => {
    const el = await mount((e) => {
      e.model = loraModel();
      e.sample = SAMPLE;
    });
    const details: LoraFirstStepsChangeDetail[] = [];
    document.body.addEventListener('lora-first-steps-change', (event) =>
      details.push((event as CustomEvent<LoraFirstStepsChangeDetail>).detail),
    );
    radio(el, 'true').focus();
    expect(el.shadowRoot!.activeElement).to.equal(radio(el, 'true'));
    await press('ArrowDown');
    await el.updateComplete;
    expect(details).to.deep.equal([{ init: 'gaussian' }]);
    expect(el.getAttribute('init')).to.equal('gaussian');
    expect(radio(el, 'gaussian').checked).to.equal(true);
    const gaussian = independentSteps({ init: 'gaussian' });
    expect(row(el, 'fc1', 1)).to.deep.equal(expectedRow(gaussian, 'fc1', 1));

    await press('ArrowDown');
    await el.updateComplete;
    expect(details.map((d) => d.init)).to.deep.equal(['gaussian', false]);
    expect(num(cell(el, 'fc1', 0, 'grad-a'))).to.be.greaterThan(0);
    expect(row(el, 'fc2', 0)).to.deep.equal(expectedRow(independentSteps({ init: false }), 'fc2', 0));
  });

  it('fires no event when the page sets init', async () => {
    const el = await mount((e) => {
      e.model = loraModel();
      e.sample = SAMPLE;
    });
    let fired = 0;
    el.addEventListener('lora-first-steps-change', () => (fired += 1));
    el.init = 'false';
    await el.updateComplete;
    expect(radio(el, 'false').checked).to.equal(true);
    expect(num(cell(el, 'fc1', 0, 'grad-a'))).to.be.greaterThan(0);
    expect(fired).to.equal(0);
  });

  it('names the init attribute and its accepted values when init is bad, without crashing', async () => {
    const el = await mount((e) => {
      e.model = loraModel();
      e.setAttribute('init', 'zeros');
    });
    const error = text(el, 'error')!;
    expect(error).to.contain('init="zeros"');
    expect(error).to.contain('true, gaussian, false');
    expect(el.shadowRoot!.querySelector('[part~="table"]')).to.equal(null);
    // Picking a radio fixes it.
    radio(el, 'true').click();
    await el.updateComplete;
    expect(part(el, 'error')).to.equal(null);
    expect(cell(el, 'fc1', 0, 'grad-a')).to.equal('0');
  });

  it('names lr and optimizer when they are bad', async () => {
    const el = await mount((e) => {
      e.model = loraModel();
      e.setAttribute('lr', '-1');
      e.setAttribute('optimizer', 'rmsprop');
    });
    const error = text(el, 'error')!;
    expect(error).to.contain('lr="-1"');
    expect(error).to.contain('a positive finite number');
    expect(error).to.contain('optimizer="rmsprop"');
    expect(error).to.contain('sgd, adam');
  });

  it('uses lr and optimizer', async () => {
    const model = loraModel();
    const el = await mount((e) => {
      e.model = model;
      e.sample = SAMPLE;
      e.setAttribute('lr', '0.05');
      e.setAttribute('optimizer', 'adam');
    });
    const events = recordSteps(loraModel(), SAMPLE, 2, { lr: 0.05, optimizer: 'adam' });
    expect(row(el, 'fc1', 0)).to.deep.equal(expectedRow(events, 'fc1', 0));
    expect(row(el, 'fc2', 1)).to.deep.equal(expectedRow(events, 'fc2', 1));
    expect(cell(el, 'fc1', 0, 'grad-a')).to.equal('0');
  });

  it('leaks no tensor across a recompute, and frees its own model when removed', async () => {
    const model = loraModel();
    const before = tf.memory().numTensors;
    const el = await mount((e) => {
      e.model = model;
      e.sample = SAMPLE;
    });
    expect(tf.memory().numTensors).to.equal(before);
    el.lr = 0.2;
    await el.updateComplete;
    expect(el.measurement?.lr).to.equal(0.2);
    el.setAttribute('init', 'false');
    await el.updateComplete;
    expect(el.measurement?.init).to.equal(false);
    expect(tf.memory().numTensors).to.equal(before);
    el.remove();

    const own = await mount();
    expect(own.measurement).to.not.equal(undefined);
    own.remove();
    expect(tf.memory().numTensors).to.equal(before);
  });

  it('recomputes when the shared model changes: scale, then another adapter', async () => {
    const model = loraModel();
    const el = await mount((e) => {
      e.model = model;
      e.sample = SAMPLE;
    });
    const first = row(el, 'fc1', 0);
    model.setScale(0.5);
    await el.updateComplete;
    const scaled = independentSteps({ scale: 0.5 });
    expect(row(el, 'fc1', 0)).to.deep.equal(expectedRow(scaled, 'fc1', 0));
    expect(row(el, 'fc1', 0)).to.not.deep.equal(first);
    expect(part(el, 'table-fc1')!.querySelector('caption')!.textContent).to.contain('s = 1');

    model.deleteAdapter('default');
    attachLora(model, { r: 2, alpha: 8, targetModules: ['fc1'] });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~="table-fc2"]')).to.equal(null);
    const twin = createMlp({ seed: 7 });
    models.push(twin);
    attachLora(twin, { r: 2, alpha: 8, targetModules: ['fc1'] });
    expect(row(el, 'fc1', 1)).to.deep.equal(expectedRow(recordSteps(twin, SAMPLE, 2), 'fc1', 1));
  });

  it('never changes the page model', async () => {
    const model = loraModel();
    const before = model.snapshot();
    const revision = model.revision;
    await mount((e) => {
      e.model = model;
      e.setAttribute('init', 'false');
    });
    expect(model.revision).to.equal(revision);
    for (const [id, values] of model.snapshot())
      expect(Array.from(values), id).to.deep.equal(Array.from(before.get(id)!));
  });

  it('says the view needs a LoRA adapter under full fine-tuning', async () => {
    const model = createMlp({ seed: 7 });
    models.push(model);
    const el = await mount((e) => {
      e.model = model;
    });
    expect(text(el, 'notice')).to.contain('needs a LoRA adapter');
    expect(el.shadowRoot!.querySelector('[part~="table"]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('input[type="radio"]')).to.equal(null);
    attachLora(model, { r: 4, alpha: 8 });
    await el.updateComplete;
    expect(part(el, 'notice')).to.equal(null);
    expect(cell(el, 'fc1', 0, 'grad-a')).to.equal('0');
  });

  it('gives every radio an accessible name and groups them under a legend', async () => {
    const el = await mount();
    const group = part(el, 'init-choices')!;
    expect(group.localName).to.equal('fieldset');
    expect(group.querySelector('legend')!.textContent).to.contain('init_lora_weights');
    const radios = [...group.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    expect(radios.map((r) => r.value)).to.deep.equal(['true', 'gaussian', 'false']);
    for (const r of radios) expect(r.labels?.[0]?.textContent?.trim().length ?? 0).to.be.greaterThan(5);
    expect(radios[2]!.labels![0]!.textContent).to.contain('not a no-op');
  });
});
