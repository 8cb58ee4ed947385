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
  failed: number;
}

async function handleBatch(messages: Message[], counts: RescanCounts): Promise<void> {
  const verdicts = await readVerdicts(messages.map((m) => m.headerMessageId));
  for (const message of messages) {
    const verdict = verdicts.get(message.headerMessageId);
    const ours = classLabels(message.tags);
    if (!verdict) {
      if (ours.length > 0) continue;
      const outcome = await classifyMessage(message);
      if (outcome === 'classified') counts.classified++;
      if (outcome === 'failed') counts.failed++;
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The scan at the start of a run, repeated a few times while messages fail: on a fresh profile
 * Thunderbird 153 answered getRaw with "An unexpected error occurred" for every message of the first
 * Inbox sync, and the same messages read fine a moment later. Waiting for the alarm would leave them
 * untagged for up to half a minute.
 */
export async function startupScan({ retries = 3, delayMs = 1500 } = {}): Promise<RescanCounts> {
  let counts = await rescan('startup');
  for (let attempt = 1; attempt <= retries && counts.failed > 0; attempt++) {
    await sleep(delayMs * attempt);
    counts = await rescan('alarm');
  }
  return counts;
}

async function scan(reason: 'startup' | 'alarm'): Promise<RescanCounts> {
  const counts: RescanCounts = { classified: 0, reconciled: 0, failed: 0 };
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
