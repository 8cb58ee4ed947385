export const JOB_ALARM = 'tagwise-folder-jobs';

/**
 * While a folder job runs, this alarm wakes a suspended event page every half minute to resume it
 * (a job's own awaits do not keep an MV3 event page alive). Created once, not pushed back per wake-up.
 */
export async function ensureJobAlarm(): Promise<void> {
  if (!(await messenger.alarms.get(JOB_ALARM))) messenger.alarms.create(JOB_ALARM, { periodInMinutes: 0.5 });
}

export async function clearJobAlarm(): Promise<void> {
  await messenger.alarms.clear(JOB_ALARM);
}
