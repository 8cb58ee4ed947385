/** A sparse input vector: strictly increasing indices with their non-zero values. */
export interface SparseVector {
  indices: Uint32Array;
  values: Float32Array;
}
