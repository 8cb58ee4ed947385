import type { Email } from './email.ts';
import { explain, type Reason } from './explain.ts';
import { featurize, type Features } from './features/feature-space.ts';
import { LABELS, type Label, type Probabilities } from './labels.ts';
import { forward } from './mlp.ts';
import type { TagwiseModel } from './model.ts';

export interface Verdict {
  label: Label;
  probs: Probabilities;
  reasons: Reason[];
}

export function toProbabilities(probs: Float32Array): Probabilities {
  return { SAFE: probs[0] as number, SPAM: probs[1] as number, THREAT: probs[2] as number };
}

export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) > (values[best] as number)) best = i;
  return best;
}

/**
 * Junk needs strong evidence: a message is SPAM or THREAT only when P(SPAM) + P(THREAT) reaches this,
 * and then whichever of the two is likelier. Lost legitimate mail is the costliest error, so the
 * SAFE side gets the benefit of the doubt (on held-out sources this halves SAFE mail tagged junk
 * for about 2 points of junk recall; see model/MODEL_CARD.md).
 */
export const JUNK_THRESHOLD = 0.9;

/**
 * Between the two junk classes a missed threat costs more than spam called a threat: THREAT wins
 * once P(THREAT) reaches this share of P(SPAM) (on held-out mail: +1 point of THREAT recall, the
 * same number of errors).
 */
export const THREAT_BIAS = 0.6;

/** The label for a probability vector over LABELS. */
export function decide(probs: ArrayLike<number>): number {
  const spam = probs[1] as number;
  const threat = probs[2] as number;
  if (spam + threat < JUNK_THRESHOLD) return 0;
  return threat >= THREAT_BIAS * spam ? 2 : 1;
}

/** The verdict on features already computed (the add-on keeps them for a later correction). */
export function classifyFeatures(model: TagwiseModel, features: Features, reasonCount = 5): Verdict {
  const act = forward(model.mlp, features.vector);
  const winner = decide(act.probs);
  return {
    label: LABELS[winner] as Label,
    probs: toProbabilities(act.probs),
    reasons: explain(model.mlp, features, act, winner, reasonCount),
  };
}

/** Email → verdict with its reasons. */
export function classify(model: TagwiseModel, email: Email, reasonCount = 5): Verdict {
  return classifyFeatures(model, featurize(email, model.space), reasonCount);
}
