import { expect, test } from 'vitest';
import { findInboxes, findJunkFolder } from '../../src/thunderbird/find-folders.ts';
import { INBOX, installFakeMessenger, JUNK } from '../support/fake-messenger.ts';

test('retries while a fresh profile answers no folders yet', async () => {
  const tb = installFakeMessenger();
  tb.emptyFolderQueries = 2;
  expect(await findInboxes(null, { delayMs: 1 })).toEqual([INBOX]);
});

test('gives up after the retries and returns none', async () => {
  const tb = installFakeMessenger();
  tb.emptyFolderQueries = 10;
  expect(await findInboxes(null, { retries: 2, delayMs: 1 })).toEqual([]);
});

test.each([
  [null, [INBOX]],
  [['account1'], [INBOX]],
  [['account2'], []],
])('watched accounts %j', async (accounts, expected) => {
  installFakeMessenger();
  expect(await findInboxes(accounts)).toEqual(expected);
});

test('finds the account’s Junk folder', async () => {
  installFakeMessenger();
  expect(await findJunkFolder('account1')).toEqual(JUNK);
  expect(await findJunkFolder('account9')).toBeUndefined();
});
