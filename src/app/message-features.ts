import { featurize, parseEmail, type Features, type FeatureSpace } from '../core/index.ts';
import { readRawMessage } from '../thunderbird/read-raw-message.ts';

/** A message in Thunderbird → its features in the model's space: getRaw, parse, featurize. */
export async function messageFeatures(id: number, space: FeatureSpace): Promise<Features> {
  let raw: File | string;
  try {
    raw = await readRawMessage(id);
  } catch (error) {
    // Thunderbird's own message ("An unexpected error occurred") does not say which call failed.
    throw new Error(`getRaw(${id}) failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return featurize(await parseEmail(raw), space);
}
