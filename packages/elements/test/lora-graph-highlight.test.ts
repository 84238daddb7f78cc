import { expect } from '@esm-bundle/chai';
import '../src/lora-graph.js';
import type { LoraGraph } from '../src/index.js';

async function mount(): Promise<LoraGraph> {
  const el = document.createElement('lora-graph');
  el.setAttribute('lora', '');
  el.setAttribute('loss', '');
  el.style.setProperty('--lora-graph-transition-duration', '0s');
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const partOf = (el: LoraGraph, id: string) =>
  el.shadowRoot!.querySelector(`[part~="node"][data-node-id="${id}"]`)!.getAttribute('part')!;
const edge = (el: LoraGraph, id: string) =>
  el.shadowRoot!.querySelector<SVGPathElement>(`[part~="edge"][data-edge-id="${id}"]`)!;

afterEach(() => {
  for (const el of document.querySelectorAll('lora-graph')) el.remove();
});

describe('<lora-graph> highlight', () => {
  it('marks no node or edge without a highlight', async () => {
    const el = await mount();
    expect(el.shadowRoot!.querySelectorAll('[part~="node-active"], [part~="node-visited"]')).to.have.length(0);
    expect(el.shadowRoot!.querySelectorAll('[part~="edge-highlighted"]')).to.have.length(0);
  });

  it('marks the active node and the visited nodes with parts, and draws the active outline thicker', async () => {
    const el = await mount();
    const before = getComputedStyle(el.shadowRoot!.querySelector('[data-node-id="fc1.lora_A"] .outline')!).strokeWidth;
    el.highlight = { active: 'fc1.lora_A', visited: ['input', 'fc1.weight', 'fc1.lora_A'] };
    await el.updateComplete;
    expect(partOf(el, 'fc1.lora_A')).to.equal('node node-trainable node-active');
    expect(partOf(el, 'input')).to.equal('node node-input node-visited');
    expect(partOf(el, 'fc1.weight')).to.equal('node node-frozen node-visited');
    expect(partOf(el, 'fc2.weight')).to.equal('node node-frozen');
    const after = getComputedStyle(el.shadowRoot!.querySelector('[data-node-id="fc1.lora_A"] .outline')!).strokeWidth;
    expect(parseFloat(after)).to.be.greaterThan(parseFloat(before));
  });

  it('draws the given edge widths and leaves other edges alone', async () => {
    const el = await mount();
    const plain = parseFloat(getComputedStyle(edge(el, 'fc1.sum->fc1.relu')).strokeWidth);
    el.highlight = { edgeWidths: { 'output->loss': 6, 'fc3.sum->output': 2.5 } };
    await el.updateComplete;
    expect(parseFloat(getComputedStyle(edge(el, 'output->loss')).strokeWidth)).to.equal(6);
    expect(parseFloat(getComputedStyle(edge(el, 'fc3.sum->output')).strokeWidth)).to.equal(2.5);
    expect(edge(el, 'output->loss').getAttribute('part')).to.equal('edge edge-highlighted');
    expect(parseFloat(getComputedStyle(edge(el, 'fc1.sum->fc1.relu')).strokeWidth)).to.equal(plain);
    el.highlight = null;
    await el.updateComplete;
    expect(parseFloat(getComputedStyle(edge(el, 'output->loss')).strokeWidth)).to.equal(plain);
  });
});
