import { expect } from '@esm-bundle/chai';
import {
  describeModel,
  describeToy,
  estimateMemory,
  fitOnGpu,
  type MemoryEstimate,
  type MemoryOptions,
  type ModelDescription,
  type TrainingMethod,
} from '@lora-viz/core';
import '../src/lora-memory-dashboard.js';
import type { LoraMemoryDashboard } from '../src/memory-dashboard/lora-memory-dashboard.js';
import type { MemoryDashboardSettings } from '../src/memory-dashboard/dashboard-settings.js';
import { formatInUnit, niceAxis, resolveUnit } from '../src/memory-dashboard/byte-scale.js';
import { moveInBars, moveInTable } from '../src/memory-dashboard/navigate-cells.js';
import type { RowKey } from '../src/memory-dashboard/cell-key.js';
import { LoraMemoryDashboard as RootExport } from '../src/index.js';
import { emulateMedia, moveMouse, press, resetMouse } from './support/browser-commands.js';

const METHODS = ['full', 'lora', 'qlora'] as const;
/** Component keys of core's `MemoryBytes` and the slugs the element's parts use for them. */
const ROWS = [
  ['weights', 'weights'],
  ['quantConstants', 'quant-constants'],
  ['adapters', 'adapters'],
  ['gradients', 'gradients'],
  ['optimizer', 'optimizer'],
  ['activations', 'activations'],
] as const;
const GIB = 2 ** 30;
const KIB = 2 ** 10;

async function mount(attributes: Record<string, string> = {}): Promise<LoraMemoryDashboard> {
  const el = document.createElement('lora-memory-dashboard') as LoraMemoryDashboard;
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
const root = (el: Element) => el.shadowRoot!;
const part = <T extends Element = HTMLElement>(el: Element, name: string) =>
  root(el).querySelector<T>(`[part~="${name}"]`);
const parts = <T extends Element = HTMLElement>(el: Element, name: string) => [
  ...root(el).querySelectorAll<T>(`[part~="${name}"]`),
];
const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
const cell = (el: Element, method: string, slug: string) =>
  root(el).querySelector<HTMLTableCellElement>(`td[part~="cell-${method}"][part~="cell-${slug}"]`)!;
/** The exact bytes a table cell holds, and the number it shows. */
const cellBytes = (el: Element, method: string, slug: string) =>
  Number(cell(el, method, slug).querySelector('data')!.getAttribute('value'));
const cellText = (el: Element, method: string, slug: string) => text(cell(el, method, slug).querySelector('data'));
const segment = (el: Element, method: string, slug: string) =>
  root(el).querySelector<SVGRectElement>(`rect[part~="segment-${method}"][part~="segment-${slug}"]`);
const num = (node: Element, attribute: string) => Number(node.getAttribute(attribute));
/** A count with thousands separators, written here independently of the element. */
const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Core's estimate for each method, computed here from the same options the element should use. */
function independent(description: ModelDescription, options: MemoryOptions): Record<TrainingMethod, MemoryEstimate> {
  return Object.fromEntries(METHODS.map((m) => [m, estimateMemory(description, { ...options, method: m })])) as Record<
    TrainingMethod,
    MemoryEstimate
  >;
}

/** Records `lora-memory-change` events. */
function listen(el: Element): CustomEvent<MemoryDashboardSettings>[] {
  const events: CustomEvent<MemoryDashboardSettings>[] = [];
  el.addEventListener('lora-memory-change', (e) => events.push(e as CustomEvent<MemoryDashboardSettings>));
  return events;
}

/** Every drawn segment's height per byte must be one number: the bars are proportional to the bytes. */
function expectProportionalBars(el: Element, estimates: Record<TrainingMethod, MemoryEstimate>): number {
  let perByte: number | null = null;
  for (const method of METHODS) {
    let bottom: number | null = null;
    for (const [key, slug] of ROWS) {
      const bytes = estimates[method].bytes[key];
      const rect = segment(el, method, slug);
      if (bytes === 0) {
        expect(rect, `${method} ${key} has no segment`).to.equal(null);
        continue;
      }
      expect(rect, `${method} ${key} segment`).to.not.equal(null);
      const height = num(rect!, 'height');
      perByte ??= height / bytes;
      expect(height / bytes, `${method} ${key} height per byte`).to.be.closeTo(perByte, perByte * 1e-9);
      // Stacked: each segment starts where the one below ends.
      if (bottom !== null) expect(num(rect!, 'y') + height, `${method} ${key} stacked`).to.be.closeTo(bottom, 1e-6);
      bottom = num(rect!, 'y');
    }
  }
  return perByte!;
}

afterEach(async () => {
  for (const el of document.querySelectorAll('lora-memory-dashboard')) el.remove();
  await resetMouse();
  await emulateMedia({ colorScheme: 'light', forcedColors: 'none' });
});

describe('<lora-memory-dashboard>', () => {
  it('shows the toy by default with table numbers from core and the hand computation of the guide', async () => {
    const el = await mount({ task: 'classification' });
    // Hand computation (docs/guide/memory.md §7): classification toy 8→16→16→4 in fp32, r = 4 on fc1 and fc2,
    // AdamW, batch 1. 484 parameters; adapter 4·(8+16) + 4·(16+16) = 224.
    // Full: 484·4 weights, 484·4 gradients, 484·8 optimizer, activations (8+16+16)·4 + 4·4 = 176.
    // LoRA: 1,936 + adapter 896 + gradients 896 + optimizer 1,792 + activations 176 + A·x (4+4)·4 = 208.
    // QLoRA: fc1 (128) and fc2 (256) in NF4 = 64 + 128 bytes; the other 100 parameters in fp32 = 400;
    // double-quantized constants: fc1 2 blocks → 2 + 4 + 4 = 10 bytes, fc2 4 blocks → 4 + 4 + 4 = 12.
    const hand: Record<TrainingMethod, Record<(typeof ROWS)[number][0] | 'total', number>> = {
      full: {
        weights: 1936,
        quantConstants: 0,
        adapters: 0,
        gradients: 1936,
        optimizer: 3872,
        activations: 176,
        total: 7920,
      },
      lora: {
        weights: 1936,
        quantConstants: 0,
        adapters: 896,
        gradients: 896,
        optimizer: 1792,
        activations: 208,
        total: 5728,
      },
      qlora: {
        weights: 592,
        quantConstants: 22,
        adapters: 896,
        gradients: 896,
        optimizer: 1792,
        activations: 208,
        total: 4406,
      },
    };
    const core = independent(describeToy({ task: 'classification' }), { rank: 4, targets: ['fc1', 'fc2'] });
    for (const method of METHODS) {
      for (const [key, slug] of [...ROWS, ['total', 'total'] as const]) {
        expect(cellBytes(el, method, slug), `${method} ${key}`).to.equal(hand[method][key]);
        expect(core[method].bytes[key], `core ${method} ${key}`).to.equal(hand[method][key]);
        // Auto units: the largest total, 7,920 bytes, is written in KiB.
        expect(cellText(el, method, slug), `${method} ${key} shown`).to.equal((hand[method][key] / KIB).toFixed(2));
      }
    }
    expect(text(part(el, 'table-unit'))).to.equal('KiB');
    expect(text(part(el, 'ratio-lora'))).to.equal(`${(5728 / 7920).toFixed(2)}× full`);
    expect(text(part(el, 'ratio-qlora'))).to.equal(`${(4406 / 7920).toFixed(2)}× full`);
    expect(el.estimates!.lora.bytes.total).to.equal(5728);
  });

  it('draws bar segments whose heights are proportional to the same numbers, on a matching axis', async () => {
    const el = await mount();
    const core = independent(describeToy(), { rank: 4 });
    const perByte = expectProportionalBars(el, core);
    // A bar is as tall as its total, and the axis ticks sit at their value times the same scale.
    const base = num(segment(el, 'full', 'weights')!, 'y') + num(segment(el, 'full', 'weights')!, 'height');
    const top = num(segment(el, 'full', 'activations')!, 'y');
    expect(base - top).to.be.closeTo(core.full.bytes.total * perByte, 1e-6);
    const ticks = parts<SVGLineElement>(el, 'tick');
    const labels = parts(el, 'tick-label').map((t) => Number(text(t)!.replace(/,/g, '')));
    expect(ticks.length).to.be.greaterThan(2);
    ticks.forEach((tick, i) => {
      expect(labels[i]).to.equal(num(tick, 'data-value'));
      expect(num(tick, 'y1')).to.be.closeTo(base - labels[i]! * KIB * perByte, 1e-6);
    });
    expect(text(part(el, 'axis-title'))).to.equal('KiB');
    // Every segment carries its bytes, and they are the table's.
    for (const rect of parts<SVGRectElement>(el, 'segment')) {
      const slug = ROWS.find(([key]) => key === rect.dataset.row)![1];
      expect(num(rect, 'data-bytes')).to.equal(cellBytes(el, rect.dataset.method!, slug));
    }
  });

  it("shows PEFT's line and the guide's figures for Llama 2 7B with r = 8 on q_proj, v_proj", async () => {
    const el = await mount({ model: 'llama-2-7b', rank: '8', targets: 'q_proj,v_proj', units: 'B' });
    expect(text(part(el, 'peft-line'))).to.equal(
      'trainable params: 4,194,304 || all params: 6,742,609,920 || trainable%: 0.0622',
    );
    const core = independent(describeModel('llama-2-7b'), { rank: 8, targets: ['q_proj', 'v_proj'] });
    for (const method of METHODS) {
      for (const [key, slug] of [...ROWS, ['total', 'total'] as const]) {
        expect(cellText(el, method, slug), `${method} ${key}`).to.equal(grouped(core[method].bytes[key]));
      }
    }
    expectProportionalBars(el, core);
    // docs/guide/memory.md §6 (batch 1, 512 tokens, bf16, AdamW): totals in GiB.
    const gib = (method: string) => (cellBytes(el, method, 'total') / GIB).toFixed(2);
    expect([gib('full'), gib('lora'), gib('qlora')]).to.deep.equal(['78.22', '15.53', '6.58']);
  });

  it('updates table and bars within a frame when rank, method, batch or checkpointing change by keyboard', async () => {
    const el = await mount({ units: 'B' });
    const events = listen(el);

    // Rank 4 → 5: the adapter is 5·(8+16) + 5·(16+16) = 280 parameters of 4 bytes.
    part<HTMLInputElement>(el, 'rank')!.focus();
    await press('ArrowUp');
    await frame();
    expect(cellBytes(el, 'lora', 'adapters')).to.equal(1120);
    expect(num(segment(el, 'lora', 'adapters')!, 'data-bytes')).to.equal(1120);
    expect(events.at(-1)?.detail.rank).to.equal(5);
    expectProportionalBars(el, independent(describeToy(), { rank: 5 }));

    // Method in focus: LoRA → QLoRA with the arrow key in the radio group.
    const before = events.length;
    root(el).querySelector<HTMLInputElement>('[part~="method"] input[value="lora"]')!.focus();
    await press('ArrowDown');
    await frame();
    expect(parts(el, 'cell-focus').every((c) => c.dataset.method === 'qlora')).to.equal(true);
    expect(parts(el, 'cell-focus').length).to.be.greaterThan(0);
    expect(part(el, 'bar-focus')!.getAttribute('part')).to.contain('bar-qlora');
    expect(events.length).to.equal(before + 1);
    expect(events.at(-1)!.detail.method).to.equal('qlora');

    // Batch 1 → 2: the toy's activations double (each sample keeps its own).
    const activations = cellBytes(el, 'lora', 'activations');
    part<HTMLInputElement>(el, 'batch')!.focus();
    await press('ArrowUp');
    await frame();
    expect(cellBytes(el, 'lora', 'activations')).to.equal(2 * activations);
    expect(num(segment(el, 'lora', 'activations')!, 'data-bytes')).to.equal(2 * activations);
    expect(events.at(-1)!.detail.batch).to.equal(2);

    // Gradient checkpointing needs layers: switch to GPT-2 and toggle it with Space.
    el.setAttribute('model', 'gpt2');
    await el.updateComplete;
    const gpt2 = describeModel('gpt2');
    const options = { rank: 5, batch: 2, targets: ['c_attn'] };
    expect(cellBytes(el, 'full', 'activations')).to.equal(independent(gpt2, options).full.bytes.activations);
    part<HTMLInputElement>(el, 'checkpointing')!.focus();
    await press('Space');
    await frame();
    const checkpointed = independent(gpt2, { ...options, checkpointing: true });
    expect(checkpointed.full.bytes.activations).to.be.lessThan(independent(gpt2, options).full.bytes.activations);
    for (const method of METHODS) {
      expect(cellBytes(el, method, 'activations')).to.equal(checkpointed[method].bytes.activations);
      expect(num(segment(el, method, 'activations')!, 'data-bytes')).to.equal(checkpointed[method].bytes.activations);
    }
    expectProportionalBars(el, checkpointed);
    expect(events.at(-1)!.detail.checkpointing).to.equal(true);
    expect(events.at(-1)!.detail.model).to.equal('gpt2');
  });

  it('fires nothing when the page sets attributes or properties, yet follows them', async () => {
    const el = await mount({ units: 'B' });
    const events = listen(el);
    el.setAttribute('rank', '16');
    el.setAttribute('batch', '3');
    el.setAttribute('model', 'gpt2');
    el.setAttribute('method', 'qlora');
    el.units = 'GiB';
    el.checkpointing = true;
    await el.updateComplete;
    await frame();
    expect(events.length).to.equal(0);
    const core = independent(describeModel('gpt2'), { rank: 16, batch: 3, checkpointing: true });
    expect(cellText(el, 'qlora', 'total')).to.equal((core.qlora.bytes.total / GIB).toFixed(2));
  });

  it('reads a pasted Llama config.json with grouped-query attention', async () => {
    const el = await mount();
    const events = listen(el);
    const select = part<HTMLSelectElement>(el, 'model')!;
    select.value = 'config';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    expect(text(part(el, 'notice'))).to.contain('Paste a config.json');
    // Mistral 7B's sizes: 8 key/value heads of 128, so k_proj and v_proj map 4096 → 1024.
    const config = {
      _name_or_path: 'my-org/gqa-7b',
      model_type: 'mistral',
      hidden_size: 4096,
      intermediate_size: 14336,
      num_hidden_layers: 32,
      num_attention_heads: 32,
      num_key_value_heads: 8,
      vocab_size: 32000,
      tie_word_embeddings: false,
    };
    const box = part<HTMLTextAreaElement>(el, 'config')!;
    box.value = JSON.stringify(config, null, 2);
    box.dispatchEvent(new Event('input', { bubbles: true }));
    box.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    // Per layer: q 4096² + k, v 2·4096·1024 + o 4096² + MLP 3·4096·14336 + two norms 2·4096 = 218,112,000;
    // × 32 + final norm 4096 + embeddings and head 2·32000·4096 = 7,241,732,096 (Mistral 7B's published count).
    expect(text(part(el, 'summary'))).to.contain('7,241,732,096 parameters');
    // r = 8 on q_proj (4096 → 4096) and v_proj (4096 → 1024): 32 · 8 · (8192 + 5120) = 3,407,872.
    const all = 7_241_732_096 + 3_407_872;
    expect(text(part(el, 'peft-line'))).to.equal(
      `trainable params: 3,407,872 || all params: ${grouped(all)} || trainable%: ${((100 * 3_407_872) / all).toFixed(4)}`,
    );
    expect(part(el, 'target-k_proj')).to.not.equal(null);
    expect(events.length).to.equal(1);
    expect(events[0]!.detail.model).to.equal('config');
    expect(events[0]!.detail.config!.num_key_value_heads).to.equal(8);
    expect(el.config).to.deep.equal(config);
  });

  it('names the problem in pasted text, keeps the text, and never turns it into markup', async () => {
    const el = await mount({ model: 'config' });
    const box = part<HTMLTextAreaElement>(el, 'config')!;
    const paste = async (value: string) => {
      box.value = value;
      box.dispatchEvent(new Event('input', { bubbles: true }));
      box.dispatchEvent(new Event('change', { bubbles: true }));
      await el.updateComplete;
      return text(part(el, 'config-error'));
    };
    expect(await paste('{"model_type": "llama", "hidden_size": 4096,')).to.match(/^config\.json is not valid JSON: /);
    expect(box.value).to.equal('{"model_type": "llama", "hidden_size": 4096,');
    expect(await paste('{"model_type": "llama", "hidden_size": 4096}')).to.contain('"intermediate_size"');
    expect(await paste('{"model_type": "bert"}')).to.contain('"model_type"');
    expect(await paste('[1, 2]')).to.contain('must be a JSON object');

    const hostile = '<script>window.__memoryPwned = true</script><img src=x onerror="window.__memoryPwned = true">';
    const message = await paste(hostile);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(message).to.match(/^config\.json is not valid JSON/);
    expect(root(el).querySelector('script, img')).to.equal(null);
    expect(document.querySelector('img')).to.equal(null);
    expect((window as unknown as Record<string, unknown>).__memoryPwned).to.equal(undefined);
    expect(box.value).to.equal(hostile);

    const huge = `{"a": "${'x'.repeat(1_200_000)}"}`;
    expect(await paste(huge)).to.contain('too long');
    expect(box.value.length).to.equal(huge.length);
    // Nothing valid was ever read, so nothing is estimated.
    expect(part(el, 'table')).to.equal(null);
  });

  it('gives the verdict of fitOnGpu for each method, with the largest batch that fits', async () => {
    const el = await mount({ model: 'llama-2-7b', gpu: 't4' });
    const description = describeModel('llama-2-7b');
    for (const method of METHODS) {
      const fit = fitOnGpu(description, { method }, 't4');
      expect(text(part(el, `verdict-${method}`)), method).to.equal(fit.fits ? '✓ fits' : '✗ does not fit');
      const largest = text(part(el, `largest-batch-${method}`));
      expect(largest, method).to.equal(
        fit.largestBatch === 0 ? 'none: not even batch 1 fits' : grouped(fit.largestBatch),
      );
    }
    // 78.22 GiB of pure-bf16 full fine-tuning cannot fit in 16 GiB; QLoRA's 6.58 GiB can.
    expect(text(part(el, 'verdict-full'))).to.equal('✗ does not fit');
    expect(text(part(el, 'verdict-qlora'))).to.equal('✓ fits');
    // Switching the GPU by keyboard changes the verdict.
    const events = listen(el);
    part<HTMLSelectElement>(el, 'gpu')!.focus();
    await press('End');
    await frame();
    expect(events.at(-1)!.detail.gpu).to.equal('h100-80gb');
    expect(text(part(el, 'verdict-full'))).to.equal('✓ fits');
  });

  it("explains a focused number with the estimate's own formula, as text and as its description", async () => {
    const el = await mount({ model: 'llama-2-7b', method: 'qlora' });
    const core = independent(describeModel('llama-2-7b'), {});
    const formula = () => text(part(el, 'formula'));
    const focused = () => root(el).activeElement as HTMLElement | SVGElement;
    const description = (node: Element) => text(root(el).getElementById(node.getAttribute('aria-describedby')!));

    // The table is one tab stop: the focused method's weights; arrows move from there.
    const stop = root(el).querySelector<HTMLTableCellElement>('.memory-table td[tabindex="0"]')!;
    stop.focus();
    await el.updateComplete;
    expect(stop.dataset.method).to.equal('qlora');
    expect(formula()).to.equal(core.qlora.formulae.weights);
    await press('ArrowDown');
    await el.updateComplete;
    expect(focused().dataset.row).to.equal('quantConstants');
    expect(formula()).to.equal(core.qlora.formulae.quantConstants);
    expect(formula()).to.contain('0.126953125 bit per weight');
    expect(description(focused())).to.equal(core.qlora.formulae.quantConstants);
    await press('ArrowLeft');
    await el.updateComplete;
    expect(focused().dataset.method).to.equal('lora');
    expect(formula()).to.equal(core.lora.formulae.quantConstants);

    // The chart too: ↑ climbs the stack of the focused bar.
    const segmentStop = root(el).querySelector<SVGRectElement>('rect.segment[tabindex="0"]')!;
    segmentStop.focus();
    await press('ArrowUp');
    await el.updateComplete;
    const now = focused();
    expect(now.getAttribute('part')).to.contain('segment');
    const key = now.dataset.row as keyof MemoryEstimate['bytes'];
    expect(formula()).to.equal(core[now.dataset.method as TrainingMethod].formulae[key]);
    expect(description(now)).to.equal(formula());
  });

  it('applies the units toggle to the table and the axis alike', async () => {
    const el = await mount({ model: 'llama-2-7b' });
    const core = independent(describeModel('llama-2-7b'), {});
    const radio = (value: string) =>
      root(el).querySelector<HTMLInputElement>(`[part~="units"] input[value="${value}"]`)!;
    const check = (unitBytes: number, name: string, format: (bytes: number) => string) => {
      expect(text(part(el, 'table-unit'))).to.equal(name);
      expect(text(part(el, 'axis-title'))).to.equal(name);
      for (const method of METHODS) expect(cellText(el, method, 'total')).to.equal(format(core[method].bytes.total));
      const perByte = num(segment(el, 'full', 'weights')!, 'height') / core.full.bytes.weights;
      const base = num(segment(el, 'full', 'weights')!, 'y') + num(segment(el, 'full', 'weights')!, 'height');
      const labels = parts(el, 'tick-label').map((t) => Number(text(t)!.replace(/,/g, '')));
      parts<SVGLineElement>(el, 'tick').forEach((tick, i) => {
        expect(num(tick, 'y1')).to.be.closeTo(base - labels[i]! * unitBytes * perByte, 1e-6);
      });
      // The largest tick covers the tallest bar.
      expect(Math.max(...labels) * unitBytes).to.be.at.least(core.full.bytes.total);
    };
    check(GIB, 'GiB', (b) => (b / GIB).toFixed(2));
    radio('B').focus();
    await press('ArrowDown');
    await frame();
    expect(radio('MB').checked).to.equal(true);
    check(1e6, 'MB', (b) => (b / 1e6).toFixed(2));
    radio('B').click();
    await frame();
    check(1, 'bytes', grouped);
  });

  it('marks the break-even rank of the rank curve', async () => {
    const toy = await mount();
    // fc1 8×16 and fc2 16×16: r* = (128 + 256) / (24 + 32) = 6.857…
    expect(text(part(toy, 'break-even'))).to.equal('break-even r* = 6.86');
    toy.remove();
    const big = await mount({ model: 'llama-2-7b' });
    // q_proj and v_proj of 4096 × 4096: r* = 4096² / 8192 = 2048, past the last rank drawn.
    expect(text(part(big, 'break-even'))).to.equal('break-even r* = 2,048 is beyond r = 256 →');
  });

  it('shows the same LoRA settings on the toy and on a real model in the scale-up lens', async () => {
    const el = await mount({ rank: '8', method: 'qlora' });
    const real = estimateMemory(describeModel('llama-2-7b'), { method: 'qlora', rank: 8 });
    const toy = estimateMemory(describeToy(), { method: 'qlora', rank: 8 });
    expect(text(part(el, 'lens-real')!.querySelector('[part~="lens-peft"]'))).to.equal(real.peft);
    expect(text(part(el, 'lens-toy')!.querySelector('[part~="lens-peft"]'))).to.equal(toy.peft);
    const share = (e: MemoryEstimate) => (e.bytes.adapters + e.bytes.gradients + e.bytes.optimizer) / e.bytes.total;
    // The point of the lens: the adapter is most of the toy's memory and a sliver of the 7B model's.
    expect(share(toy)).to.be.greaterThan(0.5);
    expect(share(real)).to.be.lessThan(0.02);
    const shown = Number(/([\d.]+)%/.exec(text(part(el, 'lens-adapter-share'))!)![1]);
    expect(shown).to.be.closeTo(share(toy) * 100, 0.05);
    expect(text(part(el, 'lens-real')!.querySelector('[part~="lens-dominant"]'))).to.contain('Weights');
  });

  it('names an unusable attribute or a setting core refuses, and an invalid typed value', async () => {
    const el = await mount({ rank: '0', gpu: 'tpu' });
    const alert = text(part(el, 'error'));
    expect(alert).to.contain('rank="0"');
    expect(alert).to.contain('gpu="tpu"');
    expect(part(el, 'table')).to.equal(null);

    el.removeAttribute('rank');
    el.removeAttribute('gpu');
    el.setAttribute('model', 'gpt2');
    el.setAttribute('targets', 'q_proj');
    await el.updateComplete;
    expect(text(part(el, 'error'))).to.match(/^Cannot estimate: targets: "q_proj" matches no module/);

    el.removeAttribute('targets');
    await el.updateComplete;
    const events = listen(el);
    const rank = part<HTMLInputElement>(el, 'rank')!;
    const before = cellBytes(el, 'lora', 'adapters');
    rank.value = '2.5';
    rank.dispatchEvent(new Event('input', { bubbles: true }));
    rank.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    expect(text(part(el, 'input-error'))).to.equal('Rank: enter a whole number from 1 to 65,536 (got “2.5”).');
    expect(rank.value).to.equal('2.5');
    expect(rank.getAttribute('aria-invalid')).to.equal('true');
    expect(cellBytes(el, 'lora', 'adapters')).to.equal(before);
    expect(events.length).to.equal(0);
  });
  it('explains the number under the mouse pointer, on the chart and in the table', async () => {
    const el = await mount({ model: 'llama-2-7b', method: 'qlora' });
    const core = independent(describeModel('llama-2-7b'), {});
    const hover = async (node: Element) => {
      node.scrollIntoView({ block: 'center', inline: 'center' });
      const box = node.getBoundingClientRect();
      await moveMouse(box.left + box.width / 2, box.top + box.height / 2);
      await el.updateComplete;
    };
    await hover(segment(el, 'full', 'optimizer')!);
    expect(text(part(el, 'formula'))).to.equal(core.full.formulae.optimizer);
    expect(text(part(el, 'explain-title'))).to.contain('Full fine-tuning · Optimizer states');
    await hover(cell(el, 'qlora', 'activations'));
    expect(text(part(el, 'formula'))).to.equal(core.qlora.formulae.activations);
    expect(text(part(el, 'formula'))).to.contain('Korthikanti');
  });

  it('tells components apart without colour, in light, dark and forced colours', async () => {
    const el = await mount({ model: 'llama-2-7b', overhead: '' });
    const fills = new Map<string, string>();
    for (const rect of parts<SVGRectElement>(el, 'segment')) {
      const fill = rect.getAttribute('fill')!;
      const known = fills.get(rect.dataset.row!);
      if (known === undefined) fills.set(rect.dataset.row!, fill);
      else expect(fill).to.equal(known);
    }
    // Seven components (the overhead line is on), seven different patterns, each defined in the shadow root.
    expect(fills.size).to.equal(7);
    expect(new Set(fills.values()).size).to.equal(7);
    for (const fill of fills.values()) expect(root(el).querySelector(fill.slice(4, -1))?.tagName).to.equal('pattern');
    const legend = text(part(el, 'legend'))!;
    for (const word of [
      'solid',
      'dots',
      'rising lines',
      'horizontal lines',
      'cross-hatch',
      'falling lines',
      'vertical lines',
    ]) {
      expect(legend).to.contain(`(${word})`);
    }
    const light = getComputedStyle(el).backgroundColor;
    await emulateMedia({ colorScheme: 'dark' });
    expect(getComputedStyle(el).backgroundColor).to.not.equal(light);
    await emulateMedia({ forcedColors: 'active' });
    // The pattern lines stay drawn against the ground in forced colours.
    const stroke = root(el).querySelector('.fill-adapters .fill-stroke')!;
    const ground = root(el).querySelector('.fill-adapters .fill-ground')!;
    expect(getComputedStyle(stroke).stroke).to.not.equal(getComputedStyle(ground).fill);
  });

  it('is registered by its own entry with the class the package root exports', async () => {
    const entry = await import('../src/lora-memory-dashboard.js');
    expect(entry.LoraMemoryDashboard === RootExport, 'same class from both entries').to.equal(true);
    expect(customElements.get('lora-memory-dashboard') === RootExport, 'registered with that class').to.equal(true);
  });
});

describe('memory dashboard helpers', () => {
  it('moves through the table with the arrow keys, stopping at the edges', () => {
    const rows: RowKey[] = ['weights', 'adapters', 'total', 'ratio'];
    expect(moveInTable({ method: 'lora', row: 'weights' }, 'ArrowDown', rows)).to.deep.equal({
      method: 'lora',
      row: 'adapters',
    });
    expect(moveInTable({ method: 'lora', row: 'weights' }, 'ArrowUp', rows)).to.deep.equal({
      method: 'lora',
      row: 'weights',
    });
    expect(moveInTable({ method: 'qlora', row: 'ratio' }, 'ArrowRight', rows)).to.deep.equal({
      method: 'qlora',
      row: 'ratio',
    });
    expect(moveInTable({ method: 'qlora', row: 'total' }, 'Home', rows)).to.deep.equal({
      method: 'full',
      row: 'total',
    });
    expect(moveInTable({ method: 'full', row: 'total' }, 'a', rows)).to.equal(null);
  });

  it('moves through the bars, keeping the component when the next bar draws it', () => {
    const drawn = (m: TrainingMethod): RowKey[] =>
      m === 'full' ? ['weights', 'gradients', 'optimizer'] : ['weights', 'adapters', 'gradients', 'optimizer'];
    expect(moveInBars({ method: 'lora', row: 'gradients' }, 'ArrowLeft', drawn)).to.deep.equal({
      method: 'full',
      row: 'gradients',
    });
    // Full fine-tuning has no adapter: the same place in its stack instead.
    expect(moveInBars({ method: 'lora', row: 'adapters' }, 'ArrowLeft', drawn)).to.deep.equal({
      method: 'full',
      row: 'gradients',
    });
    expect(moveInBars({ method: 'lora', row: 'optimizer' }, 'ArrowUp', drawn)).to.deep.equal({
      method: 'lora',
      row: 'optimizer',
    });
    expect(moveInBars({ method: 'lora', row: 'adapters' }, 'ArrowDown', drawn)).to.deep.equal({
      method: 'lora',
      row: 'weights',
    });
    expect(moveInBars({ method: 'qlora', row: 'weights' }, 'End', drawn)).to.deep.equal({
      method: 'qlora',
      row: 'optimizer',
    });
  });

  it('writes bytes in a unit and picks round axis ticks', () => {
    expect(formatInUnit(13_476_831_232, 'GiB')).to.equal('12.55');
    expect(formatInUnit(5728, 'B')).to.equal('5,728');
    // 5,728 bytes are 5.33 × 10⁻⁶ GiB: three significant digits rather than 0.00.
    expect(formatInUnit(5728, 'GiB')).to.equal('0.00000533');
    expect(resolveUnit('auto', 5728)).to.equal('KiB');
    expect(resolveUnit('auto', 3 * 2 ** 30)).to.equal('GiB');
    expect(resolveUnit('MB', 1)).to.equal('MB');
    expect(niceAxis(78.22)).to.deep.equal({ top: 80, step: 20, ticks: [0, 20, 40, 60, 80] });
    expect(niceAxis(7.73)).to.deep.equal({ top: 8, step: 2, ticks: [0, 2, 4, 6, 8] });
    expect(niceAxis(0.3).ticks).to.deep.equal([0, 0.1, 0.2, 0.3]);
  });
});
