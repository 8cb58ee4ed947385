/** A sparse input vector: strictly increasing indices with their non-zero values. */
export interface SparseVector {
  indices: Uint32Array;
  values: Float32Array;
}

/** Builds a SparseVector from index/value pairs; repeated indices are summed, zeros dropped. */
export function sparseFromEntries(entries: Iterable<[number, number]>): SparseVector {
  const sums = new Map<number, number>();
  for (const [index, value] of entries) sums.set(index, (sums.get(index) ?? 0) + value);
  const sorted = [...sums].filter(([, v]) => v !== 0).sort((a, b) => a[0] - b[0]);
  return {
    indices: Uint32Array.from(sorted, ([i]) => i),
    values: Float32Array.from(sorted, ([, v]) => v),
  };
}
