import { expect } from '@esm-bundle/chai';
import { attachLora, createMlp, tf, type LoraModel } from '@lora-viz/core';
import '../src/lora-graph.js';
import type { LoraGraph, LoraNodeSelectDetail } from '../src/index.js';

// ---------------------------------------------------------------------------------------- helpers

// The runner's own module, named through a variable so that no bundler or type checker resolves it.
const SOCKET_MODULE = '/__web-dev-server__web-socket.js';

/** Runs one of @web/test-runner's built-in commands (real keys and mouse through Playwright). */
async function command(name: string, payload: Record<string, unknown>): Promise<void> {
  const sessionId = new URL(location.href).searchParams.get('wtr-session-id');
  const socket = (await import(/* @vite-ignore */ SOCKET_MODULE)) as {
    sendMessageWaitForResponse(message: object): Promise<{ executed: boolean }>;
  };
  const response = await socket.sendMessageWaitForResponse({ type: 'wtr-command', sessionId, command: name, payload });
  if (!response.executed) throw new Error(`the test runner did not run "${name}"`);
}
const press = (key: string) => command('send-keys', { press: key });
const mouse = (type: 'move' | 'down' | 'up', x = 0, y = 0) =>
  command(
    'send-mouse',
    type === 'move' ? { type, position: [Math.round(x), Math.round(y)] } : { type, button: 'left' },
  );

const pageModels: LoraModel[] = [];

/** A model owned by the test (the "page"); disposed after each test. */
function pageModel(...args: Parameters<typeof createMlp>): LoraModel {
  const model = createMlp(...args);
  pageModels.push(model);
  return model;
}

async function mount(attributes: Record<string, string> = {}, model?: LoraModel): Promise<LoraGraph> {
  const el = document.createElement('lora-graph');
  el.style.setProperty('--lora-graph-transition-duration', '0s');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  if (model) el.model = model;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

function parts(el: LoraGraph, name: string): HTMLElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
}

function node(el: LoraGraph, id: string): SVGGElement | null {
  return el.shadowRoot!.querySelector(`[part~="node"][data-node-id="${id}"]`);
}

function nodeIds(el: LoraGraph): string[] {
  return parts(el, 'node').map((n) => n.getAttribute('data-node-id')!);
}

/** The part attribute of a node, e.g. `node node-frozen`. */
function partOf(el: LoraGraph, id: string): string | null {
  return node(el, id)?.getAttribute('part') ?? null;
}

function focusedId(el: LoraGraph): string | null {
  return el.shadowRoot!.activeElement?.getAttribute('data-node-id') ?? null;
}

function cardText(el: LoraGraph): string | null {
  return parts(el, 'card')[0]?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
}

function centre(element: Element): { x: number; y: number } {
  const r = element.getBoundingClientRect();
  return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
}

const numTensors = () => tf.memory().numTensors;
const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

/** Ids of the sentiment MLP's component graph, by hand from ARCHITECTURE §3.3 (not from core). */
function componentIds(loraLayers: readonly string[]): string[] {
  const ids = ['input'];
  for (const layer of ['fc1', 'fc2', 'fc3']) {
    ids.push(`${layer}.weight`, `${layer}.bias`);
    if (loraLayers.includes(layer)) ids.push(`${layer}.lora_A`, `${layer}.lora_B`, `${layer}.delta`);
    ids.push(`${layer}.sum`, layer === 'fc3' ? 'output' : `${layer}.relu`);
  }
  return ids;
}

afterEach(async () => {
  for (const el of document.querySelectorAll('lora-graph')) el.remove();
  for (const model of pageModels.splice(0)) if (!model.disposed) model.dispose();
  await mouse('move', 0, 0);
});

// ---------------------------------------------------------------------------------------- tests

describe('<lora-graph> component level', () => {
  it('draws the default toy model when bare: one node per component, all trainable (full fine-tuning)', async () => {
    const el = await mount();
    expect(nodeIds(el).sort()).to.deep.equal(componentIds([]).sort());
    expect(partOf(el, 'input')).to.equal('node node-input');
    for (const layer of ['fc1', 'fc2', 'fc3']) {
      expect(partOf(el, `${layer}.weight`)).to.equal('node node-trainable');
      expect(partOf(el, `${layer}.bias`)).to.equal('node node-trainable');
      expect(partOf(el, `${layer}.sum`)).to.equal('node node-effective');
    }
    expect(partOf(el, 'fc1.relu')).to.equal('node node-activation');
    expect(partOf(el, 'output')).to.equal('node node-output');
    expect(parts(el, 'node-frozen')).to.have.length(0);
    // Edges: per layer prev→W, W→sum, b→sum, sum→next: 4 · 3 = 12.
    expect(parts(el, 'edge')).to.have.length(12);
    expect(el.layoutCount).to.equal(1);
  });

  it('adds A, B and ΔW as trainable nodes with the lora attribute, and freezes W and b', async () => {
    const el = await mount({ lora: '' });
    expect(nodeIds(el).sort()).to.deep.equal(componentIds(['fc1', 'fc2']).sort());
    for (const layer of ['fc1', 'fc2']) {
      for (const part of ['lora_A', 'lora_B', 'delta']) {
        expect(partOf(el, `${layer}.${part}`), `${layer}.${part}`).to.equal('node node-trainable');
      }
    }
    for (const layer of ['fc1', 'fc2', 'fc3']) {
      expect(partOf(el, `${layer}.weight`)).to.equal('node node-frozen');
      expect(partOf(el, `${layer}.bias`)).to.equal('node node-frozen');
    }
    // LoRA branch edges A→B, B→ΔW, ΔW→sum on two layers.
    expect(parts(el, 'edge-lora')).to.have.length(6);
    expect(node(el, 'fc1.lora_A')!.textContent).to.contain('4×8');
    expect(node(el, 'fc1.lora_B')!.textContent).to.contain('16×4');
  });

  it('marks roles with non-colour cues: dashes on trainable nodes, none on frozen ones, a glyph on each', async () => {
    const el = await mount({ lora: '' });
    const dashed = (id: string) =>
      [...node(el, id)!.querySelectorAll('rect')].some((r) => getComputedStyle(r).strokeDasharray !== 'none');
    expect(dashed('fc1.lora_A'), 'A dashed').to.equal(true);
    expect(dashed('fc1.weight'), 'W not dashed').to.equal(false);
    for (const n of parts(el, 'node')) {
      expect(n.querySelector('path'), `${n.getAttribute('data-node-id')} has a glyph`).to.not.equal(null);
    }
    const legend = parts(el, 'legend')[0]!.textContent!.replace(/\s+/g, ' ');
    for (const entry of [
      'Input (arrow in)',
      'Frozen (lock)',
      'Trainable (dashed, ∇)',
      'Effective (double border, Σ)',
    ]) {
      expect(legend).to.contain(entry);
    }
    expect(legend).to.contain('Activation');
    expect(legend).to.contain('Output');
  });

  it('follows a shared model: rank 1..8 relabels A and B and reuses the layout; toggling LoRA lays out again', async () => {
    const model = pageModel();
    const el = await mount({}, model);
    let layoutEvents = 0;
    el.addEventListener('lora-graph-layout', () => (layoutEvents += 1));
    expect(el.layoutCount).to.equal(1);

    attachLora(model, { r: 1 });
    await el.updateComplete;
    expect(nodeIds(el)).to.have.length(19);
    expect(el.layoutCount).to.equal(2);
    expect(layoutEvents).to.equal(1);

    for (let r = 1; r <= 8; r++) {
      model.deleteAdapter('default');
      attachLora(model, { r });
      await el.updateComplete;
      const a = node(el, 'fc1.lora_A')!;
      expect(a.textContent, `A at r=${r}`).to.contain(`${r}×8`);
      expect(a.textContent).to.contain(`${r * 8} trainable`);
      expect(a.getAttribute('aria-label')).to.contain(`shape ${r}×8`);
      expect(node(el, 'fc2.lora_B')!.textContent).to.contain(`16×${r}`);
      expect(node(el, 'fc2.lora_B')!.textContent).to.contain(`${16 * r} trainable`);
      expect(el.layoutCount, `no new layout at r=${r}`).to.equal(2);
    }
    expect(layoutEvents).to.equal(1);

    model.deleteAdapter('default');
    await el.updateComplete;
    expect(nodeIds(el).sort()).to.deep.equal(componentIds([]).sort());
    expect(el.layoutCount).to.equal(2); // full fine-tuning was laid out first and is cached

    attachLora(model, { r: 2, targetModules: ['fc1', 'fc3'] });
    await el.updateComplete;
    expect(nodeIds(el).sort()).to.deep.equal(componentIds(['fc1', 'fc3']).sort());
    expect(el.layoutCount).to.equal(3);
    expect(layoutEvents).to.equal(2);
  });

  it('draws the loss after the output with the loss attribute, and reflects level set as a property', async () => {
    const el = await mount({ loss: '', task: 'regression' });
    expect(partOf(el, 'loss')).to.equal('node node-output');
    expect(node(el, 'loss')!.textContent).to.contain('mean squared error');
    el.level = 'neuron';
    await el.updateComplete;
    expect(el.getAttribute('level')).to.equal('neuron');
    expect(node(el, 'loss'), 'loss at the neuron level').to.not.equal(null);
    expect(node(el, 'fc3:3'), 'regression has 4 outputs').to.not.equal(null);
  });

  it('fires lora-graph-layout after a new layout is drawn, with its count', async () => {
    const model = pageModel();
    const el = await mount({}, model);
    const event = new Promise<CustomEvent>((resolve) =>
      document.addEventListener('lora-graph-layout', (e) => resolve(e as CustomEvent), { once: true }),
    );
    attachLora(model, { r: 4 });
    const fired = await event;
    expect(fired.detail).to.deep.equal({ level: 'component', nodes: 19, layoutCount: 2 });
    expect(node(el, 'fc1.lora_A'), 'drawn when the event fires').to.not.equal(null);
  });

  it('keeps its tab stop on a neighbour when the focused node disappears', async () => {
    const model = pageModel();
    attachLora(model, { r: 2 });
    const el = await mount({}, model);
    node(el, 'fc1.lora_B')!.focus();
    model.deleteAdapter('default');
    await el.updateComplete;
    const tabStops = parts(el, 'node').filter((n) => n.getAttribute('tabindex') === '0');
    expect(tabStops).to.have.length(1);
    expect(focusedId(el)).to.equal(tabStops[0]!.getAttribute('data-node-id'));
  });
});

describe('<lora-graph> keyboard', () => {
  it('is one tab stop; arrows visit every node; Home/End; Enter selects; Tab then reaches the toolbar', async () => {
    const before = document.createElement('button');
    before.textContent = 'before';
    document.body.append(before);
    try {
      const el = await mount({ lora: '' });
      before.focus();
      await press('Tab');
      expect(focusedId(el)).to.equal('input');
      expect(parts(el, 'node').filter((n) => n.getAttribute('tabindex') === '0')).to.have.length(1);

      const visited = new Set([focusedId(el)]);
      for (let i = 0; i < 25; i++) {
        await press('ArrowRight');
        visited.add(focusedId(el));
      }
      expect([...visited].sort()).to.deep.equal(componentIds(['fc1', 'fc2']).sort());
      await el.updateComplete;
      const stops = parts(el, 'node').filter((n) => n.getAttribute('tabindex') === '0');
      expect(stops.map((n) => n.getAttribute('data-node-id'))).to.deep.equal([focusedId(el)]);

      await press('Home');
      expect(focusedId(el)).to.equal('input');
      await press('End');
      expect(focusedId(el)).to.equal('output');
      await press('ArrowLeft');
      expect(focusedId(el)).to.not.equal('output');

      // Up and down move within a column: from W₁ down reaches fc1's LoRA branch.
      node(el, 'fc1.weight')!.focus();
      const downs = new Set<string | null>();
      for (let i = 0; i < 3; i++) {
        await press('ArrowDown');
        downs.add(focusedId(el));
      }
      expect([...downs].some((id) => id?.startsWith('fc1.'))).to.equal(true);

      const selections: LoraNodeSelectDetail[] = [];
      document.addEventListener('lora-node-select', (e) => selections.push((e as CustomEvent).detail), { once: true });
      node(el, 'fc1.lora_A')!.focus();
      await press('Enter');
      expect(selections).to.have.length(1);
      expect(selections[0]!.id).to.equal('fc1.lora_A');
      expect(selections[0]!.node.kind).to.equal('lora-a');
      await el.updateComplete;
      expect(el.selected).to.equal('fc1.lora_A');
      expect(el.getAttribute('selected')).to.equal('fc1.lora_A');
      expect(partOf(el, 'fc1.lora_A')).to.equal('node node-trainable node-selected');
      expect(node(el, 'fc1.lora_A')!.getAttribute('aria-pressed')).to.equal('true');

      await press(' ');
      await el.updateComplete;
      expect(el.selected).to.equal('fc1.lora_A');

      await press('Tab');
      const active = el.shadowRoot!.activeElement;
      expect(active?.tagName).to.equal('BUTTON');
      expect(parts(el, 'toolbar')[0]!.contains(active)).to.equal(true);
      const buttons = [...parts(el, 'toolbar')[0]!.querySelectorAll('button')];
      expect(buttons.map((b) => b.getAttribute('aria-label') ?? b.textContent!.trim())).to.deep.equal([
        'Zoom out',
        'Zoom in',
        'Fit',
        'SVG',
        'PNG',
      ]);
    } finally {
      before.remove();
    }
  });

  it('fires lora-node-select on click, bubbling out of the shadow root', async () => {
    const el = await mount({ lora: '' });
    const got = new Promise<LoraNodeSelectDetail>((resolve) =>
      document.body.addEventListener('lora-node-select', (e) => resolve((e as CustomEvent).detail), { once: true }),
    );
    const { x, y } = centre(node(el, 'fc2.weight')!);
    await mouse('move', x, y);
    await mouse('down');
    await mouse('up');
    expect((await got).id).to.equal('fc2.weight');
  });

  it('shows a visible focus ring on the keyboard-focused node only', async () => {
    const el = await mount({ lora: '' });
    el.style.setProperty('--lora-graph-focus-color', 'rgb(9, 9, 9)');
    const ringOpacity = (id: string) => {
      const ring = [...node(el, id)!.querySelectorAll('*')].find(
        (child) => getComputedStyle(child).stroke === 'rgb(9, 9, 9)',
      );
      expect(ring, `${id} has a focus ring`).to.not.equal(undefined);
      return getComputedStyle(ring!).opacity;
    };
    const before = document.createElement('button');
    document.body.prepend(before);
    before.focus();
    await press('Tab');
    before.remove();
    expect(focusedId(el)).to.equal('input');
    expect(ringOpacity('input')).to.equal('1');
    expect(ringOpacity('fc1.weight')).to.equal('0');
  });

  it('zooms with + and −, fits with 0 and pans with Shift+arrows', async () => {
    const el = await mount({ lora: '' });
    const width = () => node(el, 'fc1.sum')!.getBoundingClientRect().width;
    const left = () => node(el, 'fc1.sum')!.getBoundingClientRect().left;
    node(el, 'input')!.focus();
    const fitted = width();
    await press('+');
    await el.updateComplete;
    expect(width()).to.be.closeTo(fitted * 1.25, 0.5);
    await press('-');
    await press('-');
    await el.updateComplete;
    expect(width()).to.be.closeTo(fitted / 1.25, 0.5);
    await press('0');
    await el.updateComplete;
    expect(width()).to.be.closeTo(fitted, 0.5);
    const x = left();
    await press('Shift+ArrowRight');
    await el.updateComplete;
    expect(left()).to.be.closeTo(x - 48, 0.5);
    await press('Shift+ArrowLeft');
    await el.updateComplete;
    expect(left()).to.be.closeTo(x, 0.5);
  });

  it('pans by dragging the background and zooms with Ctrl + wheel; Fit restores the view', async () => {
    const el = await mount({ lora: '' });
    const target = () => node(el, 'fc2.sum')!.getBoundingClientRect();
    const start = target();
    const viewport = parts(el, 'viewport')[0]!.getBoundingClientRect();
    await mouse('move', viewport.left + 6, viewport.top + 6);
    await mouse('down');
    await mouse('move', viewport.left + 66, viewport.top + 26);
    await mouse('up');
    await el.updateComplete;
    expect(target().left).to.be.closeTo(start.left + 60, 1);
    expect(target().top).to.be.closeTo(start.top + 20, 1);

    parts(el, 'viewport')[0]!.dispatchEvent(
      new WheelEvent('wheel', {
        deltaY: -200,
        ctrlKey: true,
        clientX: 300,
        clientY: 200,
        bubbles: true,
        cancelable: true,
      }),
    );
    await el.updateComplete;
    expect(target().width).to.be.greaterThan(start.width * 1.2);

    parts(el, 'toolbar')[0]!.querySelectorAll('button')[2]!.click();
    await el.updateComplete;
    expect(target().left).to.be.closeTo(start.left, 1);
    expect(target().width).to.be.closeTo(start.width, 0.5);
  });
});

describe('<lora-graph> card', () => {
  it("shows a LoRA node's shape, count, training and the formula with the live α, r and s = α/r", async () => {
    const model = pageModel();
    attachLora(model, { r: 8, alpha: 12 });
    const el = await mount({}, model);
    node(el, 'fc1.lora_A')!.focus();
    await el.updateComplete;
    const s = 12 / 8; // 1.5
    const text = cardText(el)!;
    expect(text).to.contain('A₁ 8×8');
    expect(text).to.contain('Shape 8 × 8');
    expect(text).to.contain('Parameters 64');
    expect(text).to.contain('Trainable: gets a gradient');
    expect(text).to.contain('W_eff = W + (α/r)·B·A');
    expect(text).to.contain(`W_eff = W + (12/8)·B·A = W + ${s}·B·A`);
    expect(text).to.contain(`s = α/r = ${s} (standard LoRA)`);
    expect(node(el, 'fc1.lora_A')!.getAttribute('aria-describedby')).to.equal(parts(el, 'card')[0]!.id);
    // The heatmap holds one pixel per value of A (8×8).
    const canvas = parts(el, 'heatmap')[0] as unknown as HTMLCanvasElement;
    expect([canvas.width, canvas.height]).to.deep.equal([8, 8]);
    expect(canvas.getAttribute('aria-label')).to.match(/8 × 8 values from −?\d/);
  });

  it('names rsLoRA and uses s = α/√r', async () => {
    const model = pageModel();
    attachLora(model, { r: 4, alpha: 8, useRslora: true });
    const el = await mount({}, model);
    node(el, 'fc2.lora_B')!.focus();
    await el.updateComplete;
    const s = 8 / Math.sqrt(4); // 4
    expect(cardText(el)).to.contain(`W_eff = W + (8/√4)·B·A = W + ${s}·B·A`);
    expect(cardText(el)).to.contain('rsLoRA');
  });

  it('says that frozen nodes pass gradients through without storing them', async () => {
    const el = await mount({ lora: '' });
    node(el, 'fc1.weight')!.focus();
    await el.updateComplete;
    expect(cardText(el)).to.contain('Frozen: gradients pass through');
    expect(cardText(el)).to.contain('Parameters 128');
  });

  it('colours the heatmap on a diverging scale centred at 0 from the theme colours', async () => {
    const model = pageModel();
    attachLora(model, { r: 2 });
    const el = await mount({}, model);
    el.style.setProperty('--lora-graph-positive-color', 'rgb(0, 0, 255)');
    el.style.setProperty('--lora-graph-negative-color', 'rgb(255, 0, 0)');
    el.style.setProperty('--lora-graph-zero-color', 'rgb(255, 255, 255)');
    node(el, 'fc1.lora_A')!.focus();
    await el.updateComplete;
    const values = Array.from(model.read('fc1.lora_A').values);
    const extent = Math.max(...values.map(Math.abs));
    const canvas = parts(el, 'heatmap')[0] as unknown as HTMLCanvasElement;
    const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    const pixel = (i: number) => Array.from(pixels.slice(4 * i, 4 * i + 3));
    const strongest = values.findIndex((v) => Math.abs(v) === extent);
    expect(pixel(strongest)).to.deep.equal(values[strongest]! > 0 ? [0, 0, 255] : [255, 0, 0]);
    // A weaker value of either sign is a blend towards white, with the right dominant channel.
    values.forEach((v, i) => {
      const [r, , b] = pixel(i);
      if (v > 0) expect(b, `value ${v}`).to.equal(255);
      if (v < 0) expect(r, `value ${v}`).to.equal(255);
    });
  });

  it('appears on hover next to the node and goes away when the pointer leaves', async () => {
    const el = await mount({ lora: '' });
    const target = node(el, 'fc2.delta')!;
    const { x, y } = centre(target);
    await mouse('move', x, y);
    await el.updateComplete;
    expect(cardText(el)).to.contain('ΔW₂');
    expect(cardText(el)).to.contain('Not a parameter');
    const card = parts(el, 'card')[0]!.getBoundingClientRect();
    const box = target.getBoundingClientRect();
    const viewport = parts(el, 'viewport')[0]!.getBoundingClientRect();
    expect(card.left >= box.right || card.right <= box.left, 'beside the node').to.equal(true);
    expect(card.top).to.be.at.least(viewport.top);
    expect(card.bottom).to.be.at.most(viewport.bottom + 0.5);
    await mouse('move', 1, 1);
    await tick(300);
    await el.updateComplete;
    expect(cardText(el)).to.equal(null);
  });

  it('hides on Escape', async () => {
    const el = await mount({ lora: '' });
    node(el, 'fc1.sum')!.focus();
    await el.updateComplete;
    expect(cardText(el)).to.contain('W_eff');
    await press('Escape');
    await el.updateComplete;
    expect(cardText(el)).to.equal(null);
  });
});

describe('<lora-graph> neuron level', () => {
  it('draws every weight and LoRA edge of 8→16→16→4 with r=4 on fc1, fc2, without ELK', async () => {
    const model = pageModel({ task: 'classification' });
    attachLora(model, { r: 4, targetModules: ['fc1', 'fc2'] });
    const el = await mount({ level: 'neuron' }, model);
    const weights = 8 * 16 + 16 * 16 + 16 * 4;
    expect(weights).to.equal(448);
    expect(parts(el, 'edge-weight')).to.have.length(448);
    expect(parts(el, 'edge-lora-a').length + parts(el, 'edge-lora-b').length).to.equal(4 * (8 + 16) + 4 * (16 + 16));
    expect(parts(el, 'node')).to.have.length(8 + 16 + 16 + 4 + 4 + 4);
    expect(parts(el, 'node-trainable')).to.have.length(8); // the two rank-4 bottlenecks
    expect(el.layoutCount).to.equal(0);
    expect(el.getAttribute('level')).to.equal('neuron');
  });

  it('encodes each weight: width grows with |value|, colour by sign, LoRA edges dashed', async () => {
    const model = pageModel({ task: 'classification' });
    attachLora(model, { r: 4 });
    const el = await mount({ level: 'neuron' }, model);
    el.style.setProperty('--lora-graph-positive-color', 'rgb(0, 0, 200)');
    el.style.setProperty('--lora-graph-negative-color', 'rgb(200, 100, 0)');
    // B starts at zero, so W_eff = W: the edge values are fc1's frozen weights.
    const w = Array.from(model.read('fc1.weight').values);
    const edge = (k: number) =>
      el.shadowRoot!.querySelector(`[part~="edge"][data-edge-id="fc1.weight[${Math.floor(k / 8)},${k % 8}]"]`)!;
    const byMagnitude = w.map((v, k) => [Math.abs(v), k] as const).sort((a, b) => a[0] - b[0]);
    const weakest = edge(byMagnitude[0]![1]);
    const strongest = edge(byMagnitude[byMagnitude.length - 1]![1]);
    const strokeWidth = (e: Element) => parseFloat(getComputedStyle(e).strokeWidth);
    expect(strokeWidth(strongest)).to.be.greaterThan(strokeWidth(weakest) + 1);
    const positive = w.findIndex((v) => v > 0);
    const negative = w.findIndex((v) => v < 0);
    expect(getComputedStyle(edge(positive)).stroke).to.equal('rgb(0, 0, 200)');
    expect(getComputedStyle(edge(negative)).stroke).to.equal('rgb(200, 100, 0)');
    expect(getComputedStyle(edge(positive)).strokeDasharray).to.equal('none');
    const loraEdge = parts(el, 'edge-lora-a')[0]!;
    expect(getComputedStyle(loraEdge).strokeDasharray).to.not.equal('none');
  });

  it('refuses models too large to draw neuron by neuron, with a notice', async () => {
    const el = await mount({ level: 'neuron' }, pageModel({ hidden: 128 }));
    expect(parts(el, 'notice')[0]!.textContent).to.contain('17,664');
    expect(parts(el, 'node')).to.have.length(0);
    el.level = 'component';
    await el.updateComplete;
    expect(parts(el, 'notice')).to.have.length(0);
    expect(parts(el, 'node')).to.have.length(13);
  });
});

describe('<lora-graph> export', () => {
  it('toSvg() returns a standalone SVG document with every node and resolved styles', async () => {
    const el = await mount({ lora: '' });
    const text = el.toSvg();
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    expect(doc.querySelector('parsererror')).to.equal(null);
    const root = doc.documentElement;
    expect(root.namespaceURI).to.equal('http://www.w3.org/2000/svg');
    expect(Number(root.getAttribute('width'))).to.be.greaterThan(100);
    const ids = [...root.querySelectorAll('[data-node-id]')].map((n) => n.getAttribute('data-node-id')).sort();
    expect(ids).to.deep.equal(componentIds(['fc1', 'fc2']).sort());
    expect(root.querySelectorAll('[tabindex]')).to.have.length(0);
    expect(text).to.not.contain('var(--');
    expect(root.querySelector('title')!.textContent).to.contain('Toy MLP 8 → 16 → 16 → 2');
    // Rendered as an image with no stylesheet, a frozen node still has a visible outline.
    const frozen = root.querySelector('[data-node-id="fc1.weight"]')!;
    expect([...frozen.querySelectorAll('rect')].some((r) => /stroke:rgb/.test(r.getAttribute('style') ?? ''))).to.equal(
      true,
    );
  });

  it('exports the final picture even while nodes are still fading in', async () => {
    const el = document.createElement('lora-graph');
    el.setAttribute('lora', '');
    document.body.append(el);
    await el.updateComplete; // drawn, with the default 320 ms fade-in just started
    const doc = new DOMParser().parseFromString(el.toSvg(), 'image/svg+xml');
    const nodes = [...doc.querySelectorAll('[data-node-id]')];
    expect(nodes).to.have.length(19);
    for (const n of nodes)
      expect(n.getAttribute('style') ?? '', n.getAttribute('data-node-id')!).to.not.contain('opacity:0');
  });

  it('toPng() resolves to a non-empty PNG of the whole graph', async () => {
    const el = await mount({ lora: '' });
    const blob = await el.toPng();
    expect(blob.type).to.equal('image/png');
    expect(blob.size).to.be.greaterThan(1000);
    const bitmap = await createImageBitmap(blob);
    const svgWidth = Number(
      new DOMParser().parseFromString(el.toSvg(), 'image/svg+xml').documentElement.getAttribute('width'),
    );
    expect(bitmap.width).to.equal(svgWidth * 2);
    bitmap.close();
  });

  it('exports the neuron level too', async () => {
    const el = await mount({ level: 'neuron', lora: '' });
    const doc = new DOMParser().parseFromString(el.toSvg(), 'image/svg+xml');
    expect(doc.querySelectorAll('[data-edge-id]').length).to.equal(8 * 16 + 16 * 16 + 16 * 2 + 4 * (8 + 16) + 4 * 32);
  });
});

describe('<lora-graph> lifecycle', () => {
  it('drops its model subscription on removal: later model changes do not re-render it', async () => {
    const model = pageModel();
    const el = await mount({}, model);
    el.remove();
    let updates = 0;
    const requestUpdate = el.requestUpdate.bind(el);
    el.requestUpdate = (...args: Parameters<LoraGraph['requestUpdate']>) => {
      updates += 1;
      requestUpdate(...args);
    };
    attachLora(model, { r: 2 });
    model.notifyWeightsChanged();
    await tick(50);
    expect(updates).to.equal(0);
    expect(el.isUpdatePending).to.equal(false);
    expect(nodeIds(el)).to.have.length(13);
  });

  it('ignores a layout that finishes after removal, and disposes its own model', async () => {
    const baseline = numTensors();
    const removed = document.createElement('lora-graph');
    removed.setAttribute('lora', '');
    removed.setAttribute('targets', 'fc2,fc3');
    let events = 0;
    removed.addEventListener('lora-graph-layout', () => (events += 1));
    document.body.append(removed);
    await tick(0); // first render: its layout is now queued in ELK
    removed.remove();
    expect(numTensors()).to.equal(baseline);
    // ELK works first in, first out: once this second element's layout is drawn, the first one's is done.
    await mount({ lora: '', targets: 'fc2,fc3' });
    await tick(10);
    expect(removed.layoutCount).to.equal(0);
    expect(events).to.equal(0);
    expect(removed.shadowRoot!.querySelectorAll('[part~="node"]')).to.have.length(0);
  });

  it('rebuilds its own model and picture when put back in the page', async () => {
    const el = await mount({ lora: '' });
    el.remove();
    document.body.append(el);
    await el.updateComplete;
    expect(nodeIds(el)).to.have.length(19);
  });
});

describe('<lora-graph> accessibility, attributes and theming', () => {
  it('names every node with its label, role and shape, and summarises the graph for screen readers', async () => {
    const el = await mount({ lora: '' });
    expect(node(el, 'fc1.lora_A')!.getAttribute('role')).to.equal('button');
    expect(node(el, 'fc1.lora_A')!.getAttribute('aria-label')).to.equal(
      'A₁ 4×8, 32 trainable: trainable LoRA factor A of fc1, shape 4×8',
    );
    expect(node(el, 'fc1.weight')!.getAttribute('aria-label')).to.contain('frozen weight of fc1, shape 16×8');
    for (const n of parts(el, 'node')) expect(n.getAttribute('aria-label')).to.match(/: \w+ .*shape /);
    const canvas = parts(el, 'canvas')[0]!;
    const summary = el.shadowRoot!.getElementById(canvas.getAttribute('aria-describedby')!)!;
    expect(summary.textContent).to.contain(
      'Toy MLP 8 → 16 → 16 → 2 (sentiment) with LoRA rank 4 on fc1 and fc2 (α 8, s = 2); base weights frozen: 19 components.',
    );
    expect(summary.textContent).to.contain('fc1: W₁ 16×8 (frozen)');
    expect(summary.getBoundingClientRect().width).to.be.at.most(1);
  });

  it('announces a changed model in a polite live region, not on first render', async () => {
    const model = pageModel();
    const el = await mount({}, model);
    const region = el.shadowRoot!.querySelector('[aria-live="polite"]')!;
    expect(region.textContent!.trim()).to.equal('');
    attachLora(model, { r: 3 });
    await el.updateComplete;
    expect(region.textContent).to.contain('LoRA rank 3 on fc1 and fc2');
  });

  it('shows an alert naming bad attributes, and recovers', async () => {
    const el = await mount({ level: 'cubist', lora: '', rank: 'abc' });
    const alert = el.shadowRoot!.querySelector('[role="alert"]')!.textContent!.replace(/\s+/g, ' ');
    expect(alert).to.contain('level="cubist"');
    expect(alert).to.contain('component or neuron');
    expect(alert).to.contain('rank="abc"');
    expect(parts(el, 'node')).to.have.length(0);
    el.setAttribute('level', 'component');
    el.setAttribute('rank', '2');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
    expect(node(el, 'fc1.lora_A')!.textContent).to.contain('2×8');
  });

  it('takes role colours from --lora-graph-* properties and exposes node parts to the page', async () => {
    const style = document.createElement('style');
    style.textContent = 'lora-graph::part(node-frozen) { opacity: 0.5; }';
    document.head.append(style);
    try {
      const el = await mount({ lora: '' });
      el.style.setProperty('--lora-graph-frozen-color', 'rgb(1, 2, 3)');
      const strokes = [...node(el, 'fc1.weight')!.querySelectorAll('rect')].map((r) => getComputedStyle(r).stroke);
      expect(strokes).to.include('rgb(1, 2, 3)');
      expect(getComputedStyle(node(el, 'fc1.weight')!).opacity).to.equal('0.5');
      expect(getComputedStyle(node(el, 'fc1.lora_A')!).opacity).to.equal('1');
    } finally {
      style.remove();
    }
  });

  it('animates moves, except under prefers-reduced-motion', async () => {
    const el = await mount({ lora: '' });
    el.style.removeProperty('--lora-graph-transition-duration');
    const duration = () => getComputedStyle(node(el, 'fc1.sum')!).transitionDuration;
    expect(duration()).to.not.equal('0s');
    await command('emulate-media', { reducedMotion: 'reduce' });
    try {
      expect(duration()).to.equal('0s');
    } finally {
      await command('emulate-media', { reducedMotion: 'no-preference' });
    }
  });
});
