import { expect, test } from 'vitest';
import { InvalidRecordError } from '../../src/core/index.ts';
import { RECORD_VERSION, validateCorrection, validateVerdict } from '../../src/store/records.ts';

const vector = { indices: Uint32Array.of(1), values: Float32Array.of(1) };
const verdict = { kind: 'tagwise-verdict', version: RECORD_VERSION, headerMessageId: 'a@b', label: 'SAFE', probs: { SAFE: 1, SPAM: 0, THREAT: 0 }, source: 'auto', time: 5 };
const correction = { kind: 'tagwise-correction', version: RECORD_VERSION, headerMessageId: 'a@b', label: 'SPAM', time: 5, spaceKey: 'k', vector };

test('valid records pass', () => {
  expect(validateVerdict(verdict)).toBe(verdict);
  expect(validateVerdict({ ...verdict, vector, spaceKey: 'k' }).vector).toBe(vector);
  expect(validateCorrection(correction)).toBe(correction);
});

test.each([
  ['another kind', { ...verdict, kind: 'tagwise-correction' }],
  ['another version', { ...verdict, version: 2 }],
  ['an unknown label', { ...verdict, label: 'HAM' }],
  ['an unknown source', { ...verdict, source: 'robot' }],
  ['a missing probability', { ...verdict, probs: { SAFE: 1, SPAM: 0 } }],
  ['a vector without its space', { ...verdict, vector }],
  ['a vector of plain arrays', { ...verdict, vector: { indices: [1], values: [1] }, spaceKey: 'k' }],
  ['no record at all', null],
])('a verdict with %s is rejected', (_, record) => {
  expect(() => validateVerdict(record)).toThrow(InvalidRecordError);
});

test.each([
  ['a NaN in the vector', { ...correction, vector: { indices: Uint32Array.of(1), values: Float32Array.of(NaN) } }],
  ['mismatched vector lengths', { ...correction, vector: { indices: Uint32Array.of(1, 2), values: Float32Array.of(1) } }],
  ['no feature space', { ...correction, spaceKey: '' }],
])('a correction with %s is rejected', (_, record) => {
  expect(() => validateCorrection(record)).toThrow(InvalidRecordError);
});
