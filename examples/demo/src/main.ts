import './styles.css';
import '@lora-viz/elements/define.js';
import { createMlp } from '@lora-viz/core';
import type { LoraParamTable } from '@lora-viz/elements';
import { renderArchitecture } from './architecture.js';
import { setUpLoraControls } from './lora-controls.js';
import { setUpTabs } from './tabs.js';

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

function start(): void {
  // One model for the whole page: every tab and the sidebar show this same network.
  const model = createMlp({ task: 'sentiment', seed: 0 });

  setUpTabs(required('[role="tablist"]', HTMLElement));
  renderArchitecture(required('#architecture', HTMLOListElement), model.spec);
  setUpLoraControls(required('.sidebar', HTMLElement), model);

  // define.js ran (static import) before this module's body, so a missing tag means it was lost,
  // e.g. dropped by a bundler as side-effect free: say so instead of showing an empty panel.
  if (customElements.get('lora-param-table') === undefined) {
    throw new Error('<lora-param-table> is not registered: @lora-viz/elements/define.js did not define it.');
  }
  const table: LoraParamTable | null = document.querySelector('#panel-model-overview lora-param-table');
  if (!table) throw new Error('demo: <lora-param-table> is missing from index.html.');
  table.model = model;

  // Lets the end-to-end test (and anyone curious) know the page is wired up.
  document.documentElement.dataset['ready'] = 'true';
}

try {
  start();
} catch (error) {
  console.error(error);
  showStartupFailure(error);
}
