import { featurize, parseEmail, type Features, type FeatureSpace } from '../core/index.ts';
import { findMessage } from '../thunderbird/find-message.ts';
import { readRawMessage } from '../thunderbird/read-raw-message.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The raw message, read again under a fresh id when a read fails: on a fresh profile Thunderbird 153
 * answered getRaw with "An unexpected error occurred" for every message of the first Inbox sync
 * (the ids handed out during that sync go stale), while the same messages read fine moments later.
 */
async function readRaw(id: number, headerMessageId: string, attempts: number, delayMs: number): Promise<File | string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await readRawMessage(id);
    } catch (error) {
      if (attempt >= attempts) {
        // Thunderbird's own message does not say which call failed.
        throw new Error(`getRaw failed ${attempts} times: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    }
    await sleep(delayMs * attempt);
    id = (await findMessage(undefined, headerMessageId))?.id ?? id;
  }
}

/** A message in Thunderbird → its features in the model's space: getRaw, parse, featurize. */
export async function messageFeatures(
  message: { id: number; headerMessageId: string },
  space: FeatureSpace,
  { attempts = 3, delayMs = 300 } = {},
): Promise<Features> {
  const raw = await readRaw(message.id, message.headerMessageId, attempts, delayMs);
  return featurize(await parseEmail(raw), space);
}
