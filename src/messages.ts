import type { Label, Probabilities, Reason } from './core/index.ts';
import type { JunkAction } from './store/records.ts';

/**
 * The messages between the options page / popup and the background: one map of named handlers,
 * request and response typed together. The pages come with a later issue; this is the contract.
 */
export interface MessageHandlers {
  getVerdict: (request: { messageId: number }) => { label: Label; probs: Probabilities; reasons: Reason[]; source: 'auto' | 'user' } | null;
  correct: (request: { messageIds: number[]; label: Label }) => { learned: number };
  getStatus: () => { corrections: number; perClass: Record<Label, number>; notices: string[] };
  getSettings: () => { learningRate: number | null; modelLearningRate: number; watchedAccountIds: string[] | null; junkAction: JunkAction };
  setSettings: (request: { learningRate?: number | null; watchedAccountIds?: string[] | null; junkAction?: JunkAction }) => { ok: true };
  resetModel: () => { ok: true };
}

export type MessageName = keyof MessageHandlers;

/** What travels over runtime.sendMessage: the handler's name and its request. */
export type MessageRequest<N extends MessageName = MessageName> = {
  [K in N]: { name: K; request: Parameters<MessageHandlers[K]>[0] };
}[N];

export type MessageResponse<N extends MessageName> = ReturnType<MessageHandlers[N]>;
