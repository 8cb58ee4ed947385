import type { MessageName, MessageRequest, MessageResponse } from '../messages.ts';

/** The options page's and the popup's one way to the background: a named handler and its request. */
export function ask<N extends MessageName>(name: N, ...request: MessageRequest<N>['request'] extends undefined ? [] : [MessageRequest<N>['request']]): Promise<MessageResponse<N>> {
  return messenger.runtime.sendMessage({ name, request: request[0] }) as Promise<MessageResponse<N>>;
}
