import { expect, test } from 'vitest';
import { fieldChange, formValues, settingsFromForm } from '../../options/settings-form.ts';
import { DEFAULT_SETTINGS } from '../../src/store/records.ts';

const ACCOUNTS = ['account1', 'account2'];

test.each([
  ['an empty form', [], { learningRate: null, watchedAccountIds: [], junkAction: 'none' }],
  ['a rate', [['learningRate', '0.02']], { learningRate: 0.02 }],
  ['a blank rate (the model\'s own)', [['learningRate', '  ']], { learningRate: null }],
  ['every account ticked (all, including later ones)', [['watchedAccountIds', 'account1'], ['watchedAccountIds', 'account2']], { watchedAccountIds: null }],
  ['some accounts', [['watchedAccountIds', 'account2']], { watchedAccountIds: ['account2'] }],
  ['an account that no longer exists', [['watchedAccountIds', 'gone']], { watchedAccountIds: [] }],
  ['a junk action', [['junkAction', 'move']], { junkAction: 'move' }],
] as Array<[string, Array<[string, string]>, object]>)('the form with %s', (_, entries, expected) => {
  expect(settingsFromForm(entries, ACCOUNTS)).toMatchObject(expected);
});

test('a rate that is not a number stays one (the background rejects it, nothing is saved)', () => {
  expect(Number.isNaN(settingsFromForm([['learningRate', 'fast']], ACCOUNTS).learningRate)).toBe(true);
});

test('a change carries only the field that changed', () => {
  const entries: Array<[string, string]> = [['learningRate', '9'], ['junkAction', 'mark']];
  expect(fieldChange(entries, ACCOUNTS, 'junkAction')).toEqual({ junkAction: 'mark' });
  expect(fieldChange(entries, ACCOUNTS, 'somethingElse')).toEqual({});
});

test('the defaults show as: empty rate, every account ticked, nothing besides tagging', () => {
  const values = formValues(DEFAULT_SETTINGS, ACCOUNTS);
  expect(values).toEqual({ learningRate: '', watched: new Set(ACCOUNTS), junkAction: 'none' });
});

test('form values round-trip through the form', () => {
  const settings = { learningRate: 0.1, watchedAccountIds: ['account1'], junkAction: 'mark' as const };
  const values = formValues(settings, ACCOUNTS);
  const entries: Array<[string, string]> = [['learningRate', values.learningRate], ...[...values.watched].map((id): [string, string] => ['watchedAccountIds', id]), ['junkAction', values.junkAction]];
  expect(settingsFromForm(entries, ACCOUNTS)).toEqual(settings);
});
