import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // Browser/bundler build: every dependency external, so bundlers keep one tfjs-core copy.
    entry: { index: 'src/index.ts' },
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    platform: 'neutral',
  },
  {
    // Node build (library + CLI): Node cannot load tfjs-core's gradient registration file
    // (extensionless ESM imports in a CJS-typed package), so it is inlined here.
    entry: { node: 'src/index.ts', cli: 'src/cli/main.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: true,
    clean: false,
    target: 'es2022',
    platform: 'node',
    noExternal: [/^@tensorflow\/tfjs-core\/dist\//],
  },
]);
