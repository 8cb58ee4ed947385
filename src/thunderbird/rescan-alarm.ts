export const RESCAN_ALARM = 'tagwise-rescan';
/** Half a minute: keyword changes from other IMAP clients never fire onUpdated (REPORT.md §4). */
const PERIOD_MINUTES = 0.5;

/** Creates the rescan alarm unless it exists: re-creating it on every wake-up would keep deferring it. */
export async function ensureRescanAlarm(): Promise<void> {
  const existing = await messenger.alarms.get(RESCAN_ALARM);
  if (!existing) messenger.alarms.create(RESCAN_ALARM, { periodInMinutes: PERIOD_MINUTES });
}
