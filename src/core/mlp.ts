import type { SparseVector } from './sparse-vector.ts';
import { gaussian, type Random } from './random.ts';

/**
 * A two-layer perceptron over a sparse input: x (D, sparse) -> h = relu(W1ᵀx + b1) (H) -> z = W2ᵀh + b2 (C)
 * -> p = softmax(z). Plain data: records of typed arrays survive structured clone (IndexedDB).
 *
 * Shapes: w1 is D×H row-major (row i holds the weights leaving input i, so a sparse input touches
 * only its rows); w2 is H×C row-major.
 */
export interface Mlp {
  inputSize: number;
  hiddenSize: number;
  outputSize: number;
  w1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: Float32Array;
}

/** Everything a backward pass needs from the forward pass. */
export interface Activations {
  /** Pre-activation of the hidden layer (H). */
  preHidden: Float32Array;
  hidden: Float32Array;
  logits: Float32Array;
  probs: Float32Array;
}

/** Gradients with the model's shapes; w1 only for the rows of the input's non-zero indices. */
export interface Gradients {
  /** Rows of W1 touched, the same order as `w1Rows` (each row H long). */
  rows: Uint32Array;
  w1Rows: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: Float32Array;
}

/**
 * W1 starts at zero: a row then stays zero until its input is seen, so untrained slots cost nothing
 * in the shipped file, and random W2 alone breaks the symmetry between hidden units.
 */
export function createMlp(inputSize: number, hiddenSize: number, outputSize: number, random: Random): Mlp {
  const w2 = new Float32Array(hiddenSize * outputSize);
  const scale = Math.sqrt(2 / hiddenSize);
  for (let i = 0; i < w2.length; i++) w2[i] = gaussian(random) * scale;
  return {
    inputSize,
    hiddenSize,
    outputSize,
    w1: new Float32Array(inputSize * hiddenSize),
    b1: new Float32Array(hiddenSize).fill(0.1),
    w2,
    b2: new Float32Array(outputSize),
  };
}

export function forward(mlp: Mlp, x: SparseVector): Activations {
  const { hiddenSize: H, outputSize: C, w1, b1, w2, b2 } = mlp;
  const preHidden = Float32Array.from(b1);
  for (let n = 0; n < x.indices.length; n++) {
    const row = (x.indices[n] as number) * H;
    const v = x.values[n] as number;
    for (let j = 0; j < H; j++) preHidden[j] += v * (w1[row + j] as number);
  }
  const hidden = preHidden.map((a) => (a > 0 ? a : 0));
  const logits = Float32Array.from(b2);
  for (let j = 0; j < H; j++) {
    const h = hidden[j] as number;
    if (h === 0) continue;
    for (let k = 0; k < C; k++) logits[k] += h * (w2[j * C + k] as number);
  }
  return { preHidden, hidden, logits, probs: softmax(logits) };
}

export function softmax(logits: Float32Array): Float32Array {
  const max = Math.max(...logits);
  const exps = logits.map((z) => Math.exp(z - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/** Cross-entropy of the target class: -log p[target]. */
export function crossEntropy(probs: Float32Array, target: number): number {
  return -Math.log(Math.max(probs[target] as number, 1e-12));
}

/**
 * Backpropagation of weight · cross-entropy through softmax and ReLU.
 * dz = weight·(p - onehot(t)); dW2 = h dzᵀ; dh = W2 dz; da = dh ⊙ [a > 0]; dW1[i,:] = x_i da.
 */
export function backward(mlp: Mlp, x: SparseVector, act: Activations, target: number, weight = 1): Gradients {
  const { hiddenSize: H, outputSize: C, w2 } = mlp;
  const dz = act.probs.map((p, k) => weight * (p - (k === target ? 1 : 0)));
  const dw2 = new Float32Array(H * C);
  const da = new Float32Array(H);
  for (let j = 0; j < H; j++) {
    const h = act.hidden[j] as number;
    let dh = 0;
    for (let k = 0; k < C; k++) {
      dw2[j * C + k] = h * (dz[k] as number);
      dh += (w2[j * C + k] as number) * (dz[k] as number);
    }
    da[j] = (act.preHidden[j] as number) > 0 ? dh : 0;
  }
  const w1Rows = new Float32Array(x.indices.length * H);
  for (let n = 0; n < x.indices.length; n++) {
    const v = x.values[n] as number;
    for (let j = 0; j < H; j++) w1Rows[n * H + j] = v * (da[j] as number);
  }
  return { rows: x.indices, w1Rows, b1: da, w2: dw2, b2: dz };
}
