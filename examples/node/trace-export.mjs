// Records one real training step of the toy model on a sentence and prints the trace as JSON: the
// graph and every event (forward, loss, backward, param-grad, param-update).
//   node trace-export.mjs "The staff were lovely" > trace.json
import { attachLora, createTaskBase, describeGraph, featureVector, inferSentiment, recordStep } from '@lora-viz/core';

const text = process.argv[2] ?? 'The staff were lovely, but the soup was cold';
const model = createTaskBase('sentiment');
attachLora(model, { r: 4, alpha: 8 });
const sample = { input: featureVector('sentiment', text), label: inferSentiment(text).label };
const graph = describeGraph(model, { loss: true });
const events = recordStep(model, sample);
model.dispose();
process.stdout.write(`${JSON.stringify({ text, sample, graph, events })}\n`);
