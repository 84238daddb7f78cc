import type { ELK } from 'elkjs/lib/elk-api.js';

let elk: Promise<ELK> | undefined;

/**
 * The page's one ELK instance, loaded on first use: elkjs is about 1.5 MB of JavaScript, so a page
 * that never lays out a component graph never downloads or parses it. A failed load is not cached,
 * so a later call can try again.
 */
export function loadElk(): Promise<ELK> {
  elk ??= import('elkjs/lib/elk.bundled.js').then(
    (module) => new module.default(),
    (error: unknown) => {
      elk = undefined;
      throw error;
    },
  );
  return elk;
}
