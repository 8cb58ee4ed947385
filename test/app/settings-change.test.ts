import { expect, test } from 'vitest';
import { checkSettingsChange, isLearningRate, LEARNING_RATE } from '../../src/app/settings-change.ts';

test.each([
  [LEARNING_RATE.min, true],
  [LEARNING_RATE.max, true],
  [0.05, true],
  [0.0009, false],
  [0.51, false],
  [0, false],
  [-0.1, false],
  [Number.NaN, false],
  [Number.POSITIVE_INFINITY, false],
  ['0.05', false],
])('learning rate %s valid: %s', (value, valid) => {
  expect(isLearningRate(value)).toBe(valid);
});

test.each([
  ['a rate', { learningRate: 0.02 }, { learningRate: 0.02 }],
  ['the model\'s own rate', { learningRate: null }, { learningRate: null }],
  ['some accounts', { watchedAccountIds: ['account1'] }, { watchedAccountIds: ['account1'] }],
  ['every account', { watchedAccountIds: null }, { watchedAccountIds: null }],
  ['no account', { watchedAccountIds: [] }, { watchedAccountIds: [] }],
  ['move to Junk', { junkAction: 'move' }, { junkAction: 'move' }],
  ['unknown fields dropped', { junkAction: 'mark', theme: 'dark' }, { junkAction: 'mark' }],
])('accepts %s', (_, request, change) => {
  expect(checkSettingsChange(request)).toEqual({ change, invalid: [] });
});

test.each([
  ['a rate out of range', { learningRate: 3 }, ['learningRate']],
  ['a rate as text', { learningRate: '0.1' }, ['learningRate']],
  ['account ids that are not text', { watchedAccountIds: [1] }, ['watchedAccountIds']],
  ['an empty account id', { watchedAccountIds: [''] }, ['watchedAccountIds']],
  ['an unknown junk action', { junkAction: 'delete' }, ['junkAction']],
  ['several bad fields', { learningRate: -1, junkAction: 'x' }, ['learningRate', 'junkAction']],
])('names the field of %s', (_, request, invalid) => {
  expect(checkSettingsChange(request).invalid).toEqual(invalid);
});

test('a request that is not an object changes nothing', () => {
  expect(checkSettingsChange('junk')).toEqual({ change: {}, invalid: [] });
});
