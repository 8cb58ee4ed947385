import { beforeAll, expect, test, vi } from 'vitest';
import { queueIdle } from '../../src/app/correction-queue.ts';
import { countCorrections } from '../../src/store/corrections-store.ts';
import { readVerdict } from '../../src/store/verdicts-store.ts';
import { appHarness, type AppHarness } from '../support/app-harness.ts';
import { INBOX } from '../support/fake-messenger.ts';
import { mailOf } from '../support/tiny-model.ts';

let h: AppHarness;
let registeredBeforeAwait: number[];

beforeAll(async () => {
  h = await appHarness();
  h.tb.deliver(mailOf('SPAM', 1, 'waiting@x')); // arrived while the add-on was not running
  const events = [h.tb.onNewMailReceived, h.tb.onUpdated, h.tb.onMoved, h.tb.onClicked, h.tb.onAlarm, h.tb.onInstalled, h.tb.onStartup, h.tb.onMessage];
  const loading = import('../../src/background.ts');
  // Evaluated synchronously up to its first await: the listeners must all be there by then.
  await loading;
  registeredBeforeAwait = events.map((e) => e.listeners.length);
  await vi.waitFor(() => expect(h.lines().some((l) => l.startsWith('classified waiting@x'))).toBe(true), { timeout: 5000 });
});

test('every listener is registered at the top level, onNewMailReceived for all folders', () => {
  expect(registeredBeforeAwait).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
  expect(h.tb.onNewMailReceived.extra[0]).toEqual([true]);
});

test('a start logs ready with the model source and the corrections, then catches up on the Inbox', () => {
  expect(h.lines()[0]).toBe('ready model=shipped corrections=0');
  expect(h.tb.alarmList.get('tagwise-rescan')?.periodInMinutes).toBe(0.5);
});

test('new mail in a watched Inbox is classified; elsewhere it is not', async () => {
  const inInbox = h.tb.deliver(mailOf('THREAT', 2, 'new@x'));
  const elsewhere = h.tb.deliver(mailOf('SPAM', 3, 'sent@x'), { id: 'account1://Sent', accountId: 'account1', path: '/Sent', specialUse: ['sent'] });
  h.tb.onNewMailReceived.fire(INBOX, { messages: [inInbox] });
  h.tb.onNewMailReceived.fire({ id: 'account1://Sent', accountId: 'account1', path: '/Sent', specialUse: ['sent'] }, { messages: [elsewhere] });
  await vi.waitFor(() => expect(h.tb.header(inInbox.id).tags).toEqual(['$tagwise_threat']));
  expect(h.tb.header(elsewhere.id).tags).toEqual([]);
});

test('the menu corrects every selected message, across pages', async () => {
  const a = h.tb.deliver(mailOf('SAFE', 4, 'sel-a@x'));
  const b = h.tb.deliver(mailOf('SAFE', 5, 'sel-b@x'));
  const c = h.tb.deliver(mailOf('SAFE', 6, 'sel-c@x'));
  h.tb.pageSize = 2;
  h.tb.onClicked.fire({ menuItemId: 'tagwise-correct-spam', selectedMessages: h.tb.list([a, b, c]) });
  await vi.waitFor(async () => expect(await countCorrections()).toBe(3), { timeout: 5000 });
  await queueIdle();
  for (const m of [a, b, c]) {
    expect(h.tb.header(m.id).tags).toEqual(['$tagwise_spam']);
    expect((await readVerdict(m.headerMessageId))?.source).toBe('user');
  }
});

test('onInstalled creates the menus', async () => {
  h.tb.onInstalled.fire({ reason: 'install' });
  await vi.waitFor(() => expect(h.tb.menuItems).toHaveLength(5));
  expect(h.tb.menuItems.at(-1)).toMatchObject({ id: 'tagwise-classify-folder', contexts: ['folder_pane'] });
});
