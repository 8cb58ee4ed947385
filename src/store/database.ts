import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { CorrectionRecord, LossRecord, NoticeRecord, PendingRecord, SettingsRecord, StoredModel, VerdictRecord } from './records.ts';

export const DB_NAME = 'tagwise';
export const DB_VERSION = 1;

/** Values are typed as written; every read still goes through the validators in records.ts. */
export interface TagwiseDb extends DBSchema {
  /** One record, key MODEL_KEY. */
  model: { key: string; value: StoredModel };
  /** Keyed by headerMessageId: a message corrected twice is one correction, the latest. */
  corrections: { key: string; value: CorrectionRecord };
  verdicts: { key: string; value: VerdictRecord };
  lossHistory: { key: number; value: LossRecord };
  /** One record, key SETTINGS_KEY. */
  settings: { key: string; value: SettingsRecord };
  pending: { key: string; value: PendingRecord };
  notices: { key: number; value: NoticeRecord };
}

export const MODEL_KEY = 'current';
export const SETTINGS_KEY = 'settings';

export type Database = IDBPDatabase<TagwiseDb>;

let opened: Promise<Database> | undefined;

/**
 * The database, opened once per run of the background script. Upgrades run in order from the
 * version found: each case falls through to the next, so a database of any older version catches up.
 */
export function openDatabase(): Promise<Database> {
  opened ??= openDB<TagwiseDb>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      switch (oldVersion) {
        case 0:
          db.createObjectStore('model');
          db.createObjectStore('corrections', { keyPath: 'headerMessageId' });
          db.createObjectStore('verdicts', { keyPath: 'headerMessageId' });
          db.createObjectStore('lossHistory', { keyPath: 'id', autoIncrement: true });
          db.createObjectStore('settings');
          db.createObjectStore('pending', { keyPath: 'headerMessageId' });
          db.createObjectStore('notices', { keyPath: 'id', autoIncrement: true });
        // Later versions: `case 1:` here, with no break above it.
      }
    },
    blocking() {
      // A newer Tagwise wants to upgrade: let it.
      void opened?.then((db) => db.close());
      opened = undefined;
    },
  }).catch((error: unknown) => {
    opened = undefined;
    throw error;
  });
  return opened;
}

/** Closes the database; the next openDatabase opens it again (tests use a fresh IDBFactory each). */
export async function closeDatabase(): Promise<void> {
  const db = opened;
  opened = undefined;
  if (db) (await db.catch(() => undefined))?.close();
}
