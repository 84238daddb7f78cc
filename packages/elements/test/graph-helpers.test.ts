import { expect } from '@esm-bundle/chai';
import { attachLora, createMlp, describeGraph } from '@lora-viz/core';
import { divergingColor, heatmapCellSize, heatmapRange } from '../src/graph/heatmap.js';
import { assignRows, topologyKey, type NodePlacement } from '../src/graph/layout.js';
import { moveFocus, readingOrder } from '../src/graph/navigation.js';
import { layoutNeuronGraph, neuronEdgeCount } from '../src/graph/neuron-layout.js';
import { ensureVisible, fitView, zoomAt } from '../src/graph/view.js';

function graphOf(lora: Parameters<typeof attachLora>[1] | null, level: 'component' | 'neuron' = 'component') {
  const model = createMlp({ task: 'classification' });
  try {
    if (lora) attachLora(model, lora);
    return describeGraph(model, { level });
  } finally {
    model.dispose();
  }
}

describe('graph layout helpers', () => {
  it('keys a layout by topology only: another rank shares it, other targets do not', () => {
    const r2 = topologyKey(graphOf({ r: 2 }));
    expect(topologyKey(graphOf({ r: 7, alpha: 3 }))).to.equal(r2);
    expect(topologyKey(graphOf({ r: 2, targetModules: ['fc3'] }))).to.not.equal(r2);
    expect(topologyKey(graphOf(null))).to.not.equal(r2);
    // At the neuron level the rank is topology: it is the number of bottleneck neurons.
    expect(topologyKey(graphOf({ r: 2 }, 'neuron'))).to.not.equal(topologyKey(graphOf({ r: 3 }, 'neuron')));
  });

  it('puts each layer in its own row, the input in the first and the output in the last', () => {
    const rows = assignRows(graphOf({ r: 2 }));
    expect(rows.get('input')).to.equal(0);
    expect(rows.get('fc1.lora_B')).to.equal(0);
    expect(rows.get('fc1.relu')).to.equal(0);
    expect(rows.get('fc2.weight')).to.equal(1);
    expect(rows.get('fc3.sum')).to.equal(2);
    expect(rows.get('output')).to.equal(2);
  });

  it('places neurons in evenly spaced columns, bottlenecks between a layer and its input', () => {
    const graph = graphOf({ r: 4 }, 'neuron');
    const layout = layoutNeuronGraph(graph);
    const x = (id: string) => layout.nodes.get(id)!.x;
    const y = (id: string) => layout.nodes.get(id)!.y;
    expect(x('fc1:0') - x('input:0')).to.equal(x('fc2:0') - x('fc1:0'));
    expect(x('fc3:0') - x('fc2:0')).to.equal(x('fc2:0') - x('fc1:0'));
    expect(x('fc1.lora:0')).to.equal((x('input:0') + x('fc1:0')) / 2);
    expect(y('fc1:1') - y('fc1:0')).to.equal(y('fc1:2') - y('fc1:1'));
    // Bottlenecks sit below every main column.
    expect(y('fc1.lora:0')).to.be.greaterThan(y('fc1:15'));
    expect(layout.edges.size).to.equal(graph.edges.length);
    for (const box of layout.nodes.values()) {
      expect(box.x + box.width).to.be.at.most(layout.width);
      expect(box.y + box.height).to.be.at.most(layout.height);
    }
  });

  it('counts neuron-level edges before core builds them', () => {
    const model = createMlp({ task: 'classification' });
    attachLora(model, { r: 4 });
    const ranks = new Map(model.adapterSpec()!.layers.map((l) => [l.name as string, l.r]));
    expect(neuronEdgeCount(model.spec.layers, ranks)).to.equal(describeGraph(model, { level: 'neuron' }).edges.length);
    model.dispose();
  });
});

describe('graph navigation', () => {
  // Two columns: a above b, then c alone; a second row with d.
  const nodes = new Map<string, NodePlacement>([
    ['b', { x: 0, y: 60, width: 50, height: 40, row: 0 }],
    ['a', { x: 0, y: 0, width: 50, height: 40, row: 0 }],
    ['c', { x: 100, y: 30, width: 50, height: 40, row: 0 }],
    ['d', { x: 0, y: 200, width: 50, height: 40, row: 1 }],
  ]);

  it('orders nodes row by row, column by column, top to bottom', () => {
    expect(readingOrder(nodes)).to.deep.equal(['a', 'b', 'c', 'd']);
  });

  it('moves in order with next/previous, stops at the ends, and jumps with first/last', () => {
    const order = readingOrder(nodes);
    expect(moveFocus(order, nodes, 'a', 'next')).to.equal('b');
    expect(moveFocus(order, nodes, 'd', 'next')).to.equal('d');
    expect(moveFocus(order, nodes, 'a', 'previous')).to.equal('a');
    expect(moveFocus(order, nodes, 'c', 'first')).to.equal('a');
    expect(moveFocus(order, nodes, 'a', 'last')).to.equal('d');
  });

  it('moves up and down to the nearest node, preferring the same column', () => {
    const order = readingOrder(nodes);
    expect(moveFocus(order, nodes, 'a', 'down')).to.equal('b');
    expect(moveFocus(order, nodes, 'b', 'down')).to.equal('d');
    expect(moveFocus(order, nodes, 'b', 'up')).to.equal('a');
    expect(moveFocus(order, nodes, 'a', 'up')).to.equal('a');
  });
});

describe('graph view', () => {
  it('fits content centred, never enlarging beyond the cap', () => {
    const view = fitView({ width: 1000, height: 500 }, { width: 524, height: 524 }, 12);
    expect(view.scale).to.equal(0.5);
    expect(view.x).to.equal(12);
    expect(view.y).to.equal((524 - 250) / 2);
    expect(fitView({ width: 10, height: 10 }, { width: 800, height: 800 }).scale).to.equal(1.25);
  });

  it('zooms about a fixed point', () => {
    const view = zoomAt({ scale: 1, x: 10, y: 20 }, 2, { x: 110, y: 120 });
    // The graph point under (110, 120) was (100, 100); it must still be there.
    expect(100 * view.scale + view.x).to.equal(110);
    expect(100 * view.scale + view.y).to.equal(120);
  });

  it('pans just enough to bring a box into view', () => {
    const view = ensureVisible(
      { scale: 1, x: 0, y: 0 },
      { x: 500, y: 10, width: 50, height: 20 },
      { width: 400, height: 300 },
      10,
    );
    expect(view.x).to.equal(400 - 10 - 550);
    expect(view.y).to.equal(0);
  });
});

describe('heatmap scale', () => {
  const colors = { negative: [255, 0, 0], zero: [255, 255, 255], positive: [0, 0, 255] } as const;

  it('is centred at 0 and symmetric in magnitude', () => {
    expect(divergingColor(0, 2, colors)).to.deep.equal([255, 255, 255]);
    expect(divergingColor(2, 2, colors)).to.deep.equal([0, 0, 255]);
    expect(divergingColor(-2, 2, colors)).to.deep.equal([255, 0, 0]);
    expect(divergingColor(1, 2, colors)).to.deep.equal([128, 128, 255]);
    expect(divergingColor(-1, 2, colors)).to.deep.equal([255, 128, 128]);
  });

  it('reports the range and sizes cells to fit', () => {
    const map = { rows: 2, cols: 3, values: [-1, 0.5, 0, 2, -3, 1] };
    expect(heatmapRange(map)).to.deep.equal({ min: -3, max: 2, extent: 3 });
    expect(heatmapCellSize({ rows: 16, cols: 8, values: [] })).to.equal(10);
    expect(heatmapCellSize({ rows: 1024, cols: 1024, values: [] })).to.equal(1);
  });
});
