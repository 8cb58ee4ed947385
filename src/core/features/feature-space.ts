import type { Email } from '../email.ts';
import type { SparseVector } from '../sparse-vector.ts';
import { hashToken } from './hash.ts';
import { messageFacts } from './message-facts.ts';
import { SIGNALS } from './signals.ts';
import { messageTokens } from './tokens.ts';

/** Bumped whenever featurisation changes meaning; a model is only valid with its own version. */
export const FEATURE_VERSION = 1;

/**
 * The input layout: [named signals | vocabulary tokens | overflow buckets].
 * The vocabulary is the sorted 32-bit hashes of the tokens chosen at training (those seen in several
 * sources); any other token is hashed into one of 2^overflowBits buckets, where the user's own
 * corrections can still teach the model about it.
 */
export interface FeatureSpace {
  featureVersion: number;
  vocabulary: Uint32Array;
  overflowBits: number;
}

export interface Features {
  vector: SparseVector;
  /** A readable name for each non-zero slot of `vector`: a signal's name or the token. */
  names: Map<number, string>;
}

export function inputSize(space: FeatureSpace): number {
  return SIGNALS.length + space.vocabulary.length + 2 ** space.overflowBits;
}

/** The input slot of a token: its vocabulary row, or its overflow bucket. */
export function tokenSlot(space: FeatureSpace, hash: number): number {
  const { vocabulary } = space;
  let lo = 0;
  let hi = vocabulary.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const value = vocabulary[mid] as number;
    if (value === hash) return SIGNALS.length + mid;
    if (value < hash) lo = mid + 1;
    else hi = mid - 1;
  }
  return SIGNALS.length + vocabulary.length + (hash & ((1 << space.overflowBits) - 1));
}

/** The named-signal values of a message, one per entry of SIGNALS. */
export function signalValues(email: Email): Float32Array {
  const facts = messageFacts(email);
  return Float32Array.from(SIGNALS, (signal) => {
    const value = signal.compute(facts);
    return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
  });
}

/**
 * Signals and token hashes → sparse input vector. Each distinct token weighs 1/√(number of distinct
 * tokens), so the token block has unit length whatever the message's size; named signals keep their
 * [0, 1] values. Training uses this directly on hashes it has kept; `featurize` adds the names.
 */
export function vectorize(signals: Float32Array, tokenHashes: ArrayLike<number>, space: FeatureSpace): SparseVector {
  return vectorFromSlots(signals, Uint32Array.from({ length: tokenHashes.length }, (_, n) => tokenSlot(space, tokenHashes[n] as number)));
}

/** The vector of signals and the input slots of the message's distinct tokens (any order). */
function vectorFromSlots(signals: Float32Array, tokenSlots: Uint32Array): SparseVector {
  const indices: number[] = [];
  const values: number[] = [];
  // Signals take the first slots, below every token slot: they come first, already in order.
  signals.forEach((value, i) => {
    if (value === 0) return;
    indices.push(i);
    values.push(value);
  });
  const slots = tokenSlots.slice().sort();
  const weight = slots.length === 0 ? 0 : 1 / Math.sqrt(slots.length);
  for (let n = 0; n < slots.length; n++) {
    // Two tokens in one overflow bucket add up.
    if (n > 0 && slots[n] === slots[n - 1]) values[values.length - 1] += weight;
    else {
      indices.push(slots[n] as number);
      values.push(weight);
    }
  }
  return { indices: Uint32Array.from(indices), values: Float32Array.from(values) };
}

/** Email → sparse input vector, with a readable name for each non-zero slot. */
export function featurize(email: Email, space: FeatureSpace): Features {
  const signals = signalValues(email);
  const tokens = [...messageTokens(email)];
  const slots = Uint32Array.from(tokens, (token) => tokenSlot(space, hashToken(token)));
  const names = new Map<number, string>();
  signals.forEach((value, i) => {
    if (value !== 0) names.set(i, (SIGNALS[i] as { name: string }).name);
  });
  tokens.forEach((token, n) => {
    const slot = slots[n] as number;
    if (!names.has(slot)) names.set(slot, token);
  });
  return { vector: vectorFromSlots(signals, slots), names };
}
