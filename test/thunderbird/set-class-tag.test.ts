import { beforeEach, expect, test } from 'vitest';
import { ensureClassTags } from '../../src/thunderbird/ensure-class-tags.ts';
import { setClassTag } from '../../src/thunderbird/set-class-tag.ts';
import { installFakeMessenger, type FakeMessenger } from '../support/fake-messenger.ts';
import { rawMail } from '../support/tiny-model.ts';

let tb: FakeMessenger;
beforeEach(async () => {
  tb = installFakeMessenger();
  await ensureClassTags();
});

test('adds our tag and keeps the user’s', async () => {
  const m = tb.deliver(rawMail('a@x', 'hi', 'body'), undefined, ['$label1']);
  expect(await setClassTag(m.id, m.headerMessageId, 'SAFE')).toBe('written');
  expect(tb.header(m.id).tags).toEqual(['$label1', '$tagwise_safe']);
});

test('merges with the tags as they are now, not as the caller last saw them', async () => {
  const m = tb.deliver(rawMail('a@x', 'hi', 'body'));
  tb.setTags(m.id, ['$label1']); // the user tagged it after we read it
  await setClassTag(m.id, m.headerMessageId, 'SPAM');
  expect(tb.header(m.id).tags).toEqual(['$label1', '$tagwise_spam']);
});

test('writes nothing when the tag is already right', async () => {
  const m = tb.deliver(rawMail('a@x', 'hi', 'body'), undefined, ['$tagwise_spam']);
  expect(await setClassTag(m.id, m.headerMessageId, 'SPAM')).toBe('unchanged');
  expect(tb.updates).toEqual([]);
});

test('with keepUsers, a tag of ours the user set meanwhile wins', async () => {
  const m = tb.deliver(rawMail('a@x', 'hi', 'body'), undefined, ['$tagwise_threat']);
  expect(await setClassTag(m.id, m.headerMessageId, 'SAFE', { keepUsers: true })).toBe('kept-users');
  expect(tb.header(m.id).tags).toEqual(['$tagwise_threat']);
});

test('a stale id is looked up again by Message-ID', async () => {
  const m = tb.deliver(rawMail('a@x', 'hi', 'body'));
  expect(await setClassTag(9999, m.headerMessageId, 'SAFE')).toBe('written');
  tb.failNextUpdate.add(m.id);
  expect(await setClassTag(m.id, m.headerMessageId, 'SPAM')).toBe('written');
  expect(tb.header(m.id).tags).toEqual(['$tagwise_spam']);
});

test('a message that is gone is reported, not thrown', async () => {
  expect(await setClassTag(12345, 'nobody@x', 'SAFE')).toBe('gone');
});
