import { expect } from '@esm-bundle/chai';
import {
  DEFAULT_EVAL_TEXT,
  DEFAULT_TRAINING_TEXT,
  GENERAL_CORPUS,
  TASK_CLASSES,
  evaluate,
  featurize,
  fineTune,
  parseLines,
  pretrainBaseAsync,
  rankSweep,
  tf,
  type FineTuneOptions,
  type FineTuneResult,
  type LoraModel,
  type TaskName,
} from '@lora-viz/core';
import * as entry from '../src/lora-trainer.js';
import { LoraMatrix } from '../src/matrix/lora-matrix.js';
import type { LoraTrainEndDetail, LoraTrainer } from '../src/trainer/lora-trainer.js';
import { press } from './support/browser-commands.js';

const mounted: LoraTrainer[] = [];
const models: LoraModel[] = [];

async function mount(setup: (el: LoraTrainer) => void = () => {}): Promise<LoraTrainer> {
  const el = document.createElement('lora-trainer');
  setup(el);
  document.body.append(el);
  mounted.push(el);
  await el.updateComplete;
  return el;
}

const root = (el: Element) => el.shadowRoot!;
const part = <T extends HTMLElement = HTMLElement>(el: Element, name: string) =>
  root(el).querySelector<T>(`[part~="${name}"]`);
const parts = <T extends HTMLElement = HTMLElement>(el: Element, name: string, scope: ParentNode = root(el)) => [
  ...scope.querySelectorAll<T>(`[part~="${name}"]`),
];
const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
/** The view's number formats, written out again here: 2 decimals (no −0.00), or 4 significant digits, with a true minus. */
const fixed2 = (x: number) => (x.toFixed(2) === '-0.00' ? '0.00' : x.toFixed(2).replace('-', '\u2212'));
const sig4 = (x: number) => String(Number(x.toPrecision(4))).replace('-', '\u2212');

async function typeInto(el: LoraTrainer, name: string, value: string): Promise<void> {
  const field = part<HTMLInputElement | HTMLTextAreaElement>(el, name)!;
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

async function choose(el: LoraTrainer, name: string, value: string): Promise<void> {
  const select = part<HTMLSelectElement>(el, name)!;
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await el.updateComplete;
}

function nextEnd(el: LoraTrainer): Promise<LoraTrainEndDetail> {
  return new Promise((resolve) =>
    el.addEventListener('lora-train-end', (event) => resolve((event as CustomEvent<LoraTrainEndDetail>).detail), {
      once: true,
    }),
  );
}

async function fineTuneNow(el: LoraTrainer): Promise<LoraTrainEndDetail> {
  const end = nextEnd(el);
  part<HTMLButtonElement>(el, 'fine-tune')!.click();
  const detail = await end;
  await el.updateComplete;
  // The results appear piece by piece, one task each.
  await until(() => !(part(el, 'results')?.textContent ?? '').includes('Drawing the results'));
  return detail;
}

async function until(condition: () => boolean, timeout = 10000): Promise<void> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > timeout) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The same run made directly with core: the base pretrained on the general corpus, then fineTune. */
async function independentRun(task: TaskName, options: FineTuneOptions, trainingText = DEFAULT_TRAINING_TEXT[task]) {
  const base = await pretrainBaseAsync(task, parseLines(task, GENERAL_CORPUS[task]).examples, {
    seed: options.seed ?? 0,
  });
  models.push(base);
  const result = await fineTune(base, parseLines(task, trainingText).examples, {
    method: 'lora',
    lora: { r: 4, alpha: 8 },
    optimizer: 'adam',
    lr: 0.01,
    batchSize: 4,
    seed: 0,
    eval: parseLines(task, DEFAULT_EVAL_TEXT[task]).examples,
    ...options,
  });
  models.push(result.model);
  return { base, result };
}

afterEach(() => {
  for (const el of mounted.splice(0)) el.remove();
  for (const model of models.splice(0)) if (!model.disposed) model.dispose();
});

describe('<lora-trainer>', () => {
  it('registers <lora-trainer> and the <lora-matrix> it draws with from its own entry', () => {
    expect(customElements.get('lora-trainer') === entry.LoraTrainer, 'lora-trainer defined').to.equal(true);
    expect(customElements.get('lora-matrix') === LoraMatrix, 'lora-matrix defined').to.equal(true);
  });

  // Early in the file, so that it sees tfjs and core run for the first time in this page.
  it('measures main-thread long tasks while the first base model pretrains', async function () {
    this.timeout(30000);
    const durations: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) durations.push(entry.duration);
    });
    observer.observe({ type: 'longtask' });
    const el = await mount();
    expect(squash(part(el, 'base-status')!.textContent)).to.match(/^Pretraining the base model on \d+ general lines/);
    await until(() => squash(part(el, 'base-status')!.textContent).startsWith('Base model ready'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    observer.disconnect();
    const longest = Math.max(0, ...durations);
    console.log(
      `long tasks (>50 ms) while the first base pretrains (cold page): ${durations.length}; ` +
        `longest ${longest.toFixed(0)} ms; all ${durations.map((d) => d.toFixed(0)).join(', ')}`,
    );
  });

  it('fine-tunes the default sentiment lines with a loss curve equal to core fineTune run independently', async function () {
    this.timeout(60000);
    const el = await mount();
    await typeInto(el, 'setting-epochs', '12');
    const started: string[] = [];
    document.addEventListener('lora-train-start', () => started.push('document'), { once: true });
    const detail = await fineTuneNow(el);
    const { base, result } = await independentRun('sentiment', { epochs: 12 });

    expect(detail.status).to.equal('completed');
    expect(started, 'lora-train-start bubbles out of the shadow root').to.deep.equal(['document']);
    expect(el.losses).to.deep.equal([...result.losses]);
    expect(detail.losses).to.deep.equal([...result.losses]);
    // One point per epoch: the chart's data table (drawn once opened) lists each epoch with its loss.
    const table = part<HTMLDetailsElement>(el, 'chart-data')!;
    table.querySelector('summary')!.click();
    await until(() => table.querySelectorAll('tbody tr').length > 0);
    const rows = table.querySelectorAll('tbody tr');
    expect(rows.length).to.equal(12);
    rows.forEach((row, i) => {
      expect(squash(row.querySelector('th')!.textContent)).to.equal(String(i + 1));
      expect(squash(row.querySelector('td')!.textContent)).to.equal(sig4(result.losses[i]!));
    });
    await until(() => root(el).querySelector('.plot .uplot canvas') !== null);

    // Every training line before and after, with the probabilities core computes.
    const trainRows = parts(el, 'result-row', part(el, 'set-train')!);
    expect(trainRows.length).to.equal(result.train.before.length);
    trainRows.forEach((row, i) => {
      const before = parts(el, 'before', row)[0]!;
      const after = parts(el, 'after', row)[0]!;
      expect(before.matches('[part~="prob-bars"]') && after.matches('[part~="prob-bars"]')).to.equal(true);
      const shown = (box: HTMLElement) => [...box.querySelectorAll('.num')].map((n) => n.textContent!.trim());
      expect(shown(before)).to.deep.equal(result.train.before[i]!.output.map(fixed2));
      expect(shown(after)).to.deep.equal(result.train.after[i]!.output.map(fixed2));
      const changed = result.train.before[i]!.predicted !== result.train.after[i]!.predicted;
      expect(row.matches('[part~="result-row-changed"]'), `row ${i + 1} marked changed`).to.equal(changed);
      expect(parts(el, 'changed', row).length === 1).to.equal(changed);
    });

    // Held-out and general corpus (what was forgotten), scored with core's evaluate on the two models.
    expect(parts(el, 'result-row', part(el, 'set-eval')!).length).to.equal(result.eval!.before.predictions.length);
    const general = parseLines('sentiment', GENERAL_CORPUS.sentiment).examples;
    const generalBefore = evaluate(base, general);
    const generalAfter = evaluate(result.model, general);
    const generalSet = part<HTMLDetailsElement>(el, 'set-general')!;
    expect(generalSet.open, 'the general corpus starts closed').to.equal(false);
    expect(parts(el, 'result-row', generalSet).length).to.equal(0);
    generalSet.querySelector('summary')!.click();
    await until(() => parts(el, 'result-row', generalSet).length > 0);
    const generalRows = parts(el, 'result-row', generalSet);
    expect(generalRows.length).to.equal(general.length);
    const flips = generalBefore.predictions.filter((p, i) => p.predicted !== generalAfter.predictions[i]!.predicted);
    expect(parts(el, 'result-row-changed', part(el, 'set-general')!).length).to.equal(flips.length);
    const metricsRow = squash(part(el, 'metrics-general')!.textContent);
    expect(metricsRow).to.contain(
      `${String(Number(generalBefore.metrics.accuracy!.toPrecision(3)))} → ${String(Number(generalAfter.metrics.accuracy!.toPrecision(3)))}`,
    );

    // LoRA on fc1 and fc2: A, B and ΔW each, the PEFT line and the frozen checksum.
    expect(parts(el, 'matrix').length).to.equal(6);
    expect(squash(part(el, 'peft-line')!.textContent)).to.equal(result.peft);
    expect(squash(part(el, 'frozen-check')!.textContent)).to.equal(
      `Frozen weights unchanged ✓ (checksum ${result.frozenChecksum.after})`,
    );
    expect(squash(part(el, 'announcer')!.textContent)).to.match(/^Fine-tuning finished after 12 epochs: loss /);
  });

  it('cancels a run within one epoch, announcing progress at most once a second', async function () {
    this.timeout(30000);
    const el = await mount();
    await typeInto(el, 'setting-epochs', '5000');
    const announcer = part(el, 'announcer')!;
    const heard: { at: number; text: string }[] = [];
    const observer = new MutationObserver(() =>
      heard.push({ at: performance.now(), text: squash(announcer.textContent) }),
    );
    observer.observe(announcer, { childList: true, characterData: true, subtree: true });
    const end = nextEnd(el);
    part<HTMLButtonElement>(el, 'fine-tune')!.click();
    await until(() => el.losses.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 2300));
    const atCancel = el.losses.length;
    part<HTMLButtonElement>(el, 'cancel')!.click();
    const detail = await end;
    await el.updateComplete;
    observer.disconnect();

    expect(detail.status).to.equal('cancelled');
    expect(detail.losses.length).to.be.lessThan(5000);
    expect(detail.losses.length - atCancel, 'epochs finished after Cancel').to.be.at.most(1);
    expect(squash(part(el, 'outcome')!.textContent)).to.match(/^Cancelled after \d+ of 5000 epochs\./);
    const epochs = heard.filter((h) => h.text.startsWith('Epoch'));
    expect(epochs.length, 'progress was announced').to.be.greaterThan(1);
    for (const h of epochs) expect(h.text).to.match(/^Epoch \d+ of 5000: loss [0-9.]+$/);
    for (let i = 1; i < epochs.length; i++) {
      expect(epochs[i]!.at - epochs[i - 1]!.at, 'time between announcements').to.be.at.least(990);
    }
    expect(heard.at(-1)!.text).to.match(/^Fine-tuning cancelled\./);
  });

  it('writes an explicit label into the textarea when a chip is clicked', async () => {
    const el = await mount();
    const text = 'I love this phone\nThe movie was awful\n\nnot sure';
    await typeInto(el, 'training-text', text);
    const inferred = parseLines('sentiment', text).examples[0]!;
    expect(inferred.source).to.equal('inferred');
    const classes = TASK_CLASSES.sentiment!;
    const next = classes[(inferred.label + 1) % classes.length]!;
    const chip = root(el).querySelector<HTMLButtonElement>('[part~="lines-training"] [data-line="1"] [part~="chip"]')!;
    expect(chip.matches('[part~="chip-inferred"]')).to.equal(true);
    expect(squash(chip.textContent)).to.equal(`${classes[inferred.label]} inferred`);
    chip.click();
    await el.updateComplete;
    const textarea = part<HTMLTextAreaElement>(el, 'training-text')!;
    expect(textarea.value).to.equal(`I love this phone\t${next}\nThe movie was awful\n\nnot sure`);
    const after = root(el).querySelector('[part~="lines-training"] [data-line="1"] [part~="chip"]')!;
    expect(after.matches('[part~="chip-explicit"]')).to.equal(true);
    expect(squash(after.textContent)).to.equal(`${next} explicit`);
  });

  it('operates chips, the value editor and the buttons from the keyboard', async function () {
    this.timeout(30000);
    const el = await mount();
    await typeInto(el, 'training-text', 'great day\tpositive\nsad news');
    const chip = () =>
      root(el).querySelector<HTMLButtonElement>('[part~="lines-training"] [data-line="1"] [part~="chip"]')!;
    chip().focus();
    await press('Enter');
    await el.updateComplete;
    expect(part<HTMLTextAreaElement>(el, 'training-text')!.value).to.equal('great day\tnegative\nsad news');
    await press(' ');
    await el.updateComplete;
    expect(part<HTMLTextAreaElement>(el, 'training-text')!.value).to.equal('great day\tpositive\nsad news');
    expect(root(el).activeElement === chip(), 'focus stays on the chip').to.equal(true);

    // Regression: Enter opens the editor with focus in it, Enter applies, Escape closes another.
    await choose(el, 'task-select', 'regression');
    await typeInto(el, 'training-text', 'A short note.\nAnother line here');
    const regChip = (line: number) =>
      root(el).querySelector<HTMLButtonElement>(`[part~="lines-training"] [data-line="${line}"] [part~="chip"]`)!;
    regChip(1).focus();
    await press('Enter');
    await el.updateComplete;
    await el.updateComplete;
    const inputs = parts<HTMLInputElement>(el, 'label-editor')[0]!.querySelectorAll('input');
    expect(inputs.length).to.equal(4);
    expect(root(el).activeElement === inputs[0], 'focus moves into the editor').to.equal(true);
    ['0.1', '0.2', '0.3', '0.4'].forEach((v, i) => (inputs[i]!.value = v));
    await press('Enter');
    await el.updateComplete;
    expect(part<HTMLTextAreaElement>(el, 'training-text')!.value).to.equal(
      'A short note.\t0.1,0.2,0.3,0.4\nAnother line here',
    );
    expect(part(el, 'label-editor')).to.equal(null);
    regChip(2).focus();
    await press('Enter');
    await el.updateComplete;
    await el.updateComplete;
    expect(part(el, 'label-editor')).to.not.equal(null);
    await press('Escape');
    await el.updateComplete;
    await el.updateComplete;
    expect(part(el, 'label-editor')).to.equal(null);
    expect(root(el).activeElement === regChip(2), 'focus returns to the chip').to.equal(true);

    // Fine-tune with Enter, then Cancel with Space.
    await choose(el, 'task-select', 'sentiment');
    await typeInto(el, 'setting-epochs', '5000');
    const started = new Promise((resolve) => el.addEventListener('lora-train-start', resolve, { once: true }));
    const end = nextEnd(el);
    part<HTMLButtonElement>(el, 'fine-tune')!.focus();
    await press('Enter');
    await started;
    await until(() => el.losses.length >= 1);
    part<HTMLButtonElement>(el, 'cancel')!.focus();
    await press(' ');
    expect((await end).status).to.equal('cancelled');
  });

  it('lists unreadable lines with their numbers, keeps them, and disables Fine-tune saying why', async () => {
    const el = await mount();
    const text = 'good film\tpositive\nbad film\thappy\n\nfine\tnegative\textra\nnice';
    await typeInto(el, 'training-text', text);
    const expected = parseLines('sentiment', text).problems;
    expect(expected.map((p) => p.line)).to.deep.equal([2, 4]);
    const items = [...part(el, 'line-problems')!.querySelectorAll('li')].map((li) => squash(li.textContent));
    expect(items).to.deep.equal(expected.map((p) => squash(p.message)));
    expect(items[0]).to.match(/^line 2: /);
    expect(items[1]).to.match(/^line 4: /);
    expect(part<HTMLTextAreaElement>(el, 'training-text')!.value).to.equal(text);
    const button = part<HTMLButtonElement>(el, 'fine-tune')!;
    expect(button.disabled).to.equal(true);
    expect(squash(part(el, 'blocked')!.textContent)).to.equal('To fine-tune, fix the 2 training lines listed above.');
    expect(button.getAttribute('aria-describedby')).to.equal('blocked');
    // The good lines are still parsed and listed.
    expect(parts(el, 'line', part(el, 'lines-training')!).map((li) => li.dataset.line)).to.deep.equal(['1', '5']);
  });

  it('names the setting at fault and blocks Fine-tune until it is fixed', async () => {
    const el = await mount();
    await typeInto(el, 'setting-epochs', '0');
    await typeInto(el, 'setting-lr', 'fast');
    await typeInto(el, 'setting-rank', '0');
    const errors = parts(el, 'setting-error').map((e) => squash(e.textContent));
    expect(errors).to.deep.equal([
      'Rank r: enter a positive integer up to 4096, such as 4.',
      'Epochs: enter a whole number from 1 to 10000, such as 60.',
      'Learning rate: enter a positive number, such as 0.01.',
    ]);
    expect(part<HTMLInputElement>(el, 'setting-epochs')!.getAttribute('aria-invalid')).to.equal('true');
    expect(part<HTMLButtonElement>(el, 'fine-tune')!.disabled).to.equal(true);
    expect(squash(part(el, 'blocked')!.textContent)).to.equal('To fine-tune, correct Rank r, Epochs, Learning rate.');
    // Full fine-tuning ignores the rank.
    await choose(el, 'setting-method', 'full');
    await typeInto(el, 'setting-epochs', '3');
    await typeInto(el, 'setting-lr', '0.01');
    expect(parts(el, 'setting-error').length).to.equal(0);
    expect(part<HTMLButtonElement>(el, 'fine-tune')!.disabled).to.equal(false);
  });

  it('shows hostile text as text and keeps working', async function () {
    this.timeout(30000);
    const el = await mount();
    const long = 'word '.repeat(20000);
    const lines = [
      '<img src=x onerror="window.__pwned = 1">\tpositive',
      '<script>window.__pwned = 1</script>',
      long,
      'Loved it 😀🎉👍🏽 best day ever',
      '',
      '   ',
      '<b>bold</b> &amp; <i>italic</i>',
    ];
    await typeInto(el, 'training-text', lines.join('\n'));
    const w = window as unknown as { __pwned?: number };
    expect(w.__pwned).to.equal(undefined);
    for (const tag of ['img', 'script', 'b', 'i']) {
      expect(root(el).querySelectorAll(`[part~="lines"] ${tag}`).length, `no <${tag}> made from text`).to.equal(0);
    }
    const texts = parts(el, 'line', part(el, 'lines-training')!).map(
      (li) => li.querySelector('.line-text')!.textContent!,
    );
    expect(texts[0]).to.equal('<img src=x onerror="window.__pwned = 1">');
    expect(texts[1]).to.equal('<script>window.__pwned = 1</script>');
    expect(texts[2]!.length).to.be.lessThan(300);
    expect(texts[2]).to.contain('more characters)');
    expect(texts[3]).to.equal('Loved it 😀🎉👍🏽 best day ever');
    expect(texts.length).to.equal(5);
    expect(part<HTMLTextAreaElement>(el, 'training-text')!.value).to.equal(lines.join('\n'));

    await typeInto(el, 'setting-epochs', '2');
    const detail = await fineTuneNow(el);
    expect(detail.status).to.equal('completed');
    expect(root(el).querySelectorAll('[part~="results"] img, [part~="results"] script').length).to.equal(0);
    expect(w.__pwned).to.equal(undefined);
  });

  it('shows the eight features of a focused line as featurize computes them', async () => {
    const el = await mount();
    const text = 'The pasta was great\nNot bad, but the battery is awful!';
    await typeInto(el, 'training-text', text);
    root(el).querySelector<HTMLButtonElement>('[part~="lines-training"] [data-line="2"] [part~="chip"]')!.focus();
    await el.updateComplete;
    const inspector = part(el, 'inspector')!;
    expect(squash(inspector.querySelector('h3')!.textContent)).to.equal('Features of line 2');
    const rows = parts(el, 'feature', inspector);
    const expected = featurize('sentiment', 'Not bad, but the battery is awful!');
    expect(rows.length).to.equal(8);
    rows.forEach((row, i) => {
      expect(squash(row.querySelector('th')!.textContent)).to.equal(expected[i]!.name);
      expect(squash(row.querySelector('td')!.textContent)).to.equal(
        String(Number(expected[i]!.value.toPrecision(3))).replace('-', '\u2212'),
      );
      expect(squash(row.querySelector('.evidence')!.textContent)).to.equal(expected[i]!.evidence || '—');
    });
    expect(
      root(el).querySelector('[part~="lines-training"] [data-line="2"]')!.matches('[part~="line-inspected"]'),
    ).to.equal(true);
  });

  for (const [task, kind] of [
    ['sentiment', 'prob-bars'],
    ['classification', 'class-bars'],
    ['similarity', 'pair-scores'],
    ['regression', 'regression-values'],
  ] as const) {
    it(`renders the ${task} results as ${kind}, matching an independent run`, async function () {
      this.timeout(30000);
      const el = await mount((e) => e.setAttribute('task', task));
      await typeInto(el, 'setting-epochs', '3');
      const detail = await fineTuneNow(el);
      const { result } = await independentRun(task, { epochs: 3 });
      expect(detail.status).to.equal('completed');
      expect(detail.losses).to.deep.equal([...result.losses]);
      const rows = parts(el, 'result-row', part(el, 'set-train')!);
      expect(rows.length).to.equal(result.train.after.length);
      rows.forEach((row) => expect(parts(el, kind, row).length, `${kind} in every row`).to.be.greaterThan(0));
      const first = rows[0]!;
      const after = result.train.after[0]!;
      if (task === 'similarity') {
        expect(squash(parts(el, 'after', first)[0]!.textContent)).to.equal(
          `cos after ${fixed2(after.predicted as number)}`,
        );
        checkCosineMatrices(el, result);
      } else if (task === 'regression') {
        const cells = parts(el, 'after', first).map((c) => squash(c.textContent));
        expect(cells).to.deep.equal(
          (after.predicted as number[]).map((v) => String(Number(v.toPrecision(3))).replace('-', '\u2212')),
        );
      } else {
        const shown = [...parts(el, 'after', first)[0]!.querySelectorAll('.num')].map((n) => n.textContent!.trim());
        expect(shown).to.deep.equal(after.output.map(fixed2));
      }
    });
  }

  it('trains with the page’s .loraOptions under the rank and alpha it sets', async function () {
    this.timeout(30000);
    const el = await mount((e) => (e.loraOptions = { r: 2, alpha: 4, targetModules: ['fc2'] }));
    expect(part<HTMLInputElement>(el, 'setting-rank')!.value).to.equal('2');
    expect(part<HTMLInputElement>(el, 'setting-alpha')!.value).to.equal('4');
    await typeInto(el, 'setting-epochs', '2');
    const detail = await fineTuneNow(el);
    const { result } = await independentRun('sentiment', {
      epochs: 2,
      lora: { r: 2, alpha: 4, targetModules: ['fc2'] },
    });
    expect(detail.losses).to.deep.equal([...result.losses]);
    expect(squash(part(el, 'peft-line')!.textContent)).to.equal(result.peft);
    expect(parts(el, 'layer').map((l) => l.getAttribute('part'))).to.deep.equal(['layer layer-fc2']);
  });

  it('shows ΔW of every layer after a full fine-tune and says the weights changed', async function () {
    this.timeout(30000);
    const el = await mount();
    await choose(el, 'setting-method', 'full');
    await typeInto(el, 'setting-epochs', '2');
    const detail = await fineTuneNow(el);
    const { result } = await independentRun('sentiment', { epochs: 2, method: 'full' });
    expect(detail.losses).to.deep.equal([...result.losses]);
    expect(parts(el, 'matrix-delta').length).to.equal(3);
    expect(parts(el, 'matrix-a').length).to.equal(0);
    expect(squash(part(el, 'frozen-check')!.textContent)).to.equal(
      `Full fine-tuning trains every weight: checksum ${result.frozenChecksum.before} → ${result.frozenChecksum.after} (changed).`,
    );
    expect(squash(part(el, 'peft-line')!.textContent)).to.equal(result.peft);
  });

  it('reports a diverged run with core’s reason and that the adapter was restored', async function () {
    this.timeout(30000);
    const el = await mount();
    await choose(el, 'setting-optimizer', 'sgd');
    await typeInto(el, 'setting-lr', '1e12');
    await typeInto(el, 'setting-epochs', '5');
    const detail = await fineTuneNow(el);
    expect(detail.status).to.equal('diverged');
    const outcome = squash(part(el, 'outcome')!.textContent);
    expect(outcome).to.contain(squash(detail.reason));
    expect(outcome).to.contain('The adapter is back to its state before the run');
    expect(part(el, 'outcome')!.getAttribute('role')).to.equal('alert');
    expect(part(el, 'results')).to.equal(null);
  });

  it('names a bad task attribute and lets the picker fix it', async () => {
    const el = await mount((e) => e.setAttribute('task', 'poetry'));
    expect(squash(part(el, 'error')!.textContent)).to.equal(
      'Cannot show the trainer: fix this attribute. task="poetry" is not valid: expected sentiment, classification, similarity, regression.',
    );
    expect(part(el, 'training-text')).to.equal(null);
    await choose(el, 'task-select', 'regression');
    expect(el.getAttribute('task')).to.equal('regression');
    expect(part(el, 'error')).to.equal(null);
    expect(part<HTMLTextAreaElement>(el, 'training-text')!.value).to.equal(DEFAULT_TRAINING_TEXT.regression);
  });

  it('keeps each task’s own text when switching tasks', async () => {
    const el = await mount();
    await typeInto(el, 'training-text', 'my own sentiment line');
    let fired: string | undefined;
    el.addEventListener('lora-task-change', (e) => (fired = (e as CustomEvent<{ task: string }>).detail.task));
    await choose(el, 'task-select', 'classification');
    expect(fired).to.equal('classification');
    expect(el.task).to.equal('classification');
    expect(part<HTMLTextAreaElement>(el, 'training-text')!.value).to.equal(DEFAULT_TRAINING_TEXT.classification);
    expect(part<HTMLTextAreaElement>(el, 'eval-text')!.value).to.equal(DEFAULT_EVAL_TEXT.classification);
    await choose(el, 'task-select', 'sentiment');
    expect(part<HTMLTextAreaElement>(el, 'training-text')!.value).to.equal('my own sentiment line');
  });

  it('reads and writes its lines and settings as properties; lora-input-change tells of user edits only', async () => {
    const key = `lora-trainer-props-${Math.floor(performance.now())}`;
    localStorage.removeItem(key);
    const el = await mount((e) => e.setAttribute('storage-key', key));
    const heard: { task: string; field: string }[] = [];
    const listener = (event: Event) =>
      heard.push({ ...(event as CustomEvent<{ task: string; field: string }>).detail });
    // On the document: the event must leave the shadow root to reach a page.
    document.addEventListener('lora-input-change', listener);
    try {
      expect(el.trainingText).to.equal(DEFAULT_TRAINING_TEXT.sentiment);
      expect(el.evalText).to.equal(DEFAULT_EVAL_TEXT.sentiment);
      expect(el.settings).to.deep.equal({
        method: 'lora',
        rank: '4',
        alpha: '8',
        epochs: '60',
        lr: '0.01',
        batchSize: '4',
        optimizer: 'adam',
        seed: '0',
      });

      // The page writes: the form shows it, no event, nothing saved.
      el.trainingText = 'set by the page\tpositive';
      el.evalText = 'held out by the page\tnegative';
      el.settings = { epochs: '12', lr: 'fast', optimizer: 'sgd', seed: 7 as unknown as string, rank: 'x'.repeat(65) };
      await el.updateComplete;
      expect(part<HTMLTextAreaElement>(el, 'training-text')!.value).to.equal('set by the page\tpositive');
      expect(part<HTMLTextAreaElement>(el, 'eval-text')!.value).to.equal('held out by the page\tnegative');
      expect(part<HTMLInputElement>(el, 'setting-epochs')!.value).to.equal('12');
      expect(part<HTMLSelectElement>(el, 'setting-optimizer')!.value).to.equal('sgd');
      // Text the form cannot use is shown with its message, as if typed; a number or an overlong text is ignored.
      expect(part<HTMLInputElement>(el, 'setting-lr')!.value).to.equal('fast');
      expect(squash(root(el).querySelector('#lr-error')?.textContent)).to.equal(
        'Learning rate: enter a positive number, such as 0.01.',
      );
      expect(el.settings.seed).to.equal('0');
      expect(el.settings.rank).to.equal('4');
      expect(heard).to.deep.equal([]);
      await new Promise((resolve) => setTimeout(resolve, 400)); // past the save debounce
      expect(localStorage.getItem(key)).to.equal(null);

      // The user edits: one event per edit, naming the task and what changed; the properties follow.
      await typeInto(el, 'training-text', 'typed by the user');
      await typeInto(el, 'setting-lr', '0.05');
      // The chip writes an explicit label into the line.
      root(el).querySelector<HTMLButtonElement>('[part~="lines-training"] [part~="chip"]')!.click();
      await el.updateComplete;
      const written = el.trainingText;
      expect(written).to.match(/^typed by the user\t(negative|positive)$/);
      expect(el.settings.lr).to.equal('0.05');
      expect(heard).to.deep.equal([
        { task: 'sentiment', field: 'training' },
        { task: 'sentiment', field: 'lr' },
        { task: 'sentiment', field: 'training' },
      ]);

      // Per task: another task has its own (default) lines until written.
      el.task = 'regression';
      await el.updateComplete;
      expect(el.trainingText).to.equal(DEFAULT_TRAINING_TEXT.regression);
      el.task = 'poetry';
      await el.updateComplete;
      expect(el.trainingText).to.equal('');
      el.trainingText = 'ignored while the task is unknown';
      el.task = 'sentiment';
      await el.updateComplete;
      expect(el.trainingText).to.equal(written);
    } finally {
      document.removeEventListener('lora-input-change', listener);
      el.remove();
      localStorage.removeItem(key);
    }
  });

  it('lets a page hide a setting with its label through ::part(field-*), out of the Tab order', async () => {
    const style = document.createElement('style');
    style.textContent = 'lora-trainer::part(field-task), lora-trainer::part(field-lr) { display: none; }';
    document.head.append(style);
    try {
      const el = await mount();
      for (const name of ['task-select', 'setting-lr']) {
        const control = part(el, name)!;
        expect(control.getClientRects().length, `${name} is not drawn`).to.equal(0);
        control.focus();
        expect(root(el).activeElement, `${name} cannot take focus`).to.equal(null);
      }
      const labels = [...root(el).querySelectorAll('.label-text')].filter((n) => n.getClientRects().length > 0);
      const shown = labels.map((n) => squash(n.textContent));
      expect(shown).to.not.include('Task');
      expect(shown).to.not.include('Learning rate');
      expect(shown).to.include('Epochs');
    } finally {
      style.remove();
    }
  });

  it('restores text and settings saved under storage-key, and ignores bad stored data', async () => {
    const key = `lora-trainer-test-${Math.floor(performance.now())}`;
    localStorage.removeItem(key);
    const first = await mount((e) => e.setAttribute('storage-key', key));
    await typeInto(first, 'training-text', 'kept across reloads\tpositive');
    await typeInto(first, 'eval-text', 'held out\tnegative');
    await typeInto(first, 'setting-epochs', '7');
    first.remove(); // flushes the pending save

    const second = await mount((e) => e.setAttribute('storage-key', key));
    expect(part<HTMLTextAreaElement>(second, 'training-text')!.value).to.equal('kept across reloads\tpositive');
    expect(part<HTMLTextAreaElement>(second, 'eval-text')!.value).to.equal('held out\tnegative');
    expect(part<HTMLInputElement>(second, 'setting-epochs')!.value).to.equal('7');
    second.remove();

    for (const junk of [
      '{not json',
      '[]',
      '{"version":1,"texts":{"sentiment":{"training":42}},"settings":{"epochs":{}}}',
    ]) {
      localStorage.setItem(key, junk);
      const el = await mount((e) => e.setAttribute('storage-key', key));
      expect(part<HTMLTextAreaElement>(el, 'training-text')!.value).to.equal(DEFAULT_TRAINING_TEXT.sentiment);
      expect(part<HTMLInputElement>(el, 'setting-epochs')!.value).to.equal('60');
      el.remove();
    }
    localStorage.removeItem(key);
  });

  it('disposes every model when removed mid-run or mid-pretraining', async function () {
    this.timeout(30000);
    const baseline = tf.memory().numTensors;
    const el = await mount();
    await typeInto(el, 'setting-epochs', '5000');
    part<HTMLButtonElement>(el, 'fine-tune')!.click();
    await until(() => el.losses.length >= 2);
    expect(tf.memory().numTensors).to.be.greaterThan(baseline);
    el.remove();
    await until(() => tf.memory().numTensors === baseline, 5000);
    expect(tf.memory().numTensors).to.equal(baseline);

    const early = await mount((e) => e.setAttribute('task', 'classification'));
    early.remove();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(tf.memory().numTensors).to.equal(baseline);
  });

  it('measures main-thread long tasks during a default sentiment fine-tune', async function () {
    this.timeout(60000);
    const el = await mount();
    await until(() => squash(part(el, 'base-status')!.textContent).startsWith('Base model ready'));
    const durations: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) durations.push(entry.duration);
    });
    observer.observe({ type: 'longtask' });
    const detail = await fineTuneNow(el);
    await new Promise((resolve) => setTimeout(resolve, 50));
    observer.disconnect();
    expect(detail.status).to.equal('completed');
    expect(detail.losses.length).to.equal(60);
    const longest = Math.max(0, ...durations);
    console.log(
      `long tasks (>50 ms) during a default fine-tune: ${durations.length}; longest ${longest.toFixed(0)} ms`,
    );
    // Reported, not asserted: wall-clock durations depend on the machine's load (with other work
    // running, the same run showed a 216 ms task; in a quiet page none over 50 ms).
  });
});

describe('<lora-trainer> Compare: race and rank sweep', () => {
  /** The view's 3-significant-digit format, written out again: true minus sign, no trailing zeros. */
  const sig3 = (x: number) => String(Number(x.toPrecision(3))).replace('-', '\u2212');
  const SETTINGS = { lora: { r: 4, alpha: 8 }, optimizer: 'adam', lr: 0.01, batchSize: 4, seed: 0 } as const;

  async function openCompare(el: LoraTrainer): Promise<void> {
    const details = part<HTMLDetailsElement>(el, 'compare')!;
    if (!details.open) details.querySelector('summary')!.click();
    await until(() => part(el, 'race') !== null);
  }

  async function baseReady(el: LoraTrainer): Promise<void> {
    await until(() => squash(part(el, 'base-status')!.textContent).startsWith('Base model ready'), 20000);
  }

  /** The cells of a table row as shown: the header cell, then each data cell. */
  const cells = (row: Element) => [...row.querySelectorAll('th, td')].map((c) => squash(c.textContent));
  /** The status cell of a method's race row, `''` while the table is not drawn yet. */
  const raceStatus = (el: LoraTrainer, method: string) => {
    const row = part(el, `race-row-${method}`);
    return row ? cells(row)[6]! : '';
  };

  /** A chart's data table, opened: one array per row, the x value first. */
  async function chartRows(figure: HTMLElement): Promise<string[][]> {
    const table = figure.querySelector<HTMLDetailsElement>('[part~="chart-data"]')!;
    if (!table.open) table.querySelector('summary')!.click();
    await until(() => table.querySelectorAll('tbody tr').length > 0);
    return [...table.querySelectorAll('tbody tr')].map(cells);
  }

  it('races full, LoRA and QLoRA: losses, counts and metrics equal independent fineTune runs', async function () {
    this.timeout(90000);
    const el = await mount();
    await typeInto(el, 'setting-epochs', '6');
    await openCompare(el);
    await baseReady(el);
    const durations: number[] = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => durations.push(e.duration)));
    observer.observe({ type: 'longtask' });
    part<HTMLButtonElement>(el, 'race')!.click();
    await el.updateComplete;
    expect(el.comparing).to.equal(true);
    expect(part<HTMLButtonElement>(el, 'fine-tune')!.disabled, 'Fine-tune is disabled during a race').to.equal(true);
    expect(part<HTMLButtonElement>(el, 'sweep')!.disabled, 'Sweep is disabled during a race').to.equal(true);
    await until(() => !el.comparing, 60000);
    await el.updateComplete;
    observer.disconnect();
    console.log(`long tasks (>50 ms) during a 6-epoch race: ${durations.length}; longest ${Math.max(0, ...durations)}`);
    expect(part<HTMLButtonElement>(el, 'fine-tune')!.disabled).to.equal(false);

    const base = await pretrainBaseAsync('sentiment', parseLines('sentiment', GENERAL_CORPUS.sentiment).examples, {
      seed: 0,
    });
    models.push(base);
    const train = parseLines('sentiment', DEFAULT_TRAINING_TEXT.sentiment).examples;
    const held = parseLines('sentiment', DEFAULT_EVAL_TEXT.sentiment).examples;
    const results: FineTuneResult[] = [];
    for (const method of ['full', 'lora', 'qlora'] as const) {
      const result = await fineTune(base, train, { ...SETTINGS, method, epochs: 6, eval: held });
      models.push(result.model);
      results.push(result);
    }
    // Counted by hand for 8 → 16 → 16 → 2: every weight and bias (144 + 272 + 34) for full;
    // A (r×in) and B (out×r) on fc1 and fc2 at r 4 ((8 + 16)·4 + (16 + 16)·4) for LoRA and QLoRA.
    expect(results.map((r) => r.trainableParams)).to.deep.equal([450, 224, 224]);

    const headers = [...part(el, 'race-table')!.querySelectorAll('thead th')].map((th) => squash(th.textContent));
    expect(headers).to.deep.equal([
      'Method',
      'Trainable parameters',
      'Time (ms)',
      'Final loss',
      'accuracy (held-out lines)',
      'Frozen weights unchanged',
      'Status',
    ]);
    const rows = parts(el, 'race-row');
    expect(rows.map((r) => r.getAttribute('part'))).to.deep.equal([
      'race-row race-row-full',
      'race-row race-row-lora',
      'race-row race-row-qlora',
    ]);
    rows.forEach((row, i) => {
      const r = results[i]!;
      const [method, params, time, loss, metric, frozen, status] = cells(row);
      expect(method).to.equal(['Full fine-tuning', 'LoRA', 'QLoRA'][i]);
      expect(params).to.equal(String(r.trainableParams));
      expect(time, `${method} time`).to.match(/^\d+$/);
      expect(loss).to.equal(sig4(r.losses.at(-1)!));
      expect(metric).to.equal(sig3(r.eval!.after.metrics.accuracy!));
      expect(frozen).to.equal(r.frozenUnchanged ? '✓ unchanged' : '✗ changed');
      expect(status).to.equal('completed');
    });
    expect(cells(rows[0]!)[5]).to.equal('✗ changed');
    expect(cells(rows[1]!)[5]).to.equal('✓ unchanged');
    expect(cells(rows[2]!)[5]).to.equal('✓ unchanged');
    expect(el.lastRace!.map((row) => [...row.losses])).to.deep.equal(results.map((r) => [...r.losses]));

    // One chart, three curves told apart by dash pattern and named in the legend, one point per epoch.
    const chart = part(el, 'race-chart')!;
    expect(chart.querySelectorAll('[part~="chart"]').length).to.equal(1);
    const legend = [...chart.querySelectorAll('[part~="chart-legend"] .legend-item')];
    expect(legend.map((item) => squash(item.textContent))).to.deep.equal(['full fine-tuning', 'LoRA', 'QLoRA']);
    const dashes = legend.map((item) => item.querySelector('line')!.getAttribute('stroke-dasharray'));
    expect(new Set(dashes).size, 'three different dash patterns').to.equal(3);
    const points = await chartRows(chart);
    expect(points.length).to.equal(6);
    points.forEach((row, e) => {
      expect(row).to.deep.equal([String(e + 1), ...results.map((r) => sig4(r.losses[e]!))]);
    });
    await until(() => chart.querySelector('.plot .uplot canvas') !== null);
    expect(squash(part(el, 'compare-outcome')!.textContent)).to.match(
      /^Race finished: Full fine-tuning finished \(loss [0-9.]+, accuracy [0-9.]+, \d+ ms\); LoRA finished .*; QLoRA finished .*\.$/,
    );
  });

  it('cancels mid-race, says which runs finished, announces a second apart and leaves no tensors', async function () {
    this.timeout(90000);
    const el = await mount();
    await typeInto(el, 'setting-epochs', '150');
    await openCompare(el);
    await baseReady(el);
    // The element keeps its base model while connected: the baseline includes it.
    const baseline = tf.memory().numTensors;
    const announcer = part(el, 'announcer')!;
    const heard: { at: number; text: string }[] = [];
    const observer = new MutationObserver(() =>
      heard.push({ at: performance.now(), text: squash(announcer.textContent) }),
    );
    observer.observe(announcer, { childList: true, characterData: true, subtree: true });

    part<HTMLButtonElement>(el, 'race')!.click();
    await until(() => /^running: epoch [1-9]\d* of 150$/.test(raceStatus(el, 'lora')), 60000);
    // Live: the chart already holds the full run's 150 losses and LoRA's first ones.
    const summary = squash(part(el, 'race-chart')!.querySelector('[part~="chart-summary"]')!.textContent);
    expect(summary).to.match(
      /^Race: training loss, 1\d\d epochs: full fine-tuning from .*; LoRA from .*; QLoRA: no values\.$/,
    );
    expect(el.lastRace![0]!.losses.length).to.equal(150);
    expect(tf.memory().numTensors, 'a run holds tensors').to.be.greaterThan(baseline);
    part<HTMLButtonElement>(el, 'compare-cancel')!.click();
    await until(() => !el.comparing, 10000);
    await el.updateComplete;

    expect(tf.memory().numTensors, 'tensors after the cancel').to.equal(baseline);
    const [full, lora, qlora] = parts(el, 'race-row').map(cells);
    expect(full![6]).to.equal('completed');
    expect(full![3]).to.match(/^[0-9.]+$/);
    expect(lora![6]).to.match(/^cancelled after \d+ of 150 epochs$/);
    expect(lora![3], 'no final loss for a restored run').to.equal('—');
    expect(qlora!.slice(1)).to.deep.equal(['—', '—', '—', '—', '—', 'not run']);
    const outcome = squash(part(el, 'compare-outcome')!.textContent);
    expect(outcome).to.match(
      /^Race cancelled: Full fine-tuning finished \(.*\); LoRA cancelled after \d+ of 150 epochs; QLoRA not run\.$/,
    );
    expect(part<HTMLButtonElement>(el, 'fine-tune')!.disabled).to.equal(false);
    expect(part<HTMLButtonElement>(el, 'race')!.disabled).to.equal(false);

    await until(() => heard.some((h) => h.text.startsWith('Race cancelled')), 3000);
    observer.disconnect();
    expect(heard[0]!.text).to.match(/^Race started: full fine-tuning, then LoRA, then QLoRA, 150 epochs each/);
    expect(heard.at(-1)!.text).to.equal(outcome);
    for (let i = 1; i < heard.length; i++) {
      expect(heard[i]!.at - heard[i - 1]!.at, 'time between announcements').to.be.at.least(990);
    }
  });

  it('announces a race cancelled at once a second after its start instead of dropping it', async function () {
    this.timeout(30000);
    const el = await mount();
    await openCompare(el);
    await baseReady(el);
    const announcer = part(el, 'announcer')!;
    const heard: { at: number; text: string }[] = [];
    const observer = new MutationObserver(() =>
      heard.push({ at: performance.now(), text: squash(announcer.textContent) }),
    );
    observer.observe(announcer, { childList: true, characterData: true, subtree: true });
    part<HTMLButtonElement>(el, 'race')!.click();
    await el.updateComplete;
    part<HTMLButtonElement>(el, 'compare-cancel')!.click();
    await until(() => !el.comparing, 10000);
    await until(() => heard.length >= 2, 3000);
    observer.disconnect();
    expect(heard.length).to.equal(2);
    expect(heard[0]!.text).to.match(/^Race started: /);
    // Cancelled within a batch or two of the start: the full run stopped, or none had started.
    expect(heard[1]!.text).to.match(/^Race cancelled/);
    expect(heard[1]!.text).to.equal(squash(part(el, 'compare-outcome')!.textContent));
    expect(heard[1]!.at - heard[0]!.at).to.be.at.least(990);
    expect(el.lastRace!.map((row) => row.status)).to.not.include('completed');
  });

  it('disposes every model when removed mid-race, and starts no further run', async function () {
    this.timeout(60000);
    const baseline = tf.memory().numTensors;
    const el = await mount();
    // 5000 epochs: were the run not stopped, it would hold its tensors far past the wait below.
    await typeInto(el, 'setting-epochs', '5000');
    await openCompare(el);
    part<HTMLButtonElement>(el, 'race')!.click();
    await until(() => /^running: epoch [2-9]/.test(raceStatus(el, 'full')), 60000);
    el.remove();
    await until(() => tf.memory().numTensors === baseline, 5000);
    // Long enough for the next run (LoRA) to have started, and to hold tensors, had the race gone on.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(tf.memory().numTensors).to.equal(baseline);

    // Removed while waiting for its base model: nothing is left either.
    const early = await mount((e) => e.setAttribute('task', 'regression'));
    await openCompare(early);
    part<HTMLButtonElement>(early, 'race')!.click();
    await early.updateComplete;
    early.remove();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(tf.memory().numTensors).to.equal(baseline);
  });

  it('runs a rank sweep whose numbers equal an independent rankSweep', async function () {
    this.timeout(90000);
    const el = await mount();
    await typeInto(el, 'setting-epochs', '4');
    await openCompare(el);
    part<HTMLButtonElement>(el, 'sweep')!.click();
    await el.updateComplete;
    expect(part<HTMLButtonElement>(el, 'fine-tune')!.disabled, 'Fine-tune is disabled during a sweep').to.equal(true);
    expect(part<HTMLButtonElement>(el, 'race')!.disabled).to.equal(true);
    await until(() => !el.comparing, 60000);
    await el.updateComplete;

    const base = await pretrainBaseAsync('sentiment', parseLines('sentiment', GENERAL_CORPUS.sentiment).examples, {
      seed: 0,
    });
    models.push(base);
    const expected = await rankSweep(base, parseLines('sentiment', DEFAULT_TRAINING_TEXT.sentiment).examples, {
      ...SETTINGS,
      ranks: [1, 2, 4, 8],
      method: 'lora',
      epochs: 4,
      eval: parseLines('sentiment', DEFAULT_EVAL_TEXT.sentiment).examples,
    });
    // (8 + 16)·r on fc1 plus (16 + 16)·r on fc2.
    expect(expected.map((p) => p.trainableParams)).to.deep.equal([56, 112, 224, 448]);
    expect(el.lastSweep).to.deep.equal(expected);

    const rows = parts(el, 'sweep-row').map(cells);
    expect(rows).to.deep.equal(
      expected.map((p) => [
        String(p.rank),
        String(p.trainableParams),
        sig4(p.finalLoss),
        sig3(p.metric.value),
        'completed',
      ]),
    );
    const charts = parts(el, 'chart', part(el, 'sweep-charts')!);
    expect(charts.length).to.equal(2);
    expect(await chartRows(charts[0]!)).to.deep.equal(
      expected.map((p) => [String(p.trainableParams), sig4(p.finalLoss)]),
    );
    expect(await chartRows(charts[1]!)).to.deep.equal(
      expected.map((p) => [String(p.trainableParams), sig4(p.metric.value)]),
    );
    expect(squash(charts[1]!.querySelector('[part~="chart-legend"]')!.textContent)).to.equal(
      'accuracy (held-out lines)',
    );
    expect(squash(part(el, 'compare-outcome')!.textContent)).to.match(
      /^Rank sweep finished: r 1 \(56 parameters\) loss /,
    );
  });

  it('cancels a rank sweep, showing the rank that was stopped, with no tensors left', async function () {
    this.timeout(60000);
    const el = await mount();
    await typeInto(el, 'setting-epochs', '3000');
    await openCompare(el);
    await baseReady(el);
    const baseline = tf.memory().numTensors;
    part<HTMLButtonElement>(el, 'sweep')!.click();
    await until(() =>
      /^Rank sweep: r 1 \(1 of 4\), epoch [1-9]/.test(squash(part(el, 'compare-progress')?.textContent)),
    );
    part<HTMLButtonElement>(el, 'compare-cancel')!.click();
    await until(() => !el.comparing, 10000);
    await el.updateComplete;
    expect(tf.memory().numTensors).to.equal(baseline);
    expect(parts(el, 'sweep-row').map(cells)).to.deep.equal([['1', '56', '—', '—', 'cancelled']]);
    expect(squash(part(el, 'compare-outcome')!.textContent)).to.equal(
      'Rank sweep cancelled: r 1 (56 parameters) cancelled.',
    );
  });

  it('operates Compare from the keyboard: open, race, cancel, sweep, cancel', async function () {
    this.timeout(60000);
    const el = await mount();
    await typeInto(el, 'setting-epochs', '3000');
    part<HTMLDetailsElement>(el, 'compare')!.querySelector('summary')!.focus();
    await press('Enter');
    await until(() => part(el, 'race') !== null);

    part<HTMLButtonElement>(el, 'race')!.focus();
    await press('Enter');
    await until(() => el.comparing);
    await until(() => /^running: epoch [1-9]/.test(raceStatus(el, 'full')), 30000);
    part<HTMLButtonElement>(el, 'compare-cancel')!.focus();
    await press(' ');
    await until(() => !el.comparing, 10000);
    expect(el.lastRace!.map((row) => row.status)).to.deep.equal(['cancelled', 'not run', 'not run']);

    part<HTMLButtonElement>(el, 'sweep')!.focus();
    await press(' ');
    await until(() => el.comparing);
    await until(() => /epoch [1-9]/.test(squash(part(el, 'compare-progress')?.textContent)), 30000);
    part<HTMLButtonElement>(el, 'compare-cancel')!.focus();
    await press('Enter');
    await until(() => !el.comparing, 10000);
    expect(el.lastSweep!.map((p) => p.status)).to.deep.equal(['cancelled']);
  });

  it('disables Race and Sweep during a fine-tune, and says why Race is blocked by a bad rank', async function () {
    this.timeout(30000);
    const el = await mount();
    await openCompare(el);
    await typeInto(el, 'setting-epochs', '5000');
    part<HTMLButtonElement>(el, 'fine-tune')!.click();
    await until(() => el.losses.length >= 1);
    expect(part<HTMLButtonElement>(el, 'race')!.disabled).to.equal(true);
    expect(part<HTMLButtonElement>(el, 'sweep')!.disabled).to.equal(true);
    const end = nextEnd(el);
    part<HTMLButtonElement>(el, 'cancel')!.click();
    await end;
    await el.updateComplete;
    expect(part<HTMLButtonElement>(el, 'race')!.disabled).to.equal(false);

    // The sweep sets the rank itself, so only the race needs the form's rank.
    await typeInto(el, 'setting-rank', '0');
    expect(part<HTMLButtonElement>(el, 'race')!.disabled).to.equal(true);
    expect(part<HTMLButtonElement>(el, 'sweep')!.disabled).to.equal(false);
    expect(squash(part(el, 'compare-blocked')!.textContent)).to.equal('To race, correct Rank r.');
    // Full fine-tuning in the form does not exempt the race, whose LoRA and QLoRA runs use the rank.
    await choose(el, 'setting-method', 'full');
    expect(part<HTMLButtonElement>(el, 'race')!.disabled).to.equal(true);
    await typeInto(el, 'setting-lr', '-1');
    expect(squash(part(el, 'compare-blocked')!.textContent)).to.equal(
      'To race, correct Rank r, Learning rate. To sweep the rank, correct Learning rate.',
    );
  });
});

function checkCosineMatrices(el: LoraTrainer, result: FineTuneResult): void {
  // The distinct texts in order of first appearance, with the embeddings core returned for them.
  const embeddings = new Map<string, { before: readonly number[]; after: readonly number[] }>();
  result.train.before.forEach((p, i) => {
    const a = result.train.after[i]!;
    if (!embeddings.has(p.text)) embeddings.set(p.text, { before: p.output, after: a.output });
    if (!embeddings.has(p.text2!)) embeddings.set(p.text2!, { before: p.output2!, after: a.output2! });
  });
  const cos = (u: readonly number[], v: readonly number[]) => {
    let dot = 0;
    let nu = 0;
    let nv = 0;
    u.forEach((x, i) => {
      dot += x * v[i]!;
      nu += x * x;
      nv += v[i]! * v[i]!;
    });
    return dot / Math.sqrt(nu * nv);
  };
  const vectors = [...embeddings.values()];
  for (const when of ['before', 'after'] as const) {
    const table = part(el, `cosine-${when}`)!;
    const cells = [...table.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => squash(td.textContent)),
    );
    expect(cells.length).to.equal(vectors.length);
    cells.forEach((row, i) =>
      row.forEach((value, j) => expect(value).to.equal(fixed2(cos(vectors[i]![when], vectors[j]![when])))),
    );
  }
}
