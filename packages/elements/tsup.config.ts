import { defineConfig } from 'tsup';

export default defineConfig({
  // index registers nothing; define and the per-tag entries (lora-*.js) are the side-effect entries
  // named in package.json `sideEffects`. Shared code goes to chunks, so each class exists once.
  entry: {
    index: 'src/index.ts',
    define: 'src/define.ts',
    'lora-param-table': 'src/lora-param-table.ts',
    'lora-controls': 'src/lora-controls.ts',
    'lora-matrix': 'src/lora-matrix.ts',
    'lora-injection': 'src/lora-injection.ts',
    'lora-graph': 'src/lora-graph.ts',
    'lora-forward-pass': 'src/lora-forward-pass.ts',
    'lora-backward-pass': 'src/lora-backward-pass.ts',
    'lora-first-steps': 'src/lora-first-steps.ts',
    'lora-trainer': 'src/lora-trainer.ts',
    'lora-memory-dashboard': 'src/lora-memory-dashboard.ts',
  },
  format: ['esm'],
  dts: true,
  splitting: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'browser',
  // @lora-viz/core and lit are dependencies: kept as imports for the page's bundler to resolve.
});
