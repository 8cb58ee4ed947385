/**
 * Every message of a paginated MessageList (onNewMailReceived, menus' selectedMessages, list, query):
 * the first page comes with the event, the rest through continueList.
 */
export async function* messagesOf(list: messenger.messages.MessageList | undefined): AsyncGenerator<messenger.messages.MessageHeader> {
  let page = list;
  while (page) {
    yield* page.messages;
    if (!page.id) return;
    page = await messenger.messages.continueList(page.id);
  }
}

/** Every message of a folder, page by page. */
export async function* messagesInFolder(folderId: string): AsyncGenerator<messenger.messages.MessageHeader> {
  yield* messagesOf(await messenger.messages.list(folderId));
}
