#!/usr/bin/env node
import { runCli } from './run.js';

// exitCode rather than process.exit(): stdout may still be flushing a large JSON document into a pipe.
process.exitCode = runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
