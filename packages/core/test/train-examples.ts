import type { Example } from '../src/data/types.js';
import { createRng, type TaskName } from '../src/index.js';

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Synthetic, learnable examples for a task: seeded inputs in [−1, 1] and a known rule per task.
 * Rule 0 and rule 1 differ, so a model pretrained on one has something to unlearn on the other.
 * Sentiment: positive iff x0 + x1 − x2 > 0 (rule 1: x3 > x4). Classification: the largest of x0..x3
 * (rule 1: of x4..x7). Regression: [x0 + x1, x2, −x3, x0/2] (rule 1: [x4, −x5, x6, x7]). Similarity:
 * half the pairs are a small perturbation of the first input; score (cos + 1)/2 (rule 1: 1 or 0).
 */
export function syntheticExamples(task: TaskName, n: number, seed: number, rule: 0 | 1 = 0): Example[] {
  const rng = createRng(seed, `synthetic:${task}`);
  const vector = () => Array.from({ length: 8 }, () => round2(rng.uniform(-1, 1)));
  const out: Example[] = [];
  for (let i = 0; i < n; i++) {
    const x = vector();
    const common = { text: `sample ${i}`, input: x, source: 'explicit' as const, line: i + 1 };
    if (task === 'sentiment') {
      out.push({ ...common, label: (rule ? x[3]! - x[4]! : x[0]! + x[1]! - x[2]!) > 0 ? 1 : 0 });
    } else if (task === 'classification') {
      const part = rule ? x.slice(4, 8) : x.slice(0, 4);
      out.push({ ...common, label: part.indexOf(Math.max(...part)) });
    } else if (task === 'regression') {
      out.push({ ...common, target: rule ? [x[4]!, -x[5]!, x[6]!, x[7]!] : [x[0]! + x[1]!, x[2]!, -x[3]!, x[0]! / 2] });
    } else {
      const noise = vector();
      const near = rng.next() < 0.5;
      const pair = near ? x.map((v, j) => round2(v + 0.2 * noise[j]!)) : noise;
      const dot = x.reduce((s, v, j) => s + v * pair[j]!, 0);
      const cos = dot / (Math.hypot(...x) * Math.hypot(...pair));
      const score = rule ? (near ? 1 : 0) : Math.min(1, Math.max(0, (cos + 1) / 2));
      out.push({ ...common, text2: `other ${i}`, pair, score });
    }
  }
  return out;
}
