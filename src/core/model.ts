import type { FeatureSpace } from './features/feature-space.ts';
import type { Label } from './labels.ts';
import type { Mlp } from './mlp.ts';
import type { SgdState } from './sgd.ts';
import type { SparseVector } from './sparse-vector.ts';

export const MODEL_KIND = 'tagwise-model';
export const MODEL_VERSION = 1;

/** One labelled input, as kept for rehearsal and for the user's corrections (no message text). */
export interface LabelledVector {
  vector: SparseVector;
  label: Label;
}

export interface ModelMeta {
  /** ISO date of training. */
  trainedAt: string;
  /** What the model was trained on and how, for the options page and the model card. */
  description: string;
  /** Corrections learned since the shipped model. */
  corrections: number;
}

/**
 * Everything that makes a classifier, as one plain record: the feature layout, the network, the
 * optimizer's state and the rehearsal set replayed with every correction. Survives structured clone.
 */
export interface TagwiseModel {
  kind: typeof MODEL_KIND;
  version: typeof MODEL_VERSION;
  meta: ModelMeta;
  space: FeatureSpace;
  mlp: Mlp;
  optimizer: SgdState;
  rehearsal: LabelledVector[];
}
