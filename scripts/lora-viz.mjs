#!/usr/bin/env node
// `pnpm lora-viz …` at the repo root: runs the CLI of @lora-viz/core from its build, rebuilding core
// first when any source file is newer than the build (so a fresh clone or an edit just works).
// Build output is shown only if the build fails, to keep stdout a clean JSON channel.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const core = join(dirname(fileURLToPath(import.meta.url)), '..', 'packages', 'core');
const cli = join(core, 'dist', 'cli.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

if (!existsSync(cli) || statSync(cli).mtimeMs < newestSource(join(core, 'src'))) {
  const build = spawnSync('pnpm', ['--filter', '@lora-viz/core', 'build'], { encoding: 'utf8' });
  if (build.status !== 0) {
    process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}`);
    process.stderr.write('lora-viz: building @lora-viz/core failed (see above)\n');
    process.exit(1);
  }
}

await import(pathToFileURL(cli).href);
