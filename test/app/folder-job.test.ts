import { beforeEach, expect, test, vi } from 'vitest';
import { cancelFolderJob, listFolderJobs, resumeFolderJobs, runFolderJob, startFolderJob } from '../../src/app/folder-job.ts';
import { newJob, FINISHED_JOB_KEEP_MS, finish } from '../../src/app/job-state.ts';
import { classifyMessage } from '../../src/app/classify-message.ts';
import { readVerdict } from '../../src/store/verdicts-store.ts';
import { readJob, writeJob } from '../../src/thunderbird/job-storage.ts';
import { appHarness, type AppHarness } from '../support/app-harness.ts';
import { mailOf } from '../support/tiny-model.ts';

const ARCHIVE = { id: 'account1://Archive', accountId: 'account1', path: '/Archive', name: 'Archive' };

let h: AppHarness;
beforeEach(async () => {
  h = await appHarness();
  h.tb.folders.push(ARCHIVE);
});

function fillArchive(): Array<{ id: number; headerMessageId: string }> {
  return [
    h.tb.deliver(mailOf('SAFE', 1, 'a1@x'), ARCHIVE),
    h.tb.deliver(mailOf('SPAM', 2, 'a2@x'), ARCHIVE, ['$tagwise_safe']), // tagged already (by the user, or another device)
    h.tb.deliver(mailOf('THREAT', 3, 'a3@x'), ARCHIVE),
    h.tb.deliver(mailOf('SPAM', 4, 'a4@x'), ARCHIVE),
  ];
}

async function finished(folderId: string) {
  await vi.waitFor(async () => expect((await readJob(folderId))?.status).not.toBe('running'), { timeout: 5000 });
  return readJob(folderId);
}

test('a folder job tags every untagged message, skips tagged ones, counts and logs', async () => {
  const [a1, a2, a3, a4] = fillArchive();
  const started = await startFolderJob(ARCHIVE.id);
  expect(started).toMatchObject({ status: 'running', total: 4, folderName: 'Archive' });
  expect(h.tb.alarmList.has('tagwise-folder-jobs')).toBe(true);
  const job = await finished(ARCHIVE.id);
  expect(job).toMatchObject({ status: 'done', position: 4, classified: 3, skipped: 1, failed: 0, total: 4 });
  for (const m of [a1, a3, a4]) expect(h.tb.header(m!.id).tags).toHaveLength(1);
  expect(h.tb.header(a2!.id).tags).toEqual(['$tagwise_safe']);
  expect(await readVerdict('a2@x')).toBeUndefined();
  expect(h.lines()).toContain('folder job done account1://Archive classified=3 skipped=1 failed=0');
  // Nothing left to resume: the alarm goes.
  await resumeFolderJobs();
  expect(h.tb.alarmList.has('tagwise-folder-jobs')).toBe(false);
});

test('a job a suspended page left half-way resumes at its position', async () => {
  const [a1, , a3, a4] = fillArchive();
  // What storage holds after a page was suspended at message 3 of 4.
  await writeJob({ ...newJob(ARCHIVE.id, 'Archive', 4, 0), position: 2, classified: 1, skipped: 1 });
  await resumeFolderJobs();
  const job = await readJob(ARCHIVE.id);
  expect(job).toMatchObject({ status: 'done', position: 4, classified: 3, skipped: 1 });
  // The first two were passed over without being read again.
  expect(h.tb.header(a1!.id).tags).toEqual([]);
  expect(h.tb.header(a3!.id).tags).toHaveLength(1);
  expect(h.tb.header(a4!.id).tags).toHaveLength(1);
  expect(h.lines()).toContain('folder job resumed account1://Archive at 2');
});

test('a message with a verdict but without its tag gets the verdict\'s tag back, not a new verdict', async () => {
  const [a1] = fillArchive();
  await classifyMessage(h.tb.header(a1!.id));
  const verdict = await readVerdict('a1@x');
  // The tag is lost (Thunderbird quit between the tag write and the verdict's), the verdict kept.
  h.tb.setTags(a1!.id, []);
  const rawReads = h.tb.getRawCalls;
  await startFolderJob(ARCHIVE.id);
  expect(await finished(ARCHIVE.id)).toMatchObject({ status: 'done', classified: 3, skipped: 1 });
  expect(h.tb.header(a1!.id).tags).toEqual([`$tagwise_${verdict!.label.toLowerCase()}`]);
  expect(await readVerdict('a1@x')).toEqual(verdict);
  // Read again: only the two untagged messages without a verdict.
  expect(h.tb.getRawCalls - rawReads).toBe(2);
});

test('a cancelled job stops and stays cancelled', async () => {
  fillArchive();
  await writeJob(newJob(ARCHIVE.id, 'Archive', 4, 0));
  const run = runFolderJob(ARCHIVE.id);
  await cancelFolderJob(ARCHIVE.id);
  await run;
  const job = await readJob(ARCHIVE.id);
  expect(job?.status).toBe('cancelled');
  expect(job?.position).toBeLessThan(4);
  // A cancelled job is not resumed by the next wake-up.
  await resumeFolderJobs();
  expect((await readJob(ARCHIVE.id))?.status).toBe('cancelled');
});

test('starting a folder again after it finished runs a new job that skips what is tagged', async () => {
  fillArchive();
  await startFolderJob(ARCHIVE.id);
  await finished(ARCHIVE.id);
  await startFolderJob(ARCHIVE.id);
  expect(await finished(ARCHIVE.id)).toMatchObject({ status: 'done', classified: 0, skipped: 4 });
});

test('jobs are listed newest first; finished ones older than a day are dropped', async () => {
  const now = 10 * FINISHED_JOB_KEEP_MS;
  await writeJob(finish(newJob('old', 'Old', 1, 0), 'done', 1));
  await writeJob(newJob('a', 'A', 1, now - 10));
  await writeJob(finish(newJob('b', 'B', 1, now - 5), 'done', now - 5));
  expect((await listFolderJobs(now)).map((j) => j.folderId)).toEqual(['b', 'a']);
  expect(await readJob('old')).toBeUndefined();
});
