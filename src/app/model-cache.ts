import { modelFromJson, type TagwiseModel } from '../core/index.ts';
import { addNotice } from '../store/notices-store.ts';
import { readModel, writeModel } from '../store/model-store.ts';
import { fetchShippedModelText } from '../thunderbird/shipped-model.ts';
import { errorText, log } from './log.ts';
import { spaceKey } from './space-key.ts';

export interface LoadedModel {
  model: TagwiseModel;
  source: 'shipped' | 'stored';
  spaceKey: string;
}

/**
 * The one copy of the weights this run of the background script holds. A cache only: the event page
 * may be suspended at any time, and the next run loads the model again from IndexedDB.
 */
let current: Promise<LoadedModel> | undefined;

export function getModel(): Promise<LoadedModel> {
  current ??= loadModel().catch((error: unknown) => {
    current = undefined;
    throw error;
  });
  return current;
}

/** Drops the cached copy (after a failed write, whose in-memory changes IndexedDB did not keep). */
export function forgetModel(): void {
  current = undefined;
}

function loaded(model: TagwiseModel, source: LoadedModel['source']): LoadedModel {
  return { model, source, spaceKey: spaceKey(model.space) };
}

/**
 * The stored model; on first run the shipped one (not written until the first correction). A stored
 * record that fails validation is reported on the options page and replaced by the shipped model.
 */
async function loadModel(): Promise<LoadedModel> {
  const stored = await readModel();
  if (stored.status === 'ok') return loaded(stored.model, 'stored');
  const shipped = modelFromJson(await fetchShippedModelText());
  if (stored.status === 'invalid') {
    log(`stored model rejected (${stored.error.message}): replaced by the shipped model`);
    // A full disk must not stop classification: the shipped model is used from memory, and the
    // invalid record is found (and reported) again on the next load.
    try {
      await addNotice('model-invalid', stored.error.message);
      await writeModel(shipped);
    } catch (error) {
      log(`could not store the shipped model in its place: ${errorText(error)}`);
    }
  }
  return loaded(shipped, 'shipped');
}
