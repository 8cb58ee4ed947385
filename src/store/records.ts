import { InvalidRecordError, isLabel, LABELS, type Label, type Probabilities, type SparseVector, type TagwiseModel } from '../core/index.ts';

/**
 * Every record Tagwise stores carries a kind and a version and is checked on read: IndexedDB holds
 * whatever an older (or newer, or broken) Tagwise wrote. Checks throw InvalidRecordError.
 */
export const RECORD_VERSION = 1;

export interface StoredModel {
  kind: 'tagwise-stored-model';
  version: typeof RECORD_VERSION;
  savedAt: number;
  /**
   * 'dropped' when the optimizer has no momentum: the velocity then never feeds a later step, so the
   * arrays (as large as W1) are not written and come back as zeros. Halves each correction's write.
   */
  velocity: 'kept' | 'dropped';
  model: TagwiseModel;
}

/** A user's correction: what the model learned from, without any text of the message. */
export interface CorrectionRecord {
  kind: 'tagwise-correction';
  version: typeof RECORD_VERSION;
  headerMessageId: string;
  label: Label;
  time: number;
  /** The feature space the vector belongs to (see spaceKey); vectors of another space are not replayed. */
  spaceKey: string;
  vector: SparseVector;
}

export type VerdictSource = 'auto' | 'user';

export interface VerdictRecord {
  kind: 'tagwise-verdict';
  version: typeof RECORD_VERSION;
  headerMessageId: string;
  label: Label;
  probs: Probabilities;
  /** 'user' once the user corrected or confirmed it: no automatic verdict replaces it. */
  source: VerdictSource;
  time: number;
  /** Kept with an automatic verdict so that a correction needs no second read of the message. */
  spaceKey?: string;
  vector?: SparseVector;
}

export interface LossRecord {
  kind: 'tagwise-loss';
  version: typeof RECORD_VERSION;
  id?: number;
  time: number;
  headerMessageId: string;
  label: Label;
  lossBefore: number;
  lossAfter: number;
  rounds: number;
}

export type JunkAction = 'none' | 'mark' | 'move';
export const JUNK_ACTIONS: readonly JunkAction[] = ['none', 'mark', 'move'];

export interface SettingsRecord {
  kind: 'tagwise-settings';
  version: typeof RECORD_VERSION;
  /** null: the model's own correction rate. */
  learningRate: number | null;
  /** null: the Inbox of every account. */
  watchedAccountIds: string[] | null;
  /** What happens to SPAM and THREAT besides the tag. */
  junkAction: JunkAction;
}

export const DEFAULT_SETTINGS: SettingsRecord = {
  kind: 'tagwise-settings',
  version: RECORD_VERSION,
  learningRate: null,
  watchedAccountIds: null,
  junkAction: 'none',
};

/** A tag change waiting out the debounce window, persisted so that a suspended event page resumes it. */
export interface PendingRecord {
  kind: 'tagwise-pending';
  version: typeof RECORD_VERSION;
  headerMessageId: string;
  messageId: number;
  dueAt: number;
}

export interface NoticeRecord {
  kind: 'tagwise-notice';
  version: typeof RECORD_VERSION;
  id?: number;
  time: number;
  code: 'model-invalid' | 'model-write-failed' | 'learning-rolled-back';
  message: string;
}

function fail(message: string): never {
  throw new InvalidRecordError(message);
}

function asRecord(value: unknown, kind: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) fail(`${kind}: not a record`);
  const record = value as Record<string, unknown>;
  if (record.kind !== kind) fail(`${kind}: found a record of kind ${String(record.kind)}`);
  if (record.version !== RECORD_VERSION) fail(`${kind}: version ${String(record.version)} is not supported (expected ${RECORD_VERSION})`);
  return record;
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

export function isSparseVector(value: unknown): value is SparseVector {
  if (typeof value !== 'object' || value === null) return false;
  const { indices, values } = value as Partial<SparseVector>;
  return indices instanceof Uint32Array && values instanceof Float32Array && indices.length === values.length && values.every(Number.isFinite);
}

function isProbabilities(value: unknown): value is Probabilities {
  if (typeof value !== 'object' || value === null) return false;
  return LABELS.every((label) => isFiniteNumber((value as Record<string, unknown>)[label]));
}

export function validateCorrection(value: unknown): CorrectionRecord {
  const r = asRecord(value, 'tagwise-correction');
  if (!isText(r.headerMessageId) || !isLabel(r.label) || !isTime(r.time) || !isText(r.spaceKey) || !isSparseVector(r.vector)) {
    fail('tagwise-correction: a field is missing or malformed');
  }
  return r as unknown as CorrectionRecord;
}

export function validateVerdict(value: unknown): VerdictRecord {
  const r = asRecord(value, 'tagwise-verdict');
  if (!isText(r.headerMessageId) || !isLabel(r.label) || !isProbabilities(r.probs) || !isTime(r.time)) {
    fail('tagwise-verdict: a field is missing or malformed');
  }
  if (r.source !== 'auto' && r.source !== 'user') fail('tagwise-verdict: unknown source');
  if (r.vector !== undefined && (!isSparseVector(r.vector) || !isText(r.spaceKey))) fail('tagwise-verdict: malformed vector');
  return r as unknown as VerdictRecord;
}

export function validateLoss(value: unknown): LossRecord {
  const r = asRecord(value, 'tagwise-loss');
  if (!isTime(r.time) || !isText(r.headerMessageId) || !isLabel(r.label) || !isFiniteNumber(r.lossBefore) || !isFiniteNumber(r.lossAfter)) {
    fail('tagwise-loss: a field is missing or malformed');
  }
  return r as unknown as LossRecord;
}

export function validatePending(value: unknown): PendingRecord {
  const r = asRecord(value, 'tagwise-pending');
  if (!isText(r.headerMessageId) || !Number.isInteger(r.messageId) || !isTime(r.dueAt)) fail('tagwise-pending: a field is missing or malformed');
  return r as unknown as PendingRecord;
}

export function validateNotice(value: unknown): NoticeRecord {
  const r = asRecord(value, 'tagwise-notice');
  if (!isTime(r.time) || !isText(r.code) || typeof r.message !== 'string') fail('tagwise-notice: a field is missing or malformed');
  return r as unknown as NoticeRecord;
}

export interface RepairedSettings {
  settings: SettingsRecord;
  /** Fields that were invalid and now hold their default. */
  repaired: string[];
}

/** Settings are repaired field by field rather than thrown away: one bad field keeps the others. */
export function repairSettings(value: unknown): RepairedSettings {
  if (value === undefined) return { settings: { ...DEFAULT_SETTINGS }, repaired: [] };
  const r = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const repaired: string[] = [];
  const pick = <T>(field: string, ok: boolean, fallback: T): T => {
    if (ok) return r[field] as T;
    repaired.push(field);
    return fallback;
  };
  const rate = r.learningRate;
  const accounts = r.watchedAccountIds;
  const settings: SettingsRecord = {
    kind: 'tagwise-settings',
    version: RECORD_VERSION,
    learningRate: pick('learningRate', rate === null || (isFiniteNumber(rate) && rate > 0 && rate <= 10), DEFAULT_SETTINGS.learningRate),
    watchedAccountIds: pick('watchedAccountIds', accounts === null || (Array.isArray(accounts) && accounts.every(isText)), DEFAULT_SETTINGS.watchedAccountIds),
    junkAction: pick('junkAction', (JUNK_ACTIONS as readonly unknown[]).includes(r.junkAction), DEFAULT_SETTINGS.junkAction),
  };
  if (r.kind !== 'tagwise-settings' || r.version !== RECORD_VERSION) repaired.push('kind');
  return { settings, repaired };
}
