import { beforeEach, expect, test } from 'vitest';
import { classifyMessage } from '../../src/app/classify-message.ts';
import { rescan, startupScan } from '../../src/app/rescan.ts';
import { countCorrections } from '../../src/store/corrections-store.ts';
import { writeSettings } from '../../src/store/settings-store.ts';
import { readVerdict } from '../../src/store/verdicts-store.ts';
import { appHarness, type AppHarness } from '../support/app-harness.ts';
import { mailOf } from '../support/tiny-model.ts';

let h: AppHarness;
beforeEach(async () => {
  h = await appHarness();
});

test('startup: every untagged message in the Inbox is classified, across pages', async () => {
  h.tb.pageSize = 2;
  h.tb.emptyFolderQueries = 1;
  const ids = [0, 1, 2, 3, 4].map((n) => h.tb.deliver(mailOf(n % 2 ? 'SPAM' : 'SAFE', n)).id);
  expect(await rescan('startup')).toEqual({ classified: 5, reconciled: 0, failed: 0 });
  expect(ids.every((id) => h.tb.header(id).tags.length === 1)).toBe(true);
  expect(await rescan('alarm')).toEqual({ classified: 0, reconciled: 0, failed: 0 });
});

test('a tag changed by another IMAP client (no onUpdated) is learned as a correction', async () => {
  const m = h.tb.deliver(mailOf('SAFE', 20, 'other-client@x'));
  await classifyMessage(m);
  h.tb.setTags(m.id, ['$tagwise_threat']);
  expect(await rescan('alarm')).toEqual({ classified: 0, reconciled: 1, failed: 0 });
  expect(await readVerdict('other-client@x')).toMatchObject({ label: 'THREAT', source: 'user' });
  expect(await countCorrections()).toBe(1);
  expect(await rescan('alarm')).toEqual({ classified: 0, reconciled: 0, failed: 0 });
});

test('accounts the settings do not watch are left alone', async () => {
  await writeSettings({ watchedAccountIds: ['account7'] });
  const m = h.tb.deliver(mailOf('SPAM', 21));
  expect(await rescan('alarm')).toEqual({ classified: 0, reconciled: 0, failed: 0 });
  expect(h.tb.header(m.id).tags).toEqual([]);
});

test('concurrent rescans share one scan', async () => {
  h.tb.deliver(mailOf('SPAM', 22));
  const [a, b] = await Promise.all([rescan('alarm'), rescan('alarm')]);
  expect(a).toBe(b);
});

test('the startup scan tries again, shortly, the messages Thunderbird could not read yet', async () => {
  const m = h.tb.deliver(mailOf('SPAM', 23, 'not-yet@x'));
  h.tb.failGetRaw = 4; // more failed reads than one message's own retries
  const counts = await startupScan({ delayMs: 5 });
  expect(counts).toEqual({ classified: 1, reconciled: 0, failed: 0 });
  expect(h.tb.header(m.id).tags).toEqual(['$tagwise_spam']);
  expect(h.lines().filter((l) => l.startsWith('error classifying not-yet@x: Error: getRaw failed 3 times'))).toHaveLength(1);
});
