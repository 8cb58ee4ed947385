import type { LabelledVector } from '../core/index.ts';
import { openDatabase } from './database.ts';
import { readValid } from './read-valid.ts';
import { validateCorrection, type CorrectionRecord } from './records.ts';

export async function countCorrections(): Promise<number> {
  return (await openDatabase()).count('corrections');
}

/** Every valid correction; a malformed one is skipped (and logged by the caller's count mismatch). */
export async function readCorrections(): Promise<CorrectionRecord[]> {
  return readValid('corrections', validateCorrection);
}

/** The user's earlier corrections in the given feature space, for replay; `except` is left out. */
export async function correctionHistory(spaceKey: string, except?: string): Promise<LabelledVector[]> {
  return (await readCorrections())
    .filter((c) => c.spaceKey === spaceKey && c.headerMessageId !== except)
    .map((c) => ({ vector: c.vector, label: c.label }));
}
