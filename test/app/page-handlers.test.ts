import { beforeEach, expect, test } from 'vitest';
import { classifyMessage } from '../../src/app/classify-message.ts';
import { getModel } from '../../src/app/model-cache.ts';
import { handlePageMessage, handlers } from '../../src/app/page-handlers.ts';
import { modelToJson } from '../../src/core/index.ts';
import { countCorrections } from '../../src/store/corrections-store.ts';
import { readLossHistory } from '../../src/store/loss-history-store.ts';
import { readModel } from '../../src/store/model-store.ts';
import { addNotice } from '../../src/store/notices-store.ts';
import { readSettings } from '../../src/store/settings-store.ts';
import { appHarness, type AppHarness } from '../support/app-harness.ts';
import { mailOf, tinyModel } from '../support/tiny-model.ts';

let h: AppHarness;
beforeEach(async () => {
  h = await appHarness();
});

async function correctedTwice() {
  const a = h.tb.deliver(mailOf('SAFE', 1, 's1@x'));
  const b = h.tb.deliver(mailOf('SAFE', 2, 's2@x'));
  await classifyMessage(a);
  await classifyMessage(b);
  expect(await handlers.correct({ messageIds: [a.id, b.id], label: 'SPAM' })).toEqual({ learned: 2 });
}

test('getVerdict classifies a message that has no verdict yet, and explains it', async () => {
  const m = h.tb.deliver(mailOf('THREAT', 3, 't3@x'));
  const view = await handlers.getVerdict({ messageId: m.id });
  expect(view).toMatchObject({ headerMessageId: 't3@x', label: 'THREAT', source: 'auto' });
  expect(view!.probs.THREAT).toBeGreaterThan(0.5);
  expect(view!.reasons.length).toBeGreaterThan(0);
  expect(view!.reasons.every((r) => typeof r.feature === 'string' && r.weight > 0)).toBe(true);
  expect(h.tb.header(m.id).tags).toEqual(['$tagwise_threat']);
  expect(await handlers.getVerdict({ messageId: 9999 })).toBeNull();
});

test('correct learns each message and the status counts it per class, with its loss curve and accuracy', async () => {
  await correctedTwice();
  const status = await handlers.getStatus();
  expect(status.corrections).toBe(2);
  expect(status.perClass).toEqual({ SAFE: 0, SPAM: 2, THREAT: 0 });
  expect(status.loss).toHaveLength(2);
  expect(status.loss[0]!.lossAfter).toBeLessThan(status.loss[0]!.lossBefore);
  expect(status.accuracy.total).toBe(2);
  expect(status.model).toMatchObject({ source: 'stored', learned: 2, trainedAt: expect.any(String) });
});

test('settings: a valid change is stored and logged; an invalid one changes nothing', async () => {
  const ok = await handlers.setSettings({ learningRate: 0.02, junkAction: 'mark' });
  expect(ok).toMatchObject({ ok: true, settings: { learningRate: 0.02, junkAction: 'mark', accounts: [{ id: 'account1' }] } });
  expect(h.lines().at(-1)).toBe('settings learningRate=0.02 junkAction=mark watched=all');
  const bad = await handlers.setSettings({ learningRate: 5, junkAction: 'none' });
  expect(bad).toMatchObject({ ok: false, error: expect.stringContaining('learningRate') });
  expect(await readSettings()).toMatchObject({ learningRate: 0.02, junkAction: 'mark' });
});

test('reset clears the corrections and goes back to the shipped model', async () => {
  await correctedTwice();
  await handlers.resetModel({ keepCorrections: false });
  expect(await countCorrections()).toBe(0);
  expect(await readLossHistory()).toEqual([]);
  expect((await readModel()).status).toBe('missing');
  const status = await handlers.getStatus();
  expect(status.model).toMatchObject({ source: 'shipped', learned: 0 });
  expect(h.lines().at(-1)).toBe('reset model=shipped corrections=0');
});

test('reset can keep the corrections', async () => {
  await correctedTwice();
  await handlers.resetModel({ keepCorrections: true });
  expect(await countCorrections()).toBe(2);
  expect((await getModel()).source).toBe('shipped');
});

test('export gives the model file; import of it round-trips; a bad file changes nothing', async () => {
  await correctedTwice();
  const { fileName, text } = await handlers.exportModel();
  expect(fileName).toMatch(/^tagwise-model-\d{4}-\d{2}-\d{2}\.json$/);
  expect(JSON.parse(text).kind).toBe('tagwise-model-file');
  const before = await readModel();

  for (const bad of ['not json', '{"kind":"something-else"}', text.replace('"version":1', '"version":9')]) {
    const result = await handlers.importModel({ text: bad });
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/^The file was not imported/) });
  }
  expect(await readModel()).toEqual(before);

  const other = await tinyModel();
  other.meta.description = 'imported';
  expect(await handlers.importModel({ text: modelToJson(other) })).toEqual({ ok: true });
  expect((await getModel()).model.meta.description).toBe('imported');
});

test('notices are shown localized with what to do, and can be dismissed', async () => {
  await addNotice('model-invalid', 'model: version 7 is not supported');
  const [notice] = (await handlers.getStatus()).notices;
  expect(notice?.text).toContain('model: version 7 is not supported');
  await handlers.dismissNotices();
  expect((await handlers.getStatus()).notices).toEqual([]);
});

test('a handler error is logged once and reaches the page', async () => {
  await expect(handlePageMessage('startFolderJob', { folderId: 'nowhere' })).rejects.toThrow();
  expect(h.lines().at(-1)).toMatch(/^error in startFolderJob: /);
});

test('listFolders names each folder with its account', async () => {
  const folders = await handlers.listFolders();
  expect(folders.map((f) => f.name)).toEqual(['Inbox', 'Junk', 'Trash']);
  expect(folders[0]).toEqual({ id: 'account1://INBOX', name: 'Inbox', accountName: 'Sam at example.test' });
});
