// Runs in its own page, so the registry starts empty: the order of the tests is the order of registration.
import { expect } from '@esm-bundle/chai';
import * as root from '../src/index.js';

const defined = (tag: string) => customElements.get(tag) !== undefined;

describe('entry points of <lora-matrix> and <lora-injection>', () => {
  it('registers neither tag when the package root is imported', () => {
    expect(root.LoraMatrix).to.be.a('function');
    expect(root.LoraInjection).to.be.a('function');
    expect(defined('lora-matrix'), 'lora-matrix defined').to.equal(false);
    expect(defined('lora-injection'), 'lora-injection defined').to.equal(false);
  });

  it('registers <lora-matrix> alone from its own entry, with the class the root exports', async () => {
    const entry = await import('../src/lora-matrix.js');
    expect(customElements.get('lora-matrix') === root.LoraMatrix, 'root class').to.equal(true);
    expect(entry.LoraMatrix === root.LoraMatrix, 'same class from both entries').to.equal(true);
    expect(defined('lora-injection'), 'lora-injection defined').to.equal(false);
  });

  it('registers <lora-injection> from its own entry, keeping the earlier <lora-matrix>', async () => {
    const entry = await import('../src/lora-injection.js');
    expect(customElements.get('lora-injection') === root.LoraInjection, 'root class').to.equal(true);
    expect(entry.LoraInjection === root.LoraInjection, 'same class from both entries').to.equal(true);
    expect(customElements.get('lora-matrix') === root.LoraMatrix, 'first registration kept').to.equal(true);
  });
});
