import { inputSize, type FeatureSpace } from '../core/index.ts';

/**
 * Names a feature space: vectors stored with one key only mean something to a model with the same
 * key (a new shipped model brings a new vocabulary, and stored vectors of the old one are not replayed).
 */
export function spaceKey(space: FeatureSpace): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < space.vocabulary.length; i++) {
    h ^= space.vocabulary[i] as number;
    h = Math.imul(h, 0x01000193);
  }
  return `f${space.featureVersion}-d${inputSize(space)}-v${(h >>> 0).toString(16)}`;
}
