import { readValid } from './read-valid.ts';
import { validateLoss, type LossRecord } from './records.ts';

/** The loss curve of the corrections, oldest first (for the options page). */
export async function readLossHistory(): Promise<LossRecord[]> {
  return readValid('lossHistory', validateLoss);
}
