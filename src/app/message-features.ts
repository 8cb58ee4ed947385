import { featurize, parseEmail, type Features, type FeatureSpace } from '../core/index.ts';
import { readRawMessage } from '../thunderbird/read-raw-message.ts';

/** A message in Thunderbird → its features in the model's space: getRaw, parse, featurize. */
export async function messageFeatures(id: number, space: FeatureSpace): Promise<Features> {
  return featurize(await parseEmail(await readRawMessage(id)), space);
}
