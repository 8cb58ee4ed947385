/** A message's header by its id in this session, or undefined when the id no longer resolves. */
export async function messageById(id: number): Promise<messenger.messages.MessageHeader | undefined> {
  try {
    return (await messenger.messages.get(id)) ?? undefined;
  } catch {
    return undefined;
  }
}
