// `pnpm bench`: measures the elements in headless Chromium on the built demo (which registers every
// element) and prints a table; results also go to .tmp/bench/bench.json. Each figure is the median
// of several runs, with min and max; the machine is noisy, so figures come with a reference measured
// in the same run (plain DOM doing the same drawing) and are never asserted in tests.
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../../../scripts/chromium.mjs';
import { freePort, startPreview, stopPreview, waitForServer } from './preview-server.mjs';

const OUT = fileURLToPath(new URL('../../../.tmp/bench/', import.meta.url));
const RUNS = 7;

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted.at(-1), runs: sorted.length };
}

/** Runs inside the page: times one graph element from insertion to its finished render. */
async function timeGraph(page, attributes) {
  return page.evaluate(async (attrs) => {
    const host = document.createElement('div');
    host.style.cssText = 'position:fixed;left:0;top:0;width:1200px;height:800px;';
    document.body.append(host);
    const el = document.createElement('lora-graph');
    for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
    const start = performance.now();
    host.append(el);
    await el.updateComplete;
    el.getBoundingClientRect(); // include style and layout of what was drawn
    const ms = performance.now() - start;
    const edges = el.shadowRoot.querySelectorAll('[part~="edge"]').length;
    const nodes = el.shadowRoot.querySelectorAll('[part~="node"]').length;
    host.remove();
    return { ms, edges, nodes };
  }, attributes);
}

/** Runs inside the page: the same number of SVG lines drawn with plain DOM calls (the reference). */
async function timeReference(page, lines) {
  return page.evaluate((count) => {
    const ns = 'http://www.w3.org/2000/svg';
    const start = performance.now();
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('width', '1200');
    svg.setAttribute('height', '800');
    for (let i = 0; i < count; i++) {
      const line = document.createElementNS(ns, 'line');
      line.setAttribute('x1', String((i * 7) % 1200));
      line.setAttribute('y1', String((i * 13) % 800));
      line.setAttribute('x2', String((i * 17) % 1200));
      line.setAttribute('y2', String((i * 29) % 800));
      line.setAttribute('stroke', i % 2 ? '#d55e00' : '#0072b2');
      line.setAttribute('stroke-width', String(0.5 + (i % 5) * 0.5));
      svg.append(line);
    }
    document.body.append(svg);
    svg.getBoundingClientRect();
    const ms = performance.now() - start;
    svg.remove();
    return ms;
  }, lines);
}

/** Runs inside the page: rank 1..8 on one element, timing each change and the longest main-thread task. */
async function timeRankChanges(page, level) {
  return page.evaluate(async (lvl) => {
    const longTasks = [];
    const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration)));
    observer.observe({ type: 'longtask' });
    const el = document.createElement('lora-graph');
    el.setAttribute('lora', '');
    el.setAttribute('task', 'classification');
    el.setAttribute('level', lvl);
    el.style.cssText = 'display:block;width:1200px;height:800px;';
    document.body.append(el);
    await el.updateComplete;
    const layoutsBefore = el.layoutCount;
    await new Promise((resolve) => setTimeout(resolve, 100));
    longTasks.length = 0;
    const times = [];
    for (const rank of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const start = performance.now();
      el.setAttribute('rank', String(rank));
      await el.updateComplete;
      el.getBoundingClientRect();
      times.push(performance.now() - start);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    observer.disconnect();
    const layouts = el.layoutCount - layoutsBefore;
    el.remove();
    return { times, longestTask: longTasks.length ? Math.max(...longTasks) : 0, longTasks: longTasks.length, layouts };
  }, level);
}

const port = await freePort();
const server = startPreview(port);
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
const results = {};
try {
  const url = `http://127.0.0.1:${port}/`;
  await waitForServer(url, server);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(url);
  await page.waitForSelector('html[data-ready="true"]');

  const first = await timeGraph(page, { lora: '', task: 'classification' });
  results['component graph, first render (loads elkjs)'] = { ...stats([first.ms]), nodes: first.nodes };
  const component = [];
  const neuron = [];
  let neuronCounts = null;
  for (let i = 0; i < RUNS; i++) {
    component.push((await timeGraph(page, { lora: '', task: 'classification' })).ms);
    const n = await timeGraph(page, { lora: '', task: 'classification', level: 'neuron', rank: '4' });
    neuron.push(n.ms);
    neuronCounts = { nodes: n.nodes, edges: n.edges };
  }
  results['component graph 8→16→16→4, r=4 (ELK layout + render)'] = { ...stats(component) };
  results['neuron graph 8→16→16→4, r=4 (placement + render)'] = { ...stats(neuron), ...neuronCounts };
  const reference = [];
  for (let i = 0; i < RUNS; i++) reference.push(await timeReference(page, neuronCounts.edges));
  results[`reference: ${neuronCounts.edges} plain SVG lines`] = stats(reference);
  for (const level of ['component', 'neuron']) {
    const run = await timeRankChanges(page, level);
    results[`${level} graph, rank change 1→8 (per change)`] = {
      ...stats(run.times),
      longestTaskMs: run.longestTask,
      newLayouts: run.layouts,
    };
  }
} finally {
  await browser.close();
  await stopPreview(server);
}

const refMedian = Object.entries(results).find(([k]) => k.startsWith('reference'))[1].median;
const rows = Object.entries(results).map(([name, r]) => {
  const extra = [
    r.edges !== undefined ? `${r.nodes} nodes, ${r.edges} edges` : '',
    name.startsWith('neuron graph 8') ? `${(r.median / refMedian).toFixed(1)}× reference` : '',
    r.longestTaskMs !== undefined ? `longest task ${r.longestTaskMs.toFixed(0)} ms, new layouts ${r.newLayouts}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  return [name, r.median.toFixed(1), r.min.toFixed(1), r.max.toFixed(1), String(r.runs), extra];
});
const header = ['measure (Chromium, ms)', 'median', 'min', 'max', 'runs', 'notes'];
const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
for (const row of [header, widths.map((w) => '-'.repeat(w)), ...rows]) {
  console.log(
    row.map((cell, c) => (c === 0 || c === 5 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '),
  );
}
await mkdir(OUT, { recursive: true });
await writeFile(`${OUT}bench.json`, `${JSON.stringify({ date: new Date().toISOString(), results }, null, 2)}\n`);
console.log(`\nwritten to .tmp/bench/bench.json`);
