import { LABELS, labelIndex, type Label, type Probabilities } from './labels.ts';

/** One message's true label against the model's verdict. */
export interface Outcome {
  label: Label;
  predicted: Label;
  probs: Probabilities;
}

export interface ClassMetrics {
  /** Messages of this class. */
  support: number;
  /** Of the messages tagged this class, the share that are (NaN when none was tagged so). */
  precision: number;
  /** Of the messages of this class, the share tagged so (NaN when there are none). */
  recall: number;
  /** 2TP / (2TP + FP + FN): the harmonic mean of the two, defined whenever the class occurs at all. */
  f1: number;
}

/** The figures of DESIGN.md §4. Percentages are 0..100; a figure with nothing to measure is NaN. */
export interface Metrics {
  count: number;
  accuracy: number;
  /** confusion[true][predicted], in the order of LABELS. */
  confusion: number[][];
  perClass: Record<Label, ClassMetrics>;
  /** Mean F1 over the classes that occur in the truth or in the verdicts. */
  macroF1: number;
  /** Share of SAFE mail tagged SPAM or THREAT, in percent: the costliest error. */
  safeTaggedJunkPercent: number;
  /** Share of THREAT mail tagged THREAT: the most dangerous miss is the complement. */
  threatRecall: number;
  /** 100 · (1 − ROC area) for SAFE vs not-SAFE with score 1 − P(SAFE): the TREC spam-track figure. */
  oneMinusRocaPercent: number;
}

/**
 * Area under the ROC curve: the probability that a random positive scores above a random negative,
 * a tie counting one half (the Mann-Whitney U statistic over the average ranks of tied scores).
 * NaN when either side is empty.
 */
export function rocArea(scores: readonly number[], positive: readonly boolean[]): number {
  const order = scores.map((_, i) => i).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  let positives = 0;
  let positiveRankSum = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1] as number] === scores[order[start] as number]) end++;
    // Ranks start..end (1-based: start+1..end+1) share their mean.
    const meanRank = (start + end) / 2 + 1;
    for (let n = start; n <= end; n++) {
      if (positive[order[n] as number]) {
        positives++;
        positiveRankSum += meanRank;
      }
    }
    start = end + 1;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function computeMetrics(outcomes: readonly Outcome[]): Metrics {
  const C = LABELS.length;
  const confusion = LABELS.map(() => new Array<number>(C).fill(0));
  for (const { label, predicted } of outcomes) (confusion[labelIndex(label)] as number[])[labelIndex(predicted)]++;
  const row = (k: number): number[] => confusion[k] as number[];
  const cell = (t: number, p: number): number => row(t)[p] as number;

  const perClass = {} as Record<Label, ClassMetrics>;
  const f1s: number[] = [];
  LABELS.forEach((name, k) => {
    const tp = cell(k, k);
    const support = row(k).reduce((a, b) => a + b, 0);
    const tagged = confusion.reduce((sum, r) => sum + (r[k] as number), 0);
    const f1 = support + tagged === 0 ? NaN : (2 * tp) / (support + tagged);
    perClass[name] = { support, precision: tagged === 0 ? NaN : tp / tagged, recall: support === 0 ? NaN : tp / support, f1 };
    if (!Number.isNaN(f1)) f1s.push(f1);
  });

  const safe = labelIndex('SAFE');
  const correct = LABELS.reduce((sum, _, k) => sum + cell(k, k), 0);
  const auc = rocArea(
    outcomes.map((o) => 1 - o.probs.SAFE),
    outcomes.map((o) => o.label !== 'SAFE'),
  );
  return {
    count: outcomes.length,
    accuracy: outcomes.length === 0 ? NaN : correct / outcomes.length,
    confusion,
    perClass,
    macroF1: f1s.length === 0 ? NaN : f1s.reduce((a, b) => a + b, 0) / f1s.length,
    safeTaggedJunkPercent: perClass.SAFE.support === 0 ? NaN : (100 * (perClass.SAFE.support - cell(safe, safe))) / perClass.SAFE.support,
    threatRecall: perClass.THREAT.recall,
    oneMinusRocaPercent: 100 * (1 - auc),
  };
}
