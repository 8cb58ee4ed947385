import type { Label, Probabilities, Reason } from './core/index.ts';
import type { JobState } from './app/job-state.ts';
import type { JunkAction } from './store/records.ts';

/** A verdict as the popup shows it. Subject and author are message data: pages set them as text only. */
export interface VerdictView {
  headerMessageId: string;
  subject: string;
  author: string;
  label: Label;
  probs: Probabilities;
  reasons: Reason[];
  source: 'auto' | 'user';
}

export interface NoticeView {
  code: string;
  time: number;
  /** Localized, with what the user can do. */
  text: string;
}

export interface LossPoint {
  time: number;
  lossBefore: number;
  lossAfter: number;
}

export interface StatusView {
  corrections: number;
  perClass: Record<Label, number>;
  notices: NoticeView[];
  loss: LossPoint[];
  /** Of the user's last `total` corrections, how many the current model now labels as corrected. */
  accuracy: { agreeing: number; total: number };
  model: { source: 'shipped' | 'stored'; trainedAt: string; description: string; learned: number; version: number; steps: number };
}

export interface SettingsView {
  /** null: the model's own rate, `modelLearningRate`. */
  learningRate: number | null;
  modelLearningRate: number;
  /** null: every account. */
  watchedAccountIds: string[] | null;
  junkAction: JunkAction;
  accounts: Array<{ id: string; name: string }>;
}

export type SettingsChange = Partial<Pick<SettingsView, 'learningRate' | 'watchedAccountIds' | 'junkAction'>>;

export interface FolderView {
  id: string;
  name: string;
  accountName: string;
}

/**
 * The messages between the options page / popup and the background: one map of named handlers,
 * request and response typed together. A handler that can fail in a way the user must hear about
 * answers `{ ok: false, error }` with a localized text; anything else that throws reaches the page
 * as a rejected promise.
 */
export interface MessageHandlers {
  /** The displayed message's verdict with its reasons; a message without one is classified now. */
  getVerdict: (request: { messageId: number }) => VerdictView | null;
  correct: (request: { messageIds: number[]; label: Label }) => { learned: number };
  getStatus: () => StatusView;
  getSettings: () => SettingsView;
  setSettings: (request: SettingsChange) => { ok: true; settings: SettingsView } | { ok: false; error: string };
  /** Back to the shipped model; the corrections (and their loss curve) are kept or cleared. */
  resetModel: (request: { keepCorrections: boolean }) => { ok: true };
  exportModel: () => { fileName: string; text: string };
  /** Validated in the background; nothing changes when the file is rejected. */
  importModel: (request: { text: string }) => { ok: true } | { ok: false; error: string };
  dismissNotices: () => { ok: true };
  listFolders: () => FolderView[];
  startFolderJob: (request: { folderId: string }) => JobState;
  cancelFolderJob: (request: { folderId: string }) => { ok: true };
  getJobs: () => JobState[];
}

export type MessageName = keyof MessageHandlers;

/** What travels over runtime.sendMessage: the handler's name and its request. */
export type MessageRequest<N extends MessageName = MessageName> = {
  [K in N]: { name: K; request: Parameters<MessageHandlers[K]>[0] };
}[N];

export type MessageResponse<N extends MessageName> = ReturnType<MessageHandlers[N]>;

export function isMessageRequest(value: unknown, names: readonly string[]): value is MessageRequest {
  return typeof value === 'object' && value !== null && names.includes(String((value as { name?: unknown }).name));
}
