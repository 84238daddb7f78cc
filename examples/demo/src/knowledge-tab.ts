import type { LoraModel, LoraOptions } from '@lora-viz/core';

/** The page's view of the trainer: the LoRA options it fine-tunes with. */
interface Trainer extends HTMLElement {
  loraOptions?: LoraOptions;
}

/**
 * Wires the Knowledge Change tab: the trainer fine-tunes with the sidebar's adapter settings (rank,
 * alpha, target layers, dropout, rsLoRA, init), so "LoRA" there means the adapter every other tab
 * shows. The trainer keeps its own per-task base models and text (saved in this browser).
 */
export function setUpKnowledgeTab(trainer: HTMLElement, model: LoraModel): void {
  const view = trainer as Trainer;
  const follow = () => {
    if (model.disposed) return;
    const spec = model.adapterSpec();
    if (spec === undefined) return;
    view.loraOptions = {
      r: spec.r,
      alpha: spec.alpha,
      dropout: spec.dropout,
      targetModules: [...spec.targetModules],
      modulesToSave: [...spec.modulesToSave],
      useRslora: spec.useRslora,
      initLoraWeights: spec.initLoraWeights,
    };
  };
  follow();
  model.subscribe((change) => {
    if (change.kind === 'adapters') follow();
  });
}
