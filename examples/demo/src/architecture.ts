import type { ModelSpec } from '@lora-viz/core';

function step(kind: string, name: string, shape: string): HTMLLIElement {
  const item = document.createElement('li');
  item.className = `arch__step arch__step--${kind}`;
  const title = document.createElement('span');
  title.className = 'arch__name';
  title.textContent = name;
  item.append(title);
  if (shape !== '') {
    const size = document.createElement('span');
    size.className = 'arch__shape';
    size.textContent = shape;
    item.append(size);
  }
  return item;
}

/**
 * Fills an `<ol>` with the model's layers, input to output, from the model's own spec (so the
 * strip can never disagree with the network the other panels count).
 */
export function renderArchitecture(list: HTMLOListElement, spec: ModelSpec): void {
  const items: HTMLLIElement[] = [step('io', 'Input', `${spec.inputDim} features`)];
  spec.layers.forEach((layer, index) => {
    if (index > 0) items.push(step('activation', 'ReLU', ''));
    items.push(step('linear', layer.name, `${layer.in} → ${layer.out}`));
  });
  items.push(step('io', 'Output', `${spec.outputDim} logits (${spec.task})`));
  list.replaceChildren(...items);
}
