import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { classifyMessage } from '../../src/app/classify-message.ts';
import { queueIdle } from '../../src/app/correction-queue.ts';
import { drainPending, onTagsChanged, SETTLE_MS } from '../../src/app/settle-tag-change.ts';
import { countCorrections } from '../../src/store/corrections-store.ts';
import { nextPendingDue } from '../../src/store/pending-store.ts';
import { readVerdict } from '../../src/store/verdicts-store.ts';
import { appHarness, type AppHarness } from '../support/app-harness.ts';
import { mailOf } from '../support/tiny-model.ts';

let h: AppHarness;
beforeEach(async () => {
  h = await appHarness();
});
afterEach(() => {
  vi.useRealTimers();
});

async function classifiedSafe(n: number) {
  const m = h.tb.deliver(mailOf('SAFE', n, `safe-${n}@x`), undefined, ['$label1']);
  await classifyMessage(m);
  return h.tb.header(m.id);
}

/** What Thunderbird's tag keys do: one event per toggled tag. */
async function userSetsTags(id: number, tags: string[]) {
  h.tb.setTags(id, tags);
  await onTagsChanged(h.tb.header(id));
}

test('our own write’s echo schedules nothing', async () => {
  const m = await classifiedSafe(1);
  await onTagsChanged(m);
  expect(await nextPendingDue()).toBeUndefined();
});

test('remove-then-add settles into one correction, after the debounce', async () => {
  const m = await classifiedSafe(2);
  const now = Date.now();
  await userSetsTags(m.id, ['$label1']); // our SAFE off
  await userSetsTags(m.id, ['$label1', '$tagwise_spam']); // SPAM on
  await drainPending(now + SETTLE_MS - 100); // not yet due
  await queueIdle();
  expect(await countCorrections()).toBe(0);
  await drainPending(Date.now() + SETTLE_MS + 1);
  await queueIdle();
  expect(await countCorrections()).toBe(1);
  expect((await readVerdict(m.headerMessageId))).toMatchObject({ label: 'SPAM', source: 'user' });
  expect(h.tb.header(m.id).tags).toEqual(['$label1', '$tagwise_spam']);
  expect(h.lines().filter((l) => l.startsWith('learned'))).toEqual([expect.stringMatching(/^learned safe-2@x SPAM corrections=1 \d+ms \(tag \d+ms, learning \d+ms, saving \d+ms\)$/)]);
});

test('add-then-remove (both of ours for a moment) also settles into one correction', async () => {
  const m = await classifiedSafe(3);
  await userSetsTags(m.id, ['$label1', '$tagwise_safe', '$tagwise_threat']);
  await userSetsTags(m.id, ['$label1', '$tagwise_threat']);
  await drainPending(Date.now() + SETTLE_MS + 1);
  await queueIdle();
  expect((await readVerdict(m.headerMessageId))?.label).toBe('THREAT');
  expect(await countCorrections()).toBe(1);
});

test('the user only removing our tag is no correction', async () => {
  const m = await classifiedSafe(4);
  await userSetsTags(m.id, ['$label1']);
  await drainPending(Date.now() + SETTLE_MS + 1);
  await queueIdle();
  expect(await countCorrections()).toBe(0);
  expect(h.tb.header(m.id).tags).toEqual(['$label1']);
});

test('the pending check survives a suspended page: a later run drains it from storage', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout'] }); // the page's own timer never fires: it was suspended
  const m = await classifiedSafe(5);
  await userSetsTags(m.id, ['$label1', '$tagwise_spam']);
  expect(await nextPendingDue()).toBeGreaterThan(Date.now());
  vi.useRealTimers();
  // The next run of the page (wake-up or alarm) drains what is due.
  await drainPending(Date.now() + SETTLE_MS + 1);
  await queueIdle();
  expect(await countCorrections()).toBe(1);
});

test('the debounce timer itself settles the change', async () => {
  const m = await classifiedSafe(6);
  await userSetsTags(m.id, ['$label1', '$tagwise_threat']);
  await vi.waitFor(async () => expect(await countCorrections()).toBe(1), { timeout: SETTLE_MS + 2000, interval: 100 });
});

test('tags changed on a message we never classified are not ours to judge', async () => {
  const m = h.tb.deliver(mailOf('SAFE', 7));
  await userSetsTags(m.id, ['$tagwise_spam']);
  expect(await nextPendingDue()).toBeUndefined();
});
