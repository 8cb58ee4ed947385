import { readVerdict } from '../store/verdicts-store.ts';
import { isJunk, isTrash } from '../thunderbird/find-folders.ts';
import { messagesOf } from '../thunderbird/message-pages.ts';
import { applyCorrection, type CorrectionCause } from './apply-correction.ts';
import { labelForJunk } from './corrected-label.ts';
import { enqueue } from './correction-queue.ts';
import { errorText, log } from './log.ts';

type Message = messenger.messages.MessageHeader;

/**
 * Junk / not junk, or a move into / out of Junk, corrects a message we have a verdict for. Messages
 * without one are not ours to judge: Thunderbird's own junk filter marks new mail before we see it.
 * Our own junk action agrees with our verdict, so it never reads as a correction.
 */
function correctByJunk(message: Message, junk: boolean, cause: CorrectionCause): Promise<void> {
  return enqueue(async () => {
    const verdict = await readVerdict(message.headerMessageId);
    if (!verdict) return;
    const label = labelForJunk(verdict.label, junk);
    if (label !== verdict.label) await applyCorrection(message, label, cause);
  }).catch((error: unknown) => log(`error handling junk status of ${message.headerMessageId}: ${errorText(error)}`));
}

export function onJunkChanged(message: Message, junk: boolean): Promise<void> {
  return correctByJunk(message, junk, 'junk');
}

/** onMoved: the two lists hold the same messages in the same order, before and after the move. */
export async function onMessagesMoved(original: messenger.messages.MessageList, moved: messenger.messages.MessageList): Promise<void> {
  const before: Message[] = [];
  for await (const message of messagesOf(original)) before.push(message);
  const work: Promise<void>[] = [];
  let n = 0;
  for await (const message of messagesOf(moved)) {
    const from = before[n++]?.folder;
    const to = message.folder;
    if (!isJunk(from) && isJunk(to)) work.push(correctByJunk(message, true, 'moved'));
    // Out of Junk into the Trash is throwing it away, not saying it is good mail.
    else if (isJunk(from) && !isJunk(to) && !isTrash(to)) work.push(correctByJunk(message, false, 'moved'));
  }
  await Promise.all(work);
}
