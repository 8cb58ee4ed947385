import { expect, test } from 'vitest';
import { correctionAccuracy } from '../../src/app/correction-accuracy.ts';
import { classifyFeatures, featurize, parseEmail, type Label } from '../../src/core/index.ts';
import { mailOf, tinyModel } from '../support/tiny-model.ts';

async function correction(label: Label, n: number, time: number, spaceKey = 'k') {
  const model = await tinyModel();
  const { vector } = featurize(await parseEmail(mailOf(label, n)), model.space);
  return { vector, label, time, spaceKey };
}

test('counts the corrections the model now labels as the user did', async () => {
  const model = await tinyModel();
  const agree = await correction('SPAM', 1, 1);
  const disagree = { ...(await correction('SAFE', 2, 2)), label: 'THREAT' as Label };
  expect(classifyFeatures(model, { vector: agree.vector, names: new Map() }, 0).label).toBe('SPAM');
  expect(correctionAccuracy(model, [agree, disagree], 'k')).toEqual({ agreeing: 1, total: 2 });
});

test('only the latest corrections of the model\'s feature space count', async () => {
  const model = await tinyModel();
  const old = await correction('SPAM', 1, 1);
  const recent = await correction('THREAT', 2, 5);
  const otherSpace = await correction('SAFE', 3, 9, 'other');
  expect(correctionAccuracy(model, [old, recent, otherSpace], 'k', 1)).toEqual({ agreeing: 1, total: 1 });
  expect(correctionAccuracy(model, [], 'k')).toEqual({ agreeing: 0, total: 0 });
});
