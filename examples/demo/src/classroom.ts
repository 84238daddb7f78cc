/**
 * Controls a teacher's link can hide (`?hide=rank,alpha`, TensorFlow Playground's `*_hide` idea). Each
 * id has a rule in styles.css, `[data-hide~='<id>'] <element>::part(<part>) { display: none }`, on the
 * elements' whole-control parts: display none takes a control out of view and out of the Tab order.
 */
export const HIDEABLE_CONTROLS = [
  { id: 'lora', label: 'LoRA on/off switch' },
  { id: 'rank', label: 'Rank r (sidebar and Knowledge Change)' },
  { id: 'alpha', label: 'Alpha α (sidebar and Knowledge Change)' },
  { id: 'keep', label: 'What a new rank keeps fixed' },
  { id: 'rslora', label: 'rsLoRA' },
  { id: 'targets', label: 'Target layers' },
  { id: 'save', label: 'Modules to save' },
  { id: 'init', label: 'Initialisation of A and B' },
  { id: 'task', label: 'Knowledge Change task' },
  { id: 'method', label: 'Fine-tuning method' },
  { id: 'lr', label: 'Learning rate' },
  { id: 'epochs', label: 'Epochs' },
  { id: 'batch', label: 'Batch size' },
  { id: 'optimizer', label: 'Optimizer' },
  { id: 'seed', label: 'Seed' },
] as const;

/** One control a link can hide. */
export type HideableControl = (typeof HIDEABLE_CONTROLS)[number]['id'];

const IDS: readonly string[] = HIDEABLE_CONTROLS.map((c) => c.id);

/** The known ids of a `hide` parameter (`rank,alpha`), each once, in {@link HIDEABLE_CONTROLS} order; others are ignored. */
export function readHideParam(value: string | null): HideableControl[] {
  const given = new Set((value ?? '').split(',').map((id) => id.trim()));
  return IDS.filter((id) => given.has(id)) as HideableControl[];
}

/** Hides the controls on the page (an empty list shows them all) through `data-hide` on `<html>`. */
export function hideControls(ids: readonly HideableControl[]): void {
  const root = document.documentElement;
  if (ids.length === 0) delete root.dataset['hide'];
  else root.dataset['hide'] = ids.join(' ');
}
