import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { LABELS, type Label } from '../../src/core/labels.ts';
import { learnFromCorrection, MAX_WEIGHT } from '../../src/core/learn-from-correction.ts';
import { forward } from '../../src/core/mlp.ts';
import { validateModel } from '../../src/core/model-file.ts';
import type { TagwiseModel } from '../../src/core/model.ts';
import { seededRandom } from '../../src/core/random.ts';
import type { SparseVector } from '../../src/core/sparse-vector.ts';
import { tinyModel } from '../support/tiny-model.ts';

/**
 * DESIGN §6: a learning rate that makes training diverge never leaves NaN or Infinity in the
 * weights. Whatever the rate (the options page allows up to 0.5, stored settings up to 10) and
 * whatever the input, a correction either leaves a sane model or is rolled back to the exact one
 * it started from, optimizer state included.
 */
const copy = (model: TagwiseModel) => structuredClone({ mlp: model.mlp, optimizer: model.optimizer, meta: model.meta });

function expectSane(model: TagwiseModel): void {
  const { mlp, optimizer } = model;
  for (const a of [mlp.w1, mlp.b1, mlp.w2, mlp.b2, optimizer.vw1, optimizer.vb1, optimizer.vw2, optimizer.vb2]) {
    expect(a.every((v) => Number.isFinite(v) && Math.abs(v) <= MAX_WEIGHT)).toBe(true);
  }
  // The stored record would be accepted on the next load.
  expect(() => validateModel(model)).not.toThrow();
}

function vectorOf(model: TagwiseModel, slots: number[], values: number[]): SparseVector {
  const D = model.mlp.inputSize;
  const pairs = [...new Map(slots.map((s, i) => [s % D, values[i % values.length] ?? 1]))].sort((a, b) => a[0] - b[0]);
  return { indices: Uint32Array.from(pairs, (p) => p[0]), values: Float32Array.from(pairs, (p) => p[1]) };
}

const extremeValue = fc.oneof(
  fc.double({ min: -1, max: 1, noNaN: true }),
  fc.constantFrom(1e3, -1e3, 1e6, 3e38, -3e38, 1e-30),
);

describe('learning at extreme rates and inputs', () => {
  test('never leaves NaN, Infinity or runaway weights: sane, or rolled back exactly', async () => {
    const shipped = await tinyModel();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.double({ min: 1e-4, max: 0.5, noNaN: true }), fc.constantFrom(0.5, 1, 10, 1e6, 1e30)),
        fc.constantFrom(0, 0.9),
        fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
        fc.array(extremeValue, { minLength: 1, maxLength: 40 }),
        fc.constantFrom<Label>(...LABELS),
        fc.integer({ min: 1, max: 5 }),
        async (learningRate, momentum, slots, values, label, corrections) => {
          const model = structuredClone(shipped);
          model.optimizer.momentum = momentum;
          for (let n = 0; n < corrections; n++) {
            const before = copy(model);
            const x = vectorOf(model, slots.map((s) => s + n), values);
            const result = learnFromCorrection(model, x, label, { learningRate, random: seededRandom(n) });
            if (result.rolledBack) expect(copy(model)).toEqual(before);
            else expect([result.lossBefore, result.lossAfter].every(Number.isFinite)).toBe(true);
            expectSane(model);
          }
        },
      ),
      { numRuns: 60, seed: 5 },
    );
  });

  test('a rolled-back correction leaves the velocity and step count as they were (momentum 0.9)', async () => {
    const model = await tinyModel();
    model.optimizer.momentum = 0.9;
    const x = vectorOf(model, [1, 2, 3, 50], [3e38]);
    const before = copy(model);
    const result = learnFromCorrection(model, x, 'THREAT', { learningRate: 10, random: seededRandom(1) });
    expect(result.rolledBack).toBe(true);
    expect(model.optimizer.step).toBe(before.optimizer.step);
    expect(model.optimizer.vw2).toEqual(before.optimizer.vw2);
    expect(model.meta.corrections).toBe(before.meta.corrections);
    // And the next, ordinary correction still learns.
    const ok = learnFromCorrection(model, vectorOf(model, [1, 2, 3], [0.5]), 'THREAT', { learningRate: 0.05, random: seededRandom(2) });
    expect(ok.rolledBack).toBe(false);
    expectSane(model);
  });

  test.each([0.05, 0.2, 0.5])('rate %s with ordinary inputs learns (no rollback) and classifies finitely', async (learningRate) => {
    const model = await tinyModel();
    const x = vectorOf(model, [0, 3, 40, 41, 42], [0.4]);
    const result = learnFromCorrection(model, x, 'SPAM', { learningRate, random: seededRandom(3) });
    expect(result.rolledBack).toBe(false);
    expect(forward(model.mlp, x).probs.every(Number.isFinite)).toBe(true);
    expectSane(model);
  });
});
