import { describe, expect, it, test } from 'vitest';
import type { Label } from '../../src/core/labels.ts';
import { computeMetrics, rocArea, type Outcome } from '../../src/core/metrics.ts';

/** An outcome whose P(SAFE) is `safe` and the rest goes to the predicted junk class (or SPAM). */
function outcome(label: Label, predicted: Label, safe: number): Outcome {
  const junk = predicted === 'THREAT' ? 'THREAT' : 'SPAM';
  const probs = { SAFE: safe, SPAM: 0, THREAT: 0 };
  probs[junk] = 1 - safe;
  return { label, predicted, probs };
}

describe('rocArea', () => {
  test.each([
    { name: 'perfect ranking', scores: [0.1, 0.2, 0.8, 0.9], positive: [false, false, true, true], area: 1 },
    { name: 'inverted ranking', scores: [0.9, 0.8, 0.2, 0.1], positive: [false, false, true, true], area: 0 },
    { name: 'all tied counts one half', scores: [0.5, 0.5, 0.5, 0.5], positive: [false, true, false, true], area: 0.5 },
    // Pairs (pos, neg): (0.5, 0.1) win, (0.5, 0.5) tie, (0.9, 0.1) win, (0.9, 0.5) win → 3.5 / 4.
    { name: 'a tie across classes counts one half', scores: [0.1, 0.5, 0.5, 0.9], positive: [false, false, true, true], area: 0.875 },
    // Pairs: (0.3, 0.2) win, (0.3, 0.6) loss, (0.7, 0.2) win, (0.7, 0.6) win → 3 / 4.
    { name: 'one swapped pair', scores: [0.2, 0.3, 0.6, 0.7], positive: [false, true, false, true], area: 0.75 },
  ])('$name', ({ scores, positive, area }) => {
    expect(rocArea(scores, positive)).toBeCloseTo(area, 12);
  });

  it('is NaN when one side is empty', () => {
    expect(rocArea([0.1, 0.2], [true, true])).toBeNaN();
    expect(rocArea([], [])).toBeNaN();
  });

  it('does not depend on input order', () => {
    const scores = [0.3, 0.3, 0.1, 0.9, 0.5, 0.3, 0.7];
    const positive = [true, false, false, true, false, true, true];
    const reversed = rocArea([...scores].reverse(), [...positive].reverse());
    expect(rocArea(scores, positive)).toBeCloseTo(reversed, 12);
  });
});

describe('computeMetrics', () => {
  // 4 SAFE (one tagged SPAM), 3 SPAM (one tagged THREAT), 3 THREAT (one tagged SAFE).
  const outcomes: Outcome[] = [
    outcome('SAFE', 'SAFE', 0.9),
    outcome('SAFE', 'SAFE', 0.8),
    outcome('SAFE', 'SAFE', 0.7),
    outcome('SAFE', 'SPAM', 0.4),
    outcome('SPAM', 'SPAM', 0.1),
    outcome('SPAM', 'SPAM', 0.2),
    outcome('SPAM', 'THREAT', 0.3),
    outcome('THREAT', 'THREAT', 0.05),
    outcome('THREAT', 'THREAT', 0.1),
    outcome('THREAT', 'SAFE', 0.6),
  ];
  const metrics = computeMetrics(outcomes);

  it('counts the confusion matrix as [true][predicted]', () => {
    expect(metrics.confusion).toEqual([
      [3, 1, 0],
      [0, 2, 1],
      [1, 0, 2],
    ]);
    expect(metrics.count).toBe(10);
    expect(metrics.accuracy).toBeCloseTo(0.7, 12);
  });

  test.each([
    { label: 'SAFE' as const, precision: 3 / 4, recall: 3 / 4, f1: 6 / 8 },
    { label: 'SPAM' as const, precision: 2 / 3, recall: 2 / 3, f1: 4 / 6 },
    { label: 'THREAT' as const, precision: 2 / 3, recall: 2 / 3, f1: 4 / 6 },
  ])('per-class precision, recall and F1 of $label', ({ label, precision, recall, f1 }) => {
    const c = metrics.perClass[label];
    expect(c.precision).toBeCloseTo(precision, 12);
    expect(c.recall).toBeCloseTo(recall, 12);
    expect(c.f1).toBeCloseTo(f1, 12);
  });

  it('gives macro-F1, SAFE tagged junk and THREAT recall', () => {
    expect(metrics.macroF1).toBeCloseTo((6 / 8 + 4 / 6 + 4 / 6) / 3, 12);
    expect(metrics.safeTaggedJunkPercent).toBeCloseTo(25, 12);
    expect(metrics.threatRecall).toBeCloseTo(2 / 3, 12);
  });

  it('gives (1-ROCA)% from 1 - P(SAFE)', () => {
    // Junk P(SAFE): 0.1 0.2 0.3 0.05 0.1 0.6; SAFE: 0.9 0.8 0.7 0.4. Only (0.6 vs 0.4) is misordered:
    // 1 bad pair of 24 → AUC 23/24.
    expect(metrics.oneMinusRocaPercent).toBeCloseTo(100 / 24, 10);
  });

  it('leaves out of macro-F1 a class that neither occurs nor is predicted', () => {
    const onlySafe = computeMetrics([outcome('SAFE', 'SAFE', 0.9), outcome('SAFE', 'SPAM', 0.3)]);
    expect(onlySafe.perClass.THREAT.f1).toBeNaN();
    expect(onlySafe.perClass.SPAM.f1).toBe(0);
    expect(onlySafe.macroF1).toBeCloseTo((2 / 3 + 0) / 2, 12);
    expect(onlySafe.threatRecall).toBeNaN();
    expect(onlySafe.oneMinusRocaPercent).toBeNaN();
    expect(onlySafe.safeTaggedJunkPercent).toBe(50);
  });
});
