import { classifyFeatures } from '../core/index.ts';
import { readSettings } from '../store/settings-store.ts';
import { readVerdict, writeVerdict } from '../store/verdicts-store.ts';
import { RECORD_VERSION } from '../store/records.ts';
import { classLabels } from '../thunderbird/class-tags.ts';
import { markAsJunk } from '../thunderbird/junk-action.ts';
import { setClassTag } from '../thunderbird/set-class-tag.ts';
import { errorText, log } from './log.ts';
import { messageFeatures } from './message-features.ts';
import { getModel } from './model-cache.ts';

export type ClassifyOutcome = 'classified' | 'skipped' | 'failed';

/** Messages being classified in this run: new-mail events and the scan may offer the same one. */
const inFlight = new Set<string>();

/**
 * Classifies one message and tags it. Idempotent: a message that already has one of our tags or a
 * stored verdict is left alone (onNewMailReceived re-delivers old mail after some restarts). Errors
 * stay with this message: logged once, never thrown.
 *
 * The feature vector is stored with the verdict, so a later correction needs no second getRaw.
 */
export async function classifyMessage(message: messenger.messages.MessageHeader): Promise<ClassifyOutcome> {
  const { headerMessageId } = message;
  if (!headerMessageId || inFlight.has(headerMessageId) || classLabels(message.tags).length > 0) return 'skipped';
  inFlight.add(headerMessageId);
  try {
    if (await readVerdict(headerMessageId)) return 'skipped';
    const { model, spaceKey } = await getModel();
    const started = performance.now();
    const features = await messageFeatures(message, model.space);
    const { label, probs } = classifyFeatures(model, features, 0);
    // The tag goes first: the onUpdated echo of our own write then finds no verdict and is ignored.
    const written = await setClassTag(message.id, headerMessageId, label, { keepUsers: true });
    const ms = performance.now() - started;
    if (written === 'gone') return 'failed';
    await writeVerdict({
      kind: 'tagwise-verdict',
      version: RECORD_VERSION,
      headerMessageId,
      label,
      probs,
      source: 'auto',
      time: Date.now(),
      spaceKey,
      vector: features.vector,
    });
    log(`classified ${headerMessageId} ${label} ${Math.round(ms)}ms`);
    if (label !== 'SAFE' && written === 'written') {
      const { junkAction } = await readSettings();
      if (junkAction !== 'none') await markAsJunk(message, junkAction === 'move');
    }
    return 'classified';
  } catch (error) {
    log(`error classifying ${headerMessageId}: ${errorText(error)}`);
    return 'failed';
  } finally {
    inFlight.delete(headerMessageId);
  }
}
