import type { SettingsChange, SettingsView } from '../src/messages.ts';
import type { JunkAction } from '../src/store/records.ts';

/**
 * The options form is the schema: each control's `name` is a settings key. These functions turn the
 * form's entries (FormData) into a settings change and back, with no DOM, so they can be tested.
 * Defaults come from one place, the background's DEFAULT_SETTINGS: the page only shows what
 * getSettings answers. An empty learning rate is `null`, the model's own rate.
 */
export type FormEntries = Iterable<[string, FormDataEntryValue]>;

export function settingsFromForm(entries: FormEntries, accountIds: readonly string[]): Required<SettingsChange> {
  let learningRate: number | null = null;
  const watched: string[] = [];
  let junkAction: JunkAction = 'none';
  for (const [name, value] of entries) {
    if (typeof value !== 'string') continue;
    if (name === 'learningRate') learningRate = value.trim() === '' ? null : Number(value);
    if (name === 'watchedAccountIds' && accountIds.includes(value)) watched.push(value);
    if (name === 'junkAction') junkAction = value as JunkAction;
  }
  // Every account ticked means every account, including ones added later.
  const watchedAccountIds = accountIds.length > 0 && accountIds.every((id) => watched.includes(id)) ? null : watched;
  return { learningRate, watchedAccountIds, junkAction };
}

/** The one field that changed, as a change to send. */
export function fieldChange(entries: FormEntries, accountIds: readonly string[], field: string): SettingsChange {
  const all = settingsFromForm(entries, accountIds);
  return field in all ? { [field]: all[field as keyof SettingsChange] } : {};
}

/** What each control shows for stored settings. */
export function formValues(settings: Pick<SettingsView, 'learningRate' | 'watchedAccountIds' | 'junkAction'>, accountIds: readonly string[]) {
  return {
    learningRate: settings.learningRate === null ? '' : String(settings.learningRate),
    watched: new Set(settings.watchedAccountIds ?? accountIds),
    junkAction: settings.junkAction,
  };
}
