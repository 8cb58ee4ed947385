import { beforeEach, expect, test } from 'vitest';
import { applyCorrection } from '../../src/app/apply-correction.ts';
import { classifyMessage } from '../../src/app/classify-message.ts';
import { enqueue } from '../../src/app/correction-queue.ts';
import { forgetModel, getModel } from '../../src/app/model-cache.ts';
import { countCorrections, readCorrections } from '../../src/store/corrections-store.ts';
import { readLossHistory } from '../../src/store/loss-history-store.ts';
import { readModel } from '../../src/store/model-store.ts';
import { writeSettings } from '../../src/store/settings-store.ts';
import { readVerdict } from '../../src/store/verdicts-store.ts';
import { appHarness, deliverClassified, type AppHarness } from '../support/app-harness.ts';
import { mailOf } from '../support/tiny-model.ts';

let h: AppHarness;
beforeEach(async () => {
  h = await appHarness();
});

const classified = (label: 'SAFE' | 'SPAM' | 'THREAT', n: number) => deliverClassified(h, label, n);

test('a correction retags, learns, persists in one go, and logs', async () => {
  const m = await classified('SAFE', 1);
  const before = (await readVerdict(m.headerMessageId))?.probs.SPAM ?? 0;
  expect(await applyCorrection(m, 'SPAM', 'menu')).toBe('learned');
  expect(h.tb.header(m.id).tags).toEqual(['$tagwise_spam']);
  const verdict = await readVerdict(m.headerMessageId);
  expect(verdict).toMatchObject({ label: 'SPAM', source: 'user' });
  expect(verdict?.probs.SPAM).toBeGreaterThan(before);
  expect(await countCorrections()).toBe(1);
  expect((await readLossHistory())[0]).toMatchObject({ label: 'SPAM' });
  const stored = await readModel();
  expect(stored.status === 'ok' && stored.model.meta.corrections).toBe(1);
  expect(h.lines().at(-1)).toMatch(/^learned SAFE-1@x SPAM corrections=1 \d+ms \(tag \d+ms, learning \d+ms, saving \d+ms\)$/);
  // The vector stored with the verdict spared a second read of the message.
  expect(h.tb.getRawCalls).toBe(1);
});

test('what was learned comes back from storage after the page was suspended', async () => {
  const m = await classified('SAFE', 2);
  await applyCorrection(m, 'THREAT', 'menu');
  const inMemory = (await getModel()).model.mlp.w2.slice();
  forgetModel();
  const reloaded = await getModel();
  expect(reloaded.source).toBe('stored');
  expect(reloaded.model.mlp.w2).toEqual(inMemory);
});

test('a correction is never overwritten by a later automatic verdict', async () => {
  const m = await classified('SAFE', 3);
  await applyCorrection(m, 'SPAM', 'menu');
  expect(await classifyMessage(h.tb.header(m.id))).toBe('skipped');
  h.tb.setTags(m.id, []);
  expect(await classifyMessage(h.tb.header(m.id))).toBe('skipped');
  expect((await readVerdict(m.headerMessageId))?.label).toBe('SPAM');
});

test('repeating the user’s own choice learns nothing more', async () => {
  const m = await classified('SAFE', 4);
  await applyCorrection(m, 'SPAM', 'menu');
  expect(await applyCorrection(m, 'SPAM', 'menu')).toBe('unchanged');
  expect(await applyCorrection(m, 'SPAM', 'tags')).toBe('unchanged');
  expect(h.lines().filter((l) => l.startsWith('learned'))).toHaveLength(1);
});

test('two corrections arriving together both count', async () => {
  const a = await classified('SAFE', 5);
  const b = await classified('SAFE', 6);
  await Promise.all([enqueue(() => applyCorrection(a, 'SPAM', 'menu')), enqueue(() => applyCorrection(b, 'THREAT', 'menu'))]);
  expect(await countCorrections()).toBe(2);
  const stored = await readModel();
  expect(stored.status === 'ok' && stored.model.meta.corrections).toBe(2);
  expect((await readCorrections()).map((c) => c.label).sort()).toEqual(['SPAM', 'THREAT']);
});

test('a diverging learning rate is rolled back: the tag stays, the model does not change', async () => {
  const m = await classified('SAFE', 7);
  await writeSettings({ learningRate: 10 });
  const { model } = await getModel();
  const w2 = model.mlp.w2.slice();
  // Scale the input up so that rate 10 overflows float32.
  const verdict = await readVerdict(m.headerMessageId);
  verdict?.vector?.values.fill(1e30);
  const { writeVerdict } = await import('../../src/store/verdicts-store.ts');
  if (verdict) await writeVerdict(verdict);
  expect(await applyCorrection(m, 'THREAT', 'menu')).toBe('rolled-back');
  expect(model.mlp.w2).toEqual(w2);
  expect(h.tb.header(m.id).tags).toEqual(['$tagwise_threat']);
  expect(await countCorrections()).toBe(0);
  expect((await readModel()).status).toBe('missing');
  expect((await readVerdict(m.headerMessageId))?.source).toBe('user');
  const { readNotices } = await import('../../src/store/notices-store.ts');
  expect((await readNotices()).map((n) => [n.code, n.message])).toEqual([['learning-rolled-back', '10']]);
});

test('a message without a stored vector is read again', async () => {
  const m = h.tb.deliver(mailOf('SAFE', 8, 'unseen@x'));
  expect(await applyCorrection(m, 'SPAM', 'menu')).toBe('learned');
  expect(h.tb.getRawCalls).toBe(1);
});

test('a message that is gone is no correction', async () => {
  expect(await applyCorrection({ id: 999, headerMessageId: 'gone@x' }, 'SPAM', 'menu')).toBe('gone');
  expect(await countCorrections()).toBe(0);
});
