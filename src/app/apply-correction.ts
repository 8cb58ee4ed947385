import { classifyFeatures, learnFromCorrection, seededRandom, type Label, type SparseVector } from '../core/index.ts';
import { correctionHistory, countCorrections } from '../store/corrections-store.ts';
import { commitCorrection } from '../store/model-store.ts';
import { addNotice } from '../store/notices-store.ts';
import { RECORD_VERSION, type VerdictRecord } from '../store/records.ts';
import { readSettings } from '../store/settings-store.ts';
import { readVerdict } from '../store/verdicts-store.ts';
import { findMessage } from '../thunderbird/find-message.ts';
import { setClassTag } from '../thunderbird/set-class-tag.ts';
import { errorText, log } from './log.ts';
import { messageFeatures } from './message-features.ts';
import { forgetModel, getModel, type LoadedModel } from './model-cache.ts';

/** How the user told us: our menu, a tag change, junk / not junk, a move, or another client (rescan). */
export type CorrectionCause = 'menu' | 'tags' | 'junk' | 'moved' | 'server';
export type CorrectionOutcome = 'learned' | 'unchanged' | 'rolled-back' | 'gone';

export interface MessageRef {
  id?: number;
  headerMessageId: string;
}

async function vectorOf(ref: MessageRef, verdict: VerdictRecord | undefined, loaded: LoadedModel): Promise<SparseVector | undefined> {
  if (verdict?.vector && verdict.spaceKey === loaded.spaceKey) return verdict.vector;
  // No stored vector (classified by an older model, or never): read the message again.
  const message = await findMessage(ref.id, ref.headerMessageId);
  return message && (await messageFeatures(message, loaded.model.space)).vector;
}

/** A seed per correction: learning is deterministic given it, and differs between corrections. */
function seedOf(headerMessageId: string, time: number): number {
  let h = time >>> 0;
  for (let i = 0; i < headerMessageId.length; i++) h = Math.imul(h ^ headerMessageId.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Learns one correction and makes it stick. Run it through the correction queue (one at a time).
 * The tag is written first: it is the user's intent, and if the event page is suspended before the
 * rest, the rescan finds tag and verdict differing and learns the correction then. After learning,
 * the model, the correction, the loss entry and the user's verdict are committed in ONE transaction.
 * A tag-change correction that agrees with the stored verdict is no correction; a menu click is
 * always one (the user confirms the verdict) unless it repeats the user's own last choice.
 */
export async function applyCorrection(ref: MessageRef, label: Label, cause: CorrectionCause): Promise<CorrectionOutcome> {
  const started = performance.now();
  const { headerMessageId } = ref;
  const verdict = await readVerdict(headerMessageId);
  if (verdict?.label === label && (verdict.source === 'user' || cause !== 'menu')) {
    await setClassTag(ref.id, headerMessageId, label);
    return 'unchanged';
  }
  if ((await setClassTag(ref.id, headerMessageId, label)) === 'gone') return 'gone';
  const tagged = performance.now();
  const loaded = await getModel();
  const vector = await vectorOf(ref, verdict, loaded);
  if (!vector) return 'gone';
  const [settings, history] = await Promise.all([readSettings(), correctionHistory(loaded.spaceKey, headerMessageId)]);
  const time = Date.now();
  const learningStarted = performance.now();
  const result = learnFromCorrection(loaded.model, vector, label, {
    history,
    random: seededRandom(seedOf(headerMessageId, time)),
    ...(settings.learningRate === null ? {} : { learningRate: settings.learningRate }),
  });
  const userVerdict: VerdictRecord = {
    kind: 'tagwise-verdict',
    version: RECORD_VERSION,
    headerMessageId,
    label,
    probs: classifyFeatures(loaded.model, { vector, names: new Map() }, 0).probs,
    source: 'user',
    time,
    spaceKey: loaded.spaceKey,
    vector,
  };

  if (result.rolledBack) {
    // The step diverged and was undone in memory: keep the previous model, keep the user's tag.
    await commitCorrection({ verdict: userVerdict });
    const rate = settings.learningRate ?? loaded.model.optimizer.learningRate;
    log(`rolled back ${headerMessageId} ${label}: learning rate ${rate} made the weights diverge; the model is unchanged`);
    await addNotice('learning-rolled-back', String(rate)).catch(() => undefined);
    return 'rolled-back';
  }
  const savingStarted = performance.now();
  try {
    await commitCorrection({
      model: loaded.model,
      correction: { kind: 'tagwise-correction', version: RECORD_VERSION, headerMessageId, label, time, spaceKey: loaded.spaceKey, vector },
      loss: {
        kind: 'tagwise-loss',
        version: RECORD_VERSION,
        time,
        headerMessageId,
        label,
        lossBefore: result.lossBefore,
        lossAfter: result.lossAfter,
        rounds: result.rounds,
      },
      verdict: userVerdict,
    });
  } catch (error) {
    // IndexedDB kept the previous model; the copy in memory has the unsaved step: drop it.
    forgetModel();
    await addNotice('model-write-failed', errorText(error)).catch(() => undefined);
    throw error;
  }
  const done = performance.now();
  // The total first (the e2e harness reads it), then where it went.
  const parts = `tag ${Math.round(tagged - started)}ms, learning ${Math.round(savingStarted - learningStarted)}ms, saving ${Math.round(done - savingStarted)}ms`;
  log(`learned ${headerMessageId} ${label} corrections=${await countCorrections()} ${Math.round(done - started)}ms (${parts})`);
  return 'learned';
}
