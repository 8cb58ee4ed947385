import { expect, test } from 'vitest';
import { classLabels, labelOfKey, withClassTag } from '../../src/thunderbird/class-tags.ts';

test.each([
  ['an untagged message', [], 'SPAM', ['$tagwise_spam']],
  ['the user’s tags stay, in order', ['$label1', 'todo'], 'SAFE', ['$label1', 'todo', '$tagwise_safe']],
  ['our old tag is replaced', ['$label1', '$tagwise_safe'], 'THREAT', ['$label1', '$tagwise_threat']],
  ['two of ours become one', ['$tagwise_safe', '$tagwise_spam', '$label2'], 'SPAM', ['$label2', '$tagwise_spam']],
  ['the same tag again stays single', ['$tagwise_spam'], 'SPAM', ['$tagwise_spam']],
] as const)('withClassTag: %s', (_, tags, label, expected) => {
  expect(withClassTag(tags, label)).toEqual(expected);
});

test('labels of our keys only, whatever their case', () => {
  expect(classLabels(['$label1', '$TAGWISE_THREAT', '$tagwise_safe'])).toEqual(['THREAT', 'SAFE']);
  expect(labelOfKey('$label1')).toBeUndefined();
  expect(classLabels(undefined)).toEqual([]);
});
