/**
 * Real keyboard, mouse and media emulation for tests, through the commands that @web/test-runner
 * registers by default (send-keys, send-mouse, emulate-media). Playwright then drives Chromium, so
 * keys go to whatever element really has focus, unlike a dispatched KeyboardEvent.
 *
 * This speaks the runner's web-socket protocol directly (what @web/test-runner-commands does in its
 * browser module), because that package is not a dependency of this one.
 */

interface CommandResponse {
  readonly executed: boolean;
  readonly result?: unknown;
}

interface RunnerSocket {
  sendMessageWaitForResponse(message: Record<string, unknown>): Promise<CommandResponse>;
}

// A variable, so that no bundler or type checker tries to resolve the runner's own module.
const SOCKET_MODULE = '/__web-dev-server__web-socket.js';

async function runCommand(command: string, payload: Record<string, unknown>): Promise<unknown> {
  const sessionId = new URL(window.location.href).searchParams.get('wtr-session-id');
  if (sessionId === null) throw new Error(`${command}: this page is not run by @web/test-runner`);
  const socket = (await import(/* @vite-ignore */ SOCKET_MODULE)) as RunnerSocket;
  const response = await socket.sendMessageWaitForResponse({ type: 'wtr-command', sessionId, command, payload });
  if (!response.executed) throw new Error(`${command}: the test runner has no plugin for this command`);
  return response.result;
}

/** Presses a key (Playwright's names: `ArrowRight`, `Control+Home` …) on the focused element. */
export async function press(key: string): Promise<void> {
  await runCommand('send-keys', { press: key });
}

/** Moves the real mouse to a point of the viewport, in CSS pixels. */
export async function moveMouse(x: number, y: number): Promise<void> {
  await runCommand('send-mouse', { type: 'move', position: [Math.round(x), Math.round(y)] });
}

/** Moves the mouse to the viewport's top-left corner, away from any element under test. */
export async function resetMouse(): Promise<void> {
  await runCommand('send-mouse', { type: 'move', position: [0, 0] });
}

/** Emulates `prefers-color-scheme` (and other media features) for the page. */
export async function emulateMedia(media: {
  colorScheme?: 'light' | 'dark';
  forcedColors?: 'active' | 'none';
  reducedMotion?: 'reduce' | 'no-preference';
}) {
  await runCommand('emulate-media', media);
}
