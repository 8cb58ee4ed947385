import type { Features } from './features/feature-space.ts';
import type { Activations, Mlp } from './mlp.ts';

export interface Reason {
  /** A signal's readable name, or a token such as `s:invoice` (subject word) or `h:example.com` (link domain). */
  feature: string;
  /** How much this feature moved the winning class's logit above the mean of the others (log-odds units). */
  weight: number;
}

/**
 * The features that pushed hardest toward class `target`. With the ReLU pattern of this input held
 * fixed the network is linear, so input i adds x_i · Σ_j W1[i,j] · [a_j > 0] · (W2[j,target] − mean_k W2[j,k])
 * to the margin of `target` over the average class: an exact decomposition (up to the biases).
 */
export function explain(mlp: Mlp, features: Features, act: Activations, target: number, count: number): Reason[] {
  const { hiddenSize: H, outputSize: C, w1, w2 } = mlp;
  const margin = new Float32Array(H);
  for (let j = 0; j < H; j++) {
    if ((act.preHidden[j] as number) <= 0) continue;
    let mean = 0;
    for (let k = 0; k < C; k++) mean += (w2[j * C + k] as number) / C;
    margin[j] = (w2[j * C + target] as number) - mean;
  }
  const reasons: Reason[] = [];
  const { indices, values } = features.vector;
  for (let n = 0; n < indices.length; n++) {
    const row = (indices[n] as number) * H;
    let sum = 0;
    for (let j = 0; j < H; j++) sum += (w1[row + j] as number) * (margin[j] as number);
    const weight = (values[n] as number) * sum;
    if (weight > 0) reasons.push({ feature: features.names.get(indices[n] as number) ?? `#${indices[n]}`, weight });
  }
  return reasons.sort((a, b) => b.weight - a.weight).slice(0, count);
}
