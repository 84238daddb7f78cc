import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { defaultReporter } from '@web/test-runner';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { CHROMIUM, CHROMIUM_ARGS } from '../../scripts/chromium.mjs';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const coreDir = fileURLToPath(new URL('../core/', import.meta.url));

/**
 * Serves `@lora-viz/core` from its TypeScript sources, so the tests need no build of core
 * (its package.json `exports` point at dist/, which may be stale or missing).
 */
const coreFromSource = {
  name: 'lora-viz-core-from-source',
  resolveImport({ source }) {
    if (source === '@lora-viz/core') return '/packages/core/src/index.ts';
  },
};

/**
 * tfjs-core's ESM build imports two CommonJS packages (`long`, `seedrandom`) that a browser cannot
 * load as modules. Bundle the three tfjs entry points core imports into ESM once, with shared chunks
 * so that every entry sees the same single copy of tfjs-core, and serve them from memory.
 */
const TFJS_PREFIX = '/__lora-viz-tfjs__/';
const TFJS_ENTRIES = {
  '@tensorflow/tfjs-core': 'tfjs-core',
  '@tensorflow/tfjs-backend-cpu': 'tfjs-backend-cpu',
  '@tensorflow/tfjs-core/dist/register_all_gradients': 'register-all-gradients',
};
function tfjsPrebundle() {
  let files;
  return {
    name: 'lora-viz-tfjs-prebundle',
    async serverStart() {
      const result = await esbuild.build({
        absWorkingDir: coreDir,
        entryPoints: Object.fromEntries(Object.entries(TFJS_ENTRIES).map(([spec, name]) => [name, spec])),
        bundle: true,
        splitting: true,
        format: 'esm',
        platform: 'browser',
        target: 'es2022',
        outdir: 'out',
        write: false,
        logLevel: 'error',
      });
      const outDir = `${coreDir}out/`;
      files = new Map(result.outputFiles.map((file) => [file.path.slice(outDir.length), file.text]));
    },
    resolveImport({ source }) {
      const name = TFJS_ENTRIES[source];
      if (name) return `${TFJS_PREFIX}${name}.js`;
      if (source.startsWith('@tensorflow/')) {
        // Served unbundled it would load a second tfjs-core (or fail on CommonJS): bundle it too.
        throw new Error(`web-test-runner.config.mjs: add "${source}" to TFJS_ENTRIES`);
      }
    },
    serve(context) {
      if (!context.path.startsWith(TFJS_PREFIX)) return undefined;
      const body = files.get(context.path.slice(TFJS_PREFIX.length));
      return body === undefined ? undefined : { body, type: 'js' };
    },
  };
}

/**
 * elkjs/lib/elk.bundled.js is a UMD/CommonJS file, so a browser importing it finds no default export
 * (TOOLCHAIN pitfall 13). Wrap it as ESM with `module.exports` as the default; Vite and tsup need no help.
 */
const elkUmdToEsm = {
  name: 'lora-viz-elk-umd-to-esm',
  transform(context) {
    if (/\/elkjs\/lib\/elk\.bundled\.js$/.test(context.path)) {
      return {
        body: `var module = { exports: {} }; var exports = module.exports;\n${context.body}\nexport default module.exports;\n`,
      };
    }
  },
};

/** Counts individual tests (suites walked recursively) in every session. */
function countTests(sessions) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const walk = (suite) => {
    for (const test of suite.tests) {
      if (test.skipped) counts.skipped += 1;
      else if (test.passed) counts.passed += 1;
      else counts.failed += 1;
    }
    for (const child of suite.suites) walk(child);
  };
  for (const session of sessions) {
    const before = counts.failed;
    if (session.testResults) walk(session.testResults);
    // A file that failed to load, or an error outside any test, must not read as a pass.
    if (session.passed === false && counts.failed === before) counts.failed += 1;
  }
  return counts;
}

/** Writes `{"passed":N,"failed":N,"skipped":N}` to `path` after each run (the root test script sums it). */
function summaryReporter(path) {
  const write = ({ sessions }) => writeFileSync(path, `${JSON.stringify(countTests(sessions))}\n`);
  return { onTestRunFinished: write, stop: write };
}

const summaryPath = process.env.LORA_VIZ_TEST_SUMMARY;

export default {
  rootDir: repoRoot,
  // Absolute, so the config also works when wtr runs from another directory.
  files: fileURLToPath(new URL('./test/**/*.test.ts', import.meta.url)),
  nodeResolve: true,
  // Two cores: one page at a time keeps timings stable.
  concurrency: 1,
  plugins: [
    coreFromSource,
    tfjsPrebundle(),
    esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)), target: 'es2022' }),
    elkUmdToEsm,
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS },
    }),
  ],
  reporters: summaryPath ? [defaultReporter(), summaryReporter(summaryPath)] : [defaultReporter()],
  testFramework: { config: { timeout: 10000 } },
  // Keep Lit's dev build (its warnings catch real mistakes) but drop its one-line banner.
  filterBrowserLogs: ({ args }) => !(typeof args[0] === 'string' && args[0].startsWith('Lit is in dev mode')),
};
