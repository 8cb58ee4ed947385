import { describe, expect, test } from 'vitest';
import { classifyFeatures } from '../../src/core/classify.ts';
import { featurize, vectorize } from '../../src/core/features/feature-space.ts';
import { hashToken } from '../../src/core/features/hash.ts';
import { SIGNALS } from '../../src/core/features/signals.ts';
import type { Label } from '../../src/core/labels.ts';
import { learnFromCorrection } from '../../src/core/learn-from-correction.ts';
import { modelFromJson, modelToJson, validateModel } from '../../src/core/model-file.ts';
import { forward } from '../../src/core/mlp.ts';
import type { TagwiseModel } from '../../src/core/model.ts';
import { seededRandom } from '../../src/core/random.ts';
import { DEFAULT_TRAIN_OPTIONS, trainModel, type TrainingDoc } from '../../src/core/train.ts';
import { InvalidRecordError } from '../../src/core/errors.ts';

// Synthetic mail: each class has its own vocabulary plus shared words, and two sources each.
const VOCAB: Record<Label, string[]> = {
  SAFE: ['meeting', 'thanks', 'patch', 'review', 'lunch', 'agenda', 'build', 'release'],
  SPAM: ['casino', 'bonus', 'discount', 'offer', 'pills', 'dating', 'sale', 'deal'],
  THREAT: ['verify', 'password', 'suspended', 'account', 'invoice', 'urgent', 'bitcoin', 'login'],
};
const SHARED = ['the', 'and', 'you', 'this', 'today', 'please'];

function doc(label: Label, random: () => number, source: string, extra: string[] = []): TrainingDoc {
  const words = new Set<string>(extra);
  for (let n = 0; n < 5; n++) words.add(`b:${VOCAB[label][Math.floor(random() * 8)]}`);
  for (let n = 0; n < 3; n++) words.add(`b:${SHARED[Math.floor(random() * SHARED.length)]}`);
  return { signals: new Float32Array(SIGNALS.length), tokenHashes: Uint32Array.from([...words], hashToken), label, source };
}

function corpus(count: number, seed: number): TrainingDoc[] {
  const random = seededRandom(seed);
  const labels: Label[] = ['SAFE', 'SPAM', 'THREAT'];
  return Array.from({ length: count }, (_, i) => doc(labels[i % 3] as Label, random, i % 2 ? 'a' : 'b'));
}

function train(): TagwiseModel {
  return trainModel(corpus(300, 1), { ...DEFAULT_TRAIN_OPTIONS, epochs: 4, minDocs: 2, overflowBits: 8, rehearsalSize: 30 });
}

function accuracy(model: TagwiseModel, docs: TrainingDoc[]): number {
  const hits = docs.filter((d) => {
    const p = forward(model.mlp, vectorize(d.signals, d.tokenHashes, model.space)).probs;
    return ['SAFE', 'SPAM', 'THREAT'][p.indexOf(Math.max(...p))] === d.label;
  });
  return hits.length / docs.length;
}

describe('training and correction', () => {
  test('a trained model labels unseen mail of the same kinds', () => {
    expect(accuracy(train(), corpus(150, 99))).toBeGreaterThan(0.95);
  });

  test('the vocabulary keeps only tokens seen in several sources', () => {
    const docs = corpus(60, 2);
    docs.push(doc('SAFE', seededRandom(3), 'a', ['b:onlyinsourcea']), doc('SAFE', seededRandom(4), 'a', ['b:onlyinsourcea']));
    const model = trainModel(docs, { ...DEFAULT_TRAIN_OPTIONS, epochs: 1, minDocs: 2, overflowBits: 8 });
    expect(model.space.vocabulary.includes(hashToken('b:onlyinsourcea'))).toBe(false);
    expect(model.space.vocabulary.includes(hashToken('b:casino'))).toBe(true);
  });

  test('one correction flips the verdict on that message, moves similar mail and keeps the rest', () => {
    const model = train();
    const random = seededRandom(5);
    // A new kind of SAFE mail that looks like spam: a club newsletter with a discount.
    const newsletter = (seed: number) =>
      doc('SAFE', seededRandom(seed), 'user', ['b:discount', 'b:offer', 'b:sale', 'b:chess', 'b:club', 'b:tournament']);
    const corrected = newsletter(10);
    corrected.tokenHashes = Uint32Array.from(['b:discount', 'b:offer', 'b:sale', 'b:chess', 'b:club', 'b:tournament'], hashToken);
    const x = vectorize(corrected.signals, corrected.tokenHashes, model.space);
    const names = new Map<number, string>();
    expect(classifyFeatures(model, { vector: x, names }).label).toBe('SPAM');
    const heldOut = corpus(150, 77);
    const before = accuracy(model, heldOut);

    const result = learnFromCorrection(model, x, 'SAFE', { random });
    expect(result.rolledBack).toBe(false);
    expect(result.lossAfter).toBeLessThan(result.lossBefore);
    expect(classifyFeatures(model, { vector: x, names }).label).toBe('SAFE');
    // A similar unseen newsletter moves with it.
    const similar = Uint32Array.from(['b:discount', 'b:chess', 'b:club', 'b:tournament', 'b:the'], hashToken);
    const p = forward(model.mlp, vectorize(corrected.signals, similar, model.space)).probs;
    expect(p[0]).toBeGreaterThan(p[1] as number);
    // The rest stays.
    expect(accuracy(model, heldOut)).toBeGreaterThan(before - 0.03);
    expect(model.meta.corrections).toBe(1);
  });

  test('a learning rate that diverges is rolled back, leaving finite weights', () => {
    const model = train();
    const x = vectorize(new Float32Array(SIGNALS.length), Uint32Array.from(['b:casino', 'b:bonus'], hashToken), model.space);
    const w1 = model.mlp.w1.slice();
    const result = learnFromCorrection(model, x, 'SAFE', { random: seededRandom(1), learningRate: 1e30 });
    expect(result.rolledBack).toBe(true);
    expect(model.mlp.w1).toEqual(w1);
    expect(model.mlp.w2.every(Number.isFinite)).toBe(true);
  });
});

describe('model file', () => {
  test('JSON round trip keeps every weight and the verdicts', () => {
    const model = train();
    const copy = modelFromJson(modelToJson(model));
    expect(copy.mlp.w1).toEqual(model.mlp.w1);
    expect(copy.mlp.w2).toEqual(model.mlp.w2);
    expect(copy.space.vocabulary).toEqual(model.space.vocabulary);
    expect(copy.rehearsal.length).toBe(model.rehearsal.length);
    expect(copy.optimizer).toEqual(model.optimizer);
  });

  test('structured clone round trip passes validation', () => {
    const model = train();
    const copy = validateModel(structuredClone(model));
    expect(copy.mlp.b1).toEqual(model.mlp.b1);
    expect(copy.mlp.w1).toBeInstanceOf(Float32Array);
  });

  test.each([
    ['not JSON', () => 'hello'],
    ['another kind', () => JSON.stringify({ kind: 'something', version: 1 })],
    ['a future version', (m: TagwiseModel) => modelToJson(m).replace('"version":1', '"version":99')],
    ['a non-finite weight', (m: TagwiseModel) => { m.mlp.b2[0] = Number.NaN; return modelToJson(m); }],
    ['a wrong size', (m: TagwiseModel) => { m.mlp.b1 = new Float32Array(3); return modelToJson(m); }],
  ])('rejects %s with a readable error', (_, make) => {
    expect(() => modelFromJson(make(train()))).toThrow(InvalidRecordError);
  });

  test('featurize names every non-zero slot', () => {
    const model = train();
    const email = {
      headers: [], subject: 'Casino bonus', from: { name: 'Promo', address: 'promo@example.com' }, replyTo: [], returnPath: '',
      text: 'Huge discount today', hasPlainBody: true, hasHtmlBody: false,
      html: { images: 0, hiddenChars: 0, forms: 0, visibleChars: 0 }, links: [], attachments: [], rawSize: 100, truncated: false,
    };
    const features = featurize(email, model.space);
    expect(features.vector.indices.length).toBeGreaterThan(3);
    for (const i of features.vector.indices) expect(features.names.has(i)).toBe(true);
    expect([...features.names.values()]).toContain('s:casino');
  });
});

describe('half-precision model file', () => {
  test.each([0, 1, -1, 0.5, 1e-3, -2.75e-5, 3.14159, 60000, 1e-7])('%f survives binary16 within its precision', async (value) => {
    const { fromHalfBits, toHalfBits } = await import('../../src/core/half-float.ts');
    const back = fromHalfBits(toHalfBits(value));
    expect(Math.abs(back - value)).toBeLessThanOrEqual(Math.max(Math.abs(value) * 2 ** -11, 2 ** -25));
  });

  test('a half-precision file is smaller and gives the same verdicts', () => {
    const model = train();
    const full = modelToJson(model);
    const half = modelToJson(model, { halfPrecision: true });
    expect(half.length).toBeLessThan(full.length);
    const copy = modelFromJson(half);
    const docs = corpus(60, 123);
    expect(accuracy(copy, docs)).toBe(accuracy(model, docs));
    for (let i = 0; i < model.mlp.w1.length; i++) expect(Math.abs((copy.mlp.w1[i] as number) - (model.mlp.w1[i] as number))).toBeLessThan(1e-2);
  });
});
