import { readSettings } from '../store/settings-store.ts';
import { isInbox } from '../thunderbird/find-folders.ts';

/** New mail counts when it lands in the Inbox of a watched account (every account by default). */
export async function isWatched(folder: messenger.folders.MailFolder | undefined): Promise<boolean> {
  if (!isInbox(folder)) return false;
  const { watchedAccountIds } = await readSettings();
  return watchedAccountIds === null || watchedAccountIds.includes(folder?.accountId ?? '');
}
