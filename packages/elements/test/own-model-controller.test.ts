import { expect } from '@esm-bundle/chai';
import { LitElement, html, type PropertyValues } from 'lit';
import { createMlp, type LoraModel } from '@lora-viz/core';
import { OwnModelController } from '../src/controllers/own-model-controller.js';

/** A minimal host with the five model attributes that shows the model's revision and its problems. */
class OwnModelHost extends LitElement {
  static override properties = {
    model: { attribute: false },
    task: {},
    lora: { type: Boolean },
    rank: { type: Number },
    alpha: { type: Number },
    targets: {},
  };

  declare model: LoraModel | undefined;
  declare task: string;
  declare lora: boolean;
  declare rank: number;
  declare alpha: number;
  declare targets: string;
  renders = 0;

  readonly own = new OwnModelController(this, {
    pageModel: () => this.model,
    values: () => ({ task: this.task, lora: this.lora, rank: this.rank, alpha: this.alpha, targets: this.targets }),
    properties: ['task', 'lora', 'rank', 'alpha', 'targets'],
  });

  constructor() {
    super();
    this.task = 'sentiment';
    this.lora = false;
    this.rank = 4;
    this.alpha = 8;
    this.targets = 'fc1,fc2';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.own.update(changed);
  }

  protected override render() {
    this.renders += 1;
    return html`${this.own.model?.revision ?? 'none'} ${this.own.problems.map((p) => p.attribute).join(',')}`;
  }
}
customElements.define('test-own-model-host', OwnModelHost);

const pageModels: LoraModel[] = [];

async function mount(attributes: Record<string, string> = {}): Promise<OwnModelHost> {
  const host = document.createElement('test-own-model-host') as OwnModelHost;
  for (const [name, value] of Object.entries(attributes)) host.setAttribute(name, value);
  document.body.append(host);
  await host.updateComplete;
  return host;
}

afterEach(() => {
  for (const el of document.querySelectorAll('test-own-model-host')) el.remove();
  for (const m of pageModels.splice(0)) if (!m.disposed) m.dispose();
});

describe('OwnModelController', () => {
  it('builds the own model from the attributes at the first update', async () => {
    const host = await mount({ lora: '', rank: '2', targets: 'fc3' });
    const model = host.own.model!;
    expect(model).to.not.equal(undefined);
    expect(model.disposed).to.equal(false);
    expect(model.adapterSpec()!.layers.map((l) => [l.name, l.r])).to.deep.equal([['fc3', 2]]);
    expect(host.own.problems).to.deep.equal([]);
  });

  it('rebuilds the own model when an attribute changes and disposes the old one', async () => {
    const host = await mount({ lora: '' });
    const first = host.own.model!;
    host.setAttribute('rank', '3');
    await host.updateComplete;
    const second = host.own.model!;
    expect(second).to.not.equal(first);
    expect(first.disposed).to.equal(true);
    expect(second.adapterSpec()!.layers[0]!.r).to.equal(3);
  });

  it('keeps the own model across updates that change no model attribute', async () => {
    const host = await mount();
    const first = host.own.model;
    host.requestUpdate();
    await host.updateComplete;
    expect(host.own.model).to.equal(first);
  });

  it('reports attribute problems as written, and builds no model', async () => {
    const host = await mount({ rank: 'abc', targets: 'fc9' });
    expect(host.own.model).to.equal(undefined);
    expect(host.own.problems.map((p) => [p.attribute, p.value])).to.deep.equal([
      ['rank', 'abc'],
      ['targets', 'fc9'],
    ]);
    host.setAttribute('rank', '2');
    host.setAttribute('targets', 'fc1');
    await host.updateComplete;
    expect(host.own.problems).to.deep.equal([]);
    expect(host.own.model).to.not.equal(undefined);
  });

  it('disposes the own model on disconnect and builds a new one on reconnect', async () => {
    const host = await mount();
    const first = host.own.model!;
    host.remove();
    expect(first.disposed).to.equal(true);
    expect(host.own.model).to.equal(undefined);
    document.body.append(host);
    await host.updateComplete;
    expect(host.own.model).to.not.equal(undefined);
    expect(host.own.model).to.not.equal(first);
    expect(host.own.model!.disposed).to.equal(false);
  });

  it('hands over to a page model (never disposing it) and back to an own model', async () => {
    const host = await mount({ rank: 'abc' });
    expect(host.own.problems).to.have.length(1);
    const page = createMlp();
    pageModels.push(page);
    host.model = page;
    await host.updateComplete;
    expect(host.own.model).to.equal(page);
    expect(host.own.problems).to.deep.equal([]);
    host.setAttribute('rank', '2');
    await host.updateComplete;
    expect(host.own.model).to.equal(page);
    host.remove();
    expect(page.disposed).to.equal(false);
    document.body.append(host);
    host.model = undefined;
    await host.updateComplete;
    const own = host.own.model!;
    expect(own).to.not.equal(page);
    expect(own.disposed).to.equal(false);
    host.model = page;
    await host.updateComplete;
    expect(own.disposed).to.equal(true);
    expect(page.disposed).to.equal(false);
  });

  it('follows the shown model: a change of it updates the host', async () => {
    const host = await mount({ lora: '' });
    const before = host.renders;
    host.own.model!.disableAdapters();
    await host.updateComplete;
    expect(host.renders).to.be.greaterThan(before);
  });
});
