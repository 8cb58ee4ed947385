import { expect, test } from 'vitest';
import { correctedLabel, labelForJunk } from '../../src/app/corrected-label.ts';

test.each([
  [[], 'SAFE', undefined, 'our tag removed: says nothing'],
  [['SAFE'], 'SAFE', undefined, 'unchanged (our own echo)'],
  [['SPAM'], 'SAFE', 'SPAM', 'replaced'],
  [['SAFE', 'THREAT'], 'SAFE', 'THREAT', 'added next to ours'],
  [['SPAM', 'THREAT'], 'SAFE', undefined, 'ambiguous'],
  [['SPAM', 'SPAM'], 'SAFE', 'SPAM', 'duplicates count once'],
] as const)('tags %j against verdict %s → %s (%s)', (ours, verdict, expected, _why) => {
  expect(correctedLabel(ours, verdict)).toBe(expected);
});

test.each([
  ['SAFE', true, 'SPAM'],
  ['SPAM', true, 'SPAM'],
  ['THREAT', true, 'THREAT'],
  ['SAFE', false, 'SAFE'],
  ['SPAM', false, 'SAFE'],
  ['THREAT', false, 'SAFE'],
] as const)('verdict %s, junk=%s → %s', (verdict, junk, expected) => {
  expect(labelForJunk(verdict, junk)).toBe(expected);
});
