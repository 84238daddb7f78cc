/**
 * Wires the Model Overview tab's detail switch (components or neurons) to its `<lora-graph>`.
 * The radio group is native, so arrow keys move between the two levels with no code here.
 */
export function setUpGraphLevel(group: HTMLFieldSetElement, graph: HTMLElement): void {
  const apply = (): void => {
    const checked = group.querySelector<HTMLInputElement>('input[name="graph-level"]:checked');
    graph.setAttribute('level', checked?.value === 'neuron' ? 'neuron' : 'component');
  };
  group.addEventListener('change', apply);
  // The browser may restore the radio's state on reload: start from what it shows.
  apply();
}
