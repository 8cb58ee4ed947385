import type { LossPoint } from '../src/messages.ts';

export interface CurveBox {
  width: number;
  height: number;
  /** Room left for the axis labels. */
  padLeft: number;
  padBottom: number;
}

export interface LossCurve {
  /** SVG path data, one point per correction in order: the loss before learning it, and after. */
  before: string;
  after: string;
  /** Each correction's two points, for markers (a single correction is a point, not a line). */
  points: Array<{ x: number; before: number; after: number }>;
  /** The loss at the top of the chart (the largest, rounded up to a tidy number). */
  top: number;
}

/** A tidy upper bound: 1, 2 or 5 times a power of ten, at least `value`. */
export function niceCeiling(value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((m) => m * power >= value - 1e-12) as number;
  return step * power;
}

const round = (value: number) => Math.round(value * 10) / 10;

/**
 * The loss curve of the corrections: x is the correction's number (corrections come in bursts, so
 * time would squash most of them together), y the cross-entropy loss. A falling "before" line
 * means the model needed less and less correcting. Non-finite losses are left out.
 */
export function lossCurve(points: readonly LossPoint[], box: CurveBox): LossCurve {
  const usable = points.filter((p) => Number.isFinite(p.lossBefore) && Number.isFinite(p.lossAfter) && p.lossBefore >= 0 && p.lossAfter >= 0);
  const top = niceCeiling(Math.max(0, ...usable.map((p) => Math.max(p.lossBefore, p.lossAfter))));
  const plotWidth = box.width - box.padLeft;
  const plotHeight = box.height - box.padBottom;
  const x = (n: number) => round(box.padLeft + (usable.length === 1 ? plotWidth / 2 : (n / (usable.length - 1)) * plotWidth));
  const y = (loss: number) => round(plotHeight - (loss / top) * plotHeight);
  const path = (pick: (p: LossPoint) => number) => usable.map((p, n) => `${n === 0 ? 'M' : 'L'}${x(n)},${y(pick(p))}`).join(' ');
  return {
    before: path((p) => p.lossBefore),
    after: path((p) => p.lossAfter),
    points: usable.map((p, n) => ({ x: x(n), before: y(p.lossBefore), after: y(p.lossAfter) })),
    top,
  };
}
