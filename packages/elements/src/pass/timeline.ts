import type {
  BackwardEvent,
  ForwardEvent,
  GraphEdge,
  LossEvent,
  TraceEvent,
  TraceSample,
  TaskName,
  ValueSummary,
} from '@lora-viz/core';

/** Which half of a training step a pass element replays. */
export type PassPhase = 'forward' | 'backward';

/** One frame of a replay: a node's forward value, the loss, or a node's backward gradient. */
export type PassFrame =
  | { readonly kind: 'forward'; readonly nodeId: string; readonly event: ForwardEvent }
  | { readonly kind: 'loss'; readonly nodeId: 'loss'; readonly event: LossEvent }
  | { readonly kind: 'backward'; readonly nodeId: string; readonly event: BackwardEvent };

/**
 * The fixed sample each task replays by default: features 0, 3, 5 and 7 on (a positive review in
 * sentiment's featurizer) with label 1; class 2 for classification; targets 0.5, −0.5, 1, 0 for
 * regression; the same input paired with its mirror image at score 0.8 for similarity.
 */
export function defaultSample(task: TaskName, inputDim: number): TraceSample {
  const input = Array.from({ length: inputDim }, (_, i) => ([0, 3, 5, 7].includes(i % 8) ? 1 : 0));
  if (task === 'regression') return { input, target: [0.5, -0.5, 1, 0] };
  if (task === 'similarity') return { input, pair: [...input].reverse(), score: 0.8 };
  return { input, label: task === 'classification' ? 2 : 1 };
}

/**
 * Turns one recorded step into frames: forward is one frame per `forward` event (graph order) then
 * the loss; backward is the loss then one frame per `backward` event (reverse graph order). Events of
 * later steps are ignored; a similarity pair's two passes each give their frames.
 */
export function buildTimeline(events: readonly TraceEvent[], phase: PassPhase): PassFrame[] {
  const first = events.find((e) => e.kind === 'step-start')?.step ?? 0;
  const frames: PassFrame[] = [];
  let loss: PassFrame | undefined;
  for (const event of events) {
    if (event.step !== first) continue;
    if (event.kind === 'loss') loss = { kind: 'loss', nodeId: 'loss', event };
    else if (event.kind === 'forward' && phase === 'forward') {
      frames.push({ kind: 'forward', nodeId: event.nodeId, event });
    } else if (event.kind === 'backward' && phase === 'backward') {
      frames.push({ kind: 'backward', nodeId: event.nodeId, event });
    }
  }
  if (loss === undefined) return frames;
  return phase === 'forward' ? [...frames, loss] : [loss, ...frames];
}

/** The gradient stored for each trainable parameter in the step (`param-grad`), by parameter id. */
export function storedGradients(events: readonly TraceEvent[]): Map<string, ValueSummary> {
  const stored = new Map<string, ValueSummary>();
  for (const event of events) if (event.kind === 'param-grad') stored.set(event.paramId, event.grad);
  return stored;
}

/** Ids of the nodes shown before frame `position` (the trail behind the active node), without repeats. */
export function visitedNodes(frames: readonly PassFrame[], position: number): string[] {
  const active = frames[position]?.nodeId;
  const seen = new Set<string>();
  for (const frame of frames.slice(0, Math.max(0, position))) if (frame.nodeId !== active) seen.add(frame.nodeId);
  return [...seen];
}

/** Thinnest and thickest gradient edge, in pixels. */
export const EDGE_WIDTH_RANGE = [1, 7] as const;

/**
 * Backward edge widths up to frame `position`: an edge carries the gradient its target sends back
 * (the target's `passed` gradient, else dL/d(target)), drawn from 1 px (zero) to 7 px (the largest
 * gradient norm of the step). Edges whose target the gradient has not reached yet get no width.
 */
export function gradientEdgeWidths(
  edges: readonly GraphEdge[],
  frames: readonly PassFrame[],
  position: number,
): Record<string, number> {
  const norms = new Map<string, number>();
  for (const frame of frames) {
    if (frame.kind === 'backward') {
      const sent = frame.event.passed ?? frame.event.grad;
      norms.set(frame.nodeId, Math.max(norms.get(frame.nodeId) ?? 0, sent.norm));
    }
  }
  // The loss sends dL/d(output) back along output → loss.
  const output = frames.find((f) => f.kind === 'backward' && f.nodeId === 'output');
  if (output?.kind === 'backward') norms.set('loss', output.event.grad.norm);
  const reached = new Set(frames.slice(0, position + 1).map((f) => f.nodeId));
  const largest = Math.max(0, ...norms.values());
  const [thin, thick] = EDGE_WIDTH_RANGE;
  const widths: Record<string, number> = {};
  for (const edge of edges) {
    if (!reached.has(edge.target)) continue;
    const norm = norms.get(edge.target) ?? 0;
    widths[edge.id] = largest > 0 ? thin + ((thick - thin) * norm) / largest : thin;
  }
  return widths;
}
