import { LABELS } from '../core/labels.ts';
import type { Metrics } from '../core/metrics.ts';

const pct = (x: number, digits = 2): string => (Number.isNaN(x) ? '—' : `${(100 * x).toFixed(digits)}%`);

/** The metrics as a report for people: confusion matrix, per-class table, then the headline figures. */
export function formatMetrics(m: Metrics): string {
  const width = Math.max(8, ...m.confusion.flat().map((n) => String(n).length + 2));
  const cell = (text: string): string => text.padStart(width);
  const lines = [
    `messages: ${m.count}, accuracy ${pct(m.accuracy)}`,
    '',
    `confusion (rows: true label, columns: verdict)`,
    `${''.padEnd(8)}${LABELS.map(cell).join('')}`,
    ...LABELS.map((label, k) => `${label.padEnd(8)}${(m.confusion[k] as number[]).map((n) => cell(String(n))).join('')}`),
    '',
    `${'class'.padEnd(8)}${['support', 'precision', 'recall', 'F1'].map((h) => h.padStart(11)).join('')}`,
    ...LABELS.map((label) => {
      const c = m.perClass[label];
      return `${label.padEnd(8)}${[String(c.support), pct(c.precision), pct(c.recall), pct(c.f1)].map((v) => v.padStart(11)).join('')}`;
    }),
    '',
    `macro-F1                  ${pct(m.macroF1)}`,
    `SAFE tagged SPAM/THREAT   ${Number.isNaN(m.safeTaggedJunkPercent) ? '—' : `${m.safeTaggedJunkPercent.toFixed(2)}%`}`,
    `THREAT recall             ${pct(m.threatRecall)}`,
    `(1-ROCA)% SAFE vs junk    ${Number.isNaN(m.oneMinusRocaPercent) ? '—' : `${m.oneMinusRocaPercent.toFixed(3)}%`}`,
  ];
  return lines.join('\n');
}

/** JSON has no NaN: a figure with nothing to measure becomes null. */
export function metricsToJson(m: Metrics, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ ...extra, ...m }, (_, value) => (typeof value === 'number' && !Number.isFinite(value) ? null : value));
}
