import { expect, test } from 'vitest';
import { advance, FINISHED_JOB_KEEP_MS, finish, isStale, newJob, progressShare, validateJob } from '../../src/app/job-state.ts';

const start = () => newJob('account1://Archive', 'Archive', 4, 1000);

test('a new job is running at position 0 with its total', () => {
  expect(start()).toMatchObject({ status: 'running', position: 0, total: 4, classified: 0, skipped: 0, failed: 0, startedAt: 1000 });
});

test.each([
  [-1, null],
  [2.5, null],
  [Number.NaN, null],
  [null, null],
  [0, 0],
])('a total of %s is kept as %s', (total, kept) => {
  expect(newJob('f', 'F', total, 0).total).toBe(kept);
});

test.each([
  ['classified', { classified: 1, skipped: 0, failed: 0 }],
  ['skipped', { classified: 0, skipped: 1, failed: 0 }],
  ['failed', { classified: 0, skipped: 0, failed: 1 }],
] as const)('advancing with %s counts it and moves the position', (outcome, counts) => {
  const job = advance(start(), outcome, 2000);
  expect(job).toMatchObject({ ...counts, position: 1, updatedAt: 2000, status: 'running' });
});

test('advancing does not change the job it was given (plain data, persisted as is)', () => {
  const job = start();
  advance(job, 'classified', 2000);
  expect(job.position).toBe(0);
});

test('the total grows when the folder did (mail arrived during the job)', () => {
  let job = newJob('f', 'F', 1, 0);
  job = advance(advance(job, 'classified', 1), 'classified', 2);
  expect(job.total).toBe(2);
});

test.each([
  [0, 4, 0],
  [2, 4, 0.5],
  [4, 4, 1],
  [0, 0, 1],
])('progress at %s of %s is %s', (position, total, share) => {
  expect(progressShare({ ...newJob('f', 'F', total, 0), position })).toBe(share);
});

test('progress is unknown without a total, and complete once done', () => {
  const job = newJob('f', 'F', null, 0);
  expect(progressShare(job)).toBeNull();
  expect(progressShare(finish(job, 'done', 1))).toBe(1);
});

test('finishing sets the status; done makes the total what was seen; failure keeps the error', () => {
  const job = advance(start(), 'classified', 1);
  expect(finish(job, 'done', 5)).toMatchObject({ status: 'done', total: 1, updatedAt: 5 });
  expect(finish(job, 'cancelled', 5)).toMatchObject({ status: 'cancelled', total: 4 });
  expect(finish(job, 'failed', 5, 'boom')).toMatchObject({ status: 'failed', error: 'boom' });
});

test('finished jobs go stale after the keep time; running ones never', () => {
  const done = finish(start(), 'done', 1000);
  expect(isStale(done, 1000 + FINISHED_JOB_KEEP_MS)).toBe(false);
  expect(isStale(done, 1001 + FINISHED_JOB_KEEP_MS)).toBe(true);
  expect(isStale(start(), 10 * FINISHED_JOB_KEEP_MS)).toBe(false);
});

test('a stored job round-trips through validation', () => {
  const job = advance(start(), 'skipped', 3);
  expect(validateJob(structuredClone(job))).toEqual(job);
});

test.each([
  ['not an object', 'job'],
  ['another kind', { ...newJob('f', 'F', 1, 0), kind: 'other' }],
  ['a newer version', { ...newJob('f', 'F', 1, 0), version: 2 }],
  ['an unknown status', { ...newJob('f', 'F', 1, 0), status: 'paused' }],
  ['a negative position', { ...newJob('f', 'F', 1, 0), position: -1 }],
  ['no folder id', { ...newJob('', 'F', 1, 0) }],
  ['a fractional count', { ...newJob('f', 'F', 1, 0), classified: 0.5 }],
])('a stored job with %s is rejected', (_, value) => {
  expect(validateJob(value)).toBeUndefined();
});
