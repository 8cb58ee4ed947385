import { InvalidRecordError, validateModel, type TagwiseModel } from '../core/index.ts';
import { MODEL_KEY, openDatabase } from './database.ts';
import { RECORD_VERSION, type CorrectionRecord, type LossRecord, type StoredModel, type VerdictRecord } from './records.ts';

export type ModelRead = { status: 'missing' } | { status: 'ok'; model: TagwiseModel } | { status: 'invalid'; error: InvalidRecordError };

/** The record written for a model: without the velocity arrays when momentum is 0 (see StoredModel). */
export function toStoredModel(model: TagwiseModel, savedAt = Date.now()): StoredModel {
  if (model.optimizer.momentum !== 0) return { kind: 'tagwise-stored-model', version: RECORD_VERSION, savedAt, velocity: 'kept', model };
  const empty = new Float32Array(0);
  const optimizer = { ...model.optimizer, vw1: empty, vb1: empty, vw2: empty, vb2: empty };
  return { kind: 'tagwise-stored-model', version: RECORD_VERSION, savedAt, velocity: 'dropped', model: { ...model, optimizer } };
}

/** A stored record back to a model, checked field by field; throws InvalidRecordError. */
export function fromStoredModel(value: unknown): TagwiseModel {
  if (typeof value !== 'object' || value === null) throw new InvalidRecordError('stored model: not a record');
  const record = value as Partial<StoredModel>;
  if (record.kind !== 'tagwise-stored-model') throw new InvalidRecordError(`stored model: found a record of kind ${String(record.kind)}`);
  if (record.version !== RECORD_VERSION) throw new InvalidRecordError(`stored model: version ${String(record.version)} is not supported`);
  const model = record.model as TagwiseModel | undefined;
  if (record.velocity === 'dropped' && model?.mlp && model.optimizer) {
    const { mlp } = model;
    model.optimizer = {
      ...model.optimizer,
      vw1: new Float32Array(mlp.w1?.length ?? 0),
      vb1: new Float32Array(mlp.b1?.length ?? 0),
      vw2: new Float32Array(mlp.w2?.length ?? 0),
      vb2: new Float32Array(mlp.b2?.length ?? 0),
    };
  } else if (record.velocity !== 'kept') {
    throw new InvalidRecordError('stored model: unknown velocity mode');
  }
  return validateModel(model);
}

export async function readModel(): Promise<ModelRead> {
  const db = await openDatabase();
  const value = await db.get('model', MODEL_KEY);
  if (value === undefined) return { status: 'missing' };
  try {
    return { status: 'ok', model: fromStoredModel(value) };
  } catch (error) {
    if (error instanceof InvalidRecordError) return { status: 'invalid', error };
    throw error;
  }
}

/** Replaces the stored model (reset, import, or replacing an invalid record). */
export async function writeModel(model: TagwiseModel): Promise<void> {
  const db = await openDatabase();
  await db.put('model', toStoredModel(model), MODEL_KEY);
}

export interface CorrectionCommit {
  /** Absent when learning was rolled back: the previous model stays. */
  model?: TagwiseModel;
  correction?: CorrectionRecord;
  loss?: LossRecord;
  verdict: VerdictRecord;
}

/**
 * One correction, all or nothing: the model, the correction, its loss entry and the user's verdict
 * in ONE transaction. If it fails, IndexedDB keeps every previous record, the model included.
 * Nothing but the transaction's own requests is awaited inside it.
 */
export async function commitCorrection(commit: CorrectionCommit): Promise<void> {
  const db = await openDatabase();
  const tx = db.transaction(['model', 'corrections', 'lossHistory', 'verdicts'], 'readwrite');
  const writes: Promise<unknown>[] = [];
  try {
    writes.push(tx.objectStore('verdicts').put(commit.verdict));
    if (commit.model) writes.push(tx.objectStore('model').put(toStoredModel(commit.model), MODEL_KEY));
    if (commit.correction) writes.push(tx.objectStore('corrections').put(commit.correction));
    if (commit.loss) writes.push(tx.objectStore('lossHistory').add(commit.loss));
  } catch (error) {
    // put throws synchronously (DataCloneError, a quota check): the requests already made would
    // still commit when the transaction ends, leaving half a correction. Abort them.
    try {
      tx.abort();
    } catch {
      // Already aborted (the throw was its consequence).
    }
    await Promise.allSettled([...writes, tx.done]);
    throw error;
  }
  await settled([...writes, tx.done]);
}

/**
 * Waits for every request and the transaction. When one fails, the others fail with AbortError as a
 * consequence: all are awaited (no unhandled rejection), and the cause is the error thrown.
 */
async function settled(promises: Promise<unknown>[]): Promise<void> {
  const failures = (await Promise.allSettled(promises)).flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (failures.length === 0) return;
  throw failures.find((e) => (e as Error | null)?.name !== 'AbortError') ?? failures[0];
}
