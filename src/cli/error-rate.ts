/** Errors over a stream of verdicts, in total and per quarter of the stream: they should fall as corrections arrive. */
export interface ErrorRate {
  errors: number;
  count: number;
  /** Error share of each quarter of the stream, 0..1. */
  quarters: number[];
}

export function errorRate(wrong: readonly boolean[]): ErrorRate {
  const n = wrong.length;
  const quarters = [0, 1, 2, 3].map((q) => {
    const slice = wrong.slice(Math.floor((q * n) / 4), Math.floor(((q + 1) * n) / 4));
    return slice.length === 0 ? NaN : slice.filter(Boolean).length / slice.length;
  });
  return { errors: wrong.filter(Boolean).length, count: n, quarters };
}

const pct = (x: number): string => (Number.isNaN(x) ? '—' : `${(100 * x).toFixed(2)}%`);

/** `errors E/N = X% ; by quarter a% b% c% d%` */
export function formatErrorRate(rate: ErrorRate): string {
  return `errors ${rate.errors}/${rate.count} = ${pct(rate.count === 0 ? NaN : rate.errors / rate.count)} ; by quarter ${rate.quarters.map(pct).join(' ')}`;
}
