// The public surface of the pure core: what the CLI, the store and the add-on import.
export type { Email, Link, Attachment, Mailbox, HeaderField, HtmlFacts } from './email.ts';
export { parseEmail, type RawInput } from './parse-email.ts';
export { featurize, vectorize, signalValues, inputSize, FEATURE_VERSION, type Features, type FeatureSpace } from './features/feature-space.ts';
export { messageTokens } from './features/tokens.ts';
export { hashToken } from './features/hash.ts';
export { SIGNALS } from './features/signals.ts';
export { LABELS, isLabel, labelIndex, type Label, type Probabilities } from './labels.ts';
export { classify, classifyFeatures, argmax, decide, JUNK_THRESHOLD, type Verdict } from './classify.ts';
export type { Reason } from './explain.ts';
export { learnFromCorrection, type CorrectionOptions, type CorrectionResult } from './learn-from-correction.ts';
export { trainModel, buildVocabulary, DEFAULT_TRAIN_OPTIONS, type TrainingDoc, type TrainOptions } from './train.ts';
export { MODEL_KIND, MODEL_VERSION, type TagwiseModel, type LabelledVector, type ModelMeta } from './model.ts';
export { modelToJson, modelFromJson, validateModel } from './model-file.ts';
export { seededRandom, shuffle, type Random } from './random.ts';
export { ParseError, InvalidRecordError } from './errors.ts';
export type { SparseVector } from './sparse-vector.ts';
