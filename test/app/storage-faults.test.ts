import { IDBObjectStore } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { applyCorrection } from '../../src/app/apply-correction.ts';
import { classifyMessage } from '../../src/app/classify-message.ts';
import { forgetModel, getModel } from '../../src/app/model-cache.ts';
import { validateModel } from '../../src/core/index.ts';
import { countCorrections } from '../../src/store/corrections-store.ts';
import { MODEL_KEY, openDatabase } from '../../src/store/database.ts';
import { readLossHistory } from '../../src/store/loss-history-store.ts';
import { readModel, toStoredModel } from '../../src/store/model-store.ts';
import { readNotices } from '../../src/store/notices-store.ts';
import { readVerdict } from '../../src/store/verdicts-store.ts';
import { appHarness, type AppHarness } from '../support/app-harness.ts';
import { mailOf, tinyModel } from '../support/tiny-model.ts';

/**
 * DESIGN §6: a failed or interrupted write leaves the previous model intact, and no correction the
 * add-on acknowledged (logged `learned`) is lost. Faults are injected into fake-indexeddb's put.
 */
type Fault =
  /** The transaction is aborted right after the model's put (the add-on's page torn down, say). */
  | 'abort'
  /** The model's put fails later, asynchronously, as a full disk does at commit. */
  | 'async-failure'
  /** The put after the model's throws synchronously: half the requests are already queued. */
  | 'throw-mid-write'
  /** The model's put throws QuotaExceededError. */
  | 'quota';

const originalPut = IDBObjectStore.prototype.put;

function inject(fault: Fault): void {
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
    if (fault === 'throw-mid-write' && this.name === 'corrections') throw new Error('simulated failure mid-write');
    if (this.name !== 'model') return originalPut.call(this, value, key);
    switch (fault) {
      case 'quota':
        throw new DOMException('The current transaction exceeded its quota limitations.', 'QuotaExceededError');
      case 'async-failure':
        // add() of an existing key: the request fails later and aborts the transaction, as a
        // QuotaExceededError at commit does.
        return this.add(value, key);
      case 'abort': {
        const request = originalPut.call(this, value, key);
        this.transaction.abort();
        return request;
      }
      default:
        return originalPut.call(this, value, key);
    }
  } as typeof originalPut;
}

let h: AppHarness;
beforeEach(async () => {
  h = await appHarness();
});
afterEach(() => {
  IDBObjectStore.prototype.put = originalPut;
});

async function classified(n: number) {
  const m = h.tb.deliver(mailOf('SAFE', n, `safe-${n}@x`));
  await classifyMessage(m);
  return h.tb.header(m.id);
}

describe.each<Fault>(['abort', 'async-failure', 'throw-mid-write', 'quota'])('a model write that fails (%s)', (fault) => {
  test('keeps the previous model and every acknowledged correction, writes nothing half, and says so', async () => {
    const first = await classified(1);
    expect(await applyCorrection(first, 'SPAM', 'menu')).toBe('learned');
    const acknowledged = (await readModel()).status === 'ok' ? await countCorrections() : -1;
    expect(acknowledged).toBe(1);
    const second = await classified(2);

    inject(fault);
    await expect(applyCorrection(second, 'THREAT', 'menu')).rejects.toThrow();
    IDBObjectStore.prototype.put = originalPut;

    // What a restart sees: a valid model, the previous one, and the acknowledged correction.
    forgetModel();
    const loaded = await getModel();
    expect(loaded.source).toBe('stored');
    expect(() => validateModel(loaded.model)).not.toThrow();
    expect(loaded.model.meta.corrections).toBe(1);
    expect(await countCorrections()).toBe(1);
    expect(await readLossHistory()).toHaveLength(1);
    // Nothing half-written: the failed correction's verdict is still the automatic one.
    expect((await readVerdict(second.headerMessageId))?.source).toBe('auto');
    const notices = await readNotices();
    expect(notices.map((n) => n.code)).toEqual(['model-write-failed']);
    if (fault === 'quota') expect(notices[0]?.message).toMatch(/QuotaExceededError/);

    // And the same correction, tried again once storage works, is learned.
    expect(await applyCorrection(second, 'THREAT', 'menu')).toBe('learned');
    expect(await countCorrections()).toBe(2);
  });
});

describe('a stored model that cannot be used', () => {
  const stored = async () => toStoredModel(await tinyModel()) as unknown as Record<string, unknown>;
  test.each<[string, () => Promise<unknown>]>([
    ['text instead of a record', async () => 'garbage'],
    ['an unknown record version', async () => ({ ...(await stored()), version: 2 })],
    ['an unknown model version', async () => {
      const r = await stored();
      return { ...r, model: { ...(r.model as object), version: 99 } };
    }],
    ['an unknown velocity mode', async () => ({ ...(await stored()), velocity: 'zipped' })],
    ['Infinity in a weight', async () => {
      const r = await stored();
      (r.model as { mlp: { w2: Float32Array } }).mlp.w2[0] = Infinity;
      return r;
    }],
    ['weights of the wrong type', async () => {
      const r = await stored();
      const mlp = (r.model as { mlp: Record<string, unknown> }).mlp;
      mlp.b1 = Array.from(mlp.b1 as Float32Array);
      return r;
    }],
  ])('%s: the shipped model is used, stored in its place, and a notice says so', async (_name, record) => {
    await (await openDatabase()).put('model', (await record()) as never, MODEL_KEY);
    const loaded = await getModel();
    expect(loaded.source).toBe('shipped');
    expect((await readNotices()).map((n) => n.code)).toEqual(['model-invalid']);
    expect((await readModel()).status).toBe('ok');
  });
});

test('a corrupt stored model on a full disk: classification goes on with the shipped model', async () => {
  await (await openDatabase()).put('model', 'garbage' as never, MODEL_KEY);
  IDBObjectStore.prototype.put = function () {
    throw new DOMException('The current transaction exceeded its quota limitations.', 'QuotaExceededError');
  } as typeof originalPut;
  const originalAdd = IDBObjectStore.prototype.add;
  IDBObjectStore.prototype.add = IDBObjectStore.prototype.put;
  try {
    expect((await getModel()).source).toBe('shipped');
    const m = h.tb.deliver(mailOf('SPAM', 3, 'spam-3@x'));
    await classifyMessage(m);
    expect(h.tb.header(m.id).tags).toHaveLength(1);
    expect(h.lines().some((l) => l.startsWith('could not store the shipped model in its place: QuotaExceededError'))).toBe(true);
  } finally {
    IDBObjectStore.prototype.add = originalAdd;
  }
});
