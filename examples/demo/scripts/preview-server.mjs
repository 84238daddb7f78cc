// Serves the built demo (examples/demo/dist) with `vite preview` for the e2e test and the benchmark.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const DEMO_DIR = fileURLToPath(new URL('..', import.meta.url));
// The JS entry of vite, run by node itself (not through the .bin shell shim or pnpm), so the
// child we spawn *is* the server and killing it stops the server (TOOLCHAIN pitfall 19).
const VITE_BIN = fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url));

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Starts `vite preview` of the built demo on `port`; returns the child and its output so far. */
export function startPreview(port) {
  const child = spawn(process.execPath, [VITE_BIN, 'preview', '--port', String(port), '--strictPort'], {
    cwd: DEMO_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  // Last resort: whatever ends this process (an uncaught error included) takes the server with it.
  process.once('exit', () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return { child, output: () => output };
}

/** Resolves once `url` answers 200; rejects if the server exits or the time runs out. */
export async function waitForServer(url, server, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(`vite preview exited early (code ${server.child.exitCode}):\n${server.output()}`);
    }
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`vite preview did not answer at ${url} within ${timeoutMs} ms:\n${server.output()}`);
}

/** Stops the server (SIGTERM, then SIGKILL after 3 s). */
export async function stopPreview(server) {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
  await exited;
  clearTimeout(timer);
}
