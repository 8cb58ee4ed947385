import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { classify } from '../../src/core/classify.ts';
import { ParseError } from '../../src/core/errors.ts';
import type { Label } from '../../src/core/labels.ts';
import { modelFromJson } from '../../src/core/model-file.ts';
import { parseEmail } from '../../src/core/parse-email.ts';

// The model that ships in the add-on, on the project's own invented mail (never training data).
const model = modelFromJson(readFileSync('model/tagwise-model.json', 'utf8'));
const fixture = (name: string): Buffer => readFileSync(`test/fixtures/${name}`);

const labelled = readFileSync('test/fixtures/labels.tsv', 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t') as [string, Label]);

describe('the shipped model on the project fixtures', () => {
  test('there are fixtures of every class', () => {
    expect(new Set(labelled.map(([, label]) => label))).toEqual(new Set(['SAFE', 'SPAM', 'THREAT']));
  });

  // SAFE must stay SAFE (lost mail is the costliest error), THREAT must be THREAT (the most
  // dangerous miss); spam must not reach the inbox untagged, SPAM or THREAT both do.
  test.each(labelled)('%s (%s)', async (name, label) => {
    const verdict = classify(model, await parseEmail(fixture(name)));
    if (label === 'SPAM') expect(verdict.label).not.toBe('SAFE');
    else expect(verdict.label).toBe(label);
    expect(verdict.probs.SAFE + verdict.probs.SPAM + verdict.probs.THREAT).toBeCloseTo(1, 5);
    expect(verdict.reasons.length).toBeGreaterThan(0);
  });

  test.each(['empty.eml', 'html-only.eml', 'broken-mime.eml', 'non-utf8.eml'])('%s gets a verdict with finite probabilities', async (name) => {
    const verdict = classify(model, await parseEmail(fixture(name)));
    expect(Object.values(verdict.probs).every(Number.isFinite)).toBe(true);
  });

  test('a 20 MB message gets a verdict, its reading bounded', async () => {
    const head = fixture('threat-paypal-phish.eml').toString('latin1');
    const huge = `${head}\n${'A'.repeat(20 * 1024 * 1024)}`;
    const email = await parseEmail(huge);
    expect(email.truncated).toBe(true);
    expect(classify(model, email).label).toBeDefined();
  });

  test.each([['no bytes at all', ''], ['only whitespace', '  \n\n ']])('%s is rejected as not an email', async (_, raw) => {
    await expect(parseEmail(raw)).rejects.toThrow(ParseError);
  });

  test('reasons name readable features', async () => {
    const verdict = classify(model, await parseEmail(fixture('threat-paypal-phish.eml')));
    expect(verdict.reasons.some((r) => /brand|link|urgent|credentials/.test(r.feature))).toBe(true);
  });
});
