import type { LoraModel } from '@lora-viz/core';

/** The page's view of the dashboard: the settings it takes as properties. */
interface MemoryDashboard extends HTMLElement {
  model: string;
  rank: number | undefined;
  alpha: number;
  targets: string | undefined;
}

/**
 * Wires the Memory Dashboard tab: while the dashboard shows the toy model, it follows the sidebar's
 * adapter (rank, alpha, target layers), so the bytes match the network every other tab shows. Once
 * the user picks a real model there, the dashboard keeps its own settings.
 */
export function setUpMemoryTab(dashboard: HTMLElement, model: LoraModel): void {
  const view = dashboard as MemoryDashboard;
  const follow = () => {
    if (view.model !== 'toy' || model.disposed) return;
    const spec = model.adapterSpec();
    // Full fine-tuning in the sidebar: the dashboard still compares all three methods, at its defaults.
    if (spec === undefined) return;
    view.rank = spec.r;
    view.alpha = spec.alpha;
    view.targets = spec.targetModules.join(',');
  };
  follow();
  model.subscribe((change) => {
    if (change.kind === 'adapters') follow();
  });
}
