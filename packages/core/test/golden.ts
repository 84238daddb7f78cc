/**
 * Numbers that core produced in Node when this file was written, for seed 0. The same checks run in
 * Node (test/golden.test.ts) and in Chromium (packages/elements/test/core-determinism.test.ts): the
 * contract is that one seed gives one set of numbers on every platform.
 */
export const GOLDEN_SEED0 = {
  /** First four values of fc1.weight of `createMlp({ seed: 0 })`. */
  fc1Weight: [-0.7705526947975159, -0.7286638617515564, -0.8309469819068909, 0.7308586835861206],
  /** fc3.bias of the same sentiment model. */
  fc3Bias: [0.21011687815189362, 0.03530750423669815],
  /** First three values of fc2.lora_A after `attachLora(model, { initLoraWeights: 'gaussian' })`. */
  fc2LoraA: [0.09844473749399185, 0.033704403787851334, 0.22456301748752594],
  /** `model.predict([1, 2, 3, 4, 5, 6, 7, 8])` of that model. */
  output: [-4.708461284637451, -2.2537293434143066],
} as const;
