import { expect } from '@esm-bundle/chai';
import { attachLora, countParameters, createMlp, tf, type LoraModel } from '@lora-viz/core';
import '../src/define.js';
import { LoraControls, type LoraControlsConfig } from '../src/index.js';

// ------------------------------------------------------------------ real keyboard input

/**
 * Runs one of web-test-runner's built-in server commands (here `send-keys`, which presses real keys
 * through Playwright). Written out because `@web/test-runner-commands` is not a dependency of this
 * package; the protocol is one WebSocket message to the dev server.
 */
async function serverCommand(command: string, payload: unknown): Promise<unknown> {
  const sessionId = new URL(window.location.href).searchParams.get('wtr-session-id');
  const socketModule = '/__web-dev-server__web-socket.js';
  const socket = (await import(socketModule)) as {
    sendMessageWaitForResponse(message: object): Promise<{ executed: boolean; result: unknown }>;
  };
  const response = await socket.sendMessageWaitForResponse({ type: 'wtr-command', sessionId, command, payload });
  if (!response.executed) throw new Error(`web-test-runner did not run the command "${command}"`);
  return response.result;
}

/** Presses one key (Playwright key name) on whatever has focus. */
const press = (key: string) => serverCommand('send-keys', { press: key });
/** Types text into whatever has focus. */
const type = (text: string) => serverCommand('send-keys', { type: text });

// ------------------------------------------------------------------ fixtures

const pageModels: LoraModel[] = [];

/** A model owned by the test (the "page"), with PEFT's default adapter r = 4, α = 8 on fc1, fc2. */
function pageModel(withAdapter = true): LoraModel {
  const model = createMlp({ seed: 0 });
  if (withAdapter) attachLora(model, { r: 4, alpha: 8 });
  pageModels.push(model);
  return model;
}

interface Mounted {
  readonly el: LoraControls;
  /** Every `lora-config-change` heard on the document (it bubbles and is composed). */
  readonly events: LoraControlsConfig[];
}

async function mount(model?: LoraModel, attributes: Record<string, string> = {}): Promise<Mounted> {
  const el = document.createElement('lora-controls');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  if (model) el.model = model;
  const events: LoraControlsConfig[] = [];
  const listener = (event: Event) => events.push((event as CustomEvent<LoraControlsConfig>).detail);
  document.addEventListener('lora-config-change', listener);
  listeners.push(listener);
  document.body.append(el);
  await el.updateComplete;
  return { el, events };
}

const listeners: EventListener[] = [];

afterEach(() => {
  for (const listener of listeners.splice(0)) document.removeEventListener('lora-config-change', listener);
  for (const el of document.querySelectorAll('lora-controls')) el.remove();
  for (const model of pageModels.splice(0)) model.dispose();
});

function part<T extends HTMLElement = HTMLInputElement>(el: LoraControls, name: string): T {
  const found = el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
  if (found === null) throw new Error(`no [part~="${name}"] in <lora-controls>`);
  return found;
}

function has(el: LoraControls, name: string): boolean {
  return el.shadowRoot!.querySelector(`[part~="${name}"]`) !== null;
}

/** The text of the elements an input's aria-describedby names, in order. */
function description(el: LoraControls, input: Element): string {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => el.shadowRoot!.getElementById(id)?.textContent?.trim() ?? `(missing #${id})`).join(' | ');
}

function radio(el: LoraControls, value: 'alpha' | 'scaling'): HTMLInputElement {
  return el.shadowRoot!.querySelector<HTMLInputElement>(`input[type="radio"][value="${value}"]`)!;
}

/** Clicks a control the way a pointer would (fires input and change), then waits for the render. */
async function click(el: LoraControls, input: HTMLElement): Promise<void> {
  input.click();
  await el.updateComplete;
}

/** Focuses a control, presses keys on it, then waits for the render. */
async function keys(el: LoraControls, input: HTMLElement, ...names: string[]): Promise<void> {
  input.focus();
  for (const name of names) await press(name);
  await el.updateComplete;
}

// ------------------------------------------------------------------ tests

describe('<lora-controls> with a shared model', () => {
  it('switches LoRA off and on again in the model, firing lora-config-change once per commit', async () => {
    const model = pageModel();
    const { el, events } = await mount(model);
    const toggle = part(el, 'switch');
    expect(toggle.getAttribute('role')).to.equal('switch');
    expect(toggle.checked).to.equal(true);

    await keys(el, toggle, 'Space');
    expect(model.activeAdapter).to.equal(null);
    expect(model.adapterNames).to.deep.equal([]);
    expect(countParameters(model).trainable).to.equal(450); // full fine-tuning: every parameter
    expect(events).to.have.length(1);
    expect(events[0]!.lora).to.equal(false);
    expect(part(el, 'settings').hasAttribute('disabled'), 'settings disabled while off').to.equal(true);

    await click(el, toggle);
    expect(model.activeAdapter).to.equal('default');
    expect(model.adapterSpec()!.r).to.equal(4);
    expect(events).to.have.length(2);
    expect(events[1]!.lora).to.equal(true);
    expect(events[1]!.options.r).to.equal(4);
    expect(el.config).to.deep.equal(events[1]);
  });

  it('sets r = 2 with the keyboard: the adapter and the trainable count follow', async () => {
    const model = pageModel();
    const { el, events } = await mount(model);
    const rank = part(el, 'rank');
    await keys(el, rank, 'ArrowLeft', 'ArrowLeft');
    expect(rank.value).to.equal('2');
    expect(part(el, 'rank-value').textContent!.trim()).to.equal('2');
    expect(model.adapterSpec()!.r).to.equal(2);
    // r = 2 on fc1 (8 → 16) and fc2 (16 → 16): 2·(8 + 16) + 2·(16 + 16) = 48 + 64 = 112.
    expect(countParameters(model).trainable).to.equal(112);
    // Each arrow key is one commit.
    expect(events.map((e) => e.options.r)).to.deep.equal([3, 2]);
  });

  it('keeps α when r changes by default, so s = α/r halves when r doubles', async () => {
    const model = pageModel();
    const { el } = await mount(model);
    expect(radio(el, 'alpha').checked).to.equal(true);
    await keys(el, part(el, 'rank'), 'End');
    expect(model.adapterSpec()!.r).to.equal(8);
    expect(model.adapterSpec()!.alpha).to.equal(8);
    expect(model.scaling('fc1')).to.equal(1);
    expect(part(el, 'scaling').textContent!.replace(/\s+/g, ' ')).to.contain('s = α / r = 8 / 8 = 1');
  });

  it('doubles α when r doubles under "keep α/r fixed", leaving s unchanged', async () => {
    const model = pageModel();
    const { el, events } = await mount(model);
    expect(model.scaling('fc1')).to.equal(2); // 8 / 4
    await click(el, radio(el, 'scaling'));
    expect(events, 'choosing what to keep changes no option').to.have.length(0);
    await keys(el, part(el, 'rank'), 'End'); // 4 → 8
    expect(model.adapterSpec()!.r).to.equal(8);
    expect(model.adapterSpec()!.alpha).to.equal(16);
    expect(model.scaling('fc1')).to.equal(2);
    expect(model.scaling('fc2')).to.equal(2);
    expect(part(el, 'alpha').value).to.equal('16');
    expect(part(el, 'scaling').textContent!.replace(/\s+/g, ' ')).to.contain('s = α / r = 16 / 8 = 2');
    // And back: the anchor brings α back exactly, with no rounding drift.
    await keys(el, part(el, 'rank'), 'ArrowLeft', 'ArrowLeft', 'ArrowLeft', 'ArrowLeft', 'ArrowLeft');
    expect(model.adapterSpec()!.r).to.equal(3);
    expect(model.adapterSpec()!.alpha).to.equal(6);
    await keys(el, part(el, 'rank'), 'ArrowRight');
    expect(model.adapterSpec()!.alpha).to.equal(8);
  });

  it('fires lora-keep-change when the user picks what r keeps, not when the page sets keep', async () => {
    const { el } = await mount(pageModel());
    const heard: string[] = [];
    const listener = (event: Event) => heard.push((event as CustomEvent<{ keep: string }>).detail.keep);
    // On the document: the event must bubble out of the shadow root to reach a page.
    document.addEventListener('lora-keep-change', listener);
    try {
      await keys(el, radio(el, 'alpha'), 'ArrowDown'); // a radio group moves and checks with arrows
      expect(el.keep).to.equal('scaling');
      await click(el, radio(el, 'alpha'));
      expect(el.keep).to.equal('alpha');
      el.keep = 'scaling';
      await el.updateComplete;
      expect(radio(el, 'scaling').checked, 'the page set keep').to.equal(true);
      expect(heard).to.deep.equal(['scaling', 'alpha']);
    } finally {
      document.removeEventListener('lora-keep-change', listener);
    }
  });

  it('keeps α/√r under rsLoRA with "keep α/√r fixed"', async () => {
    const model = pageModel();
    const { el } = await mount(model, { keep: 'scaling' });
    await click(el, part(el, 'rslora'));
    expect(model.adapterSpec()!.useRslora).to.equal(true);
    expect(model.scaling('fc1')).to.equal(4); // 8 / √4
    expect(radio(el, 'scaling').parentElement!.textContent).to.contain('α/√r');
    await keys(el, part(el, 'rank'), 'End'); // r = 8: α = 8·√(8/4) = 11.3137 (four decimals)
    expect(model.adapterSpec()!.alpha).to.equal(11.3137);
    expect(model.scaling('fc1')!).to.be.closeTo(4, 1e-4);
  });

  it('targets fc1 and fc3 when the user ticks fc3 and unticks fc2', async () => {
    const model = pageModel();
    const { el, events } = await mount(model);
    await click(el, part(el, 'target-fc3'));
    expect(model.adapterSpec()!.targetModules).to.deep.equal(['fc1', 'fc2', 'fc3']);
    await click(el, part(el, 'target-fc2'));
    expect(model.adapterSpec()!.targetModules).to.deep.equal(['fc1', 'fc3']);
    expect(events.map((e) => e.options.targetModules)).to.deep.equal([
      ['fc1', 'fc2', 'fc3'],
      ['fc1', 'fc3'],
    ]);
    // fc3 is 16 → 2 and r = 4 > min(16, 2): core's warning is shown under the rank.
    expect(part(el, 'warnings').textContent).to.contain('fc3: rank 4 exceeds min(in, out) = 2');
    expect(description(el, part(el, 'rank'))).to.contain('fc3: rank 4 exceeds');
  });

  it('asks for a target when none is ticked, and leaves the model as it was', async () => {
    const model = pageModel();
    const { el, events } = await mount(model);
    await click(el, part(el, 'target-fc1'));
    const spec = model.adapterSpec();
    expect(spec!.targetModules).to.deep.equal(['fc2']);
    await click(el, part(el, 'target-fc2'));
    expect(model.adapterSpec() === spec, 'model untouched').to.equal(true);
    expect(events).to.have.length(1);
    const error = part<HTMLElement>(el, 'error');
    expect(error.textContent!.trim()).to.equal('Pick at least one layer.');
    const fc1 = part(el, 'target-fc1');
    expect(fc1.getAttribute('aria-invalid')).to.equal('true');
    expect(description(el, part(el, 'targets'))).to.contain('Pick at least one layer.');
    // The user's choice stays on screen, and a valid one applies again.
    expect([fc1.checked, part(el, 'target-fc2').checked]).to.deep.equal([false, false]);
    await click(el, part(el, 'target-fc3'));
    expect(model.adapterSpec()!.targetModules).to.deep.equal(['fc3']);
    expect(has(el, 'error'), 'message gone').to.equal(false);
    expect(fc1.getAttribute('aria-invalid')).to.equal('false');
  });

  it('never lets a layer be both a target and a module to save, and says why', async () => {
    const model = pageModel();
    const { el } = await mount(model);
    const saveFc1 = part(el, 'save-fc1');
    expect(saveFc1.disabled).to.equal(true);
    expect(description(el, saveFc1)).to.contain('fc1 and fc2 get adapters, so they cannot also be saved');
    expect(part(el, 'save-fc3').disabled).to.equal(false);

    await click(el, part(el, 'save-fc3'));
    expect(model.adapterSpec()!.modulesToSave).to.deep.equal(['fc3']);
    const targetFc3 = part(el, 'target-fc3');
    expect(targetFc3.disabled).to.equal(true);
    expect(description(el, targetFc3)).to.contain('fc3 is saved whole, so it cannot also get an adapter');
    // fc3's copy adds 2·16 + 2 = 34 trainable parameters to the 224 of the adapters.
    expect(countParameters(model).trainable).to.equal(224 + 34);
  });

  it('starts A and B both random with init "false", so B is no longer zero in the model', async () => {
    const model = pageModel();
    const { el, events } = await mount(model);
    expect(Array.from(model.read('fc1.lora_B').values).every((v) => v === 0)).to.equal(true);
    const select = part<HTMLSelectElement>(el, 'init');
    // A closed <select> cannot be driven portably by keys; set it as the browser would and commit.
    select.value = 'false';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    expect(model.adapterSpec()!.initLoraWeights).to.equal(false);
    expect(Array.from(model.read('fc1.lora_B').values).some((v) => v !== 0)).to.equal(true);
    expect(events[0]!.options.initLoraWeights).to.equal(false);
    expect(description(el, select)).to.contain('ΔW ≠ 0');
  });

  it('explains an alpha that is not a number, keeps the text, and applies nothing', async () => {
    const model = pageModel();
    const { el, events } = await mount(model);
    const alpha = part(el, 'alpha');
    alpha.select();
    await keys(el, alpha, 'Backspace');
    await type('1e');
    await press('Tab');
    await el.updateComplete;
    expect(alpha.validity.badInput, 'the typed "1e" is still in the field').to.equal(true);
    expect(alpha.getAttribute('aria-invalid')).to.equal('true');
    expect(description(el, alpha)).to.contain('α must be a number');
    expect(model.adapterSpec()!.alpha).to.equal(8);
    expect(events).to.have.length(0);

    alpha.select();
    await keys(el, alpha, 'Backspace');
    await type('16');
    await press('Tab');
    await el.updateComplete;
    expect(model.adapterSpec()!.alpha).to.equal(16);
    expect(model.scaling('fc1')).to.equal(4);
    expect(alpha.getAttribute('aria-invalid')).to.equal('false');
    expect(events).to.have.length(1);
  });

  it('fires no event when the page sets .model, and shows that model', async () => {
    const model = pageModel(false);
    attachLora(model, { r: 2, alpha: 16, targetModules: ['fc3'], useRslora: true, initLoraWeights: 'gaussian' });
    const { el, events } = await mount();
    el.model = model;
    await el.updateComplete;
    expect(events).to.have.length(0);
    expect(part(el, 'rank').value).to.equal('2');
    expect(part(el, 'alpha').value).to.equal('16');
    expect(part(el, 'rslora').checked).to.equal(true);
    expect(part(el, 'target-fc3').checked).to.equal(true);
    expect(part(el, 'target-fc1').checked).to.equal(false);
    expect(part<HTMLSelectElement>(el, 'init').value).to.equal('gaussian');
    expect(el.config.options.targetModules).to.deep.equal(['fc3']);
  });

  it('reflects a change the page makes to the model (a new adapter with r = 6), without an event', async () => {
    const model = pageModel();
    const { el, events } = await mount(model);
    model.deleteAdapter('default');
    attachLora(model, { r: 6, alpha: 12 });
    await el.updateComplete;
    expect(part(el, 'rank').value).to.equal('6');
    expect(part(el, 'rank-value').textContent!.trim()).to.equal('6');
    expect(part(el, 'alpha').value).to.equal('12');
    expect(el.config.options.r).to.equal(6);
    model.deleteAdapter('default');
    await el.updateComplete;
    expect(part(el, 'switch').checked).to.equal(false);
    expect(part(el, 'rank').value, 'the rank is kept for when LoRA is back').to.equal('6');
    expect(events).to.have.length(0);
  });

  it('does not reset what the user typed when only the weights change (training)', async () => {
    const model = pageModel();
    const { el } = await mount(model);
    await click(el, part(el, 'target-fc1'));
    await click(el, part(el, 'target-fc2')); // invalid: nothing targeted
    model.notifyWeightsChanged();
    await el.updateComplete;
    expect(part(el, 'target-fc2').checked).to.equal(false);
    expect(part<HTMLElement>(el, 'error').textContent).to.contain('Pick at least one layer.');
  });

  it('stops following the model once removed', async () => {
    const model = pageModel();
    const { el } = await mount(model);
    el.remove();
    model.deleteAdapter('default');
    attachLora(model, { r: 3 });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(el.isUpdatePending).to.equal(false);
    expect(part(el, 'rank').value).to.equal('4');
    document.body.append(el);
    await el.updateComplete;
    expect(part(el, 'rank').value).to.equal('3');
  });

  it('never disposes the model or leaks tensors while replacing the adapter', async () => {
    const model = pageModel();
    const { el } = await mount(model);
    const before = tf.memory().numTensors;
    await keys(el, part(el, 'rank'), 'ArrowRight', 'ArrowLeft');
    await click(el, part(el, 'switch'));
    await click(el, part(el, 'switch'));
    expect(tf.memory().numTensors).to.equal(before);
    el.remove();
    expect(model.disposed).to.equal(false);
  });

  it('shows a notice and disables everything when the model is disposed', async () => {
    const model = pageModel();
    const { el } = await mount(model);
    model.dispose();
    await el.updateComplete;
    expect(part<HTMLElement>(el, 'notice').textContent).to.contain('disposed');
    expect(part(el, 'switch').disabled).to.equal(true);
  });
});

describe('<lora-controls> without a model', () => {
  it('only fires events, with the whole configuration in detail', async () => {
    const { el, events } = await mount();
    await keys(el, part(el, 'rank'), 'ArrowRight');
    await click(el, part(el, 'target-fc3'));
    expect(events).to.have.length(2);
    expect(events[1]).to.deep.equal({
      lora: true,
      options: {
        r: 5,
        alpha: 8,
        targetModules: ['fc1', 'fc2', 'fc3'],
        modulesToSave: [],
        useRslora: false,
        initLoraWeights: true,
      },
    });
    expect(el.config).to.deep.equal(events[1]);
  });

  it('dispatches a bubbling, composed event that reaches a listener outside a shadow root', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    const el = document.createElement('lora-controls');
    root.append(el);
    await el.updateComplete;
    let heard: CustomEvent | null = null;
    host.addEventListener('lora-config-change', (event) => (heard = event));
    await click(el, part(el, 'switch'));
    host.remove();
    expect(heard !== null, 'heard outside the shadow root').to.equal(true);
    expect(heard!.bubbles && heard!.composed).to.equal(true);
  });

  it('offers ranks up to rank-max, and names an unusable rank-max', async () => {
    const { el } = await mount(undefined, { 'rank-max': '16' });
    expect(part(el, 'rank').max).to.equal('16');
    el.setAttribute('rank-max', 'lots');
    await el.updateComplete;
    expect(part(el, 'rank').max).to.equal('8');
    expect(part<HTMLElement>(el, 'problems').textContent).to.contain('rank-max="lots"');
    expect(part<HTMLElement>(el, 'problems').getAttribute('role')).to.equal('alert');
  });

  it('never lowers a rank the page chose above rank-max', async () => {
    const model = pageModel(false);
    attachLora(model, { r: 12 });
    const { el } = await mount(model);
    expect(part(el, 'rank').max).to.equal('12');
    expect(part(el, 'rank').value).to.equal('12');
  });
});

describe('<lora-controls> accessibility, theming and registration', () => {
  it('gives every control an accessible name and puts groups in fieldsets with legends', async () => {
    const { el } = await mount();
    const controls = [...el.shadowRoot!.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')];
    expect(controls.length).to.be.greaterThan(10);
    for (const control of controls) {
      const name = [...(control.labels ?? [])].map((l) => l.textContent!.trim()).join(' ');
      expect(name, `label of ${control.outerHTML.slice(0, 80)}`).to.not.equal('');
    }
    for (const fieldset of el.shadowRoot!.querySelectorAll('fieldset')) {
      expect(fieldset.querySelector(':scope > legend')?.textContent?.trim() ?? '').to.not.equal('');
    }
  });

  it('reaches every control with Tab alone, showing a focus ring', async () => {
    const { el } = await mount();
    part(el, 'switch').focus();
    const reached = new Set<string>();
    for (let i = 0; i < 14; i += 1) {
      const focused = el.shadowRoot!.activeElement as HTMLElement | null;
      if (focused === null) break;
      reached.add(focused.getAttribute('part') ?? focused.getAttribute('value') ?? focused.id);
      // The first focus was programmatic; every later one came from the keyboard and must show.
      if (i > 0) expect(getComputedStyle(focused).outlineStyle, `focus ring on ${focused.id}`).to.equal('solid');
      await press('Tab');
    }
    for (const name of ['switch', 'rank', 'alpha', 'rslora', 'target target-fc1', 'save save-fc3', 'init']) {
      expect(reached.has(name), `${name} reached by Tab`).to.equal(true);
    }
  });

  it('takes colours from --lora-controls-* and exposes parts to ::part()', async () => {
    const style = document.createElement('style');
    style.textContent = 'lora-controls::part(rank-value) { outline: 3px solid rgb(7, 8, 9); }';
    document.head.append(style);
    try {
      const { el } = await mount();
      el.style.setProperty('--lora-controls-color', 'rgb(4, 5, 6)');
      el.style.setProperty('--lora-controls-error-color', 'rgb(1, 2, 3)');
      expect(getComputedStyle(el).color).to.equal('rgb(4, 5, 6)');
      expect(getComputedStyle(part(el, 'rank-value')).outlineColor).to.equal('rgb(7, 8, 9)');
      await click(el, part(el, 'target-fc1'));
      await click(el, part(el, 'target-fc2'));
      expect(getComputedStyle(part(el, 'error')).color).to.equal('rgb(1, 2, 3)');
    } finally {
      style.remove();
    }
  });

  it('lets a page hide whole settings through ::part(field-*), out of view and of the Tab order', async () => {
    const style = document.createElement('style');
    // Everything but alpha and the target layers.
    const hidden = ['field-lora', 'field-rank', 'rank-coupling', 'field-rslora', 'modules-to-save', 'field-init'];
    style.textContent = hidden.map((name) => `lora-controls::part(${name}) { display: none; }`).join('\n');
    document.head.append(style);
    try {
      const { el } = await mount();
      // Each hidden part takes its label and hint with it: nothing of the switch, rank or init is drawn.
      for (const text of ['LoRA adapters', 'Rank', 'When r changes', 'rsLoRA', 'Modules to save', 'Initialisation']) {
        const drawn = [...el.shadowRoot!.querySelectorAll('label, legend, p')].filter(
          (node) => node.textContent!.includes(text) && node.getClientRects().length > 0,
        );
        expect(
          drawn.map((node) => node.textContent!.trim()),
          `"${text}" is hidden`,
        ).to.deep.equal([]);
      }
      part(el, 'alpha').focus();
      const reached: string[] = [];
      for (let i = 0; i < 8; i += 1) {
        const focused = el.shadowRoot!.activeElement as HTMLElement | null;
        if (focused === null) break;
        reached.push(focused.getAttribute('part') ?? focused.id);
        await press('Tab');
      }
      // From alpha, Tab goes to the target checkboxes and then leaves the element.
      expect(reached).to.deep.equal(['alpha', 'target target-fc1', 'target target-fc2', 'target target-fc3']);
    } finally {
      style.remove();
    }
  });

  it('is registered by its own entry with the class the package root exports', async () => {
    const entry = await import('../src/lora-controls.js');
    expect(entry.LoraControls === LoraControls, 'same class from both entries').to.equal(true);
    expect(customElements.get('lora-controls') === LoraControls, 'registered with that class').to.equal(true);
  });
});
