import { beforeEach, expect, test } from 'vitest';
import { classifyMessage } from '../../src/app/classify-message.ts';
import { writeSettings } from '../../src/store/settings-store.ts';
import { readVerdict } from '../../src/store/verdicts-store.ts';
import { appHarness, type AppHarness } from '../support/app-harness.ts';
import { JUNK } from '../support/fake-messenger.ts';
import { mailOf, rawMail } from '../support/tiny-model.ts';

let h: AppHarness;
beforeEach(async () => {
  h = await appHarness();
});

test.each(['SAFE', 'SPAM', 'THREAT'] as const)('a %s message gets its tag, a verdict and a log line', async (label) => {
  const m = h.tb.deliver(mailOf(label, 100, `new-${label}@x`), undefined, ['$label1']);
  expect(await classifyMessage(m)).toBe('classified');
  expect(h.tb.header(m.id).tags).toEqual(['$label1', `$tagwise_${label.toLowerCase()}`]);
  const verdict = await readVerdict(m.headerMessageId);
  expect(verdict).toMatchObject({ label, source: 'auto' });
  expect(verdict?.vector?.indices.length).toBeGreaterThan(0);
  expect(h.lines()).toEqual([expect.stringMatching(new RegExp(`^classified new-${label}@x ${label} \\d+ms$`))]);
});

test('idempotent: a tagged message or one with a verdict is skipped', async () => {
  const tagged = h.tb.deliver(mailOf('SPAM', 1), undefined, ['$tagwise_safe']);
  expect(await classifyMessage(tagged)).toBe('skipped');
  const m = h.tb.deliver(mailOf('SPAM', 2));
  expect(await classifyMessage(m)).toBe('classified');
  h.tb.setTags(m.id, []); // the user removed our tag: no automatic verdict puts it back
  expect(await classifyMessage(h.tb.header(m.id))).toBe('skipped');
  expect(h.tb.header(m.id).tags).toEqual([]);
});

test('the same message offered twice at once is classified once', async () => {
  const m = h.tb.deliver(mailOf('SAFE', 3));
  const outcomes = await Promise.all([classifyMessage(m), classifyMessage(m)]);
  expect(outcomes.sort()).toEqual(['classified', 'skipped']);
  expect(h.tb.getRawCalls).toBe(1);
});

test('a message that cannot be read fails alone, logged once', async () => {
  const bad = h.tb.deliver('');
  const good = h.tb.deliver(rawMail('fine@x', 'lunch tomorrow', 'meeting agenda notes'));
  expect(await classifyMessage(bad)).toBe('failed');
  expect(await classifyMessage(good)).toBe('classified');
  expect(h.lines().filter((l) => l.startsWith('error classifying'))).toHaveLength(1);
});

test('junkAction move: SPAM is marked junk and moved to the Junk folder', async () => {
  await writeSettings({ junkAction: 'move' });
  const m = h.tb.deliver(mailOf('SPAM', 4, 'junk-me@x'));
  await classifyMessage(m);
  const moved = h.tb.byHeaderMessageId('junk-me@x');
  expect(moved?.folder?.id).toBe(JUNK.id);
  expect(moved?.junk).toBe(true);
});

test('a read that fails is retried under the id the message has now', async () => {
  const m = h.tb.deliver(mailOf('THREAT', 5, 'stale@x'));
  h.tb.failGetRaw = 2;
  expect(await classifyMessage(m)).toBe('classified');
  expect(h.tb.getRawCalls).toBe(3);
  expect(h.lines().some((l) => l.startsWith('error'))).toBe(false);
});
