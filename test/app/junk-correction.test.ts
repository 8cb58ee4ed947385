import { beforeEach, expect, test } from 'vitest';
import { onJunkChanged, onMessagesMoved } from '../../src/app/junk-correction.ts';
import { countCorrections } from '../../src/store/corrections-store.ts';
import { readVerdict } from '../../src/store/verdicts-store.ts';
import { appHarness, deliverClassified, type AppHarness } from '../support/app-harness.ts';
import { INBOX, JUNK, TRASH } from '../support/fake-messenger.ts';
import { mailOf } from '../support/tiny-model.ts';

let h: AppHarness;
beforeEach(async () => {
  h = await appHarness();
});

const classified = (label: 'SAFE' | 'SPAM' | 'THREAT', n: number) => deliverClassified(h, label, n);

test.each([
  ['SAFE', true, 'SPAM', 1],
  ['THREAT', true, 'THREAT', 0],
  ['SPAM', true, 'SPAM', 0],
  ['SPAM', false, 'SAFE', 1],
  ['THREAT', false, 'SAFE', 1],
] as const)('a %s message marked junk=%s becomes %s (%i corrections)', async (label, junk, expected, count) => {
  const m = await classified(label, 10);
  await onJunkChanged(m, junk);
  expect((await readVerdict(m.headerMessageId))?.label).toBe(expected);
  expect(await countCorrections()).toBe(count);
  expect(h.tb.header(m.id).tags).toEqual([`$tagwise_${expected.toLowerCase()}`]);
});

test('junk status on mail we have no verdict for (Thunderbird’s own filter) is ignored', async () => {
  const m = h.tb.deliver(mailOf('SAFE', 11));
  await onJunkChanged(m, true);
  expect(await countCorrections()).toBe(0);
});

const moved = (m: ReturnType<AppHarness['tb']['header']>, folder: typeof INBOX) => ({ messages: [{ ...m, id: m.id, folder }] });

test.each([
  ['SAFE', INBOX, JUNK, 'SPAM'],
  ['SPAM', JUNK, INBOX, 'SAFE'],
  ['SPAM', JUNK, TRASH, 'SPAM'],
  ['SAFE', INBOX, TRASH, 'SAFE'],
] as const)('a %s message moved %s → %s ends %s', async (label, from, to, expected) => {
  const m = await classified(label, 12);
  await onMessagesMoved(moved(m, from), moved(m, to));
  expect((await readVerdict(m.headerMessageId))?.label).toBe(expected);
});
