import { validateJob, type JobState } from '../app/job-state.ts';

/**
 * Folder jobs in storage.local, one key per folder: small records written after every message, kept
 * out of IndexedDB so that a job needs no schema upgrade and never waits on a model write.
 */
const PREFIX = 'folder-job:';

export async function readJobs(): Promise<JobState[]> {
  const all = await messenger.storage.local.get();
  return Object.entries(all).flatMap(([key, value]) => {
    if (!key.startsWith(PREFIX)) return [];
    const job = validateJob(value);
    return job ? [job] : [];
  });
}

export async function readJob(folderId: string): Promise<JobState | undefined> {
  const key = PREFIX + folderId;
  return validateJob((await messenger.storage.local.get(key))[key]);
}

export async function writeJob(job: JobState): Promise<void> {
  await messenger.storage.local.set({ [PREFIX + job.folderId]: job });
}

export async function removeJob(folderId: string): Promise<void> {
  await messenger.storage.local.remove(PREFIX + folderId);
}
