/**
 * The message shown in the tab the popup belongs to (the active tab of its window). One message only:
 * with several selected, the popup has nothing to say. Thunderbird 128+ answers a MessageList in
 * Manifest V3 and an array in V2; both are read.
 */
export async function displayedMessageId(): Promise<number | undefined> {
  const [tab] = await messenger.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return undefined;
  const shown = (await messenger.messageDisplay.getDisplayedMessages(tab.id)) as unknown;
  const list = Array.isArray(shown) ? shown : ((shown as { messages?: unknown[] } | null)?.messages ?? []);
  return list.length === 1 ? (list[0] as { id: number }).id : undefined;
}
