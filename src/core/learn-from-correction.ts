import { argmax } from './classify.ts';
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
  /** True when the update produced a non-finite weight and was undone (too high a learning rate). */
  rolledBack: boolean;
}

const CONFIDENT = 0.7;
const MIN_ROUNDS = 2;

/** A copy of the parameters a set of inputs can change, to restore if a step diverges. */
function snapshot(mlp: Mlp, rows: Set<number>): () => void {
  const H = mlp.hiddenSize;
  const saved = [...rows].map((row) => [row, mlp.w1.slice(row * H, row * H + H)] as const);
  const dense = [mlp.b1.slice(), mlp.w2.slice(), mlp.b2.slice()] as const;
  return () => {
    for (const [row, values] of saved) mlp.w1.set(values, row * H);
    mlp.b1.set(dense[0]);
    mlp.w2.set(dense[1]);
    mlp.b2.set(dense[2]);
  };
}

function allFinite(mlp: Mlp, rows: Set<number>): boolean {
  const H = mlp.hiddenSize;
  for (const row of rows) for (let j = 0; j < H; j++) if (!Number.isFinite(mlp.w1[row * H + j])) return false;
  return [mlp.b1, mlp.w2, mlp.b2].every((a) => a.every(Number.isFinite));
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
 * Writes the model in place; a step that leaves a non-finite weight is rolled back.
 */
export function learnFromCorrection(model: TagwiseModel, vector: SparseVector, label: Label, options: CorrectionOptions): CorrectionResult {
  const learningRate = options.learningRate ?? model.optimizer.learningRate;
  const replayPerRound = options.replayPerRound ?? 4;
  const maxRounds = options.maxRounds ?? 12;
  const target = labelIndex(label);
  const pool = [...(options.history ?? []), ...model.rehearsal];
  const lossBefore = crossEntropy(forward(model.mlp, vector).probs, target);

  const replay: LabelledVector[] = [];
  for (let n = 0; n < replayPerRound * maxRounds && pool.length > 0; n++) {
    replay.push(pool[Math.floor(options.random() * pool.length)] as LabelledVector);
  }
  const rows = new Set<number>(vector.indices);
  for (const { vector: v } of replay) for (const i of v.indices) rows.add(i);
  const restore = snapshot(model.mlp, rows);

  let rounds = 0;
  let probs = forward(model.mlp, vector).probs;
  while (rounds < maxRounds && (rounds < MIN_ROUNDS || argmax(probs) !== target || (probs[target] as number) < CONFIDENT)) {
    step(model, vector, target, learningRate);
    for (const example of replay.slice(rounds * replayPerRound, (rounds + 1) * replayPerRound)) {
      step(model, example.vector, labelIndex(example.label), learningRate);
    }
    rounds++;
    probs = forward(model.mlp, vector).probs;
  }

  if (!allFinite(model.mlp, rows)) {
    restore();
    return { label, lossBefore, lossAfter: lossBefore, rounds, rolledBack: true };
  }
  model.meta.corrections++;
  return { label, lossBefore, lossAfter: crossEntropy(probs, target), rounds, rolledBack: false };
}
