#!/usr/bin/env node
// `pnpm test`: every check of the repo, in order: build, the packed packages used outside the workspace
// (scripts/pack-test.mjs), the Node examples (examples/node/check.mjs), lint, typecheck, generated docs,
// core tests (vitest, Node), element tests (@web/test-runner, headless Chromium), then the demo built and driven end to end in
// Chromium, and audited for accessibility there. Every step runs even when an earlier one failed, so one
// run shows all problems. The last line sums the tests of all runners as "N passed, N failed"; the exit
// code is non-zero on any failure.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tmp = join(root, '.tmp', 'test');
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });

function run(command, args, { cwd = root, env = {}, capture = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'],
    });
    let out = '';
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      process.stdout.write(chunk);
    });
    child.on('error', (error) => resolve({ code: 127, out: String(error) }));
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

const bin = (pkg, name) => join(root, pkg, 'node_modules', '.bin', name);
const results = [];
let passed = 0;
let failed = 0;

async function step(name, fn) {
  process.stdout.write(`\n=== ${name}\n`);
  const started = Date.now();
  let outcome;
  try {
    outcome = await fn();
  } catch (error) {
    outcome = { ok: false, note: String(error) };
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push({ name, ...outcome, seconds });
  if (outcome.tests) {
    passed += outcome.tests.passed;
    failed += outcome.tests.failed;
  }
  if (!outcome.ok && !(outcome.tests && outcome.tests.failed > 0)) failed += 1; // a failed step with no failed test still counts
}

await step('build packages', async () => ({ ok: (await run('pnpm', ['build'])).code === 0 }));
await step('packages: packed, installed outside the workspace, used in Node and Chromium', async () => {
  const { code, out } = await run(process.execPath, [join(root, 'scripts/pack-test.mjs')], { capture: true });
  const match = /^pack: (\d+) passed, (\d+) failed$/m.exec(out);
  if (!match) return { ok: false, note: 'no pack summary line' };
  const tests = { passed: Number(match[1]), failed: Number(match[2]) };
  return { ok: code === 0 && tests.passed > 0, tests };
});
await step('examples/node: the Node scripts run and print what they promise', async () => {
  const { code, out } = await run(process.execPath, [join(root, 'examples/node/check.mjs')], { capture: true });
  const match = /^node examples: (\d+) passed, (\d+) failed$/m.exec(out);
  if (!match) return { ok: false, note: 'no node examples summary line' };
  const tests = { passed: Number(match[1]), failed: Number(match[2]) };
  return { ok: code === 0 && tests.passed > 0, tests };
});
await step('lint (eslint + prettier)', async () => ({ ok: (await run('pnpm', ['lint'])).code === 0 }));
await step('typecheck', async () => ({ ok: (await run('pnpm', ['typecheck'])).code === 0 }));
await step('docs generated from code are up to date', async () => ({
  ok: (await run('pnpm', ['docs:check'])).code === 0,
}));

await step('core: vitest', async () => {
  const report = join(tmp, 'vitest.json');
  const { code } = await run(
    bin('packages/core', 'vitest'),
    ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    { cwd: join(root, 'packages/core') },
  );
  const json = readJson(report);
  if (!json) return { ok: false, note: 'no vitest report' };
  const tests = { passed: json.numPassedTests, failed: json.numFailedTests };
  return { ok: code === 0 && tests.passed > 0, tests };
});

await step('elements: web-test-runner in Chromium', async () => {
  const report = join(tmp, 'wtr.json');
  const { code } = await run(bin('packages/elements', 'wtr'), [], {
    cwd: join(root, 'packages/elements'),
    env: { LORA_VIZ_TEST_SUMMARY: report },
  });
  const json = readJson(report);
  if (!json) return { ok: false, note: 'no web-test-runner report' };
  const tests = { passed: json.passed, failed: json.failed };
  return { ok: code === 0 && tests.passed > 0, tests };
});

await step('demo: build and end-to-end in Chromium', async () => {
  if ((await run('pnpm', ['build:demo'])).code !== 0) return { ok: false, note: 'demo build failed' };
  const e2e = join(root, 'examples/demo/scripts/e2e.mjs');
  if (!existsSync(e2e)) return { ok: false, note: 'examples/demo/scripts/e2e.mjs is missing' };
  const { code, out } = await run(process.execPath, [e2e], { capture: true });
  const match = /^e2e: (\d+) passed, (\d+) failed$/m.exec(out);
  if (!match) return { ok: false, note: 'no e2e summary line' };
  const tests = { passed: Number(match[1]), failed: Number(match[2]) };
  return { ok: code === 0 && tests.passed > 0, tests };
});

await step('demo: accessibility (axe, keyboard only, forced colours, reduced motion) in Chromium', async () => {
  // Runs on the demo the e2e step just built; without it there is nothing to audit.
  if (!existsSync(join(root, 'examples/demo/dist/index.html'))) return { ok: false, note: 'the demo is not built' };
  const { code, out } = await run(process.execPath, [join(root, 'examples/demo/scripts/a11y.mjs')], { capture: true });
  const match = /^a11y: (\d+) passed, (\d+) failed$/m.exec(out);
  if (!match) return { ok: false, note: 'no a11y summary line' };
  const tests = { passed: Number(match[1]), failed: Number(match[2]) };
  return { ok: code === 0 && tests.passed > 0, tests };
});

process.stdout.write('\n=== summary\n');
for (const r of results) {
  const counts = r.tests ? ` (${r.tests.passed} passed, ${r.tests.failed} failed)` : '';
  process.stdout.write(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name}${counts} ${r.seconds}s${r.note ? ` - ${r.note}` : ''}\n`);
}
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
