#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { runCli } from './run.js';

// A reader that stops early (`lora-viz graph --json | head`) closes the pipe: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

// exitCode rather than process.exit(): stdout may still be flushing a large JSON document into a pipe.
// The only file access of the CLI, kept here so that the rest of it stays free of node: modules.
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  readFile: (path) => readFileSync(path, 'utf8'),
  readStdin: () => readFileSync(0, 'utf8'),
});
