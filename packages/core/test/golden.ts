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

/**
 * Per-epoch losses of two fine-tuning runs that core produced in Node when this was written: the
 * sentiment task base (seed 0) fine-tuned with default LoRA on the default lines for 8 epochs, and
 * the classification base (seed 3) fine-tuned with QLoRA (NF4, double quantization) for 5 epochs at
 * seed 3. Checked in Node and in Chromium: same seed, same loss curve, bit for bit.
 */
export const GOLDEN_LOSSES = {
  sentimentLora8: [
    8.50023865699768, 7.578489661216736, 5.806154906749725, 3.8783533573150635, 2.235359214246273, 0.9078237041831017,
    0.8383717555552721, 0.5583802983164787,
  ],
  classificationQlora5: [
    3.928362786769867, 2.7630857825279236, 1.2502653449773788, 0.37362542748451233, 0.208131805062294,
  ],
} as const;

/** The runs behind {@link GOLDEN_LOSSES}, written once for both platforms. */
export const GOLDEN_RUNS = {
  sentimentLora8: { task: 'sentiment', baseSeed: 0, options: { epochs: 8 } },
  classificationQlora5: { task: 'classification', baseSeed: 3, options: { epochs: 5, method: 'qlora', seed: 3 } },
} as const;
