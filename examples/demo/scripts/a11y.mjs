// Accessibility test of the built demo site in headless Chromium (issue #7, item 4).
//
//   pnpm build && pnpm build:demo && node examples/demo/scripts/a11y.mjs      (or `pnpm test:a11y`)
//
// Three parts, each a list of `ok - …` / `not ok - …` checks, then `a11y: N passed, M failed`:
//   1. axe-core's WCAG 2.0/2.1/2.2 A and AA rules on every tab, light and dark; the pass tabs also
//      mid-animation and Knowledge Change also after a fine-tune. Every violation is printed (rule,
//      impact, target through shadow roots, failure summary) and all of them go to .tmp/a11y/axe.json.
//   2. A keyboard-only run: only page.keyboard drives the page (no mouse, no element.click()); every
//      action is checked for its effect, and every stop of the focus for a visible focus indicator.
//   3. Forced colours (axe on every tab, a screenshot per tab in .tmp/a11y/forced-<tab>.png) and
//      reduced motion (the pass animations step with the graph's transitions at 0s).
//
// axe is injected with context.addInitScript, which Chromium runs through the DevTools protocol, not
// as a page script: the page keeps its strict CSP (no inline scripts, no bypassCSP), so the audit sees
// exactly the page people get, and any CSP violation during the run fails a check.
// Environment: CHROMIUM_PATH (default /usr/bin/chromium); A11Y_PARTS=auditThemes,keyboardRun,forcedColors,
// reducedMotion to run only some parts; A11Y_TIMINGS=1 to print the time of every check.

import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../../../scripts/chromium.mjs';
import { freePort, startPreview, stopPreview, waitForServer } from './preview-server.mjs';

const REPO_DIR = fileURLToPath(new URL('../../..', import.meta.url));
const DIST_INDEX = fileURLToPath(new URL('../dist/index.html', import.meta.url));
const OUT_DIR = fileURLToPath(new URL('../../../.tmp/a11y/', import.meta.url));
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const VIEWPORT = { width: 1280, height: 900 };

/** axe's tags for the WCAG 2.0, 2.1 and 2.2 success criteria at levels A and AA. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** The six tabs, in order: [slug of `#tab-<slug>` / `#panel-<slug>`, visible name]. */
const TABS = [
  ['model-overview', 'Model Overview'],
  ['lora-injection', 'LoRA Injection'],
  ['forward-pass', 'Forward Pass'],
  ['backward-pass', 'Backward Pass'],
  ['knowledge-change', 'Knowledge Change'],
  ['memory-dashboard', 'Memory Dashboard'],
];

// The sidebar's summary, worked out by hand for the sentiment MLP 8→16→16→2 (base 450 parameters):
// LoRA of rank r on fc1 and fc2 adds r·(8+16) + r·(16+16) = 56·r trainable parameters.
const SUMMARY = {
  rank4: '224 of 674 parameters train',
  rank3: '168 of 618 parameters train',
  off: '450 of 450 parameters train',
};

// PEFT's line for the toy at r = 4 (224 of 674 → 33.2344 %) and r = 5 (280 of 730 → 38.3562 %).
const PEFT_LINE = {
  rank4: 'trainable params: 224 || all params: 674 || trainable%: 33.2344',
  rank5: 'trainable params: 280 || all params: 730 || trainable%: 38.3562',
};

// ---------------------------------------------------------------- check bookkeeping

process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
});

let passed = 0;
let failed = 0;
const timings = [];

async function check(name, body) {
  const started = Date.now();
  try {
    await body();
    passed += 1;
    console.log(`ok - ${name}`);
  } catch (error) {
    failed += 1;
    console.log(`not ok - ${name}`);
    const message = error instanceof Error ? error.message : String(error);
    for (const line of message.split('\n').slice(0, 40)) console.log(`  # ${line}`);
  }
  timings.push([name, Date.now() - started]);
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

function expectEqual(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

async function poll(read, accept, what, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  let value;
  while (Date.now() < deadline) {
    value = await read();
    if (accept(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what}; last seen: ${JSON.stringify(value)}`);
}

// ---------------------------------------------------------------- page helpers

/** Console errors, page errors and CSP violations of every page of the run. */
const problems = [];

async function newPage(context, media = {}) {
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference', forcedColors: 'none', ...media });
  return page;
}

async function openDemo(page, url) {
  await page.goto(url, { waitUntil: 'load' });
  const outcome = page.locator('html[data-ready="true"], .startup-error').first();
  await outcome.waitFor({ state: 'attached', timeout: 30_000 });
  const failure = page.locator('.startup-error');
  if ((await failure.count()) > 0) throw new Error(`the page reports: ${await failure.first().textContent()}`);
  expect(await page.evaluate(() => typeof window.axe?.run === 'function'), 'axe-core was not injected');
}

/** Waits until every element has rendered and no animation runs (shadow trees included). */
async function settleElements(page) {
  await page.evaluate(async () => {
    const elements = [...document.querySelectorAll('*')].filter((el) => el.localName.startsWith('lora-'));
    await Promise.all(elements.map((el) => el.updateComplete));
    const running = () => {
      const roots = [];
      const walk = (root) => {
        roots.push(root);
        for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
      };
      walk(document);
      return roots.flatMap((root) => root.getAnimations()).filter((a) => a.playState === 'running');
    };
    const deadline = performance.now() + 3000;
    do {
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)));
      await Promise.all(running().map((a) => a.finished.catch(() => undefined)));
    } while (running().length > 0 && performance.now() < deadline);
  });
}

/** Selects a tab the way a pointer user would (the keyboard run below does it with arrows). */
async function showTab(page, slug) {
  await page.locator(`#tab-${slug}`).click();
  await poll(
    () => page.evaluate((s) => !document.getElementById(`panel-${s}`)?.hidden, slug),
    Boolean,
    `#panel-${slug} did not show`,
  );
  await settleElements(page);
}

/** All axe reports of the run, written to .tmp/a11y/axe.json at the end. */
const axeReports = [];

/** Runs axe's WCAG A/AA rules on the whole page (open shadow roots included); throws listing every violation. */
async function expectNoViolations(page, label) {
  const violations = await page.evaluate(async (tags) => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({
        // Targets are lists: one selector per shadow root, outermost first.
        target: n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' '),
        html: n.html.length > 200 ? `${n.html.slice(0, 200)}…` : n.html,
        summary: n.failureSummary ?? '',
      })),
    }));
  }, WCAG_TAGS);
  axeReports.push({ label, violations });
  if (violations.length === 0) return;
  const lines = [];
  for (const v of violations) {
    lines.push(`${v.rule} (${v.impact}, ${v.nodes.length} node${v.nodes.length === 1 ? '' : 's'}): ${v.help}`);
    for (const n of v.nodes) {
      lines.push(`  ${n.target}`);
      lines.push(`    ${n.summary.replace(/\s*\n\s*/g, ' | ')}`);
    }
  }
  throw new Error(lines.join('\n'));
}

/** Whether a pass element plays, and where; read through its public properties. */
const passState = (page, id) =>
  page.evaluate((i) => {
    const el = document.getElementById(i);
    return { playing: el.playing, position: el.position, frames: el.frameCount };
  }, id);

// ---------------------------------------------------------------- part 1: axe, light and dark

async function auditThemes(context, url) {
  for (const scheme of ['light', 'dark']) {
    const page = await newPage(context, { colorScheme: scheme });
    try {
      await check(`axe, ${scheme}: the demo loads`, () => openDemo(page, url));
      for (const [slug, name] of TABS) {
        await check(`axe, ${scheme}: ${name} has no WCAG 2.x A/AA violation`, async () => {
          await showTab(page, slug);
          await expectNoViolations(page, `${scheme} ${slug}`);
        });
        if (slug === 'forward-pass' || slug === 'backward-pass') {
          const kind = slug.split('-')[0];
          await check(`axe, ${scheme}: ${name} mid-animation has no violation`, async () => {
            await page.locator(`#${kind}-form button[type="submit"]`).click();
            const state = await poll(
              () => passState(page, `${kind}-pass`),
              (s) => s.playing && s.position >= 3,
              `the ${kind} pass did not play`,
            );
            expect(state.position < state.frames - 1, 'the animation ended before axe ran');
            // axe runs while the frames keep changing under it.
            await expectNoViolations(page, `${scheme} ${slug} playing`);
            await page.evaluate((id) => document.getElementById(id).pause(), `${kind}-pass`);
          });
        }
        if (slug === 'knowledge-change') {
          await check(
            `axe, ${scheme}: Knowledge Change after a fine-tune (results shown) has no violation`,
            async () => {
              await fineTuneAndWait(page, async () => {
                await page.locator('#trainer [part~="fine-tune"]').click();
              });
              await poll(
                () =>
                  page.locator('#trainer').evaluate((el) => el.shadowRoot.textContent.includes('Drawing the results')),
                (drawing) => !drawing,
                'the results were still being drawn',
                20_000,
              );
              expect((await page.locator('#trainer [part~="result-row"]').count()) > 0, 'no result rows are shown');
              await settleElements(page);
              await expectNoViolations(page, `${scheme} ${slug} after fine-tune`);
            },
          );
        }
      }
    } finally {
      await page.close();
    }
  }
}

/** Waits until the trainer's base model is ready, runs `start`, and resolves with the end event's detail. */
async function fineTuneAndWait(page, start) {
  await page.waitForFunction(
    () => {
      const button = document.getElementById('trainer')?.shadowRoot?.querySelector('[part~="fine-tune"]');
      return button instanceof HTMLButtonElement && !button.disabled;
    },
    null,
    { timeout: 30_000 },
  );
  await page.evaluate(() => {
    window.__a11yTrainEnd = new Promise((resolve) =>
      document.getElementById('trainer').addEventListener('lora-train-end', (e) => resolve(e.detail), { once: true }),
    );
  });
  await start();
  const detail = await page.evaluate(() => window.__a11yTrainEnd);
  expectEqual(detail.status, 'completed', 'status of the fine-tune');
  return detail;
}

// ---------------------------------------------------------------- part 2: keyboard only

/**
 * What has the focus, followed through shadow roots (`document.activeElement`, then each shadow
 * root's `activeElement`), and whether it shows a focus indicator: a non-none outline or box-shadow
 * while it matches :focus-visible, or, for the graph's SVG nodes (which cannot take an outline), a
 * focus ring drawn inside the node that is visible now.
 */
async function focusInfo(page) {
  return page.evaluate(() => {
    const chain = [];
    let el = document.activeElement;
    while (el) {
      chain.push(el);
      el = el.shadowRoot?.activeElement ?? null;
    }
    const describe = (e) => {
      const part = e.getAttribute('part');
      const name = e.getAttribute('aria-label') ?? e.getAttribute('name');
      return `${e.localName}${e.id ? `#${e.id}` : ''}${part ? `[part="${part}"]` : ''}${name ? `[${name.slice(0, 40)}]` : ''}`;
    };
    const target = chain.at(-1) ?? document.body;
    const style = getComputedStyle(target);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
    const ring =
      target instanceof SVGElement &&
      [...target.querySelectorAll('.ring')].some((r) => {
        const s = getComputedStyle(r);
        return Number(s.opacity) > 0.5 && s.stroke !== 'none' && parseFloat(s.strokeWidth) >= 2;
      });
    return {
      path: chain.map(describe).join(' >>> ') || 'body',
      onBody: chain.length === 0 || target === document.body,
      focusVisible: chain.length > 0 && target.matches(':focus-visible'),
      indicator: outline
        ? `outline ${style.outlineWidth} ${style.outlineStyle}`
        : shadow
          ? 'box-shadow'
          : ring
            ? 'ring'
            : null,
    };
  });
}

/** Every place the keyboard run's focus stopped, with whether it showed. */
const focusStops = [];

async function noteFocus(page, how) {
  const info = { ...(await focusInfo(page)), how };
  focusStops.push(info);
  return info;
}

function expectVisible(info, where) {
  expect(!info.onBody, `${where}: the focus fell back to the page (document.body)`);
  expect(info.focusVisible, `${where}: ${info.path} does not match :focus-visible`);
  expect(info.indicator !== null, `${where}: ${info.path} has :focus-visible but no outline, box-shadow or ring`);
}

/**
 * Presses Tab (or Shift+Tab) until the focus chain matches `selectors`, one CSS selector per level
 * (document, then each shadow root); fails after `max` presses.
 */
async function tabTo(page, selectors, { back = false, max = 60 } = {}) {
  const key = back ? 'Shift+Tab' : 'Tab';
  const focusMatches = () =>
    page.evaluate((sels) => {
      let el = document.activeElement;
      for (const [level, sel] of sels.entries()) {
        if (!el || !el.matches(sel)) return false;
        el = level < sels.length - 1 ? (el.shadowRoot?.activeElement ?? null) : el;
      }
      return true;
    }, selectors);
  // Already there: pressing on would go all the way round the page (through the browser's own UI).
  for (let i = 0; i <= max && !(await focusMatches()); i += 1) {
    if (i === max) throw new Error(`${max} presses of ${key} never reached ${selectors.join(' >>> ')}`);
    await page.keyboard.press(key);
    await noteFocus(page, `${key} ${i + 1} on the way to ${selectors.join(' >>> ')}`);
  }
  const info = await focusInfo(page);
  expectVisible(info, `on ${selectors.join(' >>> ')}`);
  return info;
}

/** Presses a key and checks that the focus is still visible afterwards. */
async function press(page, key) {
  await page.keyboard.press(key);
  const info = await noteFocus(page, key);
  expectVisible(info, `after ${key}`);
  return info;
}

const selectedTab = (page) =>
  page.evaluate(() => document.querySelector('[role="tab"][aria-selected="true"]')?.id.replace(/^tab-/, ''));

/** Moves to the selected tab with Shift+Tab, then with arrows (or Home/End) to `slug`. */
async function arrowToTab(page, slug) {
  await tabTo(page, ['[role="tab"][aria-selected="true"]'], { back: true });
  const order = TABS.map(([s]) => s);
  for (let i = 0; i < order.length && (await selectedTab(page)) !== slug; i += 1) {
    const from = order.indexOf(await selectedTab(page));
    await press(page, order.indexOf(slug) > from ? 'ArrowRight' : 'ArrowLeft');
  }
  expectEqual(await selectedTab(page), slug, 'selected tab');
  expect(!(await page.locator(`#panel-${slug}`).isHidden()), `#panel-${slug} is hidden`);
  await settleElements(page);
}

const summaryText = (page) => page.locator('#summary-headline').evaluate((el) => el.textContent.trim());

async function keyboardRun(context, url) {
  const { featureVector, parseLines, DEFAULT_TRAINING_TEXT, GENERAL_CORPUS } =
    await import('../../../packages/core/dist/node.js');
  const page = await newPage(context);
  try {
    await check('keyboard: the demo loads', () => openDemo(page, url));

    await check('keyboard: Tab reaches the tabs; arrows, Home and End select tabs', async () => {
      await tabTo(page, ['[role="tab"][aria-selected="true"]']);
      expectEqual(await selectedTab(page), 'model-overview', 'selected tab at the start');
      await press(page, 'ArrowRight');
      expectEqual(await selectedTab(page), 'lora-injection', 'after ArrowRight');
      await press(page, 'End');
      expectEqual(await selectedTab(page), 'memory-dashboard', 'after End');
      await press(page, 'ArrowRight');
      expectEqual(await selectedTab(page), 'model-overview', 'after ArrowRight on the last tab (wraps)');
      await press(page, 'ArrowLeft');
      expectEqual(await selectedTab(page), 'memory-dashboard', 'after ArrowLeft on the first tab (wraps)');
      await press(page, 'Home');
      expectEqual(await selectedTab(page), 'model-overview', 'after Home');
    });

    await check('keyboard: sidebar rank slider, ArrowLeft: r 4 → 3 and the summary follows', async () => {
      expectEqual(await summaryText(page), SUMMARY.rank4, 'summary before');
      await tabTo(page, ['#lora-controls', 'input[type="range"]'], { back: true });
      await press(page, 'ArrowLeft');
      await poll(
        () => summaryText(page),
        (t) => t === SUMMARY.rank3,
        `summary is not "${SUMMARY.rank3}"`,
      );
    });

    await check('keyboard: LoRA switch, Space turns it off (full fine-tuning) and on again', async () => {
      await tabTo(page, ['#lora-controls', 'input[role="switch"]'], { back: true });
      await press(page, 'Space');
      await poll(
        () => summaryText(page),
        (t) => t === SUMMARY.off,
        `summary is not "${SUMMARY.off}"`,
      );
      await press(page, 'Space');
      await poll(
        () => summaryText(page),
        (t) => t === SUMMARY.rank3,
        `summary is not "${SUMMARY.rank3}"`,
      );
    });

    await check('keyboard: Forward Pass, pick a sample with ArrowDown, Run with Enter', async () => {
      await tabTo(page, ['[role="tab"][aria-selected="true"]']);
      await arrowToTab(page, 'forward-pass');
      await tabTo(page, ['#forward-sample']);
      const before = await page.locator('#forward-sample').inputValue();
      await press(page, 'ArrowDown');
      const picked = await page.locator('#forward-sample').inputValue();
      expect(picked !== before, `ArrowDown did not change the sample (${before})`);
      // The picker lists 6 lines of the general corpus, then 4 of the fine-tuning scenario.
      const sentences = [
        ...parseLines('sentiment', GENERAL_CORPUS.sentiment).examples.slice(0, 6),
        ...parseLines('sentiment', DEFAULT_TRAINING_TEXT.sentiment).examples.slice(0, 4),
      ];
      const sentence = sentences[Number(picked)];
      expect(sentence !== undefined, `option value ${picked} is not a sentence`);
      const exact = featureVector('sentiment', sentence.text);
      const shown = exact.map((v) => String(Number(v.toFixed(4)))).join(', ');
      expectEqual(await page.locator('#forward-input').inputValue(), shown, 'the input box after picking');
      await tabTo(page, ['#forward-form button[type="submit"]']);
      await press(page, 'Enter');
      await poll(
        () => passState(page, 'forward-pass'),
        (s) => s.playing && s.position >= 1,
        'the forward pass did not start playing',
      );
      const sample = await page.locator('#forward-pass').evaluate((el) => el.sample);
      expectEqual(sample.input, exact, 'the sample the pass recorded');
    });

    await check(
      'keyboard: Forward Pass shortcuts: Space pauses, arrows step, Home and End jump, Space plays',
      async () => {
        await tabTo(page, ['#forward-pass']);
        await press(page, 'Space');
        const paused = await passState(page, 'forward-pass');
        expect(!paused.playing, 'Space did not pause');
        const at = paused.position;
        await press(page, at < paused.frames - 1 ? 'ArrowRight' : 'ArrowLeft');
        const stepped = await passState(page, 'forward-pass');
        expectEqual(stepped.position, at < paused.frames - 1 ? at + 1 : at - 1, 'position after one arrow step');
        await press(page, 'End');
        expectEqual((await passState(page, 'forward-pass')).position, paused.frames - 1, 'position after End');
        await press(page, 'ArrowLeft');
        expectEqual((await passState(page, 'forward-pass')).position, paused.frames - 2, 'position after ArrowLeft');
        await press(page, 'Home');
        expectEqual((await passState(page, 'forward-pass')).position, 0, 'position after Home');
        const narration = await page
          .locator('#forward-pass [part~="narration"]')
          .evaluate((el) => el.textContent.trim());
        expect(narration.startsWith(`1 of ${paused.frames}:`), `the live region says "${narration}"`);
        await press(page, 'Space');
        await poll(
          () => passState(page, 'forward-pass'),
          (s) => s.playing && s.position >= 1,
          'Space did not play',
        );
        await press(page, 'Space');
        expect(!(await passState(page, 'forward-pass')).playing, 'Space did not pause again');
      },
    );

    await check('keyboard: Backward Pass, the step-0 init radio with arrows changes what step 0 shows', async () => {
      await arrowToTab(page, 'backward-pass');
      const firstSteps = page.locator('#first-steps');
      const read = () =>
        firstSteps.evaluate((el) => ({
          checked: el.shadowRoot.querySelector('input[name="init"]:checked')?.value ?? null,
          gradA0: el.shadowRoot
            .querySelector('[part~="table-fc1"] [part~="row-step-0"] [part~="value-grad-a"]')
            ?.textContent.trim(),
          noop: el.shadowRoot.querySelector('[part~="noop-value"]')?.textContent.trim(),
        }));
      await poll(read, (s) => s.checked === 'true' && s.gradA0 !== undefined, 'the step-0 view is not ready');
      expectEqual((await read()).gradA0, '0', "fc1's ‖∂L/∂A‖ at step 0 with PEFT's default (B = 0)");
      await tabTo(page, ['#first-steps', 'input[name="init"]:checked']);
      await press(page, 'ArrowDown');
      // gaussian: A ~ N(0, 1/r) but B = 0 still, so A's gradient s·Bᵀ·δ·xᵀ is exactly zero at step 0.
      const gaussian = await poll(read, (s) => s.checked === 'gaussian', 'ArrowDown did not choose gaussian');
      expectEqual(gaussian.gradA0, '0', "fc1's ‖∂L/∂A‖ at step 0 with gaussian init");
      await press(page, 'ArrowDown');
      // false: B random too, so the adapter is not a no-op and A gets a gradient at once.
      const both = await poll(read, (s) => s.checked === 'false', 'ArrowDown did not choose false');
      expect(Number(String(both.gradA0).replace(/\u2212/g, '-')) > 0, `‖∂L/∂A‖ at step 0 is ${both.gradA0}`);
      expect(both.noop !== '0', `the adapter is a no-op with both random (${both.noop})`);
    });

    await check(
      'keyboard: Knowledge Change, Tab to Fine-tune, Enter, wait for the end; cycle a label chip',
      async () => {
        await arrowToTab(page, 'knowledge-change');
        const detail = await fineTuneAndWait(page, async () => {
          await tabTo(page, ['#trainer', '[part~="fine-tune"]']);
          await page.keyboard.press('Enter');
        });
        expect(detail.losses.length > 0, 'no losses in the end event');
        const afterRun = await noteFocus(page, 'the fine-tune ended');
        expectVisible(afterRun, 'after the fine-tune ended');
        // Enter on Fine-tune hands the focus to Cancel while the run lasts, and it comes back at the end.
        expect(afterRun.path.includes('[part="fine-tune"]'), `the focus is on ${afterRun.path} after the run`);
        // The first chip of the training lines: Enter writes the next class into the textarea.
        const chip = '[part~="lines-training"] [part~="chip"]';
        await tabTo(page, ['#trainer', chip], { back: true });
        const line = Number(
          await page.evaluate(
            () => document.activeElement.shadowRoot.activeElement.closest('[data-line]').dataset.line,
          ),
        );
        const label = () =>
          page.locator('#trainer').evaluate((el, n) => {
            const button = el.shadowRoot.querySelector(
              `[part~="lines-training"] [data-line="${n}"] [part~="chip"] .chip-value`,
            );
            return button?.textContent.trim();
          }, line);
        const textLine = () =>
          page.locator('#trainer [part~="training-text"]').evaluate((el, n) => el.value.split('\n')[n - 1], line);
        const was = await label();
        expect(was === 'positive' || was === 'negative', `chip shows "${was}"`);
        const next = was === 'positive' ? 'negative' : 'positive';
        await press(page, 'Enter');
        await poll(label, (l) => l === next, `the chip did not change to ${next}`);
        expect((await textLine()).endsWith(`\t${next}`), `line ${line} of the text is "${await textLine()}"`);
        await press(page, 'Space');
        await poll(label, (l) => l === was, `Space did not change the chip back to ${was}`);
      },
    );

    await check('keyboard: Memory Dashboard, rank ArrowUp (r 4 → 5) and method ArrowDown', async () => {
      await arrowToTab(page, 'memory-dashboard');
      const dashboard = page.locator('#memory-dashboard');
      const peft = () =>
        dashboard.evaluate((el) => el.shadowRoot.querySelector('[part~="peft-line"]')?.textContent.trim());
      // The toy follows the sidebar, now at r = 3; set it back to 4 from the dashboard's own rank box.
      await tabTo(page, ['#memory-dashboard', 'input[part~="rank"]']);
      const rank = () => dashboard.evaluate((el) => el.shadowRoot.querySelector('input[part~="rank"]').value);
      const start = Number(await rank());
      for (let r = start; r < 4; r += 1) await press(page, 'ArrowUp');
      await poll(peft, (t) => t === PEFT_LINE.rank4, `the PEFT line at r = 4 is not "${PEFT_LINE.rank4}"`);
      await press(page, 'ArrowUp');
      await poll(peft, (t) => t === PEFT_LINE.rank5, `the PEFT line at r = 5 is not "${PEFT_LINE.rank5}"`);
      const method = () => dashboard.evaluate((el) => el.method);
      const before = await method();
      await tabTo(page, ['#memory-dashboard', 'input[name="method"]:checked'], { back: true });
      await press(page, 'ArrowDown');
      const after = await poll(method, (m) => m !== before, `ArrowDown did not change the method (${before})`);
      const checked = await dashboard.evaluate(
        (el) => el.shadowRoot.querySelector('input[name="method"]:checked').value,
      );
      expectEqual(checked, after, 'the checked radio is the method in focus');
    });

    await check('keyboard: the focus was visible at every stop of the run (.tmp/a11y/focus-stops.json)', async () => {
      await writeFile(`${OUT_DIR}focus-stops.json`, `${JSON.stringify(focusStops, null, 2)}\n`);
      const hidden = focusStops.filter((s) => s.onBody || !s.focusVisible || s.indicator === null);
      expect(focusStops.length > 20, `only ${focusStops.length} focus stops were seen`);
      expect(
        hidden.length === 0,
        `${hidden.length} of ${focusStops.length} stops without a visible focus:\n${hidden.map((s) => `${s.path} (after ${s.how})`).join('\n')}`,
      );
    });
  } finally {
    await page.close();
  }
}

// ---------------------------------------------------------------- part 3: forced colours, reduced motion

async function forcedColors(context, url) {
  const page = await newPage(context, { forcedColors: 'active' });
  try {
    await check('forced colours: the demo loads and the media query matches', async () => {
      await openDemo(page, url);
      expect(await page.evaluate(() => matchMedia('(forced-colors: active)').matches), 'forced-colors is not active');
    });
    for (const [slug, name] of TABS) {
      await check(`forced colours: ${name} has no violation (.tmp/a11y/forced-${slug}.png)`, async () => {
        await showTab(page, slug);
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: `${OUT_DIR}forced-${slug}.png`, fullPage: true });
        await expectNoViolations(page, `forced-colors ${slug}`);
      });
    }
  } finally {
    await page.close();
  }
}

/** Computed transition durations of the nodes of the graph inside a pass element. */
const graphTransitions = (page, id) =>
  page.evaluate((i) => {
    const graph = document.getElementById(i).shadowRoot.querySelector('lora-graph');
    const nodes = [...(graph?.shadowRoot?.querySelectorAll('[part~="node"]') ?? [])];
    return [...new Set(nodes.map((n) => getComputedStyle(n).transitionDuration))];
  }, id);

async function reducedMotion(context, url) {
  for (const motion of ['no-preference', 'reduce']) {
    const page = await newPage(context, { reducedMotion: motion });
    try {
      const label = motion === 'reduce' ? 'reduced motion' : 'full motion (control)';
      await check(`${label}: the demo loads`, () => openDemo(page, url));
      for (const kind of ['forward', 'backward']) {
        await check(
          `${label}: ${kind} pass plays frame by frame; graph transitions ${motion === 'reduce' ? '0s' : 'run'}`,
          async () => {
            await showTab(page, `${kind}-pass`);
            await page.locator(`#${kind}-form button[type="submit"]`).click();
            const seen = new Set();
            await poll(
              async () => {
                const s = await passState(page, `${kind}-pass`);
                seen.add(s.position);
                return s;
              },
              (s) => s.playing && s.position >= 3,
              `the ${kind} pass did not advance`,
            );
            expect(seen.size >= 2, `only positions ${[...seen].join(', ')} were seen`);
            const durations = await graphTransitions(page, `${kind}-pass`);
            expect(durations.length > 0, 'the graph has no nodes');
            if (motion === 'reduce') expectEqual(durations, ['0s'], 'transition durations of the graph nodes');
            else
              expect(
                durations.some((d) => d !== '0s'),
                `no transition without reduced motion (${durations})`,
              );
            await page.evaluate((id) => document.getElementById(id).pause(), `${kind}-pass`);
          },
        );
      }
    } finally {
      await page.close();
    }
  }
}

// ---------------------------------------------------------------- the run

/**
 * A fresh browser context (its own localStorage, so no part sees settings another part left behind)
 * that reports CSP violations and has axe injected by the DevTools protocol before any page script.
 */
async function newContext(browser) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.exposeBinding('__a11yReportCsp', (_source, report) => problems.push(`CSP violation: ${report}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__a11yReportCsp(`${event.violatedDirective} blocked ${event.blockedURI || '(inline)'}`);
    });
  });
  await context.addInitScript({ content: AXE_SOURCE });
  return context;
}

async function run(url) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    // A11Y_PARTS=keyboardRun (comma-separated function names) runs only some parts, when working on one.
    const only = process.env.A11Y_PARTS?.split(',');
    const parts = [auditThemes, keyboardRun, forcedColors, reducedMotion].filter((p) => !only || only.includes(p.name));
    for (const part of parts) {
      const context = await newContext(browser);
      try {
        await part(context, url);
      } finally {
        await context.close();
      }
    }
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
  await mkdir(OUT_DIR, { recursive: true });
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
    await writeFile(`${OUT_DIR}axe.json`, `${JSON.stringify(axeReports, null, 2)}\n`);
  }
}

const started = Date.now();
try {
  await main();
} catch (error) {
  failed += 1;
  console.log('not ok - the run finished without an unexpected error');
  console.log(`  # ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
}
if (process.env.A11Y_TIMINGS) {
  for (const [name, ms] of timings) console.log(`# ${(ms / 1000).toFixed(1)}s ${name}`);
}
console.log(`# ${((Date.now() - started) / 1000).toFixed(1)}s in all`);
console.log(`a11y: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
