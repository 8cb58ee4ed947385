/** The three verdicts, in the order of the model's output units. */
export const LABELS = ['SAFE', 'SPAM', 'THREAT'] as const;
export type Label = (typeof LABELS)[number];

export function isLabel(value: unknown): value is Label {
  return typeof value === 'string' && (LABELS as readonly string[]).includes(value);
}

export function labelIndex(label: Label): number {
  return LABELS.indexOf(label);
}

/** Probabilities per class; they sum to 1. */
export type Probabilities = Record<Label, number>;
