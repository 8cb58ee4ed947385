import { describe, expect, test } from 'vitest';
import { backward, createMlp, crossEntropy, forward, type Mlp } from '../../src/core/mlp.ts';
import { seededRandom } from '../../src/core/random.ts';
import { createSgd, sgdStep } from '../../src/core/sgd.ts';
import type { SparseVector } from '../../src/core/sparse-vector.ts';

function randomMlp(seed: number): Mlp {
  const random = seededRandom(seed);
  const mlp = createMlp(20, 6, 3, random);
  // W1 starts at zero by design; give it values so every path of the gradient is exercised.
  for (let i = 0; i < mlp.w1.length; i++) mlp.w1[i] = (random() - 0.5) * 0.8;
  return mlp;
}

const x: SparseVector = { indices: Uint32Array.from([1, 4, 7, 19]), values: Float32Array.from([0.5, 1, -0.3, 0.8]) };

function loss(mlp: Mlp, target: number): number {
  return crossEntropy(forward(mlp, x).probs, target);
}

describe('mlp', () => {
  test('probabilities are positive and sum to 1', () => {
    const { probs } = forward(randomMlp(1), x);
    expect(probs.every((p) => p > 0)).toBe(true);
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  test.each([0, 1, 2])('backpropagation matches finite differences (target %i)', (target) => {
    const mlp = randomMlp(7);
    const grads = backward(mlp, x, forward(mlp, x), target);
    const eps = 1e-2;
    const numeric = (array: Float32Array, i: number): number => {
      const saved = array[i];
      array[i] = saved + eps;
      const up = loss(mlp, target);
      array[i] = saved - eps;
      const down = loss(mlp, target);
      array[i] = saved;
      return (up - down) / (2 * eps);
    };
    const H = mlp.hiddenSize;
    // W1: the rows of the input's non-zero entries.
    x.indices.forEach((row, n) => {
      for (let j = 0; j < H; j++) {
        expect(grads.w1Rows[n * H + j]).toBeCloseTo(numeric(mlp.w1, row * H + j), 2);
      }
    });
    for (let i = 0; i < mlp.b1.length; i++) expect(grads.b1[i]).toBeCloseTo(numeric(mlp.b1, i), 2);
    for (let i = 0; i < mlp.w2.length; i++) expect(grads.w2[i]).toBeCloseTo(numeric(mlp.w2, i), 2);
    for (let i = 0; i < mlp.b2.length; i++) expect(grads.b2[i]).toBeCloseTo(numeric(mlp.b2, i), 2);
  });

  test('one SGD step lowers the loss', () => {
    const mlp = randomMlp(3);
    const sgd = createSgd(mlp, { learningRate: 0.1, momentum: 0.9, l2: 1e-4 });
    const before = loss(mlp, 2);
    sgdStep(mlp, sgd, backward(mlp, x, forward(mlp, x), 2));
    expect(loss(mlp, 2)).toBeLessThan(before);
    expect(sgd.step).toBe(1);
  });

  test('a step touches only the rows of the input', () => {
    const mlp = randomMlp(5);
    const before = mlp.w1.slice();
    const sgd = createSgd(mlp, { learningRate: 0.1, momentum: 0, l2: 0 });
    sgdStep(mlp, sgd, backward(mlp, x, forward(mlp, x), 0));
    const H = mlp.hiddenSize;
    const touched = new Set<number>();
    for (let i = 0; i < before.length; i++) if (before[i] !== mlp.w1[i]) touched.add(Math.floor(i / H));
    expect([...touched].every((row) => x.indices.includes(row))).toBe(true);
    expect(touched.size).toBeGreaterThan(0);
  });

  test('the same seed gives the same network', () => {
    expect(createMlp(10, 4, 3, seededRandom(9)).w2).toEqual(createMlp(10, 4, 3, seededRandom(9)).w2);
    expect(createMlp(10, 4, 3, seededRandom(9)).w2).not.toEqual(createMlp(10, 4, 3, seededRandom(10)).w2);
  });
});
