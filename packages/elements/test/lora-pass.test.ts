import { expect } from '@esm-bundle/chai';
import { attachLora, createMlp, recordStep, type LoraModel, type TraceEvent, type ValueSummary } from '@lora-viz/core';
import '../src/lora-forward-pass.js';
import '../src/lora-backward-pass.js';
import type { LoraBackwardPass, LoraForwardPass, LoraGraph, LoraPlaybackChangeDetail } from '../src/index.js';
import { formatValue } from '../src/pass/narration.js';
import { emulateMedia, moveMouse, press, resetMouse } from './support/browser-commands.js';

type PassElement = LoraForwardPass | LoraBackwardPass;

const SOCKET_MODULE = '/__web-dev-server__web-socket.js';
async function mouseButton(type: 'down' | 'up'): Promise<void> {
  const sessionId = new URL(location.href).searchParams.get('wtr-session-id');
  const socket = (await import(/* @vite-ignore */ SOCKET_MODULE)) as {
    sendMessageWaitForResponse(message: object): Promise<{ executed: boolean }>;
  };
  await socket.sendMessageWaitForResponse({
    type: 'wtr-command',
    sessionId,
    command: 'send-mouse',
    payload: { type, button: 'left' },
  });
}
async function click(element: Element, fraction = 0.5): Promise<void> {
  element.scrollIntoView({ block: 'center' });
  const r = element.getBoundingClientRect();
  await moveMouse(r.left + r.width * fraction, r.top + r.height / 2);
  await mouseButton('down');
  await mouseButton('up');
}

const SAMPLE = { input: [1, 0, 0, 1, 0, 1, 0, 1], label: 1 };
const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));
/** Waits until `done()` holds (polling), so a slow, loaded machine plays fewer frames without failing. */
async function until(done: () => boolean, ms = 10_000): Promise<void> {
  for (let waited = 0; !done() && waited < ms; waited += 20) await tick(20);
}
const models: LoraModel[] = [];

/** The page's LoRA model, and an identical twin the test records on independently. */
function loraModel(seed = 7): LoraModel {
  const model = createMlp({ seed });
  attachLora(model, { r: 4, alpha: 8 });
  models.push(model);
  return model;
}
function independentEvents(seed = 7): TraceEvent[] {
  return recordStep(loraModel(seed), SAMPLE);
}

async function mount<T extends PassElement>(tag: string, model?: LoraModel): Promise<T> {
  const el = document.createElement(tag) as T;
  el.style.setProperty('--lora-pass-step-duration', '40ms');
  if (model) el.model = model;
  document.body.append(el);
  await el.updateComplete;
  await graphOf(el).updateComplete;
  return el;
}

const graphOf = (el: PassElement) => el.shadowRoot!.querySelector('lora-graph') as LoraGraph;
const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (el: Element, name: string) => part(el, name)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
const activeNode = (el: PassElement) =>
  graphOf(el).shadowRoot!.querySelector('[part~="node-active"]')?.getAttribute('data-node-id') ?? null;

/** The readout's value summary as text, to compare with one computed independently. */
function summaryText(el: PassElement, name = 'summary') {
  const box = part(el, name)!;
  const get = (p: string) => box.querySelector(`[part~="${p}"]`)!.textContent!.trim();
  return {
    shape: get('stat-shape'),
    min: get('stat-min'),
    max: get('stat-max'),
    mean: get('stat-mean'),
    norm: get('stat-norm'),
    values: get('values'),
  };
}
function expected(summary: ValueSummary) {
  return {
    shape: `[${summary.shape.join(', ')}]`,
    min: formatValue(summary.min),
    max: formatValue(summary.max),
    mean: formatValue(summary.mean),
    norm: formatValue(summary.norm),
    values: (summary.values ?? []).slice(0, 8).map(formatValue).join(', '),
  };
}

afterEach(async () => {
  for (const el of document.querySelectorAll('lora-forward-pass, lora-backward-pass')) el.remove();
  for (const m of models.splice(0)) if (!m.disposed) m.dispose();
  await resetMouse();
});

describe('<lora-forward-pass>', () => {
  it('renders the graph with the loss and shows the first frame (the input) highlighted', async () => {
    const el = await mount<LoraForwardPass>('lora-forward-pass');
    expect(el.getAttribute('phase')).to.equal('forward');
    const graph = graphOf(el);
    expect(graph.loss).to.equal(true);
    expect(graph.shadowRoot!.querySelector('[data-node-id="loss"]')).to.not.equal(null);
    expect(graph.shadowRoot!.querySelector('[data-node-id="fc1.lora_A"]')).to.not.equal(null);
    expect(el.position).to.equal(0);
    expect(activeNode(el)).to.equal('input');
    expect(text(el, 'node-label')).to.equal('x (8)');
    expect(text(el, 'counter')).to.equal(`1 / ${el.frameCount}`);
  });

  it('shows the real numbers of the active node, as recordStep computes them on an identical model', async () => {
    const el = await mount<LoraForwardPass>('lora-forward-pass', loraModel());
    const forward = independentEvents().filter((e) => e.kind === 'forward');
    expect(el.frameCount).to.equal(forward.length + 1);
    const index = forward.findIndex((e) => e.nodeId === 'fc1.lora_A');
    el.seek(index);
    await el.updateComplete;
    const event = forward[index]!;
    expect(activeNode(el)).to.equal('fc1.lora_A');
    expect(summaryText(el)).to.deep.equal(expected(event.value));
    expect(text(el, 'explanation')).to.equal('fc1 · LoRA path: A·x is 4 numbers — the rank-4 bottleneck.');
  });

  it('shows base against LoRA per output neuron on an adapted sum', async () => {
    const el = await mount<LoraForwardPass>('lora-forward-pass', loraModel());
    const forward = independentEvents().filter((e) => e.kind === 'forward');
    const index = forward.findIndex((e) => e.nodeId === 'fc1.sum');
    el.seek(index);
    await el.updateComplete;
    const chart = part(el, 'contributions')!;
    expect(chart.querySelectorAll('rect.base')).to.have.length(16);
    expect(chart.querySelectorAll('rect.lora')).to.have.length(16);
    expect(chart.textContent).to.contain(formatValue(forward[index]!.parts!.base.norm));
  });

  it('plays forward on its own and stops moving on pause', async () => {
    const el = await mount<LoraForwardPass>('lora-forward-pass');
    el.play();
    await until(() => el.position > 0);
    expect(el.position).to.be.greaterThan(0);
    el.pause();
    await el.updateComplete;
    const at = el.position;
    await tick(150);
    expect(el.position).to.equal(at);
    expect(activeNode(el)).to.not.equal('input');
  });

  it('steps with the buttons and scrubs with the mouse', async () => {
    const el = await mount<LoraForwardPass>('lora-forward-pass');
    await click(part(el, 'step-forward')!);
    await el.updateComplete;
    expect(el.position).to.equal(1);
    expect(text(el, 'node-label')).to.equal('W₁ 16×8');
    await click(part(el, 'step-back')!);
    expect(el.position).to.equal(0);
    await click(part(el, 'scrubber')!, 0.995);
    await el.updateComplete;
    expect(el.position).to.equal(el.frameCount - 1);
    expect(text(el, 'node-label')).to.equal('loss');
  });

  it('steps, plays and jumps with the keyboard when focused', async () => {
    const el = await mount<LoraForwardPass>('lora-forward-pass');
    el.focus();
    await press('ArrowRight');
    await press('ArrowRight');
    await el.updateComplete;
    expect(el.position).to.equal(2);
    await press('ArrowLeft');
    expect(el.position).to.equal(1);
    await press('End');
    expect(el.position).to.equal(el.frameCount - 1);
    await press('Home');
    expect(el.position).to.equal(0);
    await press('Space');
    expect(el.playing).to.equal(true);
    await press('Space');
    expect(el.playing).to.equal(false);
  });

  it('narrates each stepped frame in a polite live region', async () => {
    const el = await mount<LoraForwardPass>('lora-forward-pass');
    const live = part(el, 'narration')!;
    expect(live.getAttribute('aria-live')).to.equal('polite');
    el.focus();
    await press('ArrowRight');
    await el.updateComplete;
    expect(live.textContent).to.contain('2 of');
    expect(live.textContent).to.contain('W₁·x');
  });

  it('announces only every few frames while playing', async () => {
    const el = await mount<LoraForwardPass>('lora-forward-pass');
    const live = part(el, 'narration')!;
    const spoken = new Set<string>();
    const observer = new MutationObserver(() => spoken.add(live.textContent ?? ''));
    observer.observe(live, { childList: true, subtree: true, characterData: true });
    el.play();
    // Waits for frames rather than for a fixed time: a loaded machine plays fewer frames per second.
    await until(() => el.position > 8);
    observer.disconnect();
    el.pause();
    expect(el.position).to.be.greaterThan(8);
    // The play announcement, then one frame in four.
    expect(spoken.size).to.be.lessThan(el.position / 2 + 2);
  });

  it('leaves the page model unchanged after recording', async () => {
    const model = loraModel();
    const before = new Map(model.parameters().map((p) => [p.id, Array.from(model.read(p.id).values)]));
    const el = await mount<LoraForwardPass>('lora-forward-pass', model);
    expect(el.events.length).to.be.greaterThan(0);
    for (const [id, values] of before) expect(Array.from(model.read(id).values), id).to.deep.equal(values);
  });

  it('fires lora-playback-change for the user, never for the page', async () => {
    const el = await mount<LoraForwardPass>('lora-forward-pass');
    const details: LoraPlaybackChangeDetail[] = [];
    document.addEventListener('lora-playback-change', (e) => details.push((e as CustomEvent).detail), {
      signal: AbortSignal.timeout(5000),
    });
    el.seek(3);
    el.play();
    el.pause();
    await el.updateComplete;
    expect(details).to.have.length(0);
    await click(part(el, 'step-forward')!);
    expect(details).to.deep.equal([{ playing: false, position: 4 }]);
    await click(part(el, 'play')!);
    expect(details.at(-1)).to.deep.equal({ playing: true, position: 4 });
    await click(part(el, 'play')!);
    expect(details.at(-1)!.playing).to.equal(false);
  });

  it('stops playing and ticking when removed mid-play', async () => {
    const el = await mount<LoraForwardPass>('lora-forward-pass');
    el.play();
    await tick(60);
    el.remove();
    expect(el.playbackController.ticking).to.equal(false);
    const at = el.position;
    await tick(150);
    expect(el.position).to.equal(at);
    expect(el.playing).to.equal(false);
  });
});

describe('pass elements under prefers-reduced-motion', () => {
  afterEach(async () => {
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  it('still steps through every frame but turns the graph transitions off', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const el = await mount<LoraForwardPass>('lora-forward-pass');
    expect(el.playbackController.reducedMotion).to.equal(true);
    expect(getComputedStyle(graphOf(el)).getPropertyValue('--lora-graph-transition-duration').trim()).to.equal('0s');
    el.focus();
    await press('ArrowRight');
    await el.updateComplete;
    expect(el.position).to.equal(1);
    expect(text(el, 'narration')).to.not.equal('');
  });

  it('keeps the graph transitions when motion is fine', async () => {
    const el = await mount<LoraForwardPass>('lora-forward-pass');
    expect(el.playbackController.reducedMotion).to.equal(false);
    expect(getComputedStyle(graphOf(el)).getPropertyValue('--lora-graph-transition-duration').trim()).to.not.equal(
      '0s',
    );
  });
});

describe('pass elements on a similarity pair', () => {
  it('replay both inputs of the pair, each frame saying which one it is', async () => {
    const model = createMlp({ task: 'similarity', seed: 3 });
    attachLora(model, { r: 2, alpha: 4 });
    models.push(model);
    const sample = { input: [1, 0, 0, 1, 0, 1, 0, 1], pair: [0, 1, 1, 0, 1, 0, 0, 0], score: 0.2 };
    const twin = createMlp({ task: 'similarity', seed: 3 });
    attachLora(twin, { r: 2, alpha: 4 });
    models.push(twin);
    const events = recordStep(twin, sample);
    const forwards = events.filter((e) => e.kind === 'forward');
    expect(new Set(forwards.map((e) => e.pass))).to.deep.equal(new Set([0, 1]));

    const el = await mount<LoraForwardPass>('lora-forward-pass', model);
    el.sample = sample;
    await el.updateComplete;
    expect(el.frameCount).to.equal(forwards.length + 1);
    const titles: string[] = [];
    for (let i = 0; i < el.frameCount; i++) {
      el.seek(i);
      await el.updateComplete;
      titles.push(text(el, 'node-label')!);
    }
    expect(titles.filter((t) => t.endsWith('· first input'))).to.have.length(forwards.length / 2);
    expect(titles.filter((t) => t.endsWith('· second input'))).to.have.length(forwards.length / 2);
    expect(titles.at(-1)).to.equal('loss');
    // The second input's output frame carries the pair's own embedding, as recorded independently.
    const second = forwards.filter((e) => e.pass === 1 && e.nodeId === 'output').at(-1)!;
    el.seek(forwards.indexOf(second));
    await el.updateComplete;
    expect(summaryText(el)).to.deep.equal(expected(second.value));
  });
});

describe('<lora-backward-pass>', () => {
  it('renders the graph and starts at the loss', async () => {
    const el = await mount<LoraBackwardPass>('lora-backward-pass');
    expect(el.getAttribute('phase')).to.equal('backward');
    expect(activeNode(el)).to.equal('loss');
    expect(text(el, 'node-label')).to.equal('loss');
  });

  it('shows A receiving an exactly-zero gradient at step 0', async () => {
    const el = await mount<LoraBackwardPass>('lora-backward-pass', loraModel());
    const events = independentEvents();
    const backward = events.filter((e) => e.kind === 'backward');
    const index = backward.findIndex((e) => e.nodeId === 'fc1.lora_A') + 1;
    el.seek(index);
    await el.updateComplete;
    expect(activeNode(el)).to.equal('fc1.lora_A');
    const grad = events.find((e) => e.kind === 'param-grad' && e.paramId === 'fc1.lora_A');
    expect(grad?.kind === 'param-grad' && grad.grad.norm).to.equal(0);
    expect(summaryText(el, 'received').norm).to.equal('0');
    expect(text(el, 'explanation')).to.match(/^∂L\/∂A is exactly 0 because B starts at 0/);
    expect(part(el, 'badge-stored')).to.not.equal(null);
  });

  it('shows B receiving its real non-zero gradient', async () => {
    const el = await mount<LoraBackwardPass>('lora-backward-pass', loraModel());
    const events = independentEvents();
    const index = events.filter((e) => e.kind === 'backward').findIndex((e) => e.nodeId === 'fc1.lora_B') + 1;
    el.seek(index);
    await el.updateComplete;
    const grad = events.find((e) => e.kind === 'param-grad' && e.paramId === 'fc1.lora_B')!;
    expect(grad.kind === 'param-grad' && summaryText(el, 'received')).to.deep.equal(
      grad.kind === 'param-grad' ? expected(grad.grad) : null,
    );
  });

  it('marks a frozen weight as passing the gradient through, not storing it', async () => {
    const el = await mount<LoraBackwardPass>('lora-backward-pass', loraModel());
    const events = independentEvents();
    const backward = events.filter((e) => e.kind === 'backward');
    const index = backward.findIndex((e) => e.nodeId === 'fc2.weight') + 1;
    el.seek(index);
    await el.updateComplete;
    expect(text(el, 'badge-passthrough')).to.contain('passes through, not stored');
    expect(text(el, 'explanation')).to.equal('W₂ is frozen: the gradient passes through to fc1 and none is stored.');
    expect(summaryText(el)).to.deep.equal(
      expected(backward[index - 1]!.kind === 'backward' ? backward[index - 1]!.grad : backward[0]!.grad),
    );
    expect(part(el, 'ledger-passthrough')).to.not.equal(null);
  });

  it('draws gradient magnitudes as edge widths on the graph', async () => {
    const el = await mount<LoraBackwardPass>('lora-backward-pass');
    el.seek(el.frameCount - 1);
    await el.updateComplete;
    await graphOf(el).updateComplete;
    const edges = graphOf(el).shadowRoot!.querySelectorAll('[part~="edge-highlighted"]');
    expect(edges.length).to.be.greaterThan(10);
    const width = (id: string) =>
      parseFloat(graphOf(el).shadowRoot!.querySelector<SVGElement>(`[data-edge-id="${id}"]`)!.style.strokeWidth);
    expect(width('input->fc1.lora_A')).to.be.lessThan(width('fc3.sum->output'));
  });

  it('compares with full fine-tuning: LoRA off gives every weight a stored gradient', async () => {
    const model = loraModel();
    const el = await mount<LoraBackwardPass>('lora-backward-pass', model);
    await click(part(el, 'lora-toggle')!);
    await el.updateComplete;
    await graphOf(el).updateComplete;
    expect(el.loraOff).to.equal(true);
    expect(graphOf(el).shadowRoot!.querySelector('[data-node-id="fc1.lora_A"]')).to.equal(null);
    const full = recordStep(createMlp({ seed: 7 }), SAMPLE);
    expect(el.events.filter((e) => e.kind === 'param-grad')).to.have.length(6);
    expect(el.events.find((e) => e.kind === 'loss')).to.deep.equal(full.find((e) => e.kind === 'loss'));
    expect(model.activeAdapter).to.equal('default');
    el.seek(
      el.events
        .filter((e) => e.kind === 'backward')
        .findIndex((e) => e.kind === 'backward' && e.nodeId === 'fc2.weight') + 1,
    );
    await el.updateComplete;
    expect(part(el, 'badge-stored')).to.not.equal(null);
    expect(part(el, 'badge-passthrough')).to.equal(null);
  });
});

describe('pass elements sharing one page model', () => {
  it('record without notifying the model, so two of them never re-record each other', async () => {
    const model = loraModel(11);
    let changes = 0;
    const stop = model.subscribe(() => (changes += 1));
    const forward = await mount<LoraForwardPass>('lora-forward-pass', model);
    const backward = await mount<LoraBackwardPass>('lora-backward-pass', model);
    const revision = model.revision;
    await tick(50);
    await forward.updateComplete;
    await backward.updateComplete;
    expect(changes).to.equal(0);
    expect(model.revision).to.equal(revision);
    expect(forward.frameCount).to.be.greaterThan(10);
    expect(backward.frameCount).to.be.greaterThan(10);
    stop();
    forward.remove();
    backward.remove();
  });
});
