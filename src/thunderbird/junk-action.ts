import { findJunkFolder } from './find-folders.ts';

/** Marks a message as junk, and with `move` also moves it into its account's Junk folder. */
export async function markAsJunk(message: messenger.messages.MessageHeader, move: boolean): Promise<void> {
  await messenger.messages.update(message.id, { junk: true });
  if (!move || !message.folder?.accountId) return;
  const junk = await findJunkFolder(message.folder.accountId);
  if (junk?.id && junk.id !== message.folder.id) await messenger.messages.move([message.id], junk.id);
}
