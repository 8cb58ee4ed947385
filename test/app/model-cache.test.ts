import { beforeEach, expect, test } from 'vitest';
import { forgetModel, getModel } from '../../src/app/model-cache.ts';
import { openDatabase, MODEL_KEY } from '../../src/store/database.ts';
import { writeModel, readModel } from '../../src/store/model-store.ts';
import { readNotices } from '../../src/store/notices-store.ts';
import { appHarness } from '../support/app-harness.ts';
import { serveShippedModel, tinyModel } from '../support/tiny-model.ts';

beforeEach(async () => {
  await appHarness();
});

test('first run: the shipped model, fetched once, one copy shared', async () => {
  const server = await serveShippedModel();
  const [a, b] = await Promise.all([getModel(), getModel()]);
  expect(a.source).toBe('shipped');
  expect(a.model).toBe(b.model);
  expect(server.fetches()).toBe(1);
});

test('after a model was stored: the stored one, and no fetch', async () => {
  const model = await tinyModel();
  model.mlp.b2[1] = 7;
  await writeModel(model);
  const server = await serveShippedModel();
  const loaded = await getModel();
  expect(loaded.source).toBe('stored');
  expect(loaded.model.mlp.b2[1]).toBe(7);
  expect(server.fetches()).toBe(0);
});

test('a corrupt stored model is reported and replaced by the shipped one', async () => {
  const db = await openDatabase();
  await db.put('model', { kind: 'tagwise-stored-model', version: 1, velocity: 'kept', model: { kind: 'tagwise-model', version: 9 } } as never, MODEL_KEY);
  const loaded = await getModel();
  expect(loaded.source).toBe('shipped');
  const notices = await readNotices();
  expect(notices.map((n) => n.code)).toEqual(['model-invalid']);
  expect((await readModel()).status).toBe('ok');
});

test('forgetModel makes the next use load again from storage', async () => {
  const first = await getModel();
  forgetModel();
  expect((await getModel()).model).not.toBe(first.model);
});
