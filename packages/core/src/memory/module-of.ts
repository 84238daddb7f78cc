import type { ModuleDescription, ModuleKind } from './types.js';

/** The facts a module is built from; {@link moduleOf} derives its parameter counts. */
export interface ModuleInput {
  /** Full module name; `{i}` marks a per-layer module. */
  readonly path: string;
  /** What the module is. */
  readonly kind: ModuleKind;
  /** Input features, vocabulary, or width. */
  readonly in: number;
  /** Output features, embedding width, or width. */
  readonly out: number;
  /** Whether it has a bias (a norm's shift counts as one). */
  readonly bias: boolean;
  /** Path of the module whose weight it shares. */
  readonly tiedTo?: string;
  /** Whether it is the output head. */
  readonly outputHead?: boolean;
}

/**
 * Builds one frozen module description: weight in·out (a norm: one scale per feature; a tied weight: 0,
 * since PyTorch's `parameters()` yields a shared tensor once), bias `out`, and `layers` instances when
 * the path holds `{i}`.
 */
export function moduleOf(input: ModuleInput, layers: number): ModuleDescription {
  const perLayer = input.path.includes('{i}');
  const tiedTo = input.tiedTo ?? null;
  const weight = tiedTo !== null ? 0 : input.kind === 'norm' ? input.out : input.in * input.out;
  const bias = input.bias ? input.out : 0;
  return Object.freeze({
    name: input.path.slice(input.path.lastIndexOf('.') + 1),
    path: input.path,
    kind: input.kind,
    in: input.in,
    out: input.out,
    weight,
    bias,
    params: weight + bias,
    count: perLayer ? layers : 1,
    perLayer,
    tiedTo,
    outputHead: input.outputHead ?? false,
  });
}
