import type { MessageName, MessageRequest, MessageResponse } from '../messages.ts';

/**
 * A request lost because the event page went away between the question and its answer (suspended
 * or restarted): not an answer of the handler's, so it is asked once more, which wakes the page.
 */
const LOST = /Could not establish connection|Receiving end does not exist|destroyed before query|message manager disconnected/i;

/** The options page's and the popup's one way to the background: a named handler and its request. */
export async function ask<N extends MessageName>(
  name: N,
  ...request: MessageRequest<N>['request'] extends undefined ? [] : [MessageRequest<N>['request']]
): Promise<MessageResponse<N>> {
  const message = { name, request: request[0] };
  try {
    return (await messenger.runtime.sendMessage(message)) as MessageResponse<N>;
  } catch (error) {
    if (!LOST.test(error instanceof Error ? error.message : String(error))) throw error;
    return (await messenger.runtime.sendMessage(message)) as MessageResponse<N>;
  }
}
