/** What {@link setUpTabs} returns: a way to select a tab from code. */
export interface TabsController {
  /** Selects the tab whose panel is `#panel-<slug>`; returns false when no tab has that slug. */
  select(slug: string, options?: { focus?: boolean }): boolean;
  /** The slug of the selected tab, e.g. `model-overview`. */
  readonly selected: string;
}

const TAB_ID_PREFIX = 'tab-';

function slugOf(tab: HTMLElement): string {
  return tab.id.slice(TAB_ID_PREFIX.length);
}

function slugFromHash(hash: string): string {
  return decodeURIComponent(hash.replace(/^#/, ''));
}

/**
 * Makes a `role="tablist"` behave as the WAI-ARIA tabs pattern with automatic activation: one tab
 * in the Tab sequence (roving tabindex), Left/Right/Home/End move and select, and the selected
 * tab lives in the URL hash (`#model-overview`) so that links and reloads open the same view.
 *
 * Each tab needs `id="tab-<slug>"` and `aria-controls` naming its panel.
 */
export function setUpTabs(tablist: HTMLElement): TabsController {
  const tabs = [...tablist.querySelectorAll<HTMLElement>('[role="tab"]')];
  if (tabs.length === 0) throw new Error('setUpTabs: the tablist has no [role="tab"] children.');
  const panelOf = (tab: HTMLElement): HTMLElement => {
    const panel = document.getElementById(tab.getAttribute('aria-controls') ?? '');
    if (!panel) throw new Error(`setUpTabs: tab #${tab.id} controls no element.`);
    return panel;
  };
  let current = tabs.find((tab) => tab.getAttribute('aria-selected') === 'true') ?? tabs[0]!;

  const activate = (next: HTMLElement, focus: boolean, writeHash = true): void => {
    for (const tab of tabs) {
      const isNext = tab === next;
      tab.setAttribute('aria-selected', String(isNext));
      tab.tabIndex = isNext ? 0 : -1;
      panelOf(tab).hidden = !isNext;
    }
    current = next;
    if (focus) next.focus();
    if (!writeHash) return;
    const hash = `#${slugOf(next)}`;
    // replaceState, not a new history entry per arrow key; it also fires no hashchange.
    if (window.location.hash !== hash) history.replaceState(history.state, '', hash);
  };

  const select = (slug: string, options: { focus?: boolean } = {}): boolean => {
    const tab = tabs.find((t) => slugOf(t) === slug);
    if (!tab) return false;
    activate(tab, options.focus ?? false);
    return true;
  };

  tablist.addEventListener('click', (event) => {
    const tab = (event.target as Element).closest<HTMLElement>('[role="tab"]');
    if (tab && tabs.includes(tab)) activate(tab, true);
  });

  tablist.addEventListener('keydown', (event) => {
    const from = tabs.indexOf(event.target as HTMLElement);
    if (from < 0 || event.altKey || event.ctrlKey || event.metaKey) return;
    const last = tabs.length - 1;
    const to =
      event.key === 'ArrowRight'
        ? (from + 1) % tabs.length
        : event.key === 'ArrowLeft'
          ? (from + last) % tabs.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : -1;
    if (to < 0) return;
    event.preventDefault();
    activate(tabs[to]!, true);
  });

  // Links elsewhere on the page (or a hand-edited URL) may change the hash.
  window.addEventListener('hashchange', () => {
    select(slugFromHash(window.location.hash));
  });

  // A bare URL (or an unknown hash) shows the default tab and keeps the URL as it is.
  if (!select(slugFromHash(window.location.hash))) activate(current, false, false);

  return {
    select,
    get selected() {
      return slugOf(current);
    },
  };
}
