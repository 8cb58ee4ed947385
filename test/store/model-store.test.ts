import { beforeEach, describe, expect, test } from 'vitest';
import { InvalidRecordError } from '../../src/core/index.ts';
import { MODEL_KEY, openDatabase } from '../../src/store/database.ts';
import { commitCorrection, readModel, toStoredModel, writeModel } from '../../src/store/model-store.ts';
import { countCorrections } from '../../src/store/corrections-store.ts';
import { readLossHistory } from '../../src/store/loss-history-store.ts';
import { readVerdict } from '../../src/store/verdicts-store.ts';
import { RECORD_VERSION, type VerdictRecord } from '../../src/store/records.ts';
import { freshStorage } from '../support/fresh-state.ts';
import { tinyModel } from '../support/tiny-model.ts';

beforeEach(freshStorage);

const vector = { indices: Uint32Array.of(1, 5), values: Float32Array.of(0.5, 0.25) };
const verdict = (label: 'SAFE' | 'SPAM' = 'SPAM'): VerdictRecord => ({
  kind: 'tagwise-verdict',
  version: RECORD_VERSION,
  headerMessageId: 'm1@test',
  label,
  probs: { SAFE: 0.1, SPAM: 0.8, THREAT: 0.1 },
  source: 'user',
  time: 1,
});

describe('the stored model', () => {
  test('is missing on first run', async () => {
    expect(await readModel()).toEqual({ status: 'missing' });
  });

  test('round-trips weights exactly, with typed arrays intact', async () => {
    const model = await tinyModel();
    model.mlp.w1[3] = 0.125;
    await writeModel(model);
    const read = await readModel();
    expect(read.status).toBe('ok');
    if (read.status !== 'ok') return;
    expect(read.model.mlp.w1).toBeInstanceOf(Float32Array);
    expect(read.model.mlp.w1).toEqual(model.mlp.w1);
    expect(read.model.space.vocabulary).toEqual(model.space.vocabulary);
    expect(read.model.rehearsal.length).toBe(model.rehearsal.length);
  });

  test('leaves out the velocity when momentum is 0 and brings it back as zeros', async () => {
    const model = await tinyModel();
    expect(model.optimizer.momentum).toBe(0);
    model.optimizer.vw1[0] = 1;
    const stored = toStoredModel(model);
    expect(stored.velocity).toBe('dropped');
    expect(stored.model.optimizer.vw1.length).toBe(0);
    expect(model.optimizer.vw1[0]).toBe(1); // the model in memory is not touched
    await writeModel(model);
    const read = await readModel();
    if (read.status !== 'ok') throw new Error(read.status);
    expect(read.model.optimizer.vw1.length).toBe(model.mlp.w1.length);
    expect(read.model.optimizer.vw1.every((v) => v === 0)).toBe(true);
  });

  test('keeps the velocity when momentum carries it into the next step', async () => {
    const model = await tinyModel();
    model.optimizer.momentum = 0.5;
    model.optimizer.vw1[2] = 0.75;
    await writeModel(model);
    const read = await readModel();
    if (read.status !== 'ok') throw new Error(read.status);
    expect(read.model.optimizer.vw1[2]).toBe(0.75);
  });

  test.each([
    ['an unknown kind', (r: Record<string, unknown>) => ({ ...r, kind: 'something-else' })],
    ['a newer version', (r: Record<string, unknown>) => ({ ...r, version: 99 })],
    ['a NaN weight', (r: Record<string, unknown>) => {
      const model = r.model as { mlp: { b2: Float32Array } };
      model.mlp.b2 = Float32Array.of(NaN, 0, 0);
      return r;
    }],
    ['a truncated weight matrix', (r: Record<string, unknown>) => {
      const model = r.model as { mlp: { w1: Float32Array } };
      model.mlp.w1 = model.mlp.w1.subarray(0, 10);
      return r;
    }],
  ])('reports %s as invalid', async (_, corrupt) => {
    const model = await tinyModel();
    const db = await openDatabase();
    await db.put('model', corrupt(toStoredModel(model) as unknown as Record<string, unknown>) as never, MODEL_KEY);
    const read = await readModel();
    expect(read.status).toBe('invalid');
    if (read.status === 'invalid') expect(read.error).toBeInstanceOf(InvalidRecordError);
  });
});

describe('committing a correction', () => {
  test('writes model, correction, loss entry and verdict together', async () => {
    const model = await tinyModel();
    await commitCorrection({
      model,
      correction: { kind: 'tagwise-correction', version: RECORD_VERSION, headerMessageId: 'm1@test', label: 'SPAM', time: 1, spaceKey: 'k', vector },
      loss: { kind: 'tagwise-loss', version: RECORD_VERSION, time: 1, headerMessageId: 'm1@test', label: 'SPAM', lossBefore: 2, lossAfter: 0.5, rounds: 3 },
      verdict: verdict(),
    });
    expect((await readModel()).status).toBe('ok');
    expect(await countCorrections()).toBe(1);
    expect((await readLossHistory()).map((l) => l.lossAfter)).toEqual([0.5]);
    expect((await readVerdict('m1@test'))?.source).toBe('user');
  });

  test('a failed write leaves the previous model and writes nothing else', async () => {
    const before = await tinyModel();
    await writeModel(before);
    const after = await tinyModel();
    after.mlp.b2[0] = 42;
    // A function cannot be structured-cloned: the put fails and the transaction aborts.
    const broken = { ...verdict(), probs: { SAFE: 0, SPAM: 1, THREAT: 0, oops: () => 1 } } as unknown as VerdictRecord;
    await expect(
      commitCorrection({
        model: after,
        correction: { kind: 'tagwise-correction', version: RECORD_VERSION, headerMessageId: 'm1@test', label: 'SPAM', time: 1, spaceKey: 'k', vector },
        verdict: broken,
      }),
    ).rejects.toThrow();
    const read = await readModel();
    if (read.status !== 'ok') throw new Error(read.status);
    expect(read.model.mlp.b2[0]).toBe(before.mlp.b2[0]);
    expect(await countCorrections()).toBe(0);
  });
});
