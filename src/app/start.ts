import { countCorrections } from '../store/corrections-store.ts';
import { ensureClassTags } from '../thunderbird/ensure-class-tags.ts';
import { ensureRescanAlarm } from '../thunderbird/rescan-alarm.ts';
import { errorText, log } from './log.ts';
import { getModel } from './model-cache.ts';

let started: Promise<void> | undefined;

/**
 * What every run of the background script needs before it handles anything: our tags defined (a
 * message's tags only list defined ones), the model loaded, the rescan alarm in place. Once per run;
 * a failed start is retried by the next event.
 */
export function ensureStarted(): Promise<void> {
  started ??= start().catch((error: unknown) => {
    started = undefined;
    log(`startup error: ${errorText(error)}`);
    throw error;
  });
  return started;
}

async function start(): Promise<void> {
  await ensureClassTags();
  const { source } = await getModel();
  log(`ready model=${source} corrections=${await countCorrections()}`);
  await ensureRescanAlarm();
}
