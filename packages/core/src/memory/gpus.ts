/** A GPU and the memory it has. */
export interface GpuSpec {
  /** Id for `fitOnGpu` lookups and `lora-viz memory --gpu` (`a100-80gb`). */
  readonly id: string;
  /** Name as sold (`NVIDIA A100 80GB`). */
  readonly name: string;
  /** Capacity as advertised, in the vendor's "GB". */
  readonly advertisedGB: number;
  /**
   * Capacity in bytes: the advertised figure read as GiB (2³⁰ bytes), since GPU memory is built from
   * DRAM chips of power-of-two sizes. What a program can allocate is somewhat less (ECC, driver
   * reservations): a T4 with ECC on reports 15,360 MiB of its 16 GiB in `nvidia-smi`.
   */
  readonly bytes: number;
}

function gpu(id: string, name: string, advertisedGB: number): GpuSpec {
  return Object.freeze({ id, name, advertisedGB, bytes: advertisedGB * 2 ** 30 });
}

/** Common GPUs for fine-tuning, smallest first (capacities from NVIDIA's product pages). */
export const GPUS: readonly GpuSpec[] = Object.freeze([
  gpu('t4', 'NVIDIA T4 16GB', 16),
  gpu('rtx-3090', 'NVIDIA GeForce RTX 3090 24GB', 24),
  gpu('rtx-4090', 'NVIDIA GeForce RTX 4090 24GB', 24),
  gpu('a10', 'NVIDIA A10 24GB', 24),
  gpu('l4', 'NVIDIA L4 24GB', 24),
  gpu('a100-40gb', 'NVIDIA A100 40GB', 40),
  gpu('rtx-a6000', 'NVIDIA RTX A6000 48GB', 48),
  gpu('l40s', 'NVIDIA L40S 48GB', 48),
  gpu('a100-80gb', 'NVIDIA A100 80GB', 80),
  gpu('h100-80gb', 'NVIDIA H100 80GB', 80),
]);
