// Tagwise background: an MV3 event page. Wiring only. Every listener is registered synchronously,
// here at the top level, before anything is awaited: a suspended page is woken by an event and runs
// this file again from the top, and only listeners registered in that first turn receive it.
import { applyCorrection } from './app/apply-correction.ts';
import { classifyMessage } from './app/classify-message.ts';
import { enqueue } from './app/correction-queue.ts';
import { onJunkChanged, onMessagesMoved } from './app/junk-correction.ts';
import { errorText, log } from './app/log.ts';
import { resumeFolderJobs, startFolderJob } from './app/folder-job.ts';
import { handlePageMessage, HANDLER_NAMES } from './app/page-handlers.ts';
import { rescan, startupScan } from './app/rescan.ts';
import { onTagsChanged } from './app/settle-tag-change.ts';
import { ensureStarted } from './app/start.ts';
import { isWatched } from './app/watched-folder.ts';
import { isMessageRequest } from './messages.ts';
import { createCorrectionMenus, labelOfMenuItem } from './thunderbird/correction-menus.ts';
import { clickedFolderId, createFolderMenu, FOLDER_MENU_ITEM } from './thunderbird/folder-menu.ts';
import { JOB_ALARM } from './thunderbird/job-alarm.ts';
import { messagesOf } from './thunderbird/message-pages.ts';
import { RESCAN_ALARM } from './thunderbird/rescan-alarm.ts';

/** Runs an event's work after startup; an error is logged once and never escapes a listener. */
function handle(what: string, work: () => Promise<unknown>): void {
  ensureStarted()
    .then(work)
    .catch((error: unknown) => log(`error in ${what}: ${errorText(error)}`));
}

async function createMenus(): Promise<void> {
  await createCorrectionMenus();
  createFolderMenu();
}

messenger.runtime.onInstalled.addListener(() => {
  handle('onInstalled', createMenus);
});

messenger.runtime.onStartup.addListener(() => {
  handle('onStartup', createMenus);
});

// The options page and the popup: a named handler per request (src/messages.ts). Returning the
// promise answers the page; anything else is not ours.
messenger.runtime.onMessage.addListener((message: unknown) => {
  if (!isMessageRequest(message, HANDLER_NAMES)) return undefined;
  return ensureStarted().then(() => handlePageMessage(message.name, message.request));
});

messenger.messages.onNewMailReceived.addListener(
  (folder, list) => {
    handle('onNewMailReceived', async () => {
      if (!(await isWatched(folder))) return;
      // classifyMessage catches per message: one bad message never stops the rest.
      for await (const message of messagesOf(list)) await classifyMessage(message);
    });
  },
  // monitorAllFolders: without it Thunderbird only reports the Inbox and "normal" folders; the
  // settings decide which folders count.
  true,
);

messenger.messages.onUpdated.addListener((message, changed) => {
  if (changed.tags) handle('onUpdated(tags)', () => onTagsChanged(message));
  if (changed.junk !== undefined) handle('onUpdated(junk)', () => onJunkChanged(message, Boolean(changed.junk)));
});

messenger.messages.onMoved.addListener((original, moved) => {
  handle('onMoved', () => onMessagesMoved(original, moved));
});

messenger.menus.onClicked.addListener((info) => {
  if (info.menuItemId === FOLDER_MENU_ITEM) {
    const folderId = clickedFolderId(info);
    if (folderId) handle('menus.onClicked(folder)', () => startFolderJob(folderId));
    return;
  }
  const label = labelOfMenuItem(info.menuItemId);
  if (!label) return;
  handle('menus.onClicked', async () => {
    const work: Promise<unknown>[] = [];
    for await (const message of messagesOf(info.selectedMessages)) {
      work.push(
        enqueue(() => applyCorrection(message, label, 'menu')).catch((error: unknown) =>
          log(`error correcting ${message.headerMessageId}: ${errorText(error)}`),
        ),
      );
    }
    await Promise.all(work);
  });
});

messenger.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === RESCAN_ALARM) handle('rescan', () => rescan('alarm'));
  if (alarm.name === JOB_ALARM) handle('folder jobs', resumeFolderJobs);
});

// Every run of the page: load, report ready, and catch up on what happened while it was not running.
handle('startup', async () => {
  await startupScan();
  await resumeFolderJobs();
});
