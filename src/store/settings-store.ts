import { openDatabase, SETTINGS_KEY } from './database.ts';
import { repairSettings, type SettingsRecord } from './records.ts';

/** The settings, with any invalid field repaired to its default (and the repair written back). */
export async function readSettings(): Promise<SettingsRecord> {
  const db = await openDatabase();
  const { settings, repaired } = repairSettings(await db.get('settings', SETTINGS_KEY));
  if (repaired.length > 0) await db.put('settings', settings, SETTINGS_KEY);
  return settings;
}

export async function writeSettings(changes: Partial<Omit<SettingsRecord, 'kind' | 'version'>>): Promise<SettingsRecord> {
  const db = await openDatabase();
  const { settings } = repairSettings({ ...(await readSettings()), ...changes });
  await db.put('settings', settings, SETTINGS_KEY);
  return settings;
}
