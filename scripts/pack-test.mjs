#!/usr/bin/env node
// `pnpm test:pack`: the packages as people install them. Packs @lora-viz/core and @lora-viz/elements
// with `pnpm pack` (which turns `workspace:*` into the real version), lints the tarballs with publint,
// installs them with npm into a scratch project in the OS temp dir (outside the workspace, so nothing
// resolves through pnpm's links), and then, from that project only:
//   - Node: imports @lora-viz/core by name, pretrains a task base and fine-tunes it; runs the `lora-viz` bin;
//   - types: compiles a strict TypeScript file against the installed .d.ts files;
//   - sideEffects: imports every file of elements' dist/ under a recording `customElements` and compares
//     the files that register a tag with the package's `sideEffects` list;
//   - Chromium: a plain HTML page that imports one element by its side-effect entry
//     (`@lora-viz/elements/lora-param-table.js`) renders PEFT's line.
//
// Why the page is bundled by Vite rather than served through an import map: tfjs-core and
// tfjs-backend-cpu cannot be loaded by a browser from node_modules as they are. Core imports
// `@tensorflow/tfjs-core/dist/register_all_gradients`, and tfjs's ES build imports its own files without
// extensions (`./base`, `./gradients/Abs_grad`, …: some 800 modules) and imports the CommonJS packages
// `seedrandom` and `long`, which no import map can turn into ES modules. So the page is built with Vite
// (the demo's copy, resolving everything from the scratch project's node_modules) and the built files
// are served by a small node:http server. Bundling also holds `sideEffects` to its word: a bundler drops
// `import '@lora-viz/elements/lora-param-table.js'` when that file is not listed as having side effects.
//
// Needs the packages built (`pnpm build`; `pnpm test:pack` does it), npm and the npm registry (for lit,
// tfjs, …), and Chromium (CHROMIUM_PATH, default /usr/bin/chromium). Prints `ok - …` / `not ok - …`
// per check and a final `pack: N passed, N failed`; exits 1 when a check failed. The screenshot goes to
// .tmp/pack/page.png; the temp dirs are removed at the end.

import { spawn } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SHOT = join(ROOT, '.tmp/pack/page.png');
// Vite and playwright-core are the demo's dev dependencies; the scratch project stays free of tooling.
const demoRequire = createRequire(join(ROOT, 'examples/demo/package.json'));
const TSC = createRequire(join(ROOT, 'package.json')).resolve('typescript/bin/tsc');

const PACKAGES = [
  { name: '@lora-viz/core', dir: join(ROOT, 'packages/core') },
  { name: '@lora-viz/elements', dir: join(ROOT, 'packages/elements') },
];

// PEFT's print_trainable_parameters line, worked out by hand (ARCHITECTURE §3.2):
//   classification MLP 8→16→16→4: base = (16·8+16) + (16·16+16) + (4·16+4) = 144 + 272 + 68 = 484
//   LoRA r=4 on fc1, fc2: 4·(8+16) + 4·(16+16) = 96 + 128 = 224 trainable; all = 484 + 224 = 708
//   224 / 708 = 31.63841… %
const PEFT_CLASSIFICATION = 'trainable params: 224 || all params: 708 || trainable%: 31.6384';
//   sentiment MLP 8→16→16→2: base = 144 + 272 + (2·16+2) = 450; the same adapter: 224 of 674 = 33.23442… %
const PEFT_SENTIMENT = 'trainable params: 224 || all params: 674 || trainable%: 33.2344';

// Two sarcastic reviews that the pretrained base gets wrong, so fine-tuning has something to learn and
// the loss has room to fall.
const TRAINING_TEXT = 'Oh great, the train is late again\tnegative\nNot bad at all, I would go back\tpositive';
const EPOCHS = 8;

// ---------------------------------------------------------------- check bookkeeping

process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
});

let passed = 0;
let failed = 0;

async function check(name, body) {
  const start = Date.now();
  const took = () => `(${((Date.now() - start) / 1000).toFixed(1)} s)`;
  try {
    await body();
    passed += 1;
    console.log(`ok - ${name} ${took()}`);
  } catch (error) {
    failed += 1;
    console.log(`not ok - ${name} ${took()}`);
    const message = error instanceof Error ? error.message : String(error);
    for (const line of message.split('\n').slice(0, 12)) console.log(`  # ${line}`);
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

/** Runs a command to completion and returns its exit code and output; kills it after `timeoutMs`. */
function run(command, args, { cwd, timeoutMs = 120_000 } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: 127, stdout, stderr: String(error) });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr: signal ? `${stderr}\nkilled by ${signal}` : stderr });
    });
  });
}

function expectSuccess(result, what) {
  if (result.code !== 0) throw new Error(`${what} exited with ${result.code}\n${result.stderr}${result.stdout}`);
}

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

/** The tag names of the custom elements a custom-elements.json manifest declares. */
function manifestTags(manifest) {
  return manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .filter((declaration) => declaration.customElement && declaration.tagName)
    .map((declaration) => declaration.tagName);
}

// ---------------------------------------------------------------- files written into the scratch project

/** Trains with the installed core; prints one JSON line. */
const TRAIN_SCRIPT = `import { createTaskBase, fineTune, parseLines, tf } from '@lora-viz/core';

const baseline = tf.memory().numTensors;
const base = createTaskBase('sentiment');
const parsed = parseLines('sentiment', ${JSON.stringify(TRAINING_TEXT)});
const result = await fineTune(base, parsed.examples, { epochs: ${EPOCHS} });
const report = {
  resolved: import.meta.resolve('@lora-viz/core'),
  backend: tf.getBackend(),
  examples: parsed.examples.length,
  problems: parsed.problems.length,
  status: result.status,
  losses: result.losses,
  frozenUnchanged: result.frozenUnchanged,
  peft: result.peft,
};
result.model.dispose();
base.dispose();
report.leakedTensors = tf.memory().numTensors - baseline;
console.log(JSON.stringify(report));
`;

/**
 * Imports every chunk of elements' dist/ first, then every entry, each under a fresh record of
 * \`customElements.define\` calls; \`get\` always answers "not defined" so every entry really registers.
 * Lit's Node build (its \`node\` export condition) keeps the recorder, as it only fills in a missing registry.
 */
const SIDE_EFFECTS_SCRIPT = `import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const defined = [];
globalThis.customElements = { define: (tag) => defined.push(tag), get: () => undefined, whenDefined: async () => {} };
const dist = new URL('./node_modules/@lora-viz/elements/dist/', import.meta.url);
const files = readdirSync(fileURLToPath(dist)).filter((file) => file.endsWith('.js'));
const chunks = files.filter((file) => file.startsWith('chunk-'));
const entries = files.filter((file) => !file.startsWith('chunk-'));
const registered = {};
for (const file of [...chunks, ...entries]) {
  defined.length = 0;
  await import(new URL(file, dist).href);
  registered[file] = [...defined];
}
const manifest = import.meta.resolve('@lora-viz/elements/custom-elements.json');
console.log(JSON.stringify({ chunks, entries, registered, manifest }));
`;

/** Uses both packages' types the way a TypeScript user would; compiled with --strict. */
const TYPES_FILE = `import { attachLora, countParameters, createMlp, type FineTuneResult, type LoraModel } from '@lora-viz/core';
import type { LoraGraph } from '@lora-viz/elements';
import { LoraParamTable } from '@lora-viz/elements/lora-param-table.js';

const model: LoraModel = createMlp({ task: 'classification' });
attachLora(model, { r: 4 });
export const line: string = countParameters(model).peftLine;
export const table: LoraParamTable = document.createElement('lora-param-table');
table.model = model;
export type Graph = LoraGraph;
export type Losses = FineTuneResult['losses'];
`;

const TSCONFIG = {
  compilerOptions: {
    strict: true,
    noEmit: true,
    module: 'nodenext',
    moduleResolution: 'nodenext',
    target: 'es2022',
    lib: ['es2022', 'dom', 'dom.iterable'],
    types: [],
    // Only tfjs's own .d.ts fail on their own (they expect @types/long as an ambient global); ours are
    // still resolved and checked where used.
    skipLibCheck: true,
  },
  files: ['types.mts'],
};

/** The page: no framework, one side-effect import, one tag. */
const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <link rel="icon" href="data:," />
    <title>@lora-viz/elements, installed from the tarball</title>
    <script type="module">
      import '@lora-viz/elements/lora-param-table.js';
    </script>
  </head>
  <body>
    <lora-param-table lora task="classification"></lora-param-table>
  </body>
</html>
`;

// ---------------------------------------------------------------- the static server

const CONTENT_TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.map': 'application/json',
};

/** Serves `dir` on 127.0.0.1 at a free port; resolves to the server once it listens. */
function serveStatic(dir) {
  const server = createServer((request, response) => {
    let path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (path.endsWith('/')) path += 'index.html';
    const file = join(dir, path);
    if (relative(dir, file).startsWith('..') || !existsSync(file) || !lstatSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

// ---------------------------------------------------------------- the checks

const started = Date.now();
const work = mkdtempSync(join(tmpdir(), 'lora-viz-pack-'));
const tarballDir = join(work, 'tarballs');
const scratch = join(work, 'scratch');
mkdirSync(tarballDir);
mkdirSync(scratch);
rmSync(SHOT, { force: true }); // the screenshot check must see this run's file
const tarballs = new Map();
let installed = false;
let browser;
let server;

try {
  for (const { name, dir } of PACKAGES) {
    await check(`pnpm pack ${name}`, async () => {
      const result = await run('pnpm', ['pack', '--pack-destination', tarballDir, '--json'], { cwd: dir });
      expectSuccess(result, 'pnpm pack');
      const { filename } = JSON.parse(result.stdout);
      expect(existsSync(filename), `no tarball at ${filename}`);
      tarballs.set(name, filename);
    });
  }

  for (const { name } of PACKAGES) {
    await check(`publint ${name}: the tarball has no errors, warnings or suggestions`, async () => {
      const file = tarballs.get(name);
      expect(file, 'not packed');
      const bytes = readFileSync(file);
      const tarball = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      const { messages, pkg } = await publint({ pack: { tarball }, level: 'suggestion', strict: true });
      expect(messages.length === 0, messages.map((m) => `${m.type}: ${formatMessage(m, pkg)}`).join('\n'));
    });
  }

  await check('npm installs both tarballs into a scratch project outside the workspace', async () => {
    expect(tarballs.size === PACKAGES.length, 'a package was not packed');
    expect(relative(ROOT, scratch).startsWith('..'), `${scratch} is inside the workspace`);
    writeFileSync(
      join(scratch, 'package.json'),
      `${JSON.stringify({ name: 'lora-viz-pack-scratch', private: true, type: 'module' }, null, 2)}\n`,
    );
    const result = await run(
      'npm',
      ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', ...tarballs.values()],
      { cwd: scratch, timeoutMs: 180_000 },
    );
    expectSuccess(result, 'npm install');
    for (const { name } of PACKAGES) {
      const dir = join(scratch, 'node_modules', name);
      // A real copy from the tarball, never a link back into the workspace.
      expect(existsSync(dir) && !lstatSync(dir).isSymbolicLink(), `${name} is not a plain directory in node_modules`);
      const text = readFileSync(join(dir, 'package.json'), 'utf8');
      expect(!text.includes('workspace:'), `${name}'s package.json still says workspace:`);
    }
    const elements = readJson(join(scratch, 'node_modules/@lora-viz/elements/package.json'));
    const core = readJson(join(scratch, 'node_modules/@lora-viz/core/package.json'));
    expectEqual(elements.dependencies['@lora-viz/core'], core.version, "elements' dependency on core");
    // The packed core satisfied elements' dependency: no second copy fetched from the registry.
    expect(
      !existsSync(join(scratch, 'node_modules/@lora-viz/elements/node_modules/@lora-viz/core')),
      'npm installed a second @lora-viz/core under elements',
    );
    installed = true;
  });

  await check(
    `Node: imports @lora-viz/core by name, pretrains the sentiment base, fine-tunes ${EPOCHS} epochs`,
    async () => {
      expect(installed, 'the scratch install failed');
      writeFileSync(join(scratch, 'train.mjs'), TRAIN_SCRIPT);
      const result = await run(process.execPath, ['train.mjs'], { cwd: scratch });
      expectSuccess(result, 'node train.mjs');
      const report = JSON.parse(result.stdout.trim().split('\n').at(-1));
      expectEqual(
        report.resolved,
        pathToFileURL(join(scratch, 'node_modules/@lora-viz/core/dist/node.js')).href,
        'module that `@lora-viz/core` resolved to',
      );
      expectEqual(report.backend, 'cpu', 'tfjs backend');
      expectEqual([report.examples, report.problems], [2, 0], '[examples, problems] parsed');
      expectEqual(report.status, 'completed', 'status');
      expectEqual(report.losses.length, EPOCHS, 'epochs trained');
      const [first, last] = [report.losses[0], report.losses.at(-1)];
      expect(Number.isFinite(first) && last < first, `the loss did not fall: ${report.losses.join(', ')}`);
      expectEqual(report.frozenUnchanged, true, 'frozenUnchanged');
      expectEqual(report.peft, PEFT_SENTIMENT, "PEFT's line of the fine-tuned model");
      expectEqual(report.leakedTensors, 0, 'tensors left after disposing both models');
    },
  );

  await check(`CLI: npx lora-viz params --task classification prints "${PEFT_CLASSIFICATION}"`, async () => {
    expect(installed, 'the scratch install failed');
    // --no: use the installed bin, never fetch a package called lora-viz from the registry.
    const result = await run('npx', ['--no', 'lora-viz', 'params', '--task', 'classification'], { cwd: scratch });
    expectSuccess(result, 'npx lora-viz params');
    const lines = result.stdout.split('\n').map((line) => line.trim());
    expect(lines.includes(PEFT_CLASSIFICATION), `no such line in:\n${result.stdout}`);
  });

  await check(
    'types: a --strict TypeScript file using both packages compiles against the installed .d.ts',
    async () => {
      expect(installed, 'the scratch install failed');
      writeFileSync(join(scratch, 'types.mts'), TYPES_FILE);
      writeFileSync(join(scratch, 'tsconfig.json'), `${JSON.stringify(TSCONFIG, null, 2)}\n`);
      const result = await run(process.execPath, [TSC, '-p', '.'], { cwd: scratch });
      expectSuccess(result, 'tsc');
    },
  );

  const registration = {};

  await check('sideEffects of @lora-viz/elements names exactly the files that register elements', async () => {
    expect(installed, 'the scratch install failed');
    const pkg = readJson(join(scratch, 'node_modules/@lora-viz/elements/package.json'));
    writeFileSync(join(scratch, 'side-effects.mjs'), SIDE_EFFECTS_SCRIPT);
    const result = await run(process.execPath, ['side-effects.mjs'], { cwd: scratch });
    expectSuccess(result, 'node side-effects.mjs');
    Object.assign(registration, JSON.parse(result.stdout.trim().split('\n').at(-1)));
    const { chunks, registered } = registration;
    expect(Array.isArray(pkg.sideEffects), 'sideEffects is not a list');
    const registering = Object.keys(registered)
      .filter((file) => registered[file].length > 0)
      .map((file) => `./dist/${file}`)
      .sort();
    expectEqual(registering, [...pkg.sideEffects].sort(), 'files that call customElements.define on import');
    expect(chunks.length > 0, 'no shared chunks: the check of chunks checked nothing');
    expectEqual(registered['index.js'], [], 'tags registered by importing the package root');
  });

  await check(
    'custom-elements.json: shipped, exported, and each tag has a side-effect entry; define.js has all',
    async () => {
      expect(registration.registered, 'the registration check did not run');
      const pkgDir = join(scratch, 'node_modules/@lora-viz/elements');
      const pkg = readJson(join(pkgDir, 'package.json'));
      expectEqual(pkg.customElements, 'custom-elements.json', 'the customElements field');
      expectEqual(
        registration.manifest,
        pathToFileURL(join(pkgDir, 'custom-elements.json')).href,
        'what @lora-viz/elements/custom-elements.json resolves to',
      );
      const tags = manifestTags(readJson(join(pkgDir, 'custom-elements.json'))).sort();
      expect(tags.length > 0, 'the manifest lists no elements');
      expectEqual([...registration.registered['define.js']].sort(), tags, 'tags registered by define.js');
      for (const tag of tags) {
        expect(pkg.exports[`./${tag}.js`], `no export ./${tag}.js`);
        expect(registration.registered[`${tag}.js`]?.includes(tag), `${tag}.js does not register <${tag}>`);
      }
    },
  );

  // ------------------------------------------------------------ the page in Chromium
  const page = { dir: join(scratch, 'page'), out: join(scratch, 'site'), problems: [] };

  await check('Vite bundles a plain HTML page that imports @lora-viz/elements/lora-param-table.js', async () => {
    expect(installed, 'the scratch install failed');
    mkdirSync(page.dir);
    writeFileSync(join(page.dir, 'index.html'), PAGE);
    const { build } = await import(pathToFileURL(demoRequire.resolve('vite')).href);
    await build({
      configFile: false,
      root: page.dir,
      logLevel: 'warn',
      build: {
        outDir: page.out,
        emptyOutDir: true,
        target: 'es2022',
        reportCompressedSize: false,
        chunkSizeWarningLimit: 4096,
      },
    });
    expect(existsSync(join(page.out, 'index.html')), 'no index.html built');
    const bundle = readdirSync(join(page.out, 'assets')).find((file) => file.endsWith('.js'));
    expect(bundle, 'no script bundled');
    // The side-effect import survived tree-shaking: the element's own code is in the bundle.
    const code = readFileSync(join(page.out, 'assets', bundle), 'utf8');
    expect(code.includes('lora-param-table'), 'the bundle does not contain the element (import dropped?)');
  });

  await check(
    "Chromium: <lora-param-table> is defined, alone, and renders PEFT's line in its shadow root",
    async () => {
      expect(existsSync(join(page.out, 'index.html')), 'the page was not built');
      const { chromium } = demoRequire('playwright-core');
      server = await serveStatic(page.out);
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      const tab = await browser.newPage({ viewport: { width: 1000, height: 460 } });
      tab.setDefaultTimeout(30_000);
      tab.on('console', (message) => {
        if (message.type() === 'error') page.problems.push(`console error: ${message.text()}`);
      });
      tab.on('pageerror', (error) => page.problems.push(`page error: ${error.message}`));
      tab.on('requestfailed', (request) => page.problems.push(`request failed: ${request.url()}`));
      tab.on('response', (response) => {
        if (response.status() >= 400) page.problems.push(`HTTP ${response.status()}: ${response.url()}`);
      });
      await tab.goto(`http://127.0.0.1:${server.address().port}/`, { waitUntil: 'load' });
      await tab.waitForFunction(() =>
        document.querySelector('lora-param-table')?.shadowRoot?.querySelector('[part~="peft-line"]'),
      );
      const tags = manifestTags(readJson(join(scratch, 'node_modules/@lora-viz/elements/custom-elements.json')));
      const seen = await tab.evaluate((allTags) => {
        const element = document.querySelector('lora-param-table');
        return {
          upgraded: element instanceof (customElements.get('lora-param-table') ?? class {}),
          defined: allTags.filter((tag) => customElements.get(tag) !== undefined),
          line: element.shadowRoot.querySelector('[part~="peft-line"]').textContent.trim(),
        };
      }, tags);
      expectEqual(seen.upgraded, true, 'the <lora-param-table> in the page is an instance of the defined class');
      expectEqual(seen.defined, ['lora-param-table'], 'tags defined by the one side-effect entry');
      expectEqual(seen.line, PEFT_CLASSIFICATION, "PEFT's line");
      mkdirSync(dirname(SHOT), { recursive: true });
      await tab.screenshot({ path: SHOT });
      await tab.close();
    },
  );

  await check('Chromium: no console error, page error or failed request', async () => {
    expect(browser, 'the page did not run');
    expect(page.problems.length === 0, page.problems.join('\n'));
  });

  await check('screenshot saved to .tmp/pack/page.png', async () => {
    expect(existsSync(SHOT), 'no screenshot');
    const signature = readFileSync(SHOT).subarray(0, 8).toString('hex');
    expectEqual(signature, '89504e470d0a1a0a', 'PNG signature');
  });
} finally {
  await browser?.close();
  server?.close();
  rmSync(work, { recursive: true, force: true });
}

console.log(
  `# ${((Date.now() - started) / 1000).toFixed(1)} s; screenshot: ${relative(ROOT, SHOT).split(sep).join('/')}`,
);
console.log(`pack: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
