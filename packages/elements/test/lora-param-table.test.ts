import { expect } from '@esm-bundle/chai';
import { attachLora, createMlp, tf, type LoraModel } from '@lora-viz/core';
import '../src/define.js';
import type { LoraParamTable } from '../src/index.js';

const pageModels: LoraModel[] = [];

/** A model owned by the test (the "page"); disposed after each test. */
function pageModel(...args: Parameters<typeof createMlp>): LoraModel {
  const model = createMlp(...args);
  pageModels.push(model);
  return model;
}

async function mount(attributes: Record<string, string> = {}, model?: LoraModel): Promise<LoraParamTable> {
  const el = document.createElement('lora-param-table');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  if (model) el.model = model;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

function part(el: LoraParamTable, name: string): HTMLElement | null {
  return el.shadowRoot!.querySelector(`[part~="${name}"]`);
}

/** Whether a part is rendered (a boolean, so that a failure does not try to print an element). */
function has(el: LoraParamTable, name: string): boolean {
  return part(el, name) !== null;
}

function peftLine(el: LoraParamTable): string | null {
  return part(el, 'peft-line')?.textContent ?? null;
}

function alertText(el: LoraParamTable): string | null {
  return el.shadowRoot!.querySelector('[role="alert"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
}

function liveRegion(el: LoraParamTable): HTMLElement {
  const region = el.shadowRoot!.querySelector<HTMLElement>('[aria-live="polite"]');
  expect(region !== null, 'aria-live region').to.equal(true);
  return region!;
}

/** The cell of a row (by part) in the column whose header reads `column`. */
function cell(el: LoraParamTable, rowPart: string, column: string): HTMLTableCellElement {
  const table = part(el, 'table') as HTMLTableElement;
  const headers = [...table.tHead!.rows[0].cells].map((c) => c.textContent!.trim());
  const index = headers.indexOf(column);
  expect(index, `column "${column}" in ${headers.join(' | ')}`).to.be.at.least(0);
  const row = part(el, rowPart) as HTMLTableRowElement;
  expect(row !== null, `row ${rowPart}`).to.equal(true);
  return row.cells[index];
}

/** The number a cell holds (its `<data value>`), or null for an empty/none cell. */
function value(el: LoraParamTable, rowPart: string, column: string): number | null {
  const data = cell(el, rowPart, column).querySelector('data');
  return data ? Number(data.value) : null;
}

const numTensors = () => tf.memory().numTensors;

afterEach(() => {
  for (const el of document.querySelectorAll('lora-param-table')) el.remove();
  for (const model of pageModels.splice(0)) model.dispose();
});

describe('<lora-param-table> standalone', () => {
  it('shows the default toy model (sentiment 8→16→16→2) under full fine-tuning when bare', async () => {
    const el = await mount();
    // Hand computation: out·in weights + out biases.
    const fc1 = 16 * 8 + 16; // 144
    const fc2 = 16 * 16 + 16; // 272
    const fc3 = 2 * 16 + 2; // 34
    expect([fc1, fc2, fc3]).to.deep.equal([144, 272, 34]);
    for (const [row, total] of [
      ['row-fc1', fc1],
      ['row-fc2', fc2],
      ['row-fc3', fc3],
    ] as const) {
      expect(value(el, row, 'Total'), row).to.equal(total);
      expect(value(el, row, 'Trainable'), row).to.equal(total);
      expect(value(el, row, 'Frozen'), row).to.equal(0);
      expect(value(el, row, 'LoRA'), row).to.equal(null);
      expect(cell(el, row, 'LoRA').textContent).to.contain('none');
    }
    expect(value(el, 'row-total', 'Total')).to.equal(450);
    expect(value(el, 'row-total', 'Trainable')).to.equal(450);
    expect(cell(el, 'row-fc1', 'Shape (W out × in + b)').textContent!.trim()).to.equal('16 × 8 + 16');
    expect(peftLine(el)).to.equal('trainable params: 450 || all params: 450 || trainable%: 100.0000');
    expect(has(el, 'row-frozen'), 'row-frozen absent').to.equal(false);
    expect(has(el, 'break-even'), 'break-even absent').to.equal(false);
  });

  it("shows PEFT's 224/708 line and the per-layer LoRA counts for lora rank=4 task=classification", async () => {
    const el = await mount({ lora: '', rank: '4', task: 'classification' });
    expect(peftLine(el)).to.equal('trainable params: 224 || all params: 708 || trainable%: 31.6384');
    expect(value(el, 'row-fc1', 'LoRA')).to.equal(4 * (8 + 16));
    expect(value(el, 'row-fc2', 'LoRA')).to.equal(4 * (16 + 16));
    expect(value(el, 'row-fc3', 'LoRA')).to.equal(null);
    expect(value(el, 'row-fc1', 'Frozen')).to.equal(144);
    expect(value(el, 'row-fc3', 'Frozen')).to.equal(4 * 16 + 4);
    expect(value(el, 'row-fc3', 'Trainable')).to.equal(0);
    expect(value(el, 'row-total', 'Trainable')).to.equal(224);
    expect(value(el, 'row-total', 'Total')).to.equal(708);
    expect(cell(el, 'row-fc1', 'LoRA').textContent).to.contain('r = 4: A 4 × 8, B 16 × 4');
    expect(part(el, 'row-fc1')!.getAttribute('part')).to.equal('row row-fc1 row-frozen row-lora');
    expect(part(el, 'row-fc3')!.getAttribute('part')).to.equal('row row-fc3 row-frozen');
  });

  it('marks frozen layers with a lock icon and the word "frozen", not colour alone', async () => {
    const el = await mount({ lora: '' });
    const header = part(el, 'row-fc3')!.querySelector('th')!;
    expect(header.textContent).to.match(/\bfrozen\b/);
    const icon = header.querySelector('svg');
    expect(icon !== null && icon.getAttribute('aria-hidden') === 'true', 'decorative lock icon').to.equal(true);
    expect(icon!.getBoundingClientRect().width).to.be.greaterThan(0);
    const trainableHeader = (await mount()).shadowRoot!.querySelector('[part~="row-fc3"] th')!;
    expect(trainableHeader.textContent).to.match(/\btrainable\b/);
    expect(trainableHeader.querySelector('svg') === null, 'no lock on a trainable layer').to.equal(true);
  });

  it('rebuilds its own model when attributes change, without leaking the old ones', async () => {
    const baseline = numTensors();
    const el = await mount();
    expect(numTensors()).to.equal(baseline + 6); // 3 weights + 3 biases
    el.setAttribute('lora', '');
    await el.updateComplete;
    expect(peftLine(el)).to.equal('trainable params: 224 || all params: 674 || trainable%: 33.2344');
    el.setAttribute('rank', '2');
    await el.updateComplete;
    // 2·(8+16) + 2·(16+16) = 112 of 450 + 112 = 562.
    expect(peftLine(el)).to.equal('trainable params: 112 || all params: 562 || trainable%: 19.9288');
    el.setAttribute('targets', 'fc3');
    await el.updateComplete;
    expect(value(el, 'row-fc3', 'LoRA')).to.equal(2 * (16 + 2));
    expect(value(el, 'row-fc1', 'LoRA')).to.equal(null);
    el.setAttribute('task', 'similarity');
    await el.updateComplete;
    expect(value(el, 'row-fc3', 'Total')).to.equal(8 * 16 + 8 + 2 * (16 + 8));
    expect(numTensors()).to.equal(baseline + 6 + 2); // one live model: base + A, B on fc3
  });

  it('goes back to the defaults when attributes are removed', async () => {
    const el = await mount({ lora: '', rank: '2', alpha: '4', targets: 'fc3', task: 'regression' });
    for (const name of ['rank', 'alpha', 'targets', 'task']) el.removeAttribute(name);
    await el.updateComplete;
    expect(alertText(el)).to.equal(null);
    expect(peftLine(el)).to.equal('trainable params: 224 || all params: 674 || trainable%: 33.2344');
  });

  it('names a bad value set as a property by its value, not by a stale attribute', async () => {
    const el = await mount({ lora: '', rank: '4' });
    el.rank = 0;
    await el.updateComplete;
    expect(alertText(el)).to.contain('rank="0"');
  });

  it('disposes its own model when removed, and rebuilds it when put back', async () => {
    const baseline = numTensors();
    const el = await mount({ lora: '' });
    expect(numTensors()).to.equal(baseline + 10); // base + A, B on fc1 and fc2
    el.remove();
    expect(numTensors()).to.equal(baseline);
    document.body.append(el);
    await el.updateComplete;
    expect(numTensors()).to.equal(baseline + 10);
    expect(peftLine(el)).to.equal('trainable params: 224 || all params: 674 || trainable%: 33.2344');
  });

  it('shows the break-even rank r* of each LoRA layer against its rank', async () => {
    const el = await mount({ lora: '', rank: '8' });
    const text = part(el, 'break-even')!.textContent!.replace(/\s+/g, ' ');
    // fc1 8→16: r* = 128/24 = 5.33 < 8; fc2 16→16: r* = 256/32 = 8 = r.
    expect(text).to.contain('fc1: r = 8 > r* = 5.33: the adapter has more parameters (192)');
    expect(text).to.contain('fc2: r = 8 = r* = 8: the adapter has as many parameters as');
    el.setAttribute('rank', '4');
    await el.updateComplete;
    expect(part(el, 'break-even')!.textContent).to.contain('fc1: r = 4 < r* = 5.33');
  });

  it("shows core's warning when the rank exceeds min(in, out)", async () => {
    const reference = createMlp();
    const expected = attachLora(reference, { r: 10, targetModules: ['fc1'] }).warnings;
    reference.dispose();
    expect(expected).to.have.length(1);
    const el = await mount({ lora: '', rank: '10', targets: 'fc1' });
    const warnings = part(el, 'warnings');
    expect(warnings !== null, 'warnings shown').to.equal(true);
    expect(warnings!.textContent).to.contain(expected[0]);
    expect(warnings!.textContent).to.contain('Warning');
    el.setAttribute('rank', '8');
    await el.updateComplete;
    expect(has(el, 'warnings'), 'warnings absent').to.equal(false);
  });
});

describe('<lora-param-table> bad attributes', () => {
  const cases: [Record<string, string>, string, string][] = [
    [{ lora: '', rank: 'abc' }, 'rank="abc"', 'a positive integer'],
    [{ lora: '', rank: '0' }, 'rank="0"', 'a positive integer'],
    [{ lora: '', rank: '2.5' }, 'rank="2.5"', 'a positive integer'],
    [{ task: 'nope' }, 'task="nope"', 'sentiment, classification, similarity, regression'],
    [{ lora: '', targets: 'fc9' }, 'targets="fc9"', 'fc1, fc2, fc3'],
    [{ lora: '', alpha: 'lots' }, 'alpha="lots"', 'a finite number'],
  ];
  for (const [attributes, named, accepted] of cases) {
    it(`shows an alert naming ${named} and what it accepts, then recovers once fixed`, async () => {
      const baseline = numTensors();
      const el = await mount(attributes); // must not reject
      const text = alertText(el);
      expect(text).to.contain(named);
      expect(text).to.contain(accepted);
      expect(has(el, 'table'), 'table absent').to.equal(false);
      expect(numTensors()).to.equal(baseline);
      const [attribute] = named.split('=');
      el.setAttribute(attribute, { rank: '2', task: 'classification', targets: 'fc1', alpha: '16' }[attribute]!);
      await el.updateComplete;
      expect(alertText(el)).to.equal(null);
      expect(peftLine(el)).to.match(/^trainable params: \d+ \|\| all params: \d+ \|\| trainable%: \d+\.\d{4}$/);
    });
  }

  it('names every bad attribute at once', async () => {
    const el = await mount({ lora: '', rank: '-1', task: 'nope', targets: 'fc1,fc7' });
    const text = alertText(el)!;
    expect(text).to.contain('rank="-1"');
    expect(text).to.contain('task="nope"');
    expect(text).to.contain('targets="fc1,fc7"');
  });

  it('refuses absurd ranks (core caps r) rather than allocating gigabytes', async () => {
    const baseline = numTensors();
    const el = await mount({ lora: '', rank: '50000000' });
    expect(alertText(el)).to.contain('rank="50000000"');
    expect(numTensors()).to.equal(baseline);
  });
});

describe('<lora-param-table> with a model from the page', () => {
  it('follows adapter changes the page makes, and never disposes the model', async () => {
    const model = pageModel({ task: 'classification' });
    attachLora(model, { r: 4 });
    const el = await mount({}, model);
    expect(peftLine(el)).to.equal('trainable params: 224 || all params: 708 || trainable%: 31.6384');

    model.deleteAdapter('default');
    attachLora(model, { r: 2 });
    await el.updateComplete;
    // 2·(8+16) + 2·(16+16) = 112 trainable of 484 + 112 = 596.
    const percent = ((100 * 112) / 596).toFixed(4);
    expect(peftLine(el)).to.equal(`trainable params: 112 || all params: 596 || trainable%: ${percent}`);
    expect(value(el, 'row-total', 'Trainable')).to.equal(112);

    const before = numTensors();
    el.remove();
    expect(model.disposed).to.equal(false);
    expect(numTensors()).to.equal(before);
  });

  it('ignores the model attributes while a model is given, and disposes its own model', async () => {
    const baseline = numTensors();
    const el = await mount({ lora: '', rank: 'abc' });
    expect(alertText(el)).to.contain('rank="abc"');
    el.removeAttribute('rank');
    await el.updateComplete;
    expect(numTensors()).to.equal(baseline + 10);
    const model = pageModel({ task: 'regression' });
    el.model = model;
    await el.updateComplete;
    expect(numTensors()).to.equal(baseline + 6); // only the page's model is left
    expect(value(el, 'row-fc3', 'Total')).to.equal(4 * 16 + 4);
    el.setAttribute('rank', 'abc');
    await el.updateComplete;
    expect(alertText(el)).to.equal(null);
    // Taking the model away brings back the element's own model, from its attributes.
    el.model = undefined;
    el.removeAttribute('rank');
    await el.updateComplete;
    expect(peftLine(el)).to.equal('trainable params: 224 || all params: 674 || trainable%: 33.2344');
    expect(model.disposed).to.equal(false);
  });

  it('follows the new model when the page replaces it, and stops following the old one', async () => {
    const first = pageModel();
    const second = pageModel({ task: 'similarity' });
    const el = await mount({}, first);
    el.model = second;
    await el.updateComplete;
    expect(value(el, 'row-fc3', 'Total')).to.equal(8 * 16 + 8);

    let updates = 0;
    const requestUpdate = el.requestUpdate.bind(el);
    el.requestUpdate = (...args: Parameters<LoraParamTable['requestUpdate']>) => {
      updates += 1;
      requestUpdate(...args);
    };
    attachLora(first, { r: 2 });
    expect(updates).to.equal(0);
    attachLora(second, { r: 2 });
    expect(updates).to.be.greaterThan(0);
    await el.updateComplete;
    expect(value(el, 'row-total', 'Trainable')).to.equal(2 * (8 + 16) + 2 * (16 + 16));
  });

  it('drops its subscription on removal: later model changes neither throw nor re-render it', async () => {
    const model = pageModel({ task: 'classification' });
    attachLora(model, { r: 4 });
    const el = await mount({}, model);
    el.remove();

    let updates = 0;
    const requestUpdate = el.requestUpdate.bind(el);
    el.requestUpdate = (...args: Parameters<LoraParamTable['requestUpdate']>) => {
      updates += 1;
      requestUpdate(...args);
    };
    model.deleteAdapter('default');
    attachLora(model, { r: 2 });
    model.notifyWeightsChanged();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(updates).to.equal(0);
    expect(el.isUpdatePending).to.equal(false);
    expect(peftLine(el)).to.equal('trainable params: 224 || all params: 708 || trainable%: 31.6384');

    // Back in the page it subscribes again and catches up.
    document.body.append(el);
    await el.updateComplete;
    expect(peftLine(el)!.startsWith('trainable params: 112 ||')).to.equal(true);
    model.deleteAdapter('default');
    await el.updateComplete;
    expect(peftLine(el)).to.equal('trainable params: 484 || all params: 484 || trainable%: 100.0000');
  });

  it('shows a notice instead of throwing when the page disposes its model', async () => {
    const model = pageModel();
    const el = await mount({}, model);
    model.dispose();
    await el.updateComplete;
    expect(has(el, 'table'), 'table absent').to.equal(false);
    expect(part(el, 'notice')!.textContent).to.contain('disposed');
  });

  it('groups thousands in large models', async () => {
    const el = await mount({}, pageModel({ hidden: 64 }));
    // fc2 64→64: 64·64 + 64 = 4,160; all: (64·8 + 64) + 4,160 + (2·64 + 2) = 4,866.
    expect(cell(el, 'row-fc2', 'Total').querySelector('data')!.textContent).to.equal('4,160');
    expect(cell(el, 'row-total', 'Total').querySelector('data')!.textContent).to.equal('4,866');
    expect(peftLine(el)).to.equal('trainable params: 4,866 || all params: 4,866 || trainable%: 100.0000');
  });
});

describe('<lora-param-table> accessibility and theming', () => {
  it('is a real table: caption, column and row headers, three layer rows and a totals footer', async () => {
    const el = await mount({ lora: '' });
    const table = part(el, 'table') as HTMLTableElement;
    expect(table.tagName).to.equal('TABLE');
    expect(table.caption!.textContent).to.contain('sentiment');
    expect(table.caption!.textContent).to.contain('LoRA');
    const columnHeaders = [...table.tHead!.rows[0].cells];
    expect(columnHeaders.every((c) => c.tagName === 'TH' && c.getAttribute('scope') === 'col')).to.equal(true);
    expect(table.tBodies).to.have.length(1);
    const rows = [...table.tBodies[0].rows];
    expect(rows).to.have.length(3);
    for (const [i, row] of rows.entries()) {
      const header = row.cells[0];
      expect(header.tagName).to.equal('TH');
      expect(header.getAttribute('scope')).to.equal('row');
      expect(header.textContent).to.contain(`fc${i + 1}`);
    }
    expect(table.tFoot!.rows).to.have.length(1);
    const totals = table.tFoot!.rows[0];
    expect(totals.cells[0].tagName).to.equal('TH');
    expect(totals.cells[0].getAttribute('scope')).to.equal('row');
    expect(totals.cells[0].textContent!.trim()).to.equal('Total');
    expect(totals.getAttribute('part')).to.contain('row-total');
  });

  it('announces the new trainable count in a polite live region when the ledger changes, not on first render', async () => {
    const model = pageModel({ task: 'classification' });
    attachLora(model, { r: 4 });
    const el = await mount({}, model);
    const region = liveRegion(el);
    expect(region.textContent!.trim()).to.equal('');
    expect(region.getAttribute('role')).to.equal(null);

    model.notifyWeightsChanged(); // same ledger: nothing to announce
    await el.updateComplete;
    expect(liveRegion(el).textContent!.trim()).to.equal('');

    model.deleteAdapter('default');
    attachLora(model, { r: 2 });
    await el.updateComplete;
    expect(liveRegion(el).textContent).to.contain('112 trainable parameters of 596');
  });

  it('right-aligns numbers', async () => {
    const el = await mount();
    const numeric = cell(el, 'row-fc2', 'Total');
    expect(getComputedStyle(numeric).textAlign).to.equal('right');
    const name = part(el, 'row-fc2')!.querySelector('th')!;
    expect(getComputedStyle(name).textAlign).to.not.equal('right');
  });

  it('takes its colours from --lora-param-table-* custom properties', async () => {
    const el = await mount();
    el.style.setProperty('--lora-param-table-border-color', 'rgb(1, 2, 3)');
    el.style.setProperty('--lora-param-table-color', 'rgb(4, 5, 6)');
    const numeric = cell(el, 'row-fc1', 'Total');
    expect(getComputedStyle(numeric).borderTopColor).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(el).color).to.equal('rgb(4, 5, 6)');
  });

  it('exposes its table to ::part() styling from the page', async () => {
    const style = document.createElement('style');
    style.textContent = 'lora-param-table::part(row-fc2) { outline: 3px solid rgb(7, 8, 9); }';
    document.head.append(style);
    try {
      const el = await mount();
      expect(getComputedStyle(part(el, 'row-fc2')!).outlineColor).to.equal('rgb(7, 8, 9)');
      expect(getComputedStyle(part(el, 'row-fc1')!).outlineColor).to.not.equal('rgb(7, 8, 9)');
    } finally {
      style.remove();
    }
  });
});
