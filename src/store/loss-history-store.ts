import { openDatabase } from './database.ts';
import { validateLoss, type LossRecord } from './records.ts';

/** The loss curve of the corrections, oldest first (for the options page). */
export async function readLossHistory(): Promise<LossRecord[]> {
  const all = await (await openDatabase()).getAll('lossHistory');
  return all.flatMap((value) => {
    try {
      return [validateLoss(value)];
    } catch {
      return [];
    }
  });
}
