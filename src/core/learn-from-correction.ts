import { decide } from './classify.ts';
import { labelIndex, type Label } from './labels.ts';
import { backward, crossEntropy, forward, type Mlp } from './mlp.ts';
import type { LabelledVector, TagwiseModel } from './model.ts';
import type { Random } from './random.ts';
import { sgdStep } from './sgd.ts';
import type { SparseVector } from './sparse-vector.ts';

export interface CorrectionOptions {
  /** Overrides the model's own correction learning rate (the options page's setting). */
  learningRate?: number;
  /** Earlier corrections of this user, replayed so that new ones do not undo them. */
  history?: readonly LabelledVector[];
  random: Random;
  /** Examples replayed per round, drawn from the history and the shipped rehearsal set. */
  replayPerRound?: number;
  /** Rounds at most; learning stops earlier once the corrected message is confidently relabelled. */
  maxRounds?: number;
}

export interface CorrectionResult {
  label: Label;
  lossBefore: number;
  lossAfter: number;
  rounds: number;
  /** True when the update diverged (a weight not finite or past MAX_WEIGHT) and was undone (too high a learning rate). */
  rolledBack: boolean;
}

const CONFIDENT = 0.7;
const MIN_ROUNDS = 2;
/**
 * A correction to SPAM or THREAT goes past the junk threshold with room to spare: a near-duplicate
 * of the corrected message, a little less junk-like, must still land on the junk side of
 * JUNK_THRESHOLD.
 */
const JUNK_MARGIN = 0.97;

/** True when the corrected message has the corrected label with room to spare. */
function learned(probs: Float32Array, target: number): boolean {
  if (decide(probs) !== target || (probs[target] as number) < CONFIDENT) return false;
  return target === 0 || (probs[1] as number) + (probs[2] as number) >= JUNK_MARGIN;
}

/**
 * Past this a weight has diverged even when it is still finite: a float32 near 1e38 turns the next
 * forward pass into Infinity - Infinity = NaN. Trained weights stay within a few tens.
 */
export const MAX_WEIGHT = 1e4;

/**
 * A copy of everything a correction can change (the W1 rows of the inputs it touches, the dense
 * layers, the optimizer's velocity for them and its step count), to restore if the update diverges.
 */
function snapshot(model: TagwiseModel, rows: Set<number>): () => void {
  const { mlp, optimizer } = model;
  const H = mlp.hiddenSize;
  // Two flat buffers rather than a slice per row: a correction touches thousands of rows.
  const rowList = [...rows];
  const weights = new Float32Array(rowList.length * H);
  const velocity = new Float32Array(rowList.length * H);
  rowList.forEach((row, n) => {
    weights.set(mlp.w1.subarray(row * H, row * H + H), n * H);
    velocity.set(optimizer.vw1.subarray(row * H, row * H + H), n * H);
  });
  const dense = [mlp.b1, mlp.w2, mlp.b2, optimizer.vb1, optimizer.vw2, optimizer.vb2].map((a) => [a, a.slice()] as const);
  const step = optimizer.step;
  return () => {
    rowList.forEach((row, n) => {
      mlp.w1.set(weights.subarray(n * H, n * H + H), row * H);
      optimizer.vw1.set(velocity.subarray(n * H, n * H + H), row * H);
    });
    for (const [array, values] of dense) array.set(values);
    optimizer.step = step;
  };
}

const sane = (a: Float32Array, from = 0, to = a.length): boolean => {
  for (let i = from; i < to; i++) if (!(Math.abs(a[i] as number) <= MAX_WEIGHT)) return false;
  return true;
};

/** No NaN, no Infinity, nothing past MAX_WEIGHT, in the weights or the velocity a correction touched. */
function allSane(model: TagwiseModel, rows: Set<number>): boolean {
  const { mlp, optimizer } = model;
  const H = mlp.hiddenSize;
  for (const row of rows) if (!sane(mlp.w1, row * H, row * H + H) || !sane(optimizer.vw1, row * H, row * H + H)) return false;
  return [mlp.b1, mlp.w2, mlp.b2, optimizer.vb1, optimizer.vw2, optimizer.vb2].every((a) => sane(a));
}

function step(model: TagwiseModel, x: SparseVector, target: number, learningRate: number): void {
  const act = forward(model.mlp, x);
  sgdStep(model.mlp, model.optimizer, backward(model.mlp, x, act, target), learningRate);
}

/**
 * The one function the add-on calls when the user corrects a verdict. Rounds of SGD: the corrected
 * example, then a replay of earlier corrections and of the shipped rehearsal set, until the corrected
 * message gets the corrected label with confidence. The replay keeps the rest of what the model knew;
 * the small rate keeps the step local to the features this message shares with similar mail.
 * Writes the model in place; an update that leaves a non-finite or runaway weight (or velocity) is
 * rolled back whole, optimizer state included.
 */
export function learnFromCorrection(model: TagwiseModel, vector: SparseVector, label: Label, options: CorrectionOptions): CorrectionResult {
  const learningRate = options.learningRate ?? model.optimizer.learningRate;
  const replayPerRound = options.replayPerRound ?? 2;
  const maxRounds = options.maxRounds ?? 20;
  const target = labelIndex(label);
  const pool = [...(options.history ?? []), ...model.rehearsal];
  const lossBefore = crossEntropy(forward(model.mlp, vector).probs, target);
  // An input the model cannot even score (its values overflow the forward pass) teaches nothing.
  if (!Number.isFinite(lossBefore)) return { label, lossBefore, lossAfter: lossBefore, rounds: 0, rolledBack: true };

  const replay: LabelledVector[] = [];
  for (let n = 0; n < replayPerRound * maxRounds && pool.length > 0; n++) {
    replay.push(pool[Math.floor(options.random() * pool.length)] as LabelledVector);
  }
  const rows = new Set<number>(vector.indices);
  for (const { vector: v } of replay) for (const i of v.indices) rows.add(i);
  const restore = snapshot(model, rows);

  let rounds = 0;
  let probs = forward(model.mlp, vector).probs;
  while (rounds < maxRounds && (rounds < MIN_ROUNDS || !learned(probs, target))) {
    step(model, vector, target, learningRate);
    for (const example of replay.slice(rounds * replayPerRound, (rounds + 1) * replayPerRound)) {
      step(model, example.vector, labelIndex(example.label), learningRate);
    }
    rounds++;
    probs = forward(model.mlp, vector).probs;
  }

  // NaN probabilities (an overflow inside a round) leave the loop at maxRounds and fail here too.
  if (!allSane(model, rows) || !probs.every(Number.isFinite)) {
    restore();
    return { label, lossBefore, lossAfter: lossBefore, rounds, rolledBack: true };
  }
  model.meta.corrections++;
  return { label, lossBefore, lossAfter: crossEntropy(probs, target), rounds, rolledBack: false };
}
