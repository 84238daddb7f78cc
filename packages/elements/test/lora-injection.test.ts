import { expect } from '@esm-bundle/chai';
import { attachLora, createMlp, singularValues, tf, type LoraModel, type LoraOptions } from '@lora-viz/core';
// The per-tag entry alone: it must also register the <lora-matrix> the panel is built from.
import '../src/lora-injection.js';
import type { LayerChangeDetail, LoraInjection, LoraMatrix } from '../src/index.js';
import { zeroSingularValues } from '../src/injection/format.js';
import { emulateMedia, press } from './support/browser-commands.js';

type Rgb = [number, number, number];
type Rows = number[][];

// Documented light-scheme end colours of <lora-matrix>.
const NEGATIVE: Rgb = [0xd5, 0x5e, 0x00];
const POSITIVE: Rgb = [0x00, 0x72, 0xb2];

const KEYS = ['w', 'a', 'b', 'delta', 'effective'] as const;
type MatrixKey = (typeof KEYS)[number];

const pageModels: LoraModel[] = [];

/** A model owned by the test (the "page"), with a LoRA adapter when `lora` is given; disposed after each test. */
function pageModel(lora?: LoraOptions, mlp: Parameters<typeof createMlp>[0] = {}): LoraModel {
  const model = createMlp(mlp);
  pageModels.push(model);
  if (lora) attachLora(model, lora);
  return model;
}

async function mount(attributes: Record<string, string> = {}, model?: LoraModel): Promise<LoraInjection> {
  const el = document.createElement('lora-injection');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  if (model) el.model = model;
  document.body.append(el);
  await settle(el);
  return el;
}

/** Waits for the panel and the heatmaps inside it to finish rendering. */
async function settle(el: LoraInjection): Promise<void> {
  await el.updateComplete;
  await Promise.all([...el.shadowRoot!.querySelectorAll('lora-matrix')].map((m) => m.updateComplete));
}

function part<T extends Element = HTMLElement>(el: LoraInjection, name: string): T | null {
  return el.shadowRoot!.querySelector<T>(`[part~="${name}"]`) as T | null;
}

function text(el: LoraInjection, name: string): string | null {
  return part(el, name)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
}

function matrix(el: LoraInjection, key: MatrixKey): LoraMatrix {
  const found = part<LoraMatrix>(el, `matrix-${key}`);
  expect(found !== null, `matrix-${key}`).to.equal(true);
  return found!;
}

function shape(m: LoraMatrix): string {
  return m.shadowRoot!.querySelector('[part~="shape"]')!.textContent!.trim();
}

/** A parameter as rows, read through core's public API (float32 values widened to float64). */
function rows(model: LoraModel, id: string): Rows {
  const { shape: dims, values } = model.read(id);
  const [r, c] = dims as [number, number];
  return Array.from({ length: r }, (_, i) => Array.from(values.subarray(i * c, (i + 1) * c)));
}

/** s·B·A, written out here rather than taken from core. */
function product(B: Rows, A: Rows, s: number): Rows {
  return B.map((bRow) => A[0]!.map((_, j) => s * bRow.reduce((sum, b, k) => sum + b * A[k]![j]!, 0)));
}

/** The canvas pixel at the centre of a cell of a heatmap. */
function pixel(m: LoraMatrix, row: number, column: number): Rgb {
  const canvas = m.shadowRoot!.querySelector<HTMLCanvasElement>('[part~="canvas"]')!;
  const x = Math.floor(((column + 0.5) * canvas.width) / m.values[0]!.length);
  const y = Math.floor(((row + 0.5) * canvas.height) / m.values.length);
  const data = canvas.getContext('2d')!.getImageData(x, y, 1, 1).data;
  return [data[0]!, data[1]!, data[2]!];
}

function liveText(m: LoraMatrix): string {
  return m.shadowRoot!.querySelector('[aria-live="polite"]')!.textContent!.replace('\u200b', '').trim();
}

/** Singular-value bars: their titles (`σ₃ = 0.1234`) and whether each is marked zero. */
function bars(el: LoraInjection): { value: number; zero: boolean; impossible: boolean }[] {
  return [...el.shadowRoot!.querySelectorAll('[part~="sv-bar"]')].map((g) => {
    const title = g.querySelector('title')!.textContent!;
    const parts = g.getAttribute('part')!.split(' ');
    return {
      value: Number(title.split(' = ')[1]!.split(' ')[0]!.replaceAll('\u2212', '-')),
      zero: parts.includes('sv-bar-zero'),
      impossible: parts.includes('sv-bar-impossible'),
    };
  });
}

const numTensors = () => tf.memory().numTensors;

before(async () => {
  await emulateMedia({ colorScheme: 'light' });
});

afterEach(() => {
  for (const el of document.querySelectorAll('lora-injection')) el.remove();
  for (const model of pageModels.splice(0)) if (!model.disposed) model.dispose();
});

describe('<lora-injection> matrices', () => {
  it('registers <lora-matrix> along with itself from its own entry', () => {
    expect(customElements.get('lora-injection') !== undefined, 'lora-injection defined').to.equal(true);
    expect(customElements.get('lora-matrix') !== undefined, 'lora-matrix defined').to.equal(true);
  });

  it('shows W, A, B, ΔW and W_eff with their shapes, names and roles', async () => {
    const el = await mount({}, pageModel({ r: 4, initLoraWeights: false }));
    const expected: Record<MatrixKey, [string, string, string]> = {
      w: ['16 × 8', 'W of fc1', 'frozen'],
      a: ['4 × 8', 'A of fc1', 'trainable'],
      b: ['16 × 4', 'B of fc1', 'trainable'],
      delta: ['16 × 8', 'ΔW of fc1', 'trainable'],
      effective: ['16 × 8', 'W_eff of fc1', 'effective'],
    };
    expect(el.shadowRoot!.querySelectorAll('lora-matrix').length).to.equal(5);
    for (const key of KEYS) {
      const m = matrix(el, key);
      const [shapeText, label, role] = expected[key];
      expect(shape(m), key).to.equal(shapeText);
      expect(m.label, key).to.equal(label);
      expect(m.matrixRole, key).to.equal(role);
      expect(m.shadowRoot!.querySelector('[part~="canvas"]')!.getAttribute('aria-label'), key).to.contain(label);
    }
    expect(text(el, 'equation')).to.contain('W + s · B · A = Weff');
    expect(text(el, 'scaling')).to.equal('s = α / r = 8 / 4 = 2');
  });

  it('draws W_eff = W + s·B·A, checked against the model read independently', async () => {
    const model = pageModel({ r: 4, alpha: 8, initLoraWeights: false });
    const el = await mount({}, model);
    const W = rows(model, 'fc1.weight');
    const delta = product(rows(model, 'fc1.lora_B'), rows(model, 'fc1.lora_A'), 8 / 4);
    const expected = W.map((row, i) => row.map((w, j) => w + delta[i]![j]!));
    const effective = matrix(el, 'effective');
    expect(effective.values.length).to.equal(16);
    for (let i = 0; i < 16; i++) {
      for (let j = 0; j < 8; j++) {
        expect(effective.values[i]![j]!).to.be.closeTo(expected[i]![j]!, 1e-9);
        expect(matrix(el, 'delta').values[i]![j]!).to.be.closeTo(delta[i]![j]!, 1e-9);
      }
    }
    expect(
      delta.flat().some((v) => Math.abs(v) > 1e-3),
      'ΔW is not a no-op here',
    ).to.equal(true);

    // The same numbers, read the way a keyboard user reads them (4 significant digits).
    effective.shadowRoot!.querySelector<HTMLCanvasElement>('[part~="canvas"]')!.focus();
    for (const [key, row, column] of [
      ['ArrowRight', 0, 1],
      ['ArrowDown', 1, 1],
      ['End', 1, 7],
      ['Control+End', 15, 7],
    ] as const) {
      await press(key);
      await effective.updateComplete;
      const [where, shown] = liveText(effective).split(': ') as [string, string];
      expect(where).to.equal(`row ${row + 1}, column ${column + 1}`);
      const value = Number(shown.replaceAll('\u2212', '-'));
      expect(value).to.be.closeTo(expected[row]![column]!, Math.abs(expected[row]![column]!) * 5e-4);
    }
  });

  it('follows a shared model live: a training update, then a re-attach with another rank', async () => {
    const model = pageModel({ r: 4 });
    const el = await mount({}, model);
    expect(text(el, 'zero-note')).to.contain('ΔW is all zeros');

    // What a training step does: write B, then tell the listeners.
    const B = model.trainableVariables().get('fc1.lora_B')!;
    B.assign(tf.fill([16, 4], 0.25));
    model.notifyWeightsChanged();
    await settle(el);
    expect(part(el, 'zero-note') === null, 'zero note gone').to.equal(true);
    expect(matrix(el, 'b').values[3]![2]!).to.equal(0.25);

    model.deleteAdapter('default');
    attachLora(model, { r: 2, alpha: 8 });
    await settle(el);
    expect(shape(matrix(el, 'a'))).to.equal('2 × 8');
    expect(shape(matrix(el, 'b'))).to.equal('16 × 2');
    expect(text(el, 'scaling')).to.equal('s = α / r = 8 / 2 = 4');
    expect(bars(el)).to.have.length(2);
  });

  it('shows s = α / √r with rsLoRA, and a rescaled s after setScale', async () => {
    const model = pageModel({ r: 4, alpha: 8, useRslora: true });
    const el = await mount({}, model);
    expect(text(el, 'scaling')).to.equal('s = α / √r = 8 / √4 = 4');
    model.setScale(0.5);
    await settle(el);
    expect(text(el, 'scaling')).to.equal('s = 2 (α / √r = 8 / √4 = 4, rescaled)');
  });

  it('says what holds while the adapter is disabled or merged', async () => {
    const model = pageModel({ r: 4, initLoraWeights: false });
    const el = await mount({}, model);
    model.disableAdapters();
    await settle(el);
    expect(text(el, 'equation')).to.contain('Weff = W');
    expect(text(el, 'status')).to.contain('disabled');
    expect(matrix(el, 'effective').values).to.deep.equal(matrix(el, 'w').values);
    model.enableAdapters();
    model.merge();
    await settle(el);
    expect(text(el, 'status')).to.contain('Merged');
  });
});

describe('<lora-injection> explanations', () => {
  it('says ΔW is all zeros under the default init, with every singular value zero', async () => {
    const el = await mount();
    expect(text(el, 'zero-note')).to.equal(
      'ΔW is all zeros: B starts at 0, so the adapter is a no-op until the first update.',
    );
    const shown = bars(el);
    expect(shown).to.have.length(4);
    expect(shown.every((b) => b.zero && b.value === 0)).to.equal(true);
    expect(text(el, 'rank-bound')).to.equal('rank(ΔW) ≤ r = 4: only 4 singular values can be non-zero.');
  });

  it('draws r bars of which at most min(r, in, out) are non-zero: 8 of 10 on fc1 at r = 10', async () => {
    const model = pageModel({ r: 10, initLoraWeights: false, targetModules: ['fc1'] });
    const el = await mount({}, model);
    const shown = bars(el);
    expect(shown).to.have.length(10);
    expect(shown.filter((b) => !b.zero)).to.have.length(8);
    expect(shown.slice(8).every((b) => b.zero && b.impossible)).to.equal(true);
    // Independently: the full SVD (one-sided Jacobi) of ΔW formed here from A and B.
    const delta = product(rows(model, 'fc1.lora_B'), rows(model, 'fc1.lora_A'), 8 / 10);
    const expected = singularValues(delta);
    expect(expected).to.have.length(8);
    for (let k = 0; k < 8; k++) expect(shown[k]!.value).to.be.closeTo(expected[k]!, expected[k]! * 5e-4);
    expect(text(el, 'rank-bound')).to.contain('rank(ΔW) ≤ min(r, in, out) = 8: only 8 of the r = 10');
  });

  it('counts a singular value as zero below 1e-10 of the largest (float rounding), and all of them when σ₁ = 0', () => {
    expect(zeroSingularValues([2, 1e-3, 1e-11, 0])).to.deep.equal([false, false, true, true]);
    expect(zeroSingularValues([0, 0])).to.deep.equal([true, true]);
  });

  it('compares r with the break-even rank r* = 5.33 of fc1: smaller at r = 4, larger at r = 6', async () => {
    const el = await mount({ rank: '4' });
    expect(text(el, 'break-even')).to.contain('r* = in · out / (in + out) = 8 · 16 / 24 = 5.33');
    expect(text(el, 'break-even-text')).to.equal(
      "fc1: r = 4 < r* = 5.33: the adapter has fewer parameters (96) than the layer's weight (128).",
    );
    el.setAttribute('rank', '6');
    await settle(el);
    expect(text(el, 'break-even-text')).to.equal(
      "fc1: r = 6 > r* = 5.33: the adapter has more parameters (144) than the layer's weight (128).",
    );
  });

  it('says when the layer has no adapter, and shows W alone', async () => {
    const el = await mount({ layer: 'fc3' });
    expect(text(el, 'no-adapter')).to.contain('fc3 has no LoRA adapter');
    expect(el.shadowRoot!.querySelectorAll('lora-matrix').length).to.equal(1);
    expect(shape(matrix(el, 'w'))).to.equal('2 × 16');
    expect(matrix(el, 'w').matrixRole).to.equal('frozen');
    expect(part(el, 'singular-values') === null, 'no chart').to.equal(true);

    const full = await mount({}, pageModel());
    expect(text(full, 'no-adapter')).to.contain('full fine-tuning');
    expect(matrix(full, 'w').matrixRole).to.equal('trainable');
  });
});

describe('<lora-injection> controls', () => {
  it('changes ΔW’s colours between a shared colour scale and independent scales', async () => {
    const el = await mount({ 'init-lora-weights': 'false' });
    const delta = matrix(el, 'delta');
    // The cell of ΔW with the largest |value|: the end colour on its own scale, paler on the shared one.
    let at = [0, 0];
    delta.values.forEach((row, i) =>
      row.forEach((v, j) => {
        if (Math.abs(v) > Math.abs(delta.values[at[0]!]![at[1]!]!)) at = [i, j];
      }),
    );
    const [i, j] = at as [number, number];
    const end = delta.values[i]![j]! < 0 ? NEGATIVE : POSITIVE;
    expect(el.scaleMode).to.equal('shared');
    expect(delta.scale!).to.be.greaterThan(Math.abs(delta.values[i]![j]!));
    const shared = pixel(delta, i, j);
    expect(shared).to.not.deep.equal(end);

    const independent = part<HTMLInputElement>(el, 'scale-toggle')!.querySelector<HTMLInputElement>(
      'input[value="independent"]',
    )!;
    independent.click();
    await settle(el);
    expect(el.scaleMode).to.equal('independent');
    expect(el.getAttribute('scale-mode')).to.equal('independent');
    expect(pixel(delta, i, j)).to.deep.equal(end);
  });

  it('switches layer from its selector and fires lora-layer-change, but not when the page sets layer', async () => {
    const el = await mount({ 'init-lora-weights': 'false' });
    const events: LayerChangeDetail[] = [];
    const record = (event: CustomEvent<LayerChangeDetail>) => events.push(event.detail);
    // On the document body: the event must bubble and cross the shadow boundary to get here.
    document.body.addEventListener('lora-layer-change', record);
    after(() => document.body.removeEventListener('lora-layer-change', record));
    const select = part<HTMLSelectElement>(el, 'layer-select')!;
    expect(select.value).to.equal('fc1');
    expect(select.closest('label')!.textContent).to.contain('Layer');
    select.focus();
    await press('ArrowDown');
    await settle(el);
    expect(events).to.deep.equal([{ layer: 'fc2' }]);
    expect(el.layer).to.equal('fc2');
    expect(shape(matrix(el, 'w'))).to.equal('16 × 16');
    expect(matrix(el, 'a').label).to.equal('A of fc2');
    el.setAttribute('layer', 'fc1');
    await settle(el);
    expect(shape(matrix(el, 'b'))).to.equal('16 × 4');
    expect(events).to.have.length(1);
  });

  it('defaults to the first layer the adapter targets', async () => {
    const el = await mount({}, pageModel({ targetModules: ['fc2', 'fc3'] }));
    expect(part<HTMLSelectElement>(el, 'layer-select')!.value).to.equal('fc2');
    expect(shape(matrix(el, 'w'))).to.equal('16 × 16');
  });
});

describe('<lora-injection> lifecycle and bad input', () => {
  it('disposes its own model when removed, and rebuilds it when put back', async () => {
    const baseline = numTensors();
    const el = await mount();
    expect(numTensors()).to.equal(baseline + 10); // 3 weights, 3 biases, A and B on fc1 and fc2
    el.remove();
    expect(numTensors()).to.equal(baseline);
    document.body.append(el);
    await settle(el);
    expect(numTensors()).to.equal(baseline + 10);
    expect(el.shadowRoot!.querySelectorAll('lora-matrix').length).to.equal(5);
  });

  it('never disposes a model the page gave it', async () => {
    const model = pageModel({ r: 4 });
    const el = await mount({}, model);
    const before = numTensors();
    el.remove();
    expect(model.disposed).to.equal(false);
    expect(numTensors()).to.equal(before);
  });

  it('shows a notice instead of throwing when the page disposes its model', async () => {
    const model = pageModel({ r: 4 });
    const el = await mount({}, model);
    model.dispose();
    await settle(el);
    expect(text(el, 'notice')).to.contain('disposed');
    expect(el.shadowRoot!.querySelectorAll('lora-matrix').length).to.equal(0);
  });

  for (const [attributes, named, accepted] of [
    [{ layer: 'fc9' }, 'layer="fc9"', 'fc1, fc2, fc3'],
    [{ 'init-lora-weights': 'maybe' }, 'init-lora-weights="maybe"', 'true, gaussian, false'],
    [{ rank: '0' }, 'rank="0"', 'a positive integer'],
    [{ 'scale-mode': 'log' }, 'scale-mode="log"', 'shared, independent'],
  ] as const) {
    it(`shows an alert naming ${named} and what it accepts`, async () => {
      const baseline = numTensors();
      const el = await mount(attributes);
      const alert = el.shadowRoot!.querySelector('[role="alert"]')!.textContent!.replace(/\s+/g, ' ');
      expect(alert).to.contain(named);
      expect(alert).to.contain(accepted);
      if (!('layer' in attributes) && !('scale-mode' in attributes)) expect(numTensors()).to.equal(baseline);
    });
  }
});
