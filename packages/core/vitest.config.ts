import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // register_all_gradients is ESM inside a CJS-typed package: without pre-bundling vitest
    // inlines and transforms ~600 modules (about 3 s per run).
    deps: {
      optimizer: {
        ssr: { enabled: true, include: ['@tensorflow/tfjs-core/dist/register_all_gradients'] },
      },
    },
  },
});
