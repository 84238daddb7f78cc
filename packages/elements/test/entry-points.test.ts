// One test file runs in one page, so the registry starts empty here and the order of the imports
// and tests below is the order of registration.
import { expect } from '@esm-bundle/chai';
import * as root from '../src/index.js';

describe('entry points', () => {
  let early: HTMLElement;

  before(() => {
    early = document.createElement('lora-param-table');
    early.setAttribute('lora', '');
    document.body.append(early);
  });

  after(() => early.remove());

  it('registers no tag when the package root is imported', () => {
    expect(root.LoraParamTable).to.be.a('function');
    expect(root.ModelController).to.be.a('function');
    // Booleans, not the objects: a failing chai diff of a class or element is slow to serialise.
    expect(customElements.get('lora-param-table') === undefined, 'lora-param-table is not defined').to.equal(true);
    expect(early instanceof root.LoraParamTable, 'early element not upgraded').to.equal(false);
    expect(early.shadowRoot === null, 'no shadow root').to.equal(true);
  });

  it('registers <lora-param-table> from its own entry, with the class the root exports', async () => {
    const entry = await import('../src/lora-param-table.js');
    expect(customElements.get('lora-param-table') === root.LoraParamTable, 'defined with the root class').to.equal(
      true,
    );
    expect(entry.LoraParamTable === root.LoraParamTable, 'same class from both entries').to.equal(true);
  });

  it('upgrades an element that was in the page before registration', async () => {
    expect(early instanceof root.LoraParamTable, 'early element upgraded').to.equal(true);
    await (early as root.LoraParamTable).updateComplete;
    // sentiment 8→16→16→2 with r = 4 on fc1, fc2: 4·(8+16) + 4·(16+16) = 224 of 450 + 224 = 674.
    expect(early.shadowRoot!.querySelector('[part~="peft-line"]')!.textContent).to.equal(
      'trainable params: 224 || all params: 674 || trainable%: 33.2344',
    );
  });

  it('loads define.js after a per-tag entry without throwing, keeping the first registration', async () => {
    await import('../src/define.js');
    expect(customElements.get('lora-param-table') === root.LoraParamTable, 'first registration kept').to.equal(true);
  });
});
