import { openDatabase } from './database.ts';
import { validateVerdict, type VerdictRecord } from './records.ts';

function valid(value: unknown): VerdictRecord | undefined {
  if (value === undefined) return undefined;
  try {
    return validateVerdict(value);
  } catch {
    // A malformed verdict is as good as none: the message is classified again.
    return undefined;
  }
}

export async function readVerdict(headerMessageId: string): Promise<VerdictRecord | undefined> {
  return valid(await (await openDatabase()).get('verdicts', headerMessageId));
}

/** Verdicts of many messages in one transaction (the rescan reads a page at a time). */
export async function readVerdicts(headerMessageIds: readonly string[]): Promise<Map<string, VerdictRecord>> {
  const db = await openDatabase();
  const tx = db.transaction('verdicts', 'readonly');
  const values = await Promise.all(headerMessageIds.map((id) => tx.store.get(id)));
  await tx.done;
  const found = new Map<string, VerdictRecord>();
  values.forEach((value, n) => {
    const verdict = valid(value);
    if (verdict) found.set(headerMessageIds[n] as string, verdict);
  });
  return found;
}

export async function writeVerdict(verdict: VerdictRecord): Promise<void> {
  await (await openDatabase()).put('verdicts', verdict);
}
