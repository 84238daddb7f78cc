import { expect } from '@esm-bundle/chai';
import { LitElement, html } from 'lit';
import { attachLora, createMlp, type LoraModel, type ModelChange } from '@lora-viz/core';
import { ModelController } from '../src/index.js';

/** A minimal host that shows the followed model's revision and counts its renders. */
class ModelHost extends LitElement {
  model?: LoraModel;
  renders = 0;
  changes: ModelChange['kind'][] = [];
  readonly controller = new ModelController(this, () => this.model, {
    onChange: (change) => this.changes.push(change.kind),
  });

  protected override render() {
    this.renders += 1;
    return html`${this.model?.revision ?? 'none'}`;
  }
}
customElements.define('test-model-host', ModelHost);

const models: LoraModel[] = [];
function model(): LoraModel {
  const m = createMlp();
  models.push(m);
  return m;
}

async function mount(m?: LoraModel): Promise<ModelHost> {
  const host = document.createElement('test-model-host') as ModelHost;
  host.model = m;
  document.body.append(host);
  await host.updateComplete;
  return host;
}

afterEach(() => {
  for (const el of document.querySelectorAll('test-model-host')) el.remove();
  for (const m of models.splice(0)) if (!m.disposed) m.dispose();
});

describe('ModelController', () => {
  it('updates the host after every change of its model', async () => {
    const m = model();
    const host = await mount(m);
    expect(host.controller.model === m, 'following the model').to.equal(true);
    const before = host.renders;
    attachLora(m, { r: 2 });
    await host.updateComplete;
    expect(host.renders).to.equal(before + 1);
    expect(host.changes).to.include('adapters');
    expect(host.shadowRoot!.textContent).to.equal(String(m.revision));
  });

  it('switches its subscription when the host gets another model', async () => {
    const first = model();
    const second = model();
    const host = await mount(first);
    host.model = second;
    host.requestUpdate();
    await host.updateComplete;
    expect(host.controller.model === second, 'following the second model').to.equal(true);
    const before = host.renders;
    first.notifyWeightsChanged();
    await host.updateComplete;
    expect(host.renders).to.equal(before);
    second.notifyWeightsChanged();
    await host.updateComplete;
    expect(host.renders).to.equal(before + 1);
  });

  it('unsubscribes on disconnect, then catches up with missed changes on reconnect', async () => {
    const m = model();
    const host = await mount(m);
    host.remove();
    expect(host.controller.model === undefined, 'released').to.equal(true);
    const before = host.renders;
    attachLora(m, { r: 2 });
    await host.updateComplete;
    expect(host.renders).to.equal(before);
    expect(host.changes).to.deep.equal([]);

    document.body.append(host);
    await host.updateComplete;
    expect(host.renders).to.equal(before + 1);
    expect(host.shadowRoot!.textContent).to.equal(String(m.revision));
  });

  it('does not update a reconnected host whose model did not change', async () => {
    const host = await mount(model());
    host.remove();
    const before = host.renders;
    document.body.append(host);
    await host.updateComplete;
    expect(host.renders).to.equal(before);
  });

  it('lets go of a model once it is disposed', async () => {
    const m = model();
    const host = await mount(m);
    m.dispose();
    await host.updateComplete;
    expect(host.changes).to.deep.equal(['dispose']);
    expect(host.controller.model === undefined, 'released').to.equal(true);
  });
});
