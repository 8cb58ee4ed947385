import type { Gradients, Mlp } from './mlp.ts';

/**
 * SGD with momentum and L2 weight decay. The velocity has the model's shapes. For W1, momentum and
 * decay are applied lazily, to the rows a step touches only: a sparse input must not cost a pass
 * over all D rows (the usual treatment of sparse embeddings).
 */
export interface SgdState {
  learningRate: number;
  momentum: number;
  l2: number;
  /** Optimizer steps taken so far. */
  step: number;
  vw1: Float32Array;
  vb1: Float32Array;
  vw2: Float32Array;
  vb2: Float32Array;
}

export interface SgdSettings {
  learningRate: number;
  momentum: number;
  l2: number;
}

export function createSgd(mlp: Mlp, settings: SgdSettings): SgdState {
  return {
    ...settings,
    step: 0,
    vw1: new Float32Array(mlp.w1.length),
    vb1: new Float32Array(mlp.b1.length),
    vw2: new Float32Array(mlp.w2.length),
    vb2: new Float32Array(mlp.b2.length),
  };
}

/** v ← μv + (g + λw); w ← w − ηv, for one dense array. */
function updateDense(w: Float32Array, v: Float32Array, g: Float32Array, s: SgdState, lr: number): void {
  for (let i = 0; i < w.length; i++) {
    const vi = s.momentum * (v[i] as number) + (g[i] as number) + s.l2 * (w[i] as number);
    v[i] = vi;
    w[i] = (w[i] as number) - lr * vi;
  }
}

/** One optimizer step: the only function that writes weights. */
export function sgdStep(mlp: Mlp, state: SgdState, grads: Gradients, learningRate = state.learningRate): void {
  const H = mlp.hiddenSize;
  const { w1 } = mlp;
  const { vw1 } = state;
  for (let n = 0; n < grads.rows.length; n++) {
    const row = (grads.rows[n] as number) * H;
    for (let j = 0; j < H; j++) {
      const i = row + j;
      const vi = state.momentum * (vw1[i] as number) + (grads.w1Rows[n * H + j] as number) + state.l2 * (w1[i] as number);
      vw1[i] = vi;
      w1[i] = (w1[i] as number) - learningRate * vi;
    }
  }
  updateDense(mlp.b1, state.vb1, grads.b1, state, learningRate);
  updateDense(mlp.w2, state.vw2, grads.w2, state, learningRate);
  updateDense(mlp.b2, state.vb2, grads.b2, state, learningRate);
  state.step++;
}
