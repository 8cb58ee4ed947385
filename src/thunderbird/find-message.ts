/**
 * A message's current header. Message ids are per session and change on move, so when the id no
 * longer resolves, the message is found again by its Message-ID header (the key of everything stored).
 * Thunderbird 153 also rejected, once, an id from the first sync of a fresh profile
 * (NS_ERROR_ILLEGAL_VALUE in getMsgHdrForKey): the same fallback covers it.
 */
export async function findMessage(id: number | undefined, headerMessageId: string): Promise<messenger.messages.MessageHeader | undefined> {
  if (id !== undefined) {
    try {
      const message = await messenger.messages.get(id);
      if (message && message.headerMessageId === headerMessageId) return message;
    } catch {
      // fall through to the lookup by Message-ID
    }
  }
  const found = await messenger.messages.query({ headerMessageId });
  const list = typeof found === 'string' ? await messenger.messages.continueList(found) : found;
  return list.messages[0];
}
