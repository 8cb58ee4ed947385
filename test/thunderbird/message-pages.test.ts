import { expect, test } from 'vitest';
import { messagesInFolder, messagesOf } from '../../src/thunderbird/message-pages.ts';
import { INBOX, installFakeMessenger } from '../support/fake-messenger.ts';
import { rawMail } from '../support/tiny-model.ts';

test.each([0, 1, 2, 3, 5])('drains every page of a list of %i messages', async (count) => {
  const tb = installFakeMessenger();
  tb.pageSize = 2;
  for (let n = 0; n < count; n++) tb.deliver(rawMail(`m${n}@x`, `s${n}`, 'b'));
  const seen: string[] = [];
  for await (const m of messagesInFolder(INBOX.id as string)) seen.push(m.headerMessageId);
  expect(seen).toEqual(Array.from({ length: count }, (_, n) => `m${n}@x`));
});

test('an absent list yields nothing', async () => {
  installFakeMessenger();
  const seen = [];
  for await (const m of messagesOf(undefined)) seen.push(m);
  expect(seen).toEqual([]);
});
