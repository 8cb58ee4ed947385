import { classifyFeatures, type TagwiseModel } from '../core/index.ts';
import type { CorrectionRecord } from '../store/records.ts';

export const ACCURACY_WINDOW = 50;

/**
 * How many of the user's last `window` corrections (in the model's feature space) the model labels
 * as the user did now: what the options page calls accuracy on your corrections.
 */
export function correctionAccuracy(
  model: TagwiseModel,
  corrections: readonly Pick<CorrectionRecord, 'vector' | 'label' | 'time' | 'spaceKey'>[],
  spaceKey: string,
  window = ACCURACY_WINDOW,
): { agreeing: number; total: number } {
  const recent = corrections
    .filter((c) => c.spaceKey === spaceKey)
    .sort((a, b) => b.time - a.time)
    .slice(0, window);
  const agreeing = recent.filter((c) => classifyFeatures(model, { vector: c.vector, names: new Map() }, 0).label === c.label).length;
  return { agreeing, total: recent.length };
}
