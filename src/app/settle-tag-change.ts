import { putPending, takeDuePending } from '../store/pending-store.ts';
import { readVerdict } from '../store/verdicts-store.ts';
import { classLabels } from '../thunderbird/class-tags.ts';
import { findMessage } from '../thunderbird/find-message.ts';
import { applyCorrection, type CorrectionCause } from './apply-correction.ts';
import { correctedLabel } from './corrected-label.ts';
import { enqueue } from './correction-queue.ts';
import { errorText, log } from './log.ts';

/**
 * A tag change in Thunderbird's UI arrives as two onUpdated events (our old tag off, the new one on;
 * thunderbird-probe REPORT.md §4), so the decision waits until the tags have been still this long.
 */
export const SETTLE_MS = 1500;

/**
 * onUpdated with changed tags. Our own writes are told apart by the stored verdict: tags that agree
 * with it need nothing (and while we classify, the verdict is written after the tag, so there is
 * none yet to disagree with). Otherwise the check is persisted, so a suspended event page resumes it.
 */
export async function onTagsChanged(message: messenger.messages.MessageHeader, now = Date.now()): Promise<void> {
  const verdict = await readVerdict(message.headerMessageId);
  if (!verdict) return;
  const ours = classLabels(message.tags);
  if (ours.length === 1 && ours[0] === verdict.label) return;
  await putPending(message.headerMessageId, message.id, now + SETTLE_MS);
  setTimeout(() => void drainPending(), SETTLE_MS + 50);
}

/** Runs the settle checks that are due (after the debounce, on wake-up and on each rescan). */
export async function drainPending(now = Date.now()): Promise<void> {
  const due = await takeDuePending(now);
  await Promise.all(
    due.map((pending) =>
      enqueue(() => settleMessage(pending.messageId, pending.headerMessageId, 'tags')).catch((error: unknown) =>
        log(`error settling a tag change of ${pending.headerMessageId}: ${errorText(error)}`),
      ),
    ),
  );
}

/** Compares the message's tags now with the stored verdict; a difference made by the user is a correction. */
export async function settleMessage(id: number | undefined, headerMessageId: string, cause: CorrectionCause): Promise<void> {
  const [message, verdict] = await Promise.all([findMessage(id, headerMessageId), readVerdict(headerMessageId)]);
  if (!message || !verdict) return;
  const label = correctedLabel(classLabels(message.tags), verdict.label);
  if (label) await applyCorrection(message, label, cause);
}
