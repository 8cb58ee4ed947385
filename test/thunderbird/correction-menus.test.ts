import { expect, test } from 'vitest';
import { createCorrectionMenus, labelOfMenuItem } from '../../src/thunderbird/correction-menus.ts';
import { installFakeMessenger } from '../support/fake-messenger.ts';

test('a Tagwise submenu in the message list with the three corrections', async () => {
  const tb = installFakeMessenger();
  await createCorrectionMenus();
  expect(tb.menuItems.map((m) => [m.id, m.parentId, m.title])).toEqual([
    ['tagwise-correct', undefined, 'Tagwise'],
    ['tagwise-correct-safe', 'tagwise-correct', 'Safe'],
    ['tagwise-correct-spam', 'tagwise-correct', 'Spam'],
    ['tagwise-correct-threat', 'tagwise-correct', 'Threat'],
  ]);
  expect(tb.menuItems.every((m) => (m.contexts as string[]).join() === 'message_list')).toBe(true);
});

test('creating them again (onStartup after onInstalled) is harmless', async () => {
  const tb = installFakeMessenger();
  await createCorrectionMenus();
  await createCorrectionMenus();
  expect(tb.menuItems).toHaveLength(4);
});

test.each([
  ['tagwise-correct-safe', 'SAFE'],
  ['tagwise-correct-spam', 'SPAM'],
  ['tagwise-correct-threat', 'THREAT'],
  ['tagwise-correct', undefined],
  ['something-else', undefined],
])('menu item %s means %s', (id, label) => {
  expect(labelOfMenuItem(id)).toBe(label);
});
