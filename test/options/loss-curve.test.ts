import { expect, test } from 'vitest';
import { lossCurve, niceCeiling } from '../../options/loss-curve.ts';

const BOX = { width: 110, height: 60, padLeft: 10, padBottom: 10 };
const point = (lossBefore: number, lossAfter: number, time = 0) => ({ time, lossBefore, lossAfter });

test.each([
  [0.3, 0.5],
  [1, 1],
  [1.2, 2],
  [3, 5],
  [7, 10],
  [0.04, 0.05],
  [0, 1],
  [Number.NaN, 1],
])('the chart top for a largest loss of %s is %s', (value, top) => {
  expect(niceCeiling(value)).toBeCloseTo(top, 12);
});

test('points spread over the width, losses over the height, zero at the bottom', () => {
  const curve = lossCurve([point(2, 1), point(1, 0.5), point(0.5, 0)], BOX);
  expect(curve.top).toBe(2);
  // x: 10 + n/2 · 100; y: 50 − loss/2 · 50
  expect(curve.before).toBe('M10,0 L60,25 L110,37.5'.replace('37.5', '37.5'));
  expect(curve.after).toBe('M10,25 L60,37.5 L110,50');
});

test('one correction sits in the middle, with a marker for each of its losses', () => {
  const curve = lossCurve([point(1, 0.5)], BOX);
  expect(curve.before).toBe('M60,0');
  expect(curve.points).toEqual([{ x: 60, before: 0, after: 25 }]);
});

test('no corrections: empty paths', () => {
  expect(lossCurve([], BOX)).toEqual({ before: '', after: '', points: [], top: 1 });
});

test('non-finite or negative losses are left out, not drawn as NaN', () => {
  const curve = lossCurve([point(Number.NaN, 1), point(1, Number.POSITIVE_INFINITY), point(-1, 0), point(1, 0.5)], BOX);
  expect(curve.before).toBe('M60,0');
  expect(curve.before + curve.after).not.toMatch(/NaN|Infinity/);
});
