/** How long training may hold the thread before it lets the host run (milliseconds). */
export const YIELD_BUDGET_MS = 8;

interface Channel {
  port1: { onmessage: ((event: unknown) => void) | null; close(): void };
  port2: { postMessage(message: unknown): void; close(): void };
}

const host = globalThis as unknown as {
  MessageChannel?: new () => Channel;
  setTimeout: (callback: () => void, ms: number) => unknown;
  performance: { now(): number };
};

/** Milliseconds from an arbitrary origin, monotonic (`performance.now()`). */
export function now(): number {
  return host.performance.now();
}

/**
 * Resolves on a new macrotask, so a page can paint and handle input in between: through a
 * `MessageChannel` where one exists (not clamped to 4 ms as nested timers are), else `setTimeout(0)`.
 */
export function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof host.MessageChannel === 'function') {
      const channel = new host.MessageChannel();
      channel.port1.onmessage = () => {
        // Closing the ports lets Node exit; an open port would keep its event loop alive.
        channel.port1.close();
        channel.port2.close();
        resolve();
      };
      channel.port2.postMessage(null);
    } else {
      host.setTimeout(resolve, 0);
    }
  });
}

/**
 * A function to call between units of work: it awaits a macrotask when at least
 * {@link YIELD_BUDGET_MS} have passed since the last time it did, and returns at once otherwise.
 */
export function createYielder(budgetMs = YIELD_BUDGET_MS): () => Promise<void> {
  let last = now();
  return async () => {
    if (now() - last < budgetMs) return;
    await nextMacrotask();
    last = now();
  };
}
