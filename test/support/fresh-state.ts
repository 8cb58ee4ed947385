import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { forgetModel } from '../../src/app/model-cache.ts';
import { closeDatabase } from '../../src/store/database.ts';

/** A fresh, empty IndexedDB for each test, and no cached database handle or model from the last. */
export async function freshStorage(): Promise<void> {
  await closeDatabase();
  forgetModel();
  (globalThis as unknown as { indexedDB: IDBFactory }).indexedDB = new IDBFactory();
}
