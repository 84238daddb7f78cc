import { describe, expect, it } from 'vitest';
import { createMlp, InvalidOptionError, tf } from '../src/index.js';
import { fineTune } from '../src/train/fine-tune.js';
import { rankSweep } from '../src/train/rank-sweep.js';
import { syntheticExamples } from './train-examples.js';

async function fieldOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidOptionError);
    return (error as InvalidOptionError).field;
  }
  return undefined;
}

describe('rankSweep', () => {
  it('reports r·(in + out) trainable parameters per target, a final loss and the metric, freeing every model', async () => {
    const base = createMlp({ task: 'classification', seed: 1 });
    const examples = syntheticExamples('classification', 12, 1);
    const before = tf.memory().numTensors;
    const points = await rankSweep(base, examples, { epochs: 5 });
    expect(tf.memory().numTensors).toBe(before);
    expect(points.map((p) => p.rank)).toEqual([1, 2, 4, 8]);
    // fc1 is 8→16 and fc2 16→16: r·(8 + 16) + r·(16 + 16) = 56·r.
    expect(points.map((p) => p.trainableParams)).toEqual([56, 112, 224, 448]);
    for (const p of points) {
      expect(p.status).toBe('completed');
      expect(Number.isFinite(p.finalLoss)).toBe(true);
      expect(p.metric.name).toBe('accuracy');
      expect(p.metric.value).toBeGreaterThanOrEqual(0);
      expect(p.metric.value).toBeLessThanOrEqual(1);
    }
    base.dispose();
  });

  it('counts every targeted layer, fc3 included, and reports R² for regression', async () => {
    const base = createMlp({ task: 'regression', seed: 1 });
    const points = await rankSweep(base, syntheticExamples('regression', 8, 1), {
      ranks: [3, 5],
      epochs: 2,
      lora: { targetModules: ['fc1', 'fc2', 'fc3'] },
    });
    // r·(8 + 16) + r·(16 + 16) + r·(16 + 4) = 76·r.
    expect(points.map((p) => p.trainableParams)).toEqual([228, 380]);
    expect(points.every((p) => p.metric.name === 'r2')).toBe(true);
    base.dispose();
  });

  it('matches a plain fine-tune at the same rank, scoring the held-out set when given', async () => {
    const base = createMlp({ task: 'sentiment', seed: 2 });
    const examples = syntheticExamples('sentiment', 12, 1);
    const heldOut = syntheticExamples('sentiment', 10, 2);
    const [point] = await rankSweep(base, examples, { ranks: [2], epochs: 6, eval: heldOut });
    const direct = await fineTune(base, examples, { lora: { r: 2 }, epochs: 6, eval: heldOut });
    expect(point!.finalLoss).toBe(direct.losses.at(-1));
    expect(point!.metric.value).toBe(direct.eval!.after.metrics.accuracy);
    direct.model.dispose();
    base.dispose();
  });

  it('stops after a run that diverged', async () => {
    const base = createMlp({ task: 'regression', seed: 1 });
    const points = await rankSweep(base, syntheticExamples('regression', 8, 1), { lr: 1e6 });
    expect(points).toHaveLength(1);
    expect(points[0]!.status).toBe('diverged');
    base.dispose();
  });

  it('rejects bad ranks and full fine-tuning', async () => {
    const base = createMlp();
    const examples = syntheticExamples('sentiment', 4, 1);
    expect(await fieldOf(rankSweep(base, examples, { ranks: [] }))).toBe('ranks');
    expect(await fieldOf(rankSweep(base, examples, { ranks: [1, 0] }))).toBe('ranks');
    expect(await fieldOf(rankSweep(base, examples, { ranks: [1.5] }))).toBe('ranks');
    expect(await fieldOf(rankSweep(base, examples, { method: 'full' }))).toBe('method');
    expect(await fieldOf(rankSweep(base, examples, { epochs: 0 }))).toBe('epochs');
    base.dispose();
  });
});
