/** Units {@link formatBytes} writes: decimal (1 GB = 10⁹ bytes) or binary (1 GiB = 2³⁰ bytes). */
export type ByteUnit = 'B' | 'KB' | 'MB' | 'GB' | 'TB' | 'KiB' | 'MiB' | 'GiB' | 'TiB';

/** Bytes in one of each {@link ByteUnit}. */
export const BYTES_PER_UNIT: Readonly<Record<ByteUnit, number>> = Object.freeze({
  B: 1,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  KiB: 2 ** 10,
  MiB: 2 ** 20,
  GiB: 2 ** 30,
  TiB: 2 ** 40,
});

/** An integer with thousands separators (`6,738,415,616`), as PEFT prints counts; locale-independent. */
export function groupDigits(n: number): string {
  const sign = n < 0 ? '-' : '';
  return (
    sign +
    Math.trunc(Math.abs(n))
      .toString()
      .replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  );
}

/**
 * Writes a byte count in a unit with two decimals (`12.55 GiB`); `auto-binary` and `auto-decimal`
 * pick the largest unit of that system that keeps the number at least 1. Bytes stay whole (`708 B`).
 */
export function formatBytes(bytes: number, unit: ByteUnit | 'auto-binary' | 'auto-decimal' = 'auto-binary'): string {
  let chosen: ByteUnit;
  if (unit === 'auto-binary' || unit === 'auto-decimal') {
    const ladder: readonly ByteUnit[] =
      unit === 'auto-binary' ? ['B', 'KiB', 'MiB', 'GiB', 'TiB'] : ['B', 'KB', 'MB', 'GB', 'TB'];
    chosen = ladder.filter((u) => Math.abs(bytes) >= BYTES_PER_UNIT[u]).at(-1) ?? 'B';
  } else {
    chosen = unit;
  }
  if (chosen === 'B') return `${groupDigits(bytes)} B`;
  return `${(bytes / BYTES_PER_UNIT[chosen]).toFixed(2)} ${chosen}`;
}
