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

/** The verdict on features already computed (the add-on keeps them for a later correction). */
export function classifyFeatures(model: TagwiseModel, features: Features, reasonCount = 5): Verdict {
  const act = forward(model.mlp, features.vector);
  const winner = argmax(act.probs);
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
