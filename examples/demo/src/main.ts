import './styles.css';
import '@lora-viz/elements/define.js';
import { attachLora, createTaskBaseAsync, type LoraModel } from '@lora-viz/core';
import type { LoraControls, LoraMemoryDashboard, LoraTrainer } from '@lora-viz/elements';
import { renderArchitecture } from './architecture.js';
import { hideControls, readHideParam } from './classroom.js';
import { setUpInjectionTab } from './injection-tab.js';
import { setUpGraphLevel } from './overview-tab.js';
import { setUpKnowledgeTab } from './knowledge-tab.js';
import { setUpMemoryTab } from './memory-tab.js';
import { setUpPassTabs } from './pass-tabs.js';
import { setUpResetDialog } from './reset-dialog.js';
import { setUpShareDialog } from './share-dialog.js';
import { setUpSidebar } from './sidebar.js';
import { setUpStateSync } from './state-sync.js';
import { setUpTabs } from './tabs.js';

/** localStorage key of the page's state; the trainer keeps its lines under its own `storage-key`. */
const STORAGE_KEY = 'lora-viz-demo-state';

/** Every element of the page that shows the shared model, by selector, with its tag. */
const MODEL_VIEWS = [
  ['#lora-controls', 'lora-controls'],
  ['#graph', 'lora-graph'],
  ['#param-table', 'lora-param-table'],
  ['#injection', 'lora-injection'],
  ['#injection-ledger', 'lora-param-table'],
] as const;

function required<T extends Element>(selector: string, type: abstract new () => T): T {
  const el = document.querySelector(selector);
  if (!(el instanceof type)) throw new Error(`demo: ${selector} is missing from index.html.`);
  return el;
}

function showStartupFailure(error: unknown): void {
  const banner = document.createElement('p');
  banner.className = 'startup-error';
  banner.setAttribute('role', 'alert');
  banner.textContent = `The demo could not start: ${error instanceof Error ? error.message : String(error)}`;
  document.body.prepend(banner);
}

/** Gives every view the shared model, after checking that define.js registered its tag. */
function bindViews(model: LoraModel): void {
  for (const [selector, tag] of MODEL_VIEWS) {
    // define.js ran (static import) before this module's body, so a missing tag means it was lost,
    // e.g. dropped by a bundler as side-effect free: say so instead of showing an empty panel.
    if (customElements.get(tag) === undefined) {
      throw new Error(`<${tag}> is not registered: @lora-viz/elements/define.js did not define it.`);
    }
    const view = required(selector, HTMLElement) as HTMLElement & { model?: LoraModel };
    if (view.localName !== tag) throw new Error(`demo: ${selector} should be a <${tag}>.`);
    view.model = model;
  }
}

async function start(): Promise<void> {
  // A teacher's link hides controls before anything is drawn, not once the model is ready.
  hideControls(readHideParam(new URLSearchParams(window.location.search).get('hide')));

  // One model for the whole page: every tab and the sidebar show this same network, the sentiment
  // base pretrained on the built-in general corpus (seed 0; it yields to the page while it trains).
  const model = await createTaskBaseAsync('sentiment', { seed: 0 });
  // The page opens with LoRA on (r = 4, α = 8 on fc1 and fc2); the sidebar's controls show it.
  attachLora(model, { r: 4, alpha: 8, targetModules: ['fc1', 'fc2'] });

  const tabs = setUpTabs(required('[role="tablist"]', HTMLElement));
  renderArchitecture(required('#architecture', HTMLOListElement), model.spec);
  bindViews(model);
  setUpSidebar(required('.sidebar', HTMLElement), model);
  const graph = setUpGraphLevel(required('#graph-level', HTMLFieldSetElement), required('#graph', HTMLElement));
  setUpInjectionTab(required('#panel-lora-injection', HTMLElement), model);
  const pass = setUpPassTabs(document, model);
  setUpKnowledgeTab(required('#trainer', HTMLElement), model);
  setUpMemoryTab(required('#memory-dashboard', HTMLElement), model);

  // The link's state (or the one saved in this browser) last, once every part follows the model.
  const sync = await setUpStateSync(
    {
      model,
      controls: required('#lora-controls', HTMLElement) as LoraControls,
      trainer: required('#trainer', HTMLElement) as LoraTrainer,
      dashboard: required('#memory-dashboard', HTMLElement) as LoraMemoryDashboard,
      pass,
      graph,
    },
    {
      storageKey: STORAGE_KEY,
      notices: required('#page-notices', HTMLElement),
      tab: () => tabs.selected,
      focusAfter: () => document.getElementById(`tab-${tabs.selected}`),
    },
  );
  const shareButton = required('#share-open', HTMLButtonElement);
  const resetButton = required('#reset-open', HTMLButtonElement);
  setUpShareDialog(
    {
      open: shareButton,
      dialog: required('#share-dialog', HTMLDialogElement),
      field: required('#share-link', HTMLInputElement),
      copy: required('#share-copy', HTMLButtonElement),
      status: required('#share-status', HTMLElement),
      classroom: required('#share-classroom', HTMLElement),
      lengthNote: required('#share-length', HTMLElement),
    },
    sync,
  );
  setUpResetDialog(resetButton, required('#reset-dialog', HTMLDialogElement), () => sync.resetToDefaults());
  // Disabled in the markup: until now they would have had nothing to share or reset.
  shareButton.disabled = false;
  resetButton.disabled = false;

  // Lets the end-to-end test (and anyone curious) know the page is wired up.
  document.documentElement.dataset['ready'] = 'true';
}

start().catch((error: unknown) => {
  console.error(error);
  showStartupFailure(error);
});
