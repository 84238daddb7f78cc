import { hideControls, readHideParam, type HideableControl } from './classroom.js';
import { readDemoState, type PartialDemoState } from './demo-state.js';
import { showPageNotice } from './page-notice.js';
import { applyPageState, capturePageState, type PageParts } from './page-state.js';
import { StateParamError, decodeStateParam, encodeStateParam } from './state-param.js';

/** What {@link setUpStateSync} needs besides the page's parts. */
export interface StateSyncOptions {
  /** localStorage key of the page's state (the trainer keeps its own lines under its `storage-key`). */
  readonly storageKey: string;
  /** The page's polite live region for notices. */
  readonly notices: HTMLElement;
  /** The slug of the selected tab, for links. */
  readonly tab: () => string;
  /** Where focus goes when a notice closes itself. */
  readonly focusAfter: () => HTMLElement | null;
}

/** What {@link setUpStateSync} returns. */
export interface StateSync {
  /** A link to the view as it is now: its whole state, the tab, and `hide=…` when `hide` is not empty. */
  shareLink(hide: readonly HideableControl[]): Promise<string>;
  /** Brings back the controls this page's link hid, and drops `hide` from the address. */
  showAllControls(): void;
  /** Forgets the user's text and settings: stops saving, clears storage and the address's state, reloads. */
  resetToDefaults(): void;
}

/** Version of what the page keeps in localStorage; another version is ignored. */
const STORAGE_VERSION = 1;

/**
 * Delay between the last change and the address and storage following it, in milliseconds: short
 * enough that a reload rarely misses an edit, long enough that typing makes a handful of
 * `replaceState` calls a second at most (browsers throttle those beyond about 100 per 10 s).
 */
const WRITE_DELAY_MS = 300;

/** Events that mean "the user changed something the state holds": the elements' and the page's own forms'. */
const CHANGE_EVENTS = [
  'lora-config-change',
  'lora-keep-change',
  'lora-task-change',
  'lora-input-change',
  'lora-memory-change',
  'input',
  'change',
] as const;

function readStored(key: string): PartialDemoState | null {
  try {
    const text = localStorage.getItem(key);
    if (text === null) return null;
    const data: unknown = JSON.parse(text);
    if (typeof data !== 'object' || data === null || (data as { version?: unknown }).version !== STORAGE_VERSION) {
      return null;
    }
    // What another version or a hand edit left unusable is silently dropped: nobody sent it.
    return readDemoState((data as { state?: unknown }).state).state;
  } catch {
    // Blocked storage (privacy modes, sandboxed frames) or bad JSON: start from the defaults.
    return null;
  }
}

/** The address with the given `state` and `hide` parameters (others dropped) and the current hash. */
function address(state: string | null, hide: readonly HideableControl[]): string {
  // Built by hand: URLSearchParams would write the commas of `hide` as %2C.
  const query = [state === null ? '' : `state=${state}`, hide.length === 0 ? '' : `hide=${hide.join(',')}`]
    .filter((part) => part !== '')
    .join('&');
  return `${location.pathname}${query === '' ? '' : `?${query}`}${location.hash}`;
}

/**
 * Keeps the page's state in its address and in localStorage, and restores it on load: a link's
 * `state` parameter wins; without one (or when it cannot be read) the state saved in this browser is
 * used; otherwise the page stays at its defaults. An unreadable link shows a polite notice and never
 * overwrites what the browser saved. Every user change updates the address with `replaceState`
 * (debounced; no history entry per keystroke) and the saved state.
 *
 * The URL format is `?state=<1j|1z>.<base64url>&hide=<id,id>#<tab>`; see state-param.ts and classroom.ts.
 */
export async function setUpStateSync(parts: PageParts, options: StateSyncOptions): Promise<StateSync> {
  const { storageKey, notices, focusAfter } = options;
  const params = new URLSearchParams(location.search);
  let hidden = readHideParam(params.get('hide'));
  hideControls(hidden);

  let source: PartialDemoState | null = null;
  let unusable: readonly string[] = [];
  let linkProblem: string | null = null;
  const param = params.get('state');
  if (param !== null) {
    try {
      const read = readDemoState(await decodeStateParam(param));
      if (read.unusable.includes('everything')) throw new StateParamError('it holds no settings this page knows');
      source = read.state;
      unusable = read.unusable;
    } catch (error) {
      linkProblem = error instanceof StateParamError ? error.message : 'it could not be read';
      // Out of the address, so that a reload does not meet it again; the notice says what happened.
      history.replaceState(history.state, '', address(null, hidden));
    }
  }
  const fromLink = source !== null;
  if (source === null) source = readStored(storageKey);
  const refused = source === null ? [] : await applyPageState(parts, source);

  if (linkProblem !== null) {
    const fallback = source === null ? 'its default settings' : 'the settings saved in this browser';
    showPageNotice(notices, {
      id: 'link',
      message:
        `Sorry, the settings in this link could not be read (${linkProblem}), so the demo opened with ${fallback}. ` +
        'Ask for the link again if you expected a particular view.',
      focusAfter,
    });
  } else if (fromLink && unusable.length + refused.length > 0) {
    showPageNotice(notices, {
      id: 'link',
      message: `Some settings in this link could not be used (${[...unusable, ...refused].join(', ')}), so those are as they were.`,
      focusAfter,
    });
  }
  if (hidden.length > 0) {
    showPageNotice(notices, {
      id: 'hidden',
      message: "Some controls are hidden by your teacher's link.",
      actions: [{ label: 'Show all controls', run: () => sync.showAllControls() }],
      focusAfter,
    });
  }

  // ---- writing ----

  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let written = JSON.stringify(capturePageState(parts));
  let generation = 0;

  const save = (json: string): void => {
    try {
      localStorage.setItem(storageKey, `{"version":${STORAGE_VERSION},"state":${json}}`);
    } catch {
      // Quota exceeded or storage blocked: the address still holds the state.
    }
  };

  const write = async (): Promise<void> => {
    timer = undefined;
    if (stopped) return;
    const state = capturePageState(parts);
    const json = JSON.stringify(state);
    if (json === written) return;
    written = json;
    save(json);
    const mine = ++generation;
    const encoded = await encodeStateParam(state);
    // A later write started meanwhile (or a reset): its address is the one to keep.
    if (mine !== generation || stopped) return;
    history.replaceState(history.state, '', address(encoded, hidden));
  };

  const schedule = (): void => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void write(), WRITE_DELAY_MS);
  };
  for (const type of CHANGE_EVENTS) document.addEventListener(type, schedule);

  // Storage is synchronous: an edit made just before leaving is kept even if the address missed it.
  window.addEventListener('pagehide', () => {
    if (timer === undefined || stopped) return;
    clearTimeout(timer);
    timer = undefined;
    const json = JSON.stringify(capturePageState(parts));
    if (json !== written) save(json);
  });

  const sync: StateSync = {
    async shareLink(hide) {
      const encoded = await encodeStateParam(capturePageState(parts));
      const query = address(encoded, hide).slice(location.pathname.length).replace(/#.*$/, '');
      return `${location.origin}${location.pathname}${query}#${options.tab()}`;
    },
    showAllControls() {
      hidden = [];
      hideControls(hidden);
      history.replaceState(history.state, '', address(new URLSearchParams(location.search).get('state'), hidden));
    },
    resetToDefaults() {
      stopped = true;
      clearTimeout(timer);
      const trainerKey = parts.trainer.storageKey;
      // With no key, the trainer's own pending save (a keystroke ago) writes nowhere.
      parts.trainer.storageKey = null;
      try {
        localStorage.removeItem(storageKey);
        if (trainerKey !== null) localStorage.removeItem(trainerKey);
      } catch {
        // Storage blocked: nothing was saved in it either.
      }
      // The browser restores native form controls on reload; leave the graph's radios at their default.
      parts.graph.level = 'component';
      history.replaceState(history.state, '', address(null, []));
      location.reload();
    },
  };
  return sync;
}
