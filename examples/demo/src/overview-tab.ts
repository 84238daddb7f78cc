/** The Model Overview graph's level of detail. */
export type GraphLevel = 'component' | 'neuron';

/** What {@link setUpGraphLevel} returns: the level shown, readable and settable from code. */
export interface GraphLevelController {
  /** The level the radio group shows and the graph draws; setting it checks the matching radio. */
  level: GraphLevel;
}

/**
 * Wires the Model Overview tab's detail switch (components or neurons) to its `<lora-graph>`.
 * The radio group is native, so arrow keys move between the two levels with no code here.
 */
export function setUpGraphLevel(group: HTMLFieldSetElement, graph: HTMLElement): GraphLevelController {
  const radio = (value: GraphLevel) =>
    group.querySelector<HTMLInputElement>(`input[name="graph-level"][value="${value}"]`);
  const read = (): GraphLevel => (radio('neuron')?.checked === true ? 'neuron' : 'component');
  const apply = (): void => {
    graph.setAttribute('level', read());
  };
  group.addEventListener('change', apply);
  // The browser may restore the radio's state on reload: start from what it shows.
  apply();
  return {
    get level() {
      return read();
    },
    set level(level: GraphLevel) {
      const input = radio(level);
      if (input) input.checked = true;
      apply();
    },
  };
}
