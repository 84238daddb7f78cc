// End-to-end test of the built demo site in headless Chromium.
//
//   pnpm build && pnpm build:demo && node examples/demo/scripts/e2e.mjs
//
// Serves examples/demo/dist with `vite preview` on a free port, drives the page with
// playwright-core, prints `ok - …` / `not ok - …` per check and a final `e2e: N passed, M failed`
// line, and exits 1 when any check failed. Screenshots go to <repo>/.tmp/e2e/ for review.
// Environment: CHROMIUM_PATH (default /usr/bin/chromium).

import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../../../scripts/chromium.mjs';
import { freePort, startPreview, stopPreview, waitForServer } from './preview-server.mjs';

const REPO_DIR = fileURLToPath(new URL('../../..', import.meta.url));
const DIST_INDEX = fileURLToPath(new URL('../dist/index.html', import.meta.url));
const SHOT_DIR = fileURLToPath(new URL('../../../.tmp/e2e/', import.meta.url));

const VIEWPORT = { width: 1280, height: 900 };

/** The six tabs of ARCHITECTURE §1, in order: [URL hash / id slug, visible name]. */
const TABS = [
  ['model-overview', 'Model Overview'],
  ['lora-injection', 'LoRA Injection'],
  ['forward-pass', 'Forward Pass'],
  ['backward-pass', 'Backward Pass'],
  ['knowledge-change', 'Knowledge Change'],
  ['memory-dashboard', 'Memory Dashboard'],
];

// PEFT's print_trainable_parameters line, worked out by hand for the sentiment MLP 8→16→16→2:
//   base = fc1 (16·8+16 = 144) + fc2 (16·16+16 = 272) + fc3 (2·16+2 = 34) = 450
//   LoRA r on fc1, fc2 adds r·(8+16) + r·(16+16) = 56·r, all of it trainable, base frozen
//   r=4: 224 of 674 → 33.2344 %   r=2: 112 of 562 → 19.9288 %   off: 450 of 450 → 100.0000 %
const LEDGER = {
  rank4: 'trainable params: 224 || all params: 674 || trainable%: 33.2344',
  rank2: 'trainable params: 112 || all params: 562 || trainable%: 19.9288',
  off: 'trainable params: 450 || all params: 450 || trainable%: 100.0000',
};

// The PEFT snippet of the LoRA Injection tab, written out by hand for two configurations (this is
// the test of examples/demo/src/peft-snippet.ts: the demo has no unit-test runner of its own).
//   default: r=4, α=8 on fc1, fc2: the rank4 ledger line above.
//   custom:  r=2, α=16 on fc1, fc2, fc3 with rsLoRA: 2·(8+16) + 2·(16+16) + 2·(16+2) = 48 + 64 + 36 = 148
//            trainable of 450 + 148 = 598 → 100·148/598 = 24.74916… → 24.7492 %
const SNIPPET = {
  default: [
    'from peft import LoraConfig, get_peft_model',
    '',
    'config = LoraConfig(',
    '    r=4,',
    '    lora_alpha=8,',
    '    target_modules=["fc1", "fc2"],',
    ')',
    'model = get_peft_model(model, config)',
    'model.print_trainable_parameters()',
    `# ${LEDGER.rank4}`,
  ].join('\n'),
  custom: [
    'from peft import LoraConfig, get_peft_model',
    '',
    'config = LoraConfig(',
    '    r=2,',
    '    lora_alpha=16,',
    '    target_modules=["fc1", "fc2", "fc3"],',
    '    use_rslora=True,',
    ')',
    'model = get_peft_model(model, config)',
    'model.print_trainable_parameters()',
    '# trainable params: 148 || all params: 598 || trainable%: 24.7492',
  ].join('\n'),
};

// ---------------------------------------------------------------- check bookkeeping

// A reader that stops early (`… | head`) must not kill the run before it cleans up.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
});

let passed = 0;
let failed = 0;

async function check(name, body) {
  try {
    await body();
    passed += 1;
    console.log(`ok - ${name}`);
  } catch (error) {
    failed += 1;
    console.log(`not ok - ${name}`);
    const message = error instanceof Error ? error.message : String(error);
    for (const line of message.split('\n').slice(0, 8)) console.log(`  # ${line}`);
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

function expectEqual(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

// ---------------------------------------------------------------- the preview server

// ---------------------------------------------------------------- page helpers

/** Everything the page reported that counts as an error, across every page of the run. */
const problems = [];

async function newPage(context) {
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return page;
}

async function openDemo(page, url) {
  await page.goto(url, { waitUntil: 'load' });
  // The page either finishes wiring up or shows why it could not.
  const outcome = page.locator('html[data-ready="true"], .startup-error').first();
  await outcome.waitFor({ state: 'attached', timeout: 15_000 });
  const failure = page.locator('.startup-error');
  if ((await failure.count()) > 0) throw new Error(`the page reports: ${await failure.first().textContent()}`);
}

async function tabState(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('[role="tab"]')].map((tab) => {
      const panel = document.getElementById(tab.getAttribute('aria-controls') ?? '');
      return {
        id: tab.id,
        name: (tab.textContent ?? '').trim(),
        selected: tab.getAttribute('aria-selected') === 'true',
        tabIndex: tab.tabIndex,
        focused: document.activeElement === tab,
        panel: panel?.id ?? null,
        panelRole: panel?.getAttribute('role') ?? null,
        panelLabelledBy: panel?.getAttribute('aria-labelledby') ?? null,
        panelShown: panel !== null && !panel.hidden && panel.getClientRects().length > 0,
      };
    }),
  );
}

async function expectSelected(page, slug, { focused = false } = {}) {
  const tabs = await tabState(page);
  const selected = tabs.filter((t) => t.selected).map((t) => t.id);
  expectEqual(selected, [`tab-${slug}`], 'selected tabs');
  const shown = tabs.filter((t) => t.panelShown).map((t) => t.panel);
  expectEqual(shown, [`panel-${slug}`], 'visible panels');
  const tabbable = tabs.filter((t) => t.tabIndex === 0).map((t) => t.id);
  expectEqual(tabbable, [`tab-${slug}`], 'tabs in the Tab sequence (roving tabindex)');
  if (focused) expectEqual(tabs.find((t) => t.focused)?.id ?? null, `tab-${slug}`, 'focused tab');
  expectEqual(await page.evaluate(() => window.location.hash), `#${slug}`, 'URL hash');
}

const PEFT_LINE = /trainable params: [\d,]+ \|\| all params: [\d,]+ \|\| trainable%: [\d.]+/;

async function expectLedger(page, expected) {
  const table = page.locator('#panel-model-overview lora-param-table');
  const readText = () => table.evaluate((el) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' '));
  const deadline = Date.now() + 5_000;
  let text = '';
  while (Date.now() < deadline) {
    text = await readText();
    if (text.includes(expected)) return;
    await page.waitForTimeout(50);
  }
  const found = PEFT_LINE.exec(text)?.[0];
  throw new Error(
    found
      ? `expected "${expected}" in the shadow DOM, found "${found}"`
      : `no PEFT line in the shadow DOM; its text starts "${text.trim().slice(0, 200)}"`,
  );
}

async function expectSummary(page, expected) {
  const text = (await page.locator('#summary-headline').textContent())?.trim();
  expectEqual(text, expected, 'sidebar summary');
}

async function expectSnippet(page, expected) {
  const code = page.locator('#peft-snippet');
  const deadline = Date.now() + 5_000;
  let text = '';
  while (Date.now() < deadline) {
    text = (await code.textContent()) ?? '';
    if (text === expected) return;
    await page.waitForTimeout(50);
  }
  throw new Error(`PEFT snippet:\n--- expected\n${expected}\n--- got\n${text}`);
}

/** Share of pixels that differ clearly from the top-left one: a blank or failed render is ~0. */
async function inkFraction(scratch, png) {
  return scratch.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) {
      const d = Math.abs(data[i] - data[0]) + Math.abs(data[i + 1] - data[1]) + Math.abs(data[i + 2] - data[2]);
      if (d > 24) ink += 1;
    }
    return { ink: ink / (data.length / 4), width: canvas.width, height: canvas.height };
  }, png.toString('base64'));
}

/** Waits until every element of the page has finished rendering (graph layouts included). */
async function settleElements(page) {
  await page.evaluate(async () => {
    const elements = [...document.querySelectorAll('*')].filter((el) => el.localName.startsWith('lora-'));
    await Promise.all(elements.map((el) => el.updateComplete));
    // Let entry transitions (e.g. the graph fading in) finish before pixels are taken; they may start
    // a frame after the render, so poll until none runs.
    // document.getAnimations() leaves out shadow trees, so ask every shadow root too.
    const running = () => {
      const roots = [
        document,
        ...[...document.querySelectorAll('*')].flatMap((el) => (el.shadowRoot ? [el.shadowRoot] : [])),
      ];
      const nested = (root) =>
        [...root.querySelectorAll('*')].flatMap((el) =>
          el.shadowRoot ? [el.shadowRoot, ...nested(el.shadowRoot)] : [],
        );
      const all = new Set([...roots, ...roots.flatMap((root) => nested(root))]);
      return [...all].flatMap((root) => root.getAnimations()).filter((a) => a.playState === 'running');
    };
    const deadline = performance.now() + 3000;
    do {
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)));
      await Promise.all(running().map((a) => a.finished.catch(() => undefined)));
    } while (running().length > 0 && performance.now() < deadline);
  });
}

async function saveShot(page, scratch, file, size) {
  await settleElements(page);
  const png = await page.screenshot({ fullPage: false });
  await writeFile(file, png);
  const { ink, width, height } = await inkFraction(scratch, png);
  expectEqual([width, height], [size.width, size.height], `size of ${file}`);
  expect(ink > 0.01, `${file} looks blank (${(ink * 100).toFixed(2)}% non-background pixels)`);
}

/** A browser context (a fresh profile: no storage) whose pages report every CSP violation. */
async function newContext(browser, url, { clipboard = false } = {}) {
  const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: 'light' });
  // CSP violations also reach the console, but record them explicitly so none can slip by.
  await context.exposeBinding('__e2eReportCsp', (_source, report) => {
    problems.push(`CSP violation: ${report}`);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__e2eReportCsp(`${event.violatedDirective} blocked ${event.blockedURI || '(inline)'}`);
    });
  });
  if (clipboard) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  return context;
}

// ---------------------------------------------------------------- the run

async function run(url) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const context = await newContext(browser, url);
    // The checks on this shared context each expect a page at its defaults, yet the page now keeps
    // the user's settings in localStorage: every page of it starts with storage empty. Persistence
    // itself is checked below, in contexts of its own.
    await context.addInitScript(() => {
      try {
        localStorage.clear();
      } catch {
        // about:blank has no storage
      }
    });
    const scratch = await browser.newPage();
    const page = await newPage(context);

    await check('page loads without console errors, page errors or CSP violations', async () => {
      await openDemo(page, url);
      await page.waitForTimeout(300);
      expect(problems.length === 0, problems.join('\n'));
    });

    await check('six tabs with the exact names, in order', async () => {
      const names = (await tabState(page)).map((t) => t.name);
      expectEqual(
        names,
        TABS.map(([, name]) => name),
        'tab names',
      );
      expect(await page.getByRole('tablist').isVisible(), 'the tablist is not visible');
    });

    await check('every tab controls a tabpanel labelled by it', async () => {
      for (const tab of await tabState(page)) {
        expectEqual(tab.panelRole, 'tabpanel', `role of the panel of ${tab.id}`);
        expectEqual(tab.panelLabelledBy, tab.id, `aria-labelledby of ${tab.panel}`);
      }
    });

    await check('Model Overview is selected on a bare URL and only its panel shows', async () => {
      const tabs = await tabState(page);
      expectEqual(
        tabs.filter((t) => t.selected).map((t) => t.id),
        ['tab-model-overview'],
        'selected tabs',
      );
      expectEqual(
        tabs.filter((t) => t.panelShown).map((t) => t.panel),
        ['panel-model-overview'],
        'visible panels',
      );
    });

    await check('ArrowRight on the focused tab selects LoRA Injection and shows its panel', async () => {
      await page.getByRole('tab', { selected: true }).focus();
      await page.keyboard.press('ArrowRight');
      await expectSelected(page, 'lora-injection', { focused: true });
    });

    await check('End, Home and ArrowLeft (wrapping) move the selection', async () => {
      await page.keyboard.press('End');
      await expectSelected(page, 'memory-dashboard', { focused: true });
      await page.keyboard.press('Home');
      await expectSelected(page, 'model-overview', { focused: true });
      await page.keyboard.press('ArrowLeft');
      await expectSelected(page, 'memory-dashboard', { focused: true });
      await page.keyboard.press('Home');
    });

    await check('ledger by default (LoRA on, r=4): PEFT line in <lora-param-table>', async () => {
      await expectSelected(page, 'model-overview');
      await expectLedger(page, LEDGER.rank4);
      await expectSummary(page, '224 of 674 parameters train');
    });

    await check('rank slider to 2 by keyboard: ledger and summary follow', async () => {
      const rank = page.getByRole('slider', { name: /rank/i });
      await rank.focus();
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      expectEqual(await rank.inputValue(), '2', 'slider value');
      expectEqual((await page.locator('lora-controls [part~="rank-value"]').textContent())?.trim(), '2', 'shown rank');
      await expectLedger(page, LEDGER.rank2);
      await expectSummary(page, '112 of 562 parameters train');
    });

    await check(
      'LoRA switched off: full fine-tuning, adapter settings disabled with a reason (.tmp/e2e/lora-off.png)',
      async () => {
        const toggle = page.getByRole('switch', { name: /lora/i });
        expect(await toggle.isChecked(), 'the LoRA switch should start on');
        await toggle.click();
        expect(!(await toggle.isChecked()), 'the LoRA switch did not turn off');
        await expectLedger(page, LEDGER.off);
        await expectSummary(page, '450 of 450 parameters train');
        expect(await page.getByRole('slider', { name: /rank/i }).isDisabled(), 'the rank slider is not disabled');
        // The disabled settings name their reason (aria-describedby), and that reason is on screen.
        const reason = await page.locator('lora-controls').evaluate((el) => {
          const settings = el.shadowRoot.querySelector('[part~="settings"]');
          const hint = el.shadowRoot.getElementById(settings.getAttribute('aria-describedby') ?? '');
          return hint && hint.getClientRects().length > 0 ? hint.textContent.trim() : null;
        });
        expect(reason?.startsWith('Full fine-tuning'), `no visible reason for the disabled settings: ${reason}`);
        await mkdir(SHOT_DIR, { recursive: true });
        await saveShot(page, scratch, `${SHOT_DIR}lora-off.png`, VIEWPORT);
      },
    );

    await check('LoRA switched on again: adapters come back at the chosen rank', async () => {
      await page.getByRole('switch', { name: /lora/i }).press('Space');
      await expectLedger(page, LEDGER.rank2);
      expect(await page.getByRole('slider', { name: /rank/i }).isEnabled(), 'the rank slider is still disabled');
    });

    await check('#lora-injection on load selects LoRA Injection', async () => {
      const fresh = await newPage(context);
      try {
        await openDemo(fresh, `${url}#lora-injection`);
        await expectSelected(fresh, 'lora-injection');
        await fresh.evaluate(() => {
          window.location.hash = '#memory-dashboard';
        });
        await fresh.waitForFunction(() => document.getElementById('tab-memory-dashboard')?.ariaSelected === 'true');
        await expectSelected(fresh, 'memory-dashboard');
      } finally {
        await fresh.close();
      }
    });

    await check(
      'Model Overview: <lora-graph> draws the shared model, follows LoRA off/on and the level switch',
      async () => {
        const fresh = await newPage(context);
        try {
          await openDemo(fresh, `${url}#model-overview`);
          const graph = fresh.locator('#graph');
          const nodeIds = () =>
            graph.evaluate((el) => [...el.shadowRoot.querySelectorAll('[part~="node"]')].map((n) => n.dataset.nodeId));
          const waitForNodes = async (predicate, what) => {
            const deadline = Date.now() + 10_000;
            let ids = [];
            while (Date.now() < deadline) {
              ids = await nodeIds();
              if (ids.length > 0 && predicate(ids)) return ids;
              await fresh.waitForTimeout(50);
            }
            throw new Error(`${what}; the graph's nodes are: ${ids.join(', ') || '(none)'}`);
          };
          const hasLora = (ids) => ids.some((id) => /\.lora_[AB]$/.test(id));
          await waitForNodes(
            (ids) => ['fc1.lora_A', 'fc1.lora_B', 'fc2.lora_A', 'fc2.lora_B'].every((id) => ids.includes(id)),
            'no A and B nodes on fc1 and fc2 at the start',
          );
          expectEqual(await graph.getAttribute('level'), 'component', 'initial level');
          await fresh.getByRole('switch', { name: /lora/i }).click();
          await waitForNodes((ids) => !hasLora(ids), 'LoRA off, yet the graph still shows A or B');
          await fresh.getByRole('switch', { name: /lora/i }).click();
          await waitForNodes(hasLora, 'LoRA back on, yet the graph shows no A or B');
          await fresh.getByRole('radio', { name: 'Neurons' }).check();
          expectEqual(await graph.getAttribute('level'), 'neuron', 'level after choosing Neurons');
          await waitForNodes((ids) => ids.includes('fc1:0'), 'no neuron nodes at the neuron level');
          await fresh.getByRole('radio', { name: 'Components' }).check();
          await waitForNodes((ids) => ids.includes('fc1.weight'), 'no component nodes after going back');
        } finally {
          await fresh.close();
        }
      },
    );

    await check(
      'LoRA Injection: <lora-injection> shows five matrices (W, A, B, ΔW, W_eff) that follow the rank',
      async () => {
        const fresh = await newPage(context);
        try {
          await openDemo(fresh, `${url}#lora-injection`);
          const injection = fresh.locator('#injection');
          const read = () =>
            injection.evaluate((el) =>
              [...el.shadowRoot.querySelectorAll('[part~="matrix"]')].map((m) => ({
                part: m.getAttribute('part'),
                shape: m.shadowRoot?.querySelector('[part~="shape"]')?.textContent?.trim() ?? null,
                drawn: (m.shadowRoot?.querySelector('canvas')?.width ?? 0) > 0,
              })),
            );
          const deadline = Date.now() + 10_000;
          let matrices = [];
          while (Date.now() < deadline) {
            matrices = await read();
            if (matrices.length === 5 && matrices.every((m) => m.drawn)) break;
            await fresh.waitForTimeout(50);
          }
          // Compared as sets: the panel's layout order (B above ΔW, A on top) is the element's business.
          expectEqual(
            matrices.map((m) => m.part).sort(),
            ['matrix matrix-a', 'matrix matrix-b', 'matrix matrix-delta', 'matrix matrix-effective', 'matrix matrix-w'],
            'the five matrices',
          );
          expect(
            matrices.every((m) => m.drawn),
            `a matrix is not drawn: ${JSON.stringify(matrices)}`,
          );
          const shapeOf = async (name) => (await read()).find((m) => m.part === `matrix matrix-${name}`)?.shape;
          expectEqual(await shapeOf('a'), '4 × 8', 'shape of A on fc1 at r = 4');
          const rank = fresh.getByRole('slider', { name: /rank/i });
          await rank.focus();
          await fresh.keyboard.press('ArrowLeft');
          await fresh.keyboard.press('ArrowLeft');
          await fresh.waitForFunction(() => {
            const el = document.querySelector('#injection');
            const a = el?.shadowRoot?.querySelector('[part~="matrix-a"]');
            return a?.shadowRoot?.querySelector('[part~="shape"]')?.textContent?.trim() === '2 × 8';
          });
          expectEqual(await shapeOf('b'), '16 × 2', 'shape of B on fc1 at r = 2');
        } finally {
          await fresh.close();
        }
      },
    );

    await check('every tab is built: no "Not built yet" notice left', async () => {
      for (const [slug] of TABS) {
        const text = await page.locator(`#panel-${slug}`).textContent();
        expect(!/not built yet/i.test(text ?? ''), `#panel-${slug} still says "Not built yet"`);
      }
    });

    await check('Forward Pass: a sample sentence fills in its 8 features and label, and Run plays it', async () => {
      const { featureVector, parseLines, DEFAULT_TRAINING_TEXT } = await import('../../../packages/core/dist/node.js');
      const sentence = parseLines('sentiment', DEFAULT_TRAINING_TEXT.sentiment).examples[0];
      const tab = await newPage(context);
      try {
        await openDemo(tab, `${url}#forward-pass`);
        const picker = tab.locator('#forward-sample');
        const option = picker.locator('option', { hasText: sentence.text });
        await picker.selectOption((await option.getAttribute('value')) ?? '');
        const exact = featureVector('sentiment', sentence.text);
        const shown = exact.map((v) => String(Number(v.toFixed(4)))).join(', ');
        expectEqual(await tab.locator('#forward-input').inputValue(), shown, 'the input box after picking');
        expectEqual(await tab.locator('#forward-label').inputValue(), String(sentence.label), 'the label');
        expectEqual(await tab.locator('#backward-sample').inputValue(), await picker.inputValue(), 'backward picker');
        const features = (await tab.locator('#forward-features').textContent()) ?? '';
        expect(/slang/.test(features), `the feature line names the features: "${features}"`);
        await tab.getByRole('button', { name: 'Run Forward Pass' }).click();
        const sample = await tab.locator('#forward-pass').evaluate((el) => el.sample);
        expectEqual(JSON.stringify(sample.input), JSON.stringify(exact), 'the recorded input (exact features)');
        expectEqual(sample.label, sentence.label, 'the recorded label');
      } finally {
        await tab.close();
      }
    });

    await check(
      'Knowledge Change: the default fine-tune draws its loss curve and before/after; Cancel stops it',
      async () => {
        const tab = await newPage(context);
        try {
          await openDemo(tab, `${url}#knowledge-change`);
          const trainer = tab.locator('#trainer');
          const inShadow = (selector) => trainer.locator(selector);
          const fineTune = inShadow('[part~="fine-tune"]');
          await fineTune.waitFor({ state: 'visible', timeout: 10_000 });
          await tab.waitForFunction(
            () => {
              const button = document.getElementById('trainer')?.shadowRoot?.querySelector('[part~="fine-tune"]');
              return button instanceof HTMLButtonElement && !button.disabled;
            },
            null,
            { timeout: 20_000 },
          );
          const nextEnd = () =>
            tab.evaluate(
              () =>
                new Promise((resolve) =>
                  document.getElementById('trainer').addEventListener('lora-train-end', (e) => resolve(e.detail), {
                    once: true,
                  }),
                ),
            );
          const ended = nextEnd();
          await fineTune.click();
          const detail = await ended;
          expectEqual(detail.status, 'completed', 'status of the default fine-tune');
          const losses = await trainer.evaluate((el) => el.losses);
          expect(losses.length === 60, `one loss per epoch (${losses.length})`);
          expect(losses.at(-1) < losses[0], `the loss falls (${losses[0]} to ${losses.at(-1)})`);
          expect((await inShadow('[part~="chart"] canvas').count()) > 0, 'the loss curve is drawn');
          const rows = await inShadow('[part~="set-train"] [part~="result-row"]').count();
          expect(rows === 16, `before/after for each of the 16 default lines (${rows})`);
          const { before, after } = detail.metrics.eval;
          expect(
            after.accuracy > before.accuracy,
            `held-out accuracy improves (${before.accuracy} to ${after.accuracy})`,
          );
          await settleElements(tab);
          await tab.screenshot({ path: `${SHOT_DIR}knowledge-change-full.png`, fullPage: true });

          // Cancel: a long run stops within an epoch and says so.
          await inShadow('input[name="epochs"]').fill('5000');
          const cancelled = nextEnd();
          await fineTune.click();
          await tab.waitForFunction(() => (document.getElementById('trainer')?.losses?.length ?? 0) >= 2, null, {
            timeout: 20_000,
          });
          await inShadow('[part~="cancel"]').click();
          const stop = await cancelled;
          expectEqual(stop.status, 'cancelled', 'status after Cancel');
          expect(stop.losses.length < 5000, `stopped early (${stop.losses.length} epochs)`);
        } finally {
          await tab.close();
        }
      },
    );

    await check("Memory Dashboard: the toy follows the sidebar; Llama 2 7B shows PEFT's published line", async () => {
      const tab = await newPage(context);
      try {
        await openDemo(tab, `${url}#memory-dashboard`);
        const dashboard = tab.locator('#memory-dashboard');
        await dashboard.evaluate((el) => el.updateComplete);
        const peft = () =>
          dashboard.evaluate((el) => el.shadowRoot.querySelector('[part~="peft-line"]')?.textContent.trim() ?? '');
        expectEqual(await peft(), 'trainable params: 224 || all params: 674 || trainable%: 33.2344', 'toy at r=4');
        // The sidebar's rank slider drives the shared model; the dashboard's toy follows it.
        await tab.locator('#lora-controls').evaluate((el) => {
          const slider = el.shadowRoot.querySelector('input[type="range"]');
          slider.value = '2';
          slider.dispatchEvent(new Event('input', { bubbles: true }));
          slider.dispatchEvent(new Event('change', { bubbles: true }));
        });
        await dashboard.evaluate((el) => el.updateComplete);
        expectEqual(await peft(), 'trainable params: 112 || all params: 562 || trainable%: 19.9288', 'toy at r=2');
        await dashboard.evaluate(async (el) => {
          el.model = 'llama-2-7b';
          el.rank = 8;
          el.targets = 'q_proj,v_proj';
          await el.updateComplete;
        });
        expectEqual(
          await peft(),
          'trainable params: 4,194,304 || all params: 6,742,609,920 || trainable%: 0.0622',
          'Llama 2 7B, r=8 on q_proj and v_proj',
        );
        await settleElements(tab);
        await tab.screenshot({ path: `${SHOT_DIR}memory-dashboard-full.png`, fullPage: true });
      } finally {
        await tab.close();
      }
    });

    for (const [kind, name] of [
      ['forward', 'Forward Pass'],
      ['backward', 'Backward Pass'],
    ]) {
      await check(
        `${name}: a bad input keeps the text and says why; Run plays real events (.tmp/e2e/${kind}-pass-mid*.png)`,
        async () => {
          for (const scheme of ['light', 'dark']) {
            const tab = await newPage(context);
            try {
              await tab.emulateMedia({ colorScheme: scheme });
              await openDemo(tab, `${url}#${kind}-pass`);
              const pass = tab.locator(`#${kind}-pass`);
              await pass.evaluate((el) => el.updateComplete);
              const frames = await pass.evaluate((el) => el.frameCount);
              expect(frames > 10, `${kind} pass has ${frames} frames`);
              // The embedded graph lays out asynchronously (ELK loads on first use): wait for its nodes.
              const countNodes = (el) =>
                el.shadowRoot.querySelector('lora-graph')?.shadowRoot?.querySelectorAll('[part~="node"]').length ?? 0;
              await tab
                .waitForFunction(
                  (id) => {
                    const el = document.getElementById(id);
                    return (
                      (el?.shadowRoot?.querySelector('lora-graph')?.shadowRoot?.querySelectorAll('[part~="node"]')
                        .length ?? 0) > 10
                    );
                  },
                  `${kind}-pass`,
                  { timeout: 10_000 },
                )
                .catch(() => undefined);
              const nodes = await pass.evaluate(countNodes);
              expect(nodes > 10, `the embedded graph draws ${nodes} nodes`);
              const input = tab.locator(`#${kind}-input`);
              await input.fill('1, 2, x');
              await tab.getByRole('button', { name: `Run ${name}` }).click();
              expectEqual(await input.inputValue(), '1, 2, x', 'what the user typed after a bad run');
              const error = (await tab.locator(`#${kind}-error`).textContent()) ?? '';
              expect(/8 numbers/.test(error), `error message "${error}"`);
              await input.fill('0.5, 1, 0, 1, 0, 1, 0, 1');
              await tab.getByRole('button', { name: `Run ${name}` }).click();
              await tab.waitForFunction((id) => document.getElementById(id).position > 2, `${kind}-pass`, {
                timeout: 10_000,
              });
              await pass.evaluate((el) => el.pause());
              const text = await pass.evaluate((el) => el.shadowRoot.textContent.replace(/\s+/g, ' '));
              if (kind === 'backward') {
                await pass.evaluate((el) => el.seek(el.frameCount - 1));
                await pass.evaluate((el) => el.updateComplete);
                const end = await pass.evaluate((el) => el.shadowRoot.textContent.replace(/\s+/g, ' '));
                expect(/not stored/i.test(end), 'the backward pass marks frozen weights as not storing a gradient');
                // The step-0 view under it: A's gradient is exactly zero at step 0 and not at step 1.
                const firstSteps = tab.locator('#first-steps');
                await firstSteps.evaluate((el) => el.updateComplete);
                const cell = (step) =>
                  firstSteps.evaluate(
                    (el, s) =>
                      el.shadowRoot
                        .querySelector(`[part~="table-fc1"] [part~="row-step-${s}"] [part~="value-grad-a"]`)
                        ?.textContent.trim(),
                    step,
                  );
                expectEqual(await cell(0), '0', "step-0 view: fc1's ‖∂L/∂A‖ at step 0");
                const later = await cell(1);
                // Numbers are typeset with a true minus sign (U+2212) in exponents.
                const laterValue = Number(String(later).replace(/\u2212/g, '-'));
                expect(laterValue > 0, `step-0 view: fc1's ‖∂L/∂A‖ at step 1 is ${later}`);
                // The screenshot shows the gradient halfway back, where it reaches the first adapter.
                await pass.evaluate((el) => el.seek(Math.floor(el.frameCount / 2)));
                await pass.evaluate((el) => el.updateComplete);
              } else {
                expect(/norm/i.test(text), 'the readout shows real value summaries');
              }
              await tab.evaluate(() => window.scrollTo(0, 0));
              await settleElements(tab);
              await tab.screenshot({
                path: `${SHOT_DIR}${kind}-pass-mid${scheme === 'dark' ? '-dark' : ''}.png`,
                fullPage: true,
              });
            } finally {
              await tab.close();
            }
          }
        },
      );
    }

    await check(
      'PEFT snippet follows the controls (default; r=2, α=16, fc1–fc3, rsLoRA) and Copy copies it',
      async () => {
        await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
        const fresh = await newPage(context);
        try {
          await openDemo(fresh, `${url}#lora-injection`);
          await expectSnippet(fresh, SNIPPET.default);
          const rank = fresh.getByRole('slider', { name: /rank/i });
          await rank.focus();
          await fresh.keyboard.press('ArrowLeft');
          await fresh.keyboard.press('ArrowLeft');
          const alpha = fresh.getByRole('spinbutton', { name: /alpha/i });
          await alpha.fill('16');
          await alpha.press('Tab'); // commits (change), as a person leaving the field does
          await fresh.getByRole('group', { name: 'Target layers' }).getByRole('checkbox', { name: /fc3/ }).check();
          await fresh.getByRole('checkbox', { name: /rsLoRA/ }).check();
          await expectSnippet(fresh, SNIPPET.custom);
          await expectLedger(fresh, 'trainable params: 148 || all params: 598 || trainable%: 24.7492');
          const effect = (await fresh.locator('#rank-alpha-effect').textContent()) ?? '';
          expect(effect.includes('α/√r'), `the rank-and-alpha sentence ignores rsLoRA: ${effect}`);

          await fresh.getByRole('button', { name: /copy/i }).click();
          await fresh.waitForFunction(() => document.getElementById('copy-status')?.textContent === 'Copied');
          expectEqual(await fresh.getByRole('status').filter({ hasText: 'Copied' }).count(), 1, 'announced status');
          const copied = await fresh.evaluate(() => navigator.clipboard.readText());
          expectEqual(copied, SNIPPET.custom, 'clipboard text');
        } finally {
          await fresh.close();
        }
      },
    );

    await mkdir(SHOT_DIR, { recursive: true });
    for (const [slug, name] of TABS) {
      await check(`screenshot of ${name} (.tmp/e2e/${slug}.png, 1280×900)`, async () => {
        const shot = await newPage(context);
        try {
          await openDemo(shot, `${url}#${slug}`);
          await expectSelected(shot, slug);
          if (slug === 'model-overview') await expectLedger(shot, LEDGER.rank4);
          await saveShot(shot, scratch, `${SHOT_DIR}${slug}.png`, VIEWPORT);
        } finally {
          await shot.close();
        }
      });
    }

    for (const [slug, name] of TABS.slice(0, 2)) {
      await check(`dark mode: ${name} in a dark theme (.tmp/e2e/${slug}-dark.png, and -full pages)`, async () => {
        const dark = await newPage(context);
        try {
          await dark.emulateMedia({ colorScheme: 'dark' });
          await openDemo(dark, `${url}#${slug}`);
          await expectLedger(dark, LEDGER.rank4);
          const luminance = await dark.evaluate(() => {
            const [r, g, b] = getComputedStyle(document.documentElement).backgroundColor.match(/\d+/g).map(Number);
            return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
          });
          expect(luminance < 0.2, `page background is not dark (relative luminance ${luminance.toFixed(2)})`);
          await saveShot(dark, scratch, `${SHOT_DIR}${slug}-dark.png`, VIEWPORT);
          // The whole tab, for review: the viewport shot above shows only its top.
          await settleElements(dark);
          await dark.screenshot({ fullPage: true, path: `${SHOT_DIR}${slug}-dark-full.png` });
          await dark.emulateMedia({ colorScheme: 'light' });
          await dark.screenshot({ fullPage: true, path: `${SHOT_DIR}${slug}-full.png` });
        } finally {
          await dark.close();
        }
      });
    }

    await check('narrow screen: sidebar stacks above the tabs (.tmp/e2e/model-overview-narrow.png)', async () => {
      const narrowSize = { width: 390, height: 844 };
      const narrow = await newPage(context);
      try {
        await narrow.setViewportSize(narrowSize);
        await openDemo(narrow, `${url}#model-overview`);
        await saveShot(narrow, scratch, `${SHOT_DIR}model-overview-narrow.png`, narrowSize);
        const sidebar = await narrow.locator('.sidebar').boundingBox();
        const tablist = await narrow.getByRole('tablist').boundingBox();
        expect(sidebar && tablist, 'sidebar or tablist not rendered');
        expect(sidebar.y + sidebar.height <= tablist.y, 'the sidebar is not above the tabs');
        const overflow = await narrow.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
      } finally {
        await narrow.close();
      }
    });

    // ------------------------------------------------------------ shareable state (issue #7)

    const TYPED = 'my own line about the course\tpositive\nanother line of mine\tnegative';
    let sharedLink = '';

    await check(
      'Share: rank 2, α 16, Knowledge Change and typed lines make a link that a fresh profile opens identically',
      async () => {
        const context = await newContext(browser, url, { clipboard: true });
        try {
          const tab = await newPage(context);
          await openDemo(tab, url);
          const entries = await tab.evaluate(() => history.length);
          const rank = tab.getByRole('slider', { name: /rank/i });
          await rank.focus();
          await tab.keyboard.press('ArrowLeft');
          await tab.keyboard.press('ArrowLeft');
          const alpha = tab.getByRole('spinbutton', { name: /alpha/i });
          await alpha.fill('16');
          await alpha.press('Tab');
          await tab.getByRole('tab', { name: 'Knowledge Change' }).click();
          const text = tab.locator('#trainer [part~="training-text"]');
          await text.fill(TYPED.slice(0, -3));
          await text.press('End');
          await tab.keyboard.type(TYPED.slice(-3), { delay: 30 }); // real keystrokes, one event each
          await tab.waitForFunction(() => /[?&]state=1[jz]\./.test(location.search));
          await tab.waitForTimeout(400); // past the last debounced write
          expectEqual(await tab.evaluate(() => history.length), entries, 'history entries after the edits');

          await tab.getByRole('button', { name: 'Share' }).click();
          await tab.waitForFunction(() => document.getElementById('share-status')?.textContent === 'Link copied');
          expectEqual(await tab.getByRole('status').filter({ hasText: 'Link copied' }).count(), 1, 'announced');
          sharedLink = await tab.evaluate(() => navigator.clipboard.readText());
          expectEqual(await tab.locator('#share-link').inputValue(), sharedLink, 'the link shown in the dialog');
          expect(sharedLink.startsWith(`${url}?state=1`), `link format: ${sharedLink.slice(0, 80)}…`);
          expect(sharedLink.endsWith('#knowledge-change'), `the link names the tab: …${sharedLink.slice(-30)}`);
          await tab.getByRole('button', { name: 'Close' }).click();
        } finally {
          await context.close();
        }

        const fresh = await newContext(browser, url);
        try {
          const tab = await newPage(fresh);
          await openDemo(tab, sharedLink);
          await expectSelected(tab, 'knowledge-change');
          expectEqual(await tab.getByRole('slider', { name: /rank/i }).inputValue(), '2', 'rank slider');
          expectEqual(await tab.getByRole('spinbutton', { name: /alpha/i }).inputValue(), '16', 'alpha');
          const config = await tab.locator('#lora-controls').evaluate((el) => el.config);
          expectEqual(
            config,
            {
              lora: true,
              options: {
                r: 2,
                alpha: 16,
                targetModules: ['fc1', 'fc2'],
                modulesToSave: [],
                useRslora: false,
                initLoraWeights: true,
              },
            },
            'the sidebar applied to the model',
          );
          await expectSummary(tab, '112 of 562 parameters train');
          await expectLedger(tab, LEDGER.rank2);
          expectEqual(await tab.locator('#trainer [part~="training-text"]').inputValue(), TYPED, 'trainer text');
          expectEqual(await tab.locator('#trainer').evaluate((el) => el.settings.alpha), '16', "trainer's alpha");
          expectEqual(await tab.locator('#page-notices').textContent(), '', 'no notice for a good link');
        } finally {
          await fresh.close();
        }
      },
    );

    await check(
      'Classroom link: hidden controls are out of view and of the Tab order, with a notice and a way back',
      async () => {
        expect(sharedLink !== '', 'needs the link of the previous check');
        const context = await newContext(browser, url, { clipboard: true });
        let classroomLink;
        try {
          const tab = await newPage(context);
          await openDemo(tab, sharedLink);
          await tab.getByRole('button', { name: 'Share' }).click();
          await tab.getByRole('checkbox', { name: /^Rank r/ }).check();
          await tab.getByRole('checkbox', { name: 'Fine-tuning method' }).check();
          await tab.getByRole('button', { name: 'Copy link' }).click();
          await tab.waitForFunction(() => document.getElementById('share-status')?.textContent === 'Link copied');
          classroomLink = await tab.evaluate(() => navigator.clipboard.readText());
          expect(/[?&]hide=rank,method(&|#)/.test(classroomLink), `hide in the link: ${classroomLink.slice(-60)}`);
        } finally {
          await context.close();
        }

        const student = await newContext(browser, url);
        try {
          const tab = await newPage(student);
          await openDemo(tab, classroomLink);
          const notice = tab.locator('#page-notices');
          expect(
            ((await notice.textContent()) ?? '').includes("Some controls are hidden by your teacher's link."),
            `notice: ${await notice.textContent()}`,
          );
          expectEqual(await tab.locator('#page-notices').getAttribute('role'), 'status', 'the notice is polite');
          expectEqual(await tab.getByRole('slider', { name: /rank/i }).count(), 0, 'rank sliders shown');
          expect(!(await tab.locator('#trainer [part~="setting-rank"]').isVisible()), "the trainer's rank shows");
          expect(!(await tab.locator('#trainer [part~="setting-method"]').isVisible()), 'the method shows');
          expect(await tab.locator('#trainer [part~="setting-lr"]').isVisible(), 'the learning rate is gone too');
          expect(await tab.getByRole('spinbutton', { name: /alpha/i }).isVisible(), 'alpha is gone too');
          // The link's settings still hold, hidden or not.
          expectEqual((await tab.locator('#lora-controls').evaluate((el) => el.config)).options.r, 2, 'rank');
          // From the LoRA switch, Tab goes straight to alpha: the hidden slider takes no focus.
          await tab.getByRole('switch', { name: /lora/i }).focus();
          await tab.keyboard.press('Tab');
          const focused = await tab.evaluate(() => {
            let el = document.activeElement;
            while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
            return el?.getAttribute('part') ?? el?.id ?? null;
          });
          expectEqual(focused, 'alpha', 'focus after Tab from the LoRA switch');
          await tab.getByRole('button', { name: 'Show all controls' }).click();
          expect(await tab.getByRole('slider', { name: /rank/i }).isVisible(), 'the rank slider is back');
          expect(await tab.locator('#trainer [part~="setting-method"]').isVisible(), 'the method is back');
          expect(!(await tab.evaluate(() => location.search.includes('hide='))), 'hide left in the address');
          expectEqual(await notice.textContent(), '', 'the notice is gone');
        } finally {
          await student.close();
        }
      },
    );

    await check(
      'Persistence: settings and text survive a reload; a link wins over them without erasing them; Reset clears all',
      async () => {
        const { DEFAULT_TRAINING_TEXT } = await import('../../../packages/core/dist/node.js');
        const mine = 'kept in this browser\tpositive';
        const context = await newContext(browser, url);
        try {
          const tab = await newPage(context);
          await openDemo(tab, `${url}#knowledge-change`);
          const rank = tab.getByRole('slider', { name: /rank/i });
          await rank.focus();
          await tab.keyboard.press('ArrowLeft');
          await tab.locator('#trainer [part~="training-text"]').fill(mine);
          await tab.waitForTimeout(800); // past the page's and the trainer's debounced saves

          // A bare address in the same profile: what was saved comes back.
          await openDemo(tab, `${url}#knowledge-change`);
          expectEqual(await tab.getByRole('slider', { name: /rank/i }).inputValue(), '3', 'rank after reload');
          expectEqual(await tab.locator('#trainer [part~="training-text"]').inputValue(), mine, 'text after reload');

          // A link with state wins over storage, and viewing it leaves storage alone.
          if (sharedLink !== '') {
            await openDemo(tab, sharedLink);
            expectEqual(await tab.getByRole('slider', { name: /rank/i }).inputValue(), '2', "the link's rank");
            expectEqual(await tab.locator('#trainer [part~="training-text"]').inputValue(), TYPED, "the link's text");
            await openDemo(tab, `${url}#knowledge-change`);
            expectEqual(await tab.locator('#trainer [part~="training-text"]').inputValue(), mine, 'own text kept');
          }

          // Reset asks first: Cancel changes nothing.
          await tab.getByRole('button', { name: 'Reset to defaults' }).click();
          const dialog = tab.getByRole('dialog', { name: 'Reset to defaults?' });
          expect(await dialog.isVisible(), 'no confirmation dialog');
          await dialog.getByRole('button', { name: 'Cancel' }).click();
          expectEqual(await tab.getByRole('slider', { name: /rank/i }).inputValue(), '3', 'rank after Cancel');

          await tab.getByRole('button', { name: 'Reset to defaults' }).click();
          await Promise.all([tab.waitForEvent('load'), dialog.getByRole('button', { name: 'Reset' }).click()]);
          // The reloaded page itself, not a new visit, must come up at the defaults.
          await tab.locator('html[data-ready="true"]').waitFor({ state: 'attached', timeout: 15_000 });
          await expectSelected(tab, 'knowledge-change');
          expect(!tab.url().includes('state='), `state left in the address: ${tab.url()}`);
          expectEqual(await tab.getByRole('slider', { name: /rank/i }).inputValue(), '4', 'rank after Reset');
          expectEqual(await tab.getByRole('spinbutton', { name: /alpha/i }).inputValue(), '8', 'alpha after Reset');
          expectEqual(
            await tab.locator('#trainer [part~="training-text"]').inputValue(),
            DEFAULT_TRAINING_TEXT.sentiment,
            'trainer text after Reset',
          );
          const stored = await tab.evaluate(() => Object.keys(localStorage));
          expectEqual(stored, [], 'localStorage after Reset');
          await expectLedger(tab, LEDGER.rank4);
        } finally {
          await context.close();
        }
      },
    );

    await check('A damaged state parameter: a polite notice and the defaults, without any console error', async () => {
      const before = problems.length;
      const context = await newContext(browser, url);
      try {
        const truncated =
          sharedLink === '' ? '1z.q1YqSszJTEtVslIqSk3PzPfOz0lVqgUA' : sharedLink.split('state=')[1].slice(0, 60);
        for (const bad of [truncated, '1z.!!not-base64!!', '1z.AAAA', '7z.AAAA', 'hello', '1j.bm90IGpzb24']) {
          const tab = await newPage(context);
          try {
            await openDemo(tab, `${url}?state=${bad}#forward-pass`);
            await expectSelected(tab, 'forward-pass');
            const notice = (await tab.locator('#page-notices').textContent()) ?? '';
            expect(/could not be read/.test(notice), `notice for state=${bad.slice(0, 20)}…: "${notice}"`);
            expectEqual(await tab.getByRole('slider', { name: /rank/i }).inputValue(), '4', `rank (${bad})`);
            expectEqual(await tab.getByRole('spinbutton', { name: /alpha/i }).inputValue(), '8', `alpha (${bad})`);
            expect(!tab.url().includes('state='), `the damaged state stays in the address: ${tab.url()}`);
            await tab.getByRole('button', { name: 'Dismiss' }).click();
            expectEqual(await tab.locator('#page-notices').textContent(), '', 'the notice dismissed');
          } finally {
            await tab.close();
          }
        }
        // Readable, but one field out of range: the rest applies and the notice names the field.
        const partial = Buffer.from(JSON.stringify({ sidebar: { r: 0, alpha: 32 } })).toString('base64url');
        const tab = await newPage(context);
        await openDemo(tab, `${url}?state=1j.${partial}#model-overview`);
        const notice = (await tab.locator('#page-notices').textContent()) ?? '';
        expect(/could not be used \(rank\)/.test(notice), `notice: "${notice}"`);
        expectEqual(await tab.getByRole('spinbutton', { name: /alpha/i }).inputValue(), '32', 'alpha from the link');
        expectEqual(problems.slice(before), [], 'console errors, page errors or CSP violations');
      } finally {
        await context.close();
      }
    });

    await check('every tab has an "About LoRA" panel: three sentences and the papers, as plain links', async () => {
      const about = await page.evaluate(() =>
        [...document.querySelectorAll('[role="tabpanel"]')].map((panel) => {
          const details = panel.querySelector(':scope > details.about');
          const text = details?.querySelector('.about__text')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
          return {
            panel: panel.id,
            summary: details?.querySelector('summary')?.textContent?.trim() ?? null,
            sentences: text.split(/(?<=\.)\s+(?=[A-Z])/).length,
            links: [...(details?.querySelectorAll('a') ?? [])].map((a) => a.getAttribute('href')),
          };
        }),
      );
      expectEqual(about.length, 6, 'tab panels');
      for (const entry of about) {
        expect(entry.summary?.startsWith('About LoRA'), `${entry.panel} has no About LoRA summary`);
        expectEqual(entry.sentences, 3, `sentences in ${entry.panel}`);
        expectEqual(
          entry.links,
          [
            'https://arxiv.org/abs/2106.09685',
            'https://arxiv.org/abs/2305.14314',
            'https://arxiv.org/abs/2312.03732',
            'https://huggingface.co/docs/peft',
          ],
          `links in ${entry.panel}`,
        );
      }
    });

    await check('no console errors, page errors or CSP violations during the whole run', async () => {
      expect(problems.length === 0, problems.join('\n'));
    });
  } finally {
    await browser.close();
  }
}

async function main() {
  if (!existsSync(DIST_INDEX)) {
    failed += 1;
    console.log('not ok - the demo is built');
    console.log(`  # ${DIST_INDEX} is missing: run \`pnpm build && pnpm build:demo\` at ${REPO_DIR} first`);
    return;
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const server = startPreview(port);
  const onSignal = (signal) => {
    server.child.kill('SIGTERM');
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await check(`vite preview serves the built site (${url})`, () => waitForServer(url, server));
    if (failed === 0) await run(url);
  } finally {
    await stopPreview(server);
  }
}

try {
  await main();
} catch (error) {
  failed += 1;
  console.log('not ok - the run finished without an unexpected error');
  console.log(`  # ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
}
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
