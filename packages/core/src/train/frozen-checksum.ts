/**
 * 32-bit FNV-1a over the little-endian float32 bytes of each array in turn, as 8 lowercase hex
 * digits: equal for bit-identical values on every platform, and almost surely different otherwise.
 */
export function frozenChecksum(arrays: readonly Float32Array[]): string {
  let h = 0x811c9dc5;
  for (const values of arrays) {
    const view = new DataView(new ArrayBuffer(4));
    for (let i = 0; i < values.length; i++) {
      view.setFloat32(0, values[i]!, true);
      for (let b = 0; b < 4; b++) {
        h ^= view.getUint8(b);
        h = Math.imul(h, 0x01000193);
      }
    }
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
