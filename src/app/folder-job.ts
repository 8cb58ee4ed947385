import { readVerdict } from '../store/verdicts-store.ts';
import { classLabels } from '../thunderbird/class-tags.ts';
import { clearJobAlarm, ensureJobAlarm } from '../thunderbird/job-alarm.ts';
import { readJob, readJobs, removeJob, writeJob } from '../thunderbird/job-storage.ts';
import { folderSummary } from '../thunderbird/mail-folders.ts';
import { messagesInFolder } from '../thunderbird/message-pages.ts';
import { setClassTag } from '../thunderbird/set-class-tag.ts';
import { classifyMessage, type ClassifyOutcome } from './classify-message.ts';
import { advance, finish, isActive, isStale, newJob, type JobState } from './job-state.ts';
import { errorText, log } from './log.ts';

/** Jobs this run of the page is working on, and those the user cancelled during it. */
const running = new Map<string, Promise<void>>();
const cancelled = new Set<string>();

/**
 * Classifies every message of a folder that has neither one of our tags nor a verdict (the user's
 * menu item or the options page). A job already running for the folder is returned as it is.
 */
export async function startFolderJob(folderId: string, now = Date.now()): Promise<JobState> {
  const existing = await readJob(folderId);
  if (existing && isActive(existing)) {
    void runFolderJob(folderId);
    return existing;
  }
  const { name, total } = await folderSummary(folderId);
  const job = newJob(folderId, name, total, now);
  cancelled.delete(folderId);
  await writeJob(job);
  await ensureJobAlarm();
  log(`folder job started ${folderId} total=${job.total ?? '?'}`);
  void runFolderJob(folderId);
  return job;
}

export async function cancelFolderJob(folderId: string, now = Date.now()): Promise<void> {
  // The flag first, synchronously: the loop checks it right before each write of its own.
  cancelled.add(folderId);
  const job = await readJob(folderId);
  if (job && isActive(job)) {
    await writeJob(finish(job, 'cancelled', now));
    log(`folder job cancelled ${folderId} at ${job.position}`);
  }
}

/** Every job, newest first; finished ones older than a day are dropped from storage. */
export async function listFolderJobs(now = Date.now()): Promise<JobState[]> {
  const jobs = await readJobs();
  for (const job of jobs.filter((j) => isStale(j, now))) await removeJob(job.folderId);
  return jobs.filter((j) => !isStale(j, now)).sort((a, b) => b.startedAt - a.startedAt);
}

/** Resumes whatever jobs a suspended page left running (on every start, and from the alarm). */
export async function resumeFolderJobs(): Promise<void> {
  const active = (await readJobs()).filter(isActive);
  if (active.length === 0) {
    await clearJobAlarm();
    return;
  }
  await Promise.all(active.map((job) => runFolderJob(job.folderId)));
}

/**
 * A folder job tags every message without one of our tags. One with a verdict but no tag (the tag
 * write was lost when Thunderbird quit between it and the verdict's, or the tag was taken off) gets
 * its verdict's tag back, the user's own label if corrected; the model is not asked again.
 */
async function tagForJob(message: messenger.messages.MessageHeader): Promise<ClassifyOutcome> {
  if (classLabels(message.tags).length > 0) return 'skipped';
  const verdict = await readVerdict(message.headerMessageId);
  if (!verdict) return classifyMessage(message);
  const written = await setClassTag(message.id, message.headerMessageId, verdict.label, { keepUsers: true });
  return written === 'gone' ? 'failed' : written === 'written' ? 'classified' : 'skipped';
}

/** One loop per folder per run of the page. */
export function runFolderJob(folderId: string): Promise<void> {
  let run = running.get(folderId);
  if (!run) {
    run = work(folderId)
      .catch(async (error: unknown) => {
        log(`error in folder job ${folderId}: ${errorText(error)}`);
        const job = await readJob(folderId);
        if (job && isActive(job)) await writeJob(finish(job, 'failed', Date.now(), errorText(error)));
      })
      .finally(() => running.delete(folderId));
    running.set(folderId, run);
  }
  return run;
}

async function work(folderId: string): Promise<void> {
  let job = await readJob(folderId);
  if (!job || !isActive(job)) return;
  if (job.position > 0) log(`folder job resumed ${folderId} at ${job.position}`);
  let index = 0;
  for await (const message of messagesInFolder(folderId)) {
    if (index++ < job.position) continue;
    if (cancelled.has(folderId)) return;
    const outcome = await tagForJob(message);
    if (cancelled.has(folderId)) return;
    job = advance(job, outcome, Date.now());
    await writeJob(job);
  }
  if (cancelled.has(folderId)) return;
  job = finish(job, 'done', Date.now());
  await writeJob(job);
  log(`folder job done ${folderId} classified=${job.classified} skipped=${job.skipped} failed=${job.failed}`);
}
