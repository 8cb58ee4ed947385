import { beforeEach, expect, test } from 'vitest';
import { nextPendingDue, putPending, takeDuePending } from '../../src/store/pending-store.ts';
import { freshStorage } from '../support/fresh-state.ts';

beforeEach(freshStorage);

test('takes only the checks that are due, and takes each once', async () => {
  await putPending('a@x', 1, 1000);
  await putPending('b@x', 2, 5000);
  expect((await takeDuePending(2000)).map((p) => p.headerMessageId)).toEqual(['a@x']);
  expect(await takeDuePending(2000)).toEqual([]);
  expect(await nextPendingDue()).toBe(5000);
  expect((await takeDuePending(6000)).map((p) => p.messageId)).toEqual([2]);
});

test('a later event for the same message pushes its check back (debounce)', async () => {
  await putPending('a@x', 1, 1000);
  await putPending('a@x', 1, 2500);
  expect(await takeDuePending(2000)).toEqual([]);
  expect(await takeDuePending(3000)).toHaveLength(1);
});
