import { beforeEach, expect, test } from 'vitest';
import { openDatabase, SETTINGS_KEY } from '../../src/store/database.ts';
import { DEFAULT_SETTINGS, repairSettings } from '../../src/store/records.ts';
import { readSettings, writeSettings } from '../../src/store/settings-store.ts';
import { freshStorage } from '../support/fresh-state.ts';

beforeEach(freshStorage);

test('defaults: the model’s learning rate, every account’s Inbox, no junk action', async () => {
  expect(await readSettings()).toEqual(DEFAULT_SETTINGS);
  expect(DEFAULT_SETTINGS).toMatchObject({ learningRate: null, watchedAccountIds: null, junkAction: 'none' });
});

test('a change is stored and read back', async () => {
  await writeSettings({ learningRate: 0.02, junkAction: 'move' });
  expect(await readSettings()).toMatchObject({ learningRate: 0.02, junkAction: 'move', watchedAccountIds: null });
});

test.each([
  ['a negative learning rate', { learningRate: -1 }, ['learningRate']],
  ['an infinite learning rate', { learningRate: Infinity }, ['learningRate']],
  ['account ids that are not text', { watchedAccountIds: [1, 2] }, ['watchedAccountIds']],
  ['an unknown junk action', { junkAction: 'delete' }, ['junkAction']],
])('repairs %s field by field, keeping the other fields', (_, bad, repaired) => {
  const result = repairSettings({ ...DEFAULT_SETTINGS, learningRate: 0.03, ...bad });
  expect(result.repaired).toEqual(repaired);
  if (!repaired.includes('learningRate')) expect(result.settings.learningRate).toBe(0.03);
  expect(result.settings.kind).toBe('tagwise-settings');
});

test('a stored record of the wrong shape is repaired and written back', async () => {
  const db = await openDatabase();
  await db.put('settings', { kind: 'tagwise-settings', version: 1, learningRate: 'fast', watchedAccountIds: ['account2'], junkAction: 'mark' } as never, SETTINGS_KEY);
  expect(await readSettings()).toMatchObject({ learningRate: null, watchedAccountIds: ['account2'], junkAction: 'mark' });
  expect(await db.get('settings', SETTINGS_KEY)).toMatchObject({ learningRate: null });
});
