import { classifyFeatures, InvalidRecordError, LABELS, modelFromJson, modelToJson, MODEL_VERSION, type Label } from '../core/index.ts';
import type { LossPoint, MessageHandlers, MessageName, NoticeView, SettingsView, StatusView, VerdictView } from '../messages.ts';
import { countCorrections, readCorrections } from '../store/corrections-store.ts';
import { readLossHistory } from '../store/loss-history-store.ts';
import { writeModel } from '../store/model-store.ts';
import { clearNotices, readNotices } from '../store/notices-store.ts';
import { resetLearning } from '../store/reset-learning.ts';
import { readSettings, writeSettings } from '../store/settings-store.ts';
import { readVerdict } from '../store/verdicts-store.ts';
import { t } from '../thunderbird/i18n.ts';
import { listAccounts, listFolders } from '../thunderbird/mail-folders.ts';
import { messageById } from '../thunderbird/message-by-id.ts';
import { applyCorrection } from './apply-correction.ts';
import { classifyMessage } from './classify-message.ts';
import { correctionAccuracy } from './correction-accuracy.ts';
import { enqueue } from './correction-queue.ts';
import { cancelFolderJob, listFolderJobs, startFolderJob } from './folder-job.ts';
import { errorText, log } from './log.ts';
import { messageFeatures } from './message-features.ts';
import { forgetModel, getModel } from './model-cache.ts';
import { checkSettingsChange } from './settings-change.ts';

/** The loss curve shows this many of the latest corrections. */
const LOSS_POINTS = 200;

const NOTICE_TEXT: Record<string, string> = {
  'model-invalid': 'noticeModelInvalid',
  'model-write-failed': 'noticeModelWriteFailed',
  'learning-rolled-back': 'noticeLearningRolledBack',
};

async function getVerdict({ messageId }: { messageId: number }): Promise<VerdictView | null> {
  const message = await messageById(messageId);
  if (!message?.headerMessageId) return null;
  // Not classified yet (another folder, or mail from before the add-on): classify it now, which
  // also tags it. A message tagged by another device has a tag but no verdict: explained anyway.
  if (!(await readVerdict(message.headerMessageId))) await classifyMessage(message);
  const verdict = await readVerdict(message.headerMessageId);
  // The reasons need the features' names, which are not stored: read the message once more.
  const { model } = await getModel();
  const features = await messageFeatures(message, model.space);
  const now = classifyFeatures(model, features, 6);
  log(`verdict shown ${message.headerMessageId} ${verdict?.label ?? now.label}`);
  return {
    headerMessageId: message.headerMessageId,
    subject: message.subject,
    author: message.author,
    label: verdict?.label ?? now.label,
    probs: now.probs,
    reasons: now.reasons,
    source: verdict?.source ?? 'auto',
  };
}

async function correct({ messageIds, label }: { messageIds: number[]; label: Label }): Promise<{ learned: number }> {
  let learned = 0;
  for (const id of messageIds) {
    const message = await messageById(id);
    if (!message) continue;
    const outcome = await enqueue(() => applyCorrection(message, label, 'menu'));
    if (outcome === 'learned') learned++;
  }
  return { learned };
}

async function getStatus(): Promise<StatusView> {
  const [loaded, corrections, losses, notices] = await Promise.all([getModel(), readCorrections(), readLossHistory(), readNotices()]);
  const perClass = Object.fromEntries(LABELS.map((label) => [label, 0])) as Record<Label, number>;
  for (const c of corrections) perClass[c.label]++;
  const loss: LossPoint[] = losses.slice(-LOSS_POINTS).map(({ time, lossBefore, lossAfter }) => ({ time, lossBefore, lossAfter }));
  const noticeViews: NoticeView[] = notices.map((n) => ({ code: n.code, time: n.time, text: t(NOTICE_TEXT[n.code] ?? 'noticeUnknown', n.message) }));
  const { model } = loaded;
  return {
    corrections: corrections.length,
    perClass,
    notices: noticeViews,
    loss,
    accuracy: correctionAccuracy(model, corrections, loaded.spaceKey),
    model: {
      // Loaded as shipped but corrected since: what runs now is the user's own model.
      source: loaded.source === 'stored' || model.meta.corrections > 0 ? 'stored' : 'shipped',
      trainedAt: model.meta.trainedAt,
      description: model.meta.description,
      learned: model.meta.corrections,
      version: MODEL_VERSION,
      steps: model.optimizer.step,
    },
  };
}

async function getSettings(): Promise<SettingsView> {
  const [settings, { model }, accounts] = await Promise.all([readSettings(), getModel(), listAccounts()]);
  return {
    learningRate: settings.learningRate,
    modelLearningRate: model.optimizer.learningRate,
    watchedAccountIds: settings.watchedAccountIds,
    junkAction: settings.junkAction,
    accounts,
  };
}

async function setSettings(request: unknown): ReturnType<typeof handlers.setSettings> {
  const { change, invalid } = checkSettingsChange(request);
  if (invalid.length > 0) return { ok: false, error: t('settingsRejected', invalid.join(', ')) };
  const saved = await writeSettings(change);
  log(`settings learningRate=${saved.learningRate ?? 'model'} junkAction=${saved.junkAction} watched=${saved.watchedAccountIds?.join('+') ?? 'all'}`);
  return { ok: true, settings: await getSettings() };
}

async function resetModel({ keepCorrections }: { keepCorrections: boolean }): Promise<{ ok: true }> {
  // In the correction queue: a correction in flight finishes first and is not lost half-way.
  await enqueue(async () => {
    await resetLearning({ keepCorrections: Boolean(keepCorrections) });
    forgetModel();
    const { source } = await getModel();
    log(`reset model=${source} corrections=${await countCorrections()}`);
  });
  return { ok: true };
}

async function exportModel(): Promise<{ fileName: string; text: string }> {
  const { model } = await getModel();
  return { fileName: `tagwise-model-${new Date().toISOString().slice(0, 10)}.json`, text: modelToJson(model) };
}

async function importModel({ text }: { text: string }): ReturnType<typeof handlers.importModel> {
  let model;
  try {
    model = modelFromJson(String(text));
  } catch (error) {
    if (error instanceof InvalidRecordError) return { ok: false, error: t('importRejected', error.message) };
    throw error;
  }
  await enqueue(async () => {
    await writeModel(model);
    forgetModel();
  });
  log(`imported model trainedAt=${model.meta.trainedAt} corrections=${model.meta.corrections}`);
  return { ok: true };
}

type Handlers = {
  [K in MessageName]: (...request: Parameters<MessageHandlers[K]>) => Promise<ReturnType<MessageHandlers[K]>>;
};

export const handlers: Handlers = {
  getVerdict,
  correct,
  getStatus,
  getSettings,
  setSettings,
  resetModel,
  exportModel,
  importModel,
  dismissNotices: async () => {
    await clearNotices();
    return { ok: true };
  },
  listFolders,
  startFolderJob: ({ folderId }) => startFolderJob(String(folderId)),
  cancelFolderJob: async ({ folderId }) => {
    await cancelFolderJob(String(folderId));
    return { ok: true };
  },
  getJobs: () => listFolderJobs(),
};

export const HANDLER_NAMES: readonly string[] = Object.keys(handlers);

/** A page's request to its handler; errors are logged once and reach the page as a rejection. */
export async function handlePageMessage(name: MessageName, request: unknown): Promise<unknown> {
  try {
    return await (handlers[name] as (request: unknown) => Promise<unknown>)(request ?? {});
  } catch (error) {
    log(`error in ${name}: ${errorText(error)}`);
    throw error;
  }
}
