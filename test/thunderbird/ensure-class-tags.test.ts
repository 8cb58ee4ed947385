import { beforeEach, expect, test } from 'vitest';
import { ensureClassTags } from '../../src/thunderbird/ensure-class-tags.ts';
import { installFakeMessenger, type FakeMessenger } from '../support/fake-messenger.ts';

let tb: FakeMessenger;
beforeEach(() => {
  tb = installFakeMessenger();
});

test('creates the three tags with their names and distinct colours', async () => {
  expect(await ensureClassTags()).toEqual(['$tagwise_safe', '$tagwise_spam', '$tagwise_threat']);
  const ours = tb.tagList.filter((t) => t.key.startsWith('$tagwise_'));
  expect(ours.map((t) => t.tag)).toEqual(['Tagwise: Safe', 'Tagwise: Spam', 'Tagwise: Threat']);
  expect(new Set(ours.map((t) => t.color)).size).toBe(3);
});

test('a second run creates nothing and keeps the user’s renamed tag', async () => {
  await ensureClassTags();
  (tb.tagList.find((t) => t.key === '$tagwise_spam') as { tag: string }).tag = 'Werbung';
  expect(await ensureClassTags()).toEqual([]);
  expect(tb.tagList.find((t) => t.key === '$tagwise_spam')?.tag).toBe('Werbung');
});
