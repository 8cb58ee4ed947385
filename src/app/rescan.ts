import { readSettings } from '../store/settings-store.ts';
import { readVerdicts } from '../store/verdicts-store.ts';
import { classLabels } from '../thunderbird/class-tags.ts';
import { findInboxes } from '../thunderbird/find-folders.ts';
import { messagesInFolder } from '../thunderbird/message-pages.ts';
import { classifyMessage } from './classify-message.ts';
import { correctedLabel } from './corrected-label.ts';
import { enqueue } from './correction-queue.ts';
import { errorText, log } from './log.ts';
import { drainPending, settleMessage } from './settle-tag-change.ts';

type Message = messenger.messages.MessageHeader;
const BATCH = 100;

export interface RescanCounts {
  classified: number;
  reconciled: number;
}

async function handleBatch(messages: Message[], counts: RescanCounts): Promise<void> {
  const verdicts = await readVerdicts(messages.map((m) => m.headerMessageId));
  for (const message of messages) {
    const verdict = verdicts.get(message.headerMessageId);
    const ours = classLabels(message.tags);
    if (!verdict) {
      if (ours.length === 0 && (await classifyMessage(message)) === 'classified') counts.classified++;
    } else if (correctedLabel(ours, verdict.label)) {
      // Changed by another IMAP client (no onUpdated for that) or missed while suspended. Decided
      // again inside the queue, on fresh state: a correction in flight may be the difference.
      counts.reconciled++;
      await enqueue(() => settleMessage(message.id, message.headerMessageId, 'server')).catch((error: unknown) =>
        log(`error reconciling ${message.headerMessageId}: ${errorText(error)}`),
      );
    }
  }
}

let running: Promise<RescanCounts> | undefined;

/**
 * The watched Inboxes, message by message: untagged mail without a verdict is classified; our tag
 * differing from the stored verdict is a correction. One scan at a time per run of the page.
 */
export function rescan(reason: 'startup' | 'alarm'): Promise<RescanCounts> {
  running ??= scan(reason).finally(() => {
    running = undefined;
  });
  return running;
}

async function scan(reason: 'startup' | 'alarm'): Promise<RescanCounts> {
  const counts: RescanCounts = { classified: 0, reconciled: 0 };
  await drainPending();
  const { watchedAccountIds } = await readSettings();
  const inboxes = await findInboxes(watchedAccountIds, reason === 'startup' ? {} : { retries: 0 });
  for (const inbox of inboxes) {
    try {
      let batch: Message[] = [];
      if (!inbox.id) continue;
      for await (const message of messagesInFolder(inbox.id)) {
        batch.push(message);
        if (batch.length >= BATCH) {
          await handleBatch(batch, counts);
          batch = [];
        }
      }
      await handleBatch(batch, counts);
    } catch (error) {
      log(`error scanning ${inbox.id}: ${errorText(error)}`);
    }
  }
  return counts;
}
