import type { ClassifyOutcome } from './classify-message.ts';

/**
 * Classifying a whole folder, as plain data: persisted after every message, so a job whose event page
 * was suspended resumes where it stopped (the first `position` messages of the folder's list are
 * passed over; anything already tagged is skipped anyway, so a shifted list costs time, not tags).
 */
export type JobStatus = 'running' | 'done' | 'cancelled' | 'failed';

export const JOB_KIND = 'tagwise-folder-job';
export const JOB_VERSION = 1;

export interface JobState {
  kind: typeof JOB_KIND;
  version: typeof JOB_VERSION;
  folderId: string;
  folderName: string;
  status: JobStatus;
  /** Messages in the folder when the job started; null when Thunderbird could not say. */
  total: number | null;
  /** Messages looked at so far, in list order. */
  position: number;
  classified: number;
  skipped: number;
  failed: number;
  startedAt: number;
  updatedAt: number;
  error?: string;
}

export function newJob(folderId: string, folderName: string, total: number | null, now: number): JobState {
  return {
    kind: JOB_KIND,
    version: JOB_VERSION,
    folderId,
    folderName,
    status: 'running',
    total: total !== null && Number.isInteger(total) && total >= 0 ? total : null,
    position: 0,
    classified: 0,
    skipped: 0,
    failed: 0,
    startedAt: now,
    updatedAt: now,
  };
}

const COUNTER: Record<ClassifyOutcome, 'classified' | 'skipped' | 'failed'> = { classified: 'classified', skipped: 'skipped', failed: 'failed' };

/** One more message looked at. The total grows if the folder did (mail arrived meanwhile). */
export function advance(job: JobState, outcome: ClassifyOutcome, now: number): JobState {
  const counter = COUNTER[outcome];
  const position = job.position + 1;
  return { ...job, position, [counter]: job[counter] + 1, total: job.total === null ? null : Math.max(job.total, position), updatedAt: now };
}

export function finish(job: JobState, status: Exclude<JobStatus, 'running'>, now: number, error?: string): JobState {
  const done: JobState = { ...job, status, updatedAt: now };
  if (status === 'done' && done.total !== null) done.total = done.position;
  if (error !== undefined) done.error = error;
  return done;
}

export const isActive = (job: JobState): boolean => job.status === 'running';

/** Share done, 0..1; null while the total is unknown. */
export function progressShare(job: JobState): number | null {
  if (job.status === 'done') return 1;
  if (job.total === null) return null;
  return job.total === 0 ? 1 : Math.min(1, job.position / job.total);
}

/** How long a finished job stays on the options page. */
export const FINISHED_JOB_KEEP_MS = 24 * 60 * 60 * 1000;

/** Finished jobs older than the keep time are dropped; running ones always stay. */
export function isStale(job: JobState, now: number): boolean {
  return !isActive(job) && now - job.updatedAt > FINISHED_JOB_KEEP_MS;
}

const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;
const STATUSES: readonly string[] = ['running', 'done', 'cancelled', 'failed'];

/** A stored job checked field by field; undefined for anything else (it is dropped). */
export function validateJob(value: unknown): JobState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const r = value as Record<string, unknown>;
  const ok =
    r.kind === JOB_KIND &&
    r.version === JOB_VERSION &&
    typeof r.folderId === 'string' &&
    r.folderId.length > 0 &&
    typeof r.folderName === 'string' &&
    STATUSES.includes(String(r.status)) &&
    (r.total === null || isCount(r.total)) &&
    [r.position, r.classified, r.skipped, r.failed, r.startedAt, r.updatedAt].every(isCount) &&
    (r.error === undefined || typeof r.error === 'string');
  return ok ? (r as unknown as JobState) : undefined;
}
