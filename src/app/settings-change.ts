import { JUNK_ACTIONS, type JunkAction } from '../store/records.ts';
import type { SettingsChange } from '../messages.ts';

/**
 * The learning rate a user may set. Above the range one correction can swing the weights so far
 * that training diverges; below it a correction barely moves the verdict. The options page's
 * number input takes its min / max / step from here, and the background checks again.
 */
export const LEARNING_RATE = { min: 0.001, max: 0.5, step: 0.001 } as const;

export type SettingsField = 'learningRate' | 'watchedAccountIds' | 'junkAction';

export function isLearningRate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= LEARNING_RATE.min && value <= LEARNING_RATE.max;
}

/**
 * A change sent by a page, checked field by field: the known fields that are valid, and the names of
 * those that are not (nothing is saved then). Unknown fields are ignored.
 */
export function checkSettingsChange(value: unknown): { change: SettingsChange; invalid: SettingsField[] } {
  const r = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const change: SettingsChange = {};
  const invalid: SettingsField[] = [];
  if ('learningRate' in r) {
    if (r.learningRate === null || isLearningRate(r.learningRate)) change.learningRate = r.learningRate;
    else invalid.push('learningRate');
  }
  if ('watchedAccountIds' in r) {
    const ids = r.watchedAccountIds;
    if (ids === null || (Array.isArray(ids) && ids.every((id) => typeof id === 'string' && id.length > 0))) change.watchedAccountIds = ids as string[] | null;
    else invalid.push('watchedAccountIds');
  }
  if ('junkAction' in r) {
    if ((JUNK_ACTIONS as readonly unknown[]).includes(r.junkAction)) change.junkAction = r.junkAction as JunkAction;
    else invalid.push('junkAction');
  }
  return { change, invalid };
}
