import { openDatabase } from './database.ts';
import { RECORD_VERSION, validatePending, type PendingRecord } from './records.ts';

/** Schedules (or pushes back) the settle check of a message's tags. */
export async function putPending(headerMessageId: string, messageId: number, dueAt: number): Promise<void> {
  await (await openDatabase()).put('pending', { kind: 'tagwise-pending', version: RECORD_VERSION, headerMessageId, messageId, dueAt });
}

/**
 * Takes the checks that are due out of the store, in one transaction, so that two wake-ups never
 * both run the same one. Malformed records are dropped.
 */
export async function takeDuePending(now: number): Promise<PendingRecord[]> {
  const db = await openDatabase();
  const tx = db.transaction('pending', 'readwrite');
  const due: PendingRecord[] = [];
  for (let cursor = await tx.store.openCursor(); cursor; cursor = await cursor.continue()) {
    let record: PendingRecord | undefined;
    try {
      record = validatePending(cursor.value);
    } catch {
      record = undefined;
    }
    if (record && record.dueAt > now) continue;
    if (record) due.push(record);
    await cursor.delete();
  }
  await tx.done;
  return due;
}

/** The earliest due time of the checks still waiting, if any. */
export async function nextPendingDue(): Promise<number | undefined> {
  const all = await (await openDatabase()).getAll('pending');
  const times = all.map((r) => r.dueAt).filter((t) => Number.isFinite(t));
  return times.length ? Math.min(...times) : undefined;
}
