import { FEATURE_VERSION, inputSize, vectorize, type FeatureSpace } from './features/feature-space.ts';
import { argmax } from './classify.ts';
import { SIGNALS, UNTRAINED_SIGNALS } from './features/signals.ts';
import { LABELS, labelIndex, type Label } from './labels.ts';
import { backward, createMlp, crossEntropy, forward } from './mlp.ts';
import { MODEL_KIND, MODEL_VERSION, type LabelledVector, type TagwiseModel } from './model.ts';
import { seededRandom, shuffle, type Random } from './random.ts';
import { createSgd, sgdStep } from './sgd.ts';
import type { SparseVector } from './sparse-vector.ts';

/** A training message reduced to what training needs: no text is kept. */
export interface TrainingDoc {
  signals: Float32Array;
  /** Hashes of the message's distinct tokens. */
  tokenHashes: Uint32Array;
  label: Label;
  /** Where the message came from; the vocabulary keeps only tokens seen in several sources. */
  source: string;
}

export interface TrainOptions {
  hiddenSize: number;
  epochs: number;
  learningRate: number;
  momentum: number;
  l2: number;
  seed: number;
  overflowBits: number;
  /** A token enters the vocabulary when it is in at least this many messages ... */
  minDocs: number;
  /** ... from at least this many sources, so that no source's private vocabulary is learned. */
  minSources: number;
  /** Share of token entries dropped from each training step, so no single token carries a verdict. */
  tokenDropout: number;
  /** Share of named signals dropped from each training step. */
  signalDropout: number;
  rehearsalSize: number;
  /** The learning rate the model will use for corrections. */
  correctionLearningRate: number;
  description: string;
  onEpoch?: (epoch: number, loss: number, accuracy: number) => void;
  onProgress?: (done: number, total: number) => void;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  hiddenSize: 32,
  epochs: 10,
  learningRate: 0.05,
  momentum: 0.5,
  l2: 1e-6,
  seed: 1,
  overflowBits: 14,
  minDocs: 4,
  minSources: 2,
  tokenDropout: 0.3,
  signalDropout: 0.3,
  rehearsalSize: 240,
  correctionLearningRate: 0.02,
  description: '',
};

/** The sorted hashes of tokens found in at least `minDocs` messages from at least `minSources` sources. */
export function buildVocabulary(docs: readonly TrainingDoc[], minDocs: number, minSources: number): Uint32Array {
  const counts = new Map<number, { docs: number; sources: Set<string> }>();
  for (const doc of docs) {
    for (const hash of doc.tokenHashes) {
      const entry = counts.get(hash);
      if (entry) {
        entry.docs++;
        entry.sources.add(doc.source);
      } else counts.set(hash, { docs: 1, sources: new Set([doc.source]) });
    }
  }
  const kept = [...counts].filter(([, c]) => c.docs >= minDocs && c.sources.size >= minSources).map(([hash]) => hash);
  return Uint32Array.from(kept).sort();
}

/**
 * Per-example sampling weights: every class weighs the same in total, and within a class every source weighs
 * the same, so the largest collection does not define what a class looks like.
 */
export function balancedWeights(docs: readonly TrainingDoc[]): Float32Array {
  const groups = new Map<string, number>();
  const sourcesPerLabel = new Map<Label, Set<string>>();
  for (const doc of docs) {
    const key = `${doc.label}\t${doc.source}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
    const set = sourcesPerLabel.get(doc.label) ?? new Set();
    set.add(doc.source);
    sourcesPerLabel.set(doc.label, set);
  }
  const labels = sourcesPerLabel.size;
  // Tiny groups (45 SAFE mails in a honeypot) must not get huge weights: floor the group size.
  const floor = docs.length / 200;
  const raw = docs.map((doc) => {
    const group = Math.max(groups.get(`${doc.label}\t${doc.source}`) as number, floor);
    return 1 / (labels * (sourcesPerLabel.get(doc.label) as Set<string>).size * group);
  });
  const mean = raw.reduce((a, b) => a + b, 0) / raw.length;
  return Float32Array.from(raw, (w) => w / mean);
}

/**
 * Input dropout: each token entry is dropped with `tokenRate`, each named signal with `signalRate`,
 * and the token block is rescaled to keep its expected length. No single feature can then carry a
 * verdict alone, which is what generalizes to mail from sources the model has not seen.
 */
function dropInputs(vector: SparseVector, signalCount: number, tokenRate: number, signalRate: number, random: Random): SparseVector {
  if (tokenRate === 0 && signalRate === 0) return vector;
  const tokenScale = 1 / Math.sqrt(1 - tokenRate);
  const indices: number[] = [];
  const values: number[] = [];
  for (let n = 0; n < vector.indices.length; n++) {
    const i = vector.indices[n] as number;
    const isSignal = i < signalCount;
    if (random() < (isSignal ? signalRate : tokenRate)) continue;
    indices.push(i);
    values.push((vector.values[n] as number) * (isSignal ? 1 : tokenScale));
  }
  return { indices: Uint32Array.from(indices), values: Float32Array.from(values) };
}

/**
 * Draws example indices with probability proportional to their weight. Sampling, rather than scaling
 * each gradient, keeps every step the same size: a rare group's examples come more often instead of
 * each one making a huge step (which can kill ReLU units for good).
 */
function weightedSampler(weights: Float32Array, random: Random): () => number {
  const cumulative = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    cumulative[i] = sum;
  });
  return () => {
    const target = random() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) <= target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** A rehearsal set drawn evenly over (label, source) groups. */
function pickRehearsal(docs: readonly TrainingDoc[], vectors: readonly SparseVector[], size: number, random: Random): LabelledVector[] {
  const groups = new Map<string, number[]>();
  docs.forEach((doc, i) => {
    const key = `${doc.label}\t${doc.source}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const perGroup = Math.max(1, Math.floor(size / groups.size));
  const picked: LabelledVector[] = [];
  for (const members of groups.values()) {
    for (const i of shuffle([...members], random).slice(0, perGroup)) {
      picked.push({ vector: vectors[i] as SparseVector, label: (docs[i] as TrainingDoc).label });
    }
  }
  return picked;
}

/** Batch training of a new model from scratch: per-example SGD on balanced draws, with input dropout. */
export function trainModel(docs: readonly TrainingDoc[], options: TrainOptions): TagwiseModel {
  const random = seededRandom(options.seed);
  const space: FeatureSpace = {
    featureVersion: FEATURE_VERSION,
    vocabulary: buildVocabulary(docs, options.minDocs, options.minSources),
    overflowBits: options.overflowBits,
  };
  const signalCount = docs[0]?.signals.length ?? 0;
  const untrained = SIGNALS.flatMap((signal, i) => (UNTRAINED_SIGNALS.has(signal.name) ? [i] : []));
  const vectors = docs.map((doc) => {
    const signals = doc.signals.slice();
    for (const i of untrained) signals[i] = 0;
    return vectorize(signals, doc.tokenHashes, space);
  });
  const targets = docs.map((doc) => labelIndex(doc.label));
  const weights = balancedWeights(docs);
  const mlp = createMlp(inputSize(space), options.hiddenSize, LABELS.length, random);
  const optimizer = createSgd(mlp, options);
  const draw = weightedSampler(weights, random);
  const total = options.epochs * docs.length;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    // Linear decay to a tenth of the rate over the run.
    const learningRate = options.learningRate * (1 - (0.9 * epoch) / Math.max(1, options.epochs - 1));
    let loss = 0;
    let correct = 0;
    for (let n = 0; n < docs.length; n++) {
      const i = draw();
      const x = dropInputs(vectors[i] as SparseVector, signalCount, options.tokenDropout, options.signalDropout, random);
      const act = forward(mlp, x);
      const target = targets[i] as number;
      loss += crossEntropy(act.probs, target);
      if (argmax(act.probs) === target) correct++;
      sgdStep(mlp, optimizer, backward(mlp, x, act, target), learningRate);
      if (n % 1000 === 0) options.onProgress?.(epoch * docs.length + n, total);
    }
    options.onEpoch?.(epoch + 1, loss / docs.length, correct / docs.length);
  }
  options.onProgress?.(total, total);
  // Corrections start from rest, with the rate and the momentum the add-on uses.
  const online = createSgd(mlp, { learningRate: options.correctionLearningRate, momentum: 0, l2: 0 });
  return {
    kind: MODEL_KIND,
    version: MODEL_VERSION,
    meta: { trainedAt: new Date().toISOString(), description: options.description, corrections: 0 },
    space,
    mlp,
    optimizer: online,
    rehearsal: pickRehearsal(docs, vectors, options.rehearsalSize, random),
  };
}
