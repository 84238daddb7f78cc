import { expect } from '@esm-bundle/chai';
import { LitElement } from 'lit';
import { PlaybackController } from '../src/controllers/playback-controller.js';

/** A bare host with a fixed number of frames and a short frame duration. */
class PlaybackHost extends LitElement {
  frames = 5;
  duration = 20;
  changes = 0;
  readonly playback = new PlaybackController(this, {
    frames: () => this.frames,
    frameDuration: () => this.duration,
    onChange: () => (this.changes += 1),
  });
}
customElements.define('playback-host', PlaybackHost);

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

async function mount(): Promise<PlaybackHost> {
  const el = document.createElement('playback-host') as PlaybackHost;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

afterEach(() => {
  for (const el of document.querySelectorAll('playback-host')) el.remove();
});

describe('PlaybackController', () => {
  it('starts paused on frame 0', async () => {
    const { playback } = await mount();
    expect(playback.position).to.equal(0);
    expect(playback.playing).to.equal(false);
    expect(playback.ticking).to.equal(false);
  });

  it('advances one frame per frame duration while playing and stops on the last frame', async () => {
    const el = await mount();
    el.playback.play();
    expect(el.playback.playing).to.equal(true);
    for (let waited = 0; el.playback.position === 0 && waited < 5000; waited += 10) await tick(10);
    expect(el.playback.position).to.be.greaterThan(0);
    for (let waited = 0; el.playback.playing && waited < 5000; waited += 10) await tick(10);
    expect(el.playback.position).to.equal(4);
    expect(el.playback.playing).to.equal(false);
    expect(el.playback.ticking).to.equal(false);
  });

  it('keeps the frame on pause and does not move afterwards', async () => {
    const el = await mount();
    el.playback.play();
    await tick(30);
    el.playback.pause();
    const at = el.playback.position;
    await tick(80);
    expect(el.playback.position).to.equal(at);
    expect(el.playback.ticking).to.equal(false);
  });

  it('restarts from frame 0 when played on the last frame', async () => {
    const el = await mount();
    el.playback.seek(4);
    el.playback.play();
    expect(el.playback.position).to.equal(0);
    el.playback.pause();
  });

  it('steps and seeks within the frames, and stepping pauses', async () => {
    const el = await mount();
    el.playback.step(1);
    expect(el.playback.position).to.equal(1);
    el.playback.step(-5);
    expect(el.playback.position).to.equal(0);
    el.playback.seek(99);
    expect(el.playback.position).to.equal(4);
    el.playback.play();
    el.playback.step(-1);
    expect(el.playback.playing).to.equal(false);
    expect(el.playback.position).to.equal(0);
  });

  it('plays twice as fast at 2× as at 0.5× (frames per unit time)', async () => {
    const el = await mount();
    el.frames = 100;
    el.duration = 40;
    el.playback.setSpeed(2);
    el.playback.play();
    await tick(210);
    el.playback.pause();
    const fast = el.playback.position;
    el.playback.seek(0);
    el.playback.setSpeed(0.5);
    el.playback.play();
    await tick(210);
    el.playback.pause();
    const slow = el.playback.position;
    expect(fast).to.be.greaterThan(slow * 2);
    expect(el.playback.speed).to.equal(0.5);
  });

  it('ignores a speed that is not offered', async () => {
    const el = await mount();
    el.playback.setSpeed(3 as never);
    expect(el.playback.speed).to.equal(1);
  });

  it('pauses when the page becomes hidden', async () => {
    const el = await mount();
    el.playback.play();
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    try {
      document.dispatchEvent(new Event('visibilitychange'));
    } finally {
      delete (document as { hidden?: boolean }).hidden;
    }
    expect(el.playback.playing).to.equal(false);
    expect(el.playback.ticking).to.equal(false);
  });

  it('stops its timer and listeners when the host is disconnected mid-play', async () => {
    const el = await mount();
    el.playback.play();
    await tick(30);
    el.remove();
    expect(el.playback.playing).to.equal(false);
    expect(el.playback.ticking).to.equal(false);
    const at = el.playback.position;
    const changes = el.changes;
    document.dispatchEvent(new Event('visibilitychange'));
    await tick(80);
    expect(el.playback.position).to.equal(at);
    expect(el.changes).to.equal(changes);
  });

  it('clamps the position when the number of frames shrinks, and pauses without frames', async () => {
    const el = await mount();
    el.playback.seek(4);
    el.frames = 2;
    el.playback.clamp();
    expect(el.playback.position).to.equal(1);
    el.playback.play();
    el.frames = 0;
    el.playback.clamp();
    expect(el.playback.position).to.equal(0);
    expect(el.playback.playing).to.equal(false);
  });

  it('reads the reduced-motion preference on connect', async () => {
    const el = await mount();
    expect(el.playback.reducedMotion).to.equal(matchMedia('(prefers-reduced-motion: reduce)').matches);
  });
});
