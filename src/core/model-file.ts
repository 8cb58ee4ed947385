import { InvalidRecordError } from './errors.ts';
import { fromHalfBits, toHalfBits } from './half-float.ts';
import { FEATURE_VERSION, inputSize } from './features/feature-space.ts';
import { SIGNALS } from './features/signals.ts';
import { isLabel, LABELS } from './labels.ts';
import { MODEL_KIND, MODEL_VERSION, type TagwiseModel } from './model.ts';

/**
 * The model as a JSON file (the shipped model, export and import): typed arrays as base64 of their
 * little-endian bytes, and W1 as its non-zero rows only (untrained rows are zero, see createMlp).
 * In IndexedDB the model is stored as the record itself (structured clone keeps typed arrays);
 * both paths go through `validateModel`.
 */
export const MODEL_FILE_KIND = 'tagwise-model-file';
export const MODEL_FILE_VERSION = 1;

function toBase64(array: ArrayBufferView): string {
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: unknown, field: string): Uint8Array {
  if (typeof text !== 'string') throw new InvalidRecordError(`${field}: expected base64 text`);
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    throw new InvalidRecordError(`${field}: not valid base64`);
  }
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function floats(text: unknown, field: string): Float32Array {
  const bytes = fromBase64(text, field);
  if (bytes.length % 4 !== 0) throw new InvalidRecordError(`${field}: length is not a whole number of floats`);
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
}

function uints(text: unknown, field: string): Uint32Array {
  const bytes = fromBase64(text, field);
  if (bytes.length % 4 !== 0) throw new InvalidRecordError(`${field}: length is not a whole number of integers`);
  return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
}

/**
 * The rows of a D×H matrix that are not all zero, and their values: as float32, or as binary16
 * (`halfValues`) when `half` is asked for.
 */
function nonZeroRows(matrix: Float32Array, H: number, half = false): { rows: string; values?: string; halfValues?: string } {
  const rows: number[] = [];
  for (let r = 0; r * H < matrix.length; r++) {
    if (matrix.subarray(r * H, r * H + H).some((v) => v !== 0)) rows.push(r);
  }
  const values = new Float32Array(rows.length * H);
  rows.forEach((r, n) => values.set(matrix.subarray(r * H, r * H + H), n * H));
  const encodedRows = toBase64(Uint32Array.from(rows));
  if (half) return { rows: encodedRows, halfValues: toBase64(Uint16Array.from(values, toHalfBits)) };
  return { rows: encodedRows, values: toBase64(values) };
}

function halfFloats(text: unknown, field: string): Float32Array {
  const bytes = fromBase64(text, field);
  if (bytes.length % 2 !== 0) throw new InvalidRecordError(`${field}: length is not a whole number of half floats`);
  return Float32Array.from(new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2), fromHalfBits);
}

function fromRows(encoded: unknown, length: number, H: number, field: string): Float32Array {
  const record = asObject(encoded, field);
  const rows = uints(record.rows, `${field}.rows`);
  const values = record.halfValues !== undefined ? halfFloats(record.halfValues, `${field}.halfValues`) : floats(record.values, `${field}.values`);
  if (values.length !== rows.length * H) throw new InvalidRecordError(`${field}: ${rows.length} rows but ${values.length} values`);
  const matrix = new Float32Array(length);
  rows.forEach((r, n) => {
    if ((r + 1) * H > length) throw new InvalidRecordError(`${field}: row ${r} is out of range`);
    matrix.set(values.subarray(n * H, n * H + H), r * H);
  });
  return matrix;
}

function asObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidRecordError(`${field}: expected an object`);
  return value as Record<string, unknown>;
}

/**
 * `halfPrecision` stores the first layer's weights as binary16: the shipped model's choice (half the
 * size, the same verdicts). Export keeps full precision so that export and import change nothing.
 */
export function modelToJson(model: TagwiseModel, { halfPrecision = false } = {}): string {
  const H = model.mlp.hiddenSize;
  return JSON.stringify({
    kind: MODEL_FILE_KIND,
    version: MODEL_FILE_VERSION,
    meta: model.meta,
    space: {
      featureVersion: model.space.featureVersion,
      overflowBits: model.space.overflowBits,
      vocabulary: toBase64(model.space.vocabulary),
    },
    mlp: {
      inputSize: model.mlp.inputSize,
      hiddenSize: H,
      outputSize: model.mlp.outputSize,
      w1: nonZeroRows(model.mlp.w1, H, halfPrecision),
      b1: toBase64(model.mlp.b1),
      w2: toBase64(model.mlp.w2),
      b2: toBase64(model.mlp.b2),
    },
    optimizer: {
      learningRate: model.optimizer.learningRate,
      momentum: model.optimizer.momentum,
      l2: model.optimizer.l2,
      step: model.optimizer.step,
      vw1: nonZeroRows(model.optimizer.vw1, H),
      vb1: toBase64(model.optimizer.vb1),
      vw2: toBase64(model.optimizer.vw2),
      vb2: toBase64(model.optimizer.vb2),
    },
    rehearsal: model.rehearsal.map((r) => ({ label: r.label, indices: toBase64(r.vector.indices), values: toBase64(r.vector.values) })),
  });
}

/** Parses and validates a model file; throws InvalidRecordError with a message a user can act on. */
export function modelFromJson(text: string): TagwiseModel {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InvalidRecordError('This is not a Tagwise model file (it is not JSON).');
  }
  const file = asObject(parsed, 'file');
  if (file.kind !== MODEL_FILE_KIND) throw new InvalidRecordError('This is not a Tagwise model file.');
  if (file.version !== MODEL_FILE_VERSION) throw new InvalidRecordError(`Model file version ${String(file.version)} is not supported (expected ${MODEL_FILE_VERSION}).`);
  const space = asObject(file.space, 'space');
  const mlp = asObject(file.mlp, 'mlp');
  const optimizer = asObject(file.optimizer, 'optimizer');
  const D = mlp.inputSize;
  const H = mlp.hiddenSize;
  const C = mlp.outputSize;
  // Sizes are checked against the feature space before anything of size D×H is allocated: a hostile
  // file must not make the add-on reserve gigabytes before validateModel rejects it.
  const vocabulary = uints(space.vocabulary, 'space.vocabulary');
  const bits = space.overflowBits;
  if (!isInteger(bits) || bits < 4 || bits > MAX_OVERFLOW_BITS) throw new InvalidRecordError('space: overflowBits out of range');
  if (!isInteger(D) || D !== SIGNALS.length + vocabulary.length + 2 ** bits) throw new InvalidRecordError('mlp: input size does not match the feature space');
  if (!isInteger(H) || H < 1 || H > MAX_HIDDEN || C !== LABELS.length || D * H > MAX_W1) throw new InvalidRecordError('mlp: sizes are not valid');
  if (!Array.isArray(file.rehearsal) || file.rehearsal.length > MAX_REHEARSAL) throw new InvalidRecordError('rehearsal: expected a list');
  const meta = asObject(file.meta, 'meta');
  return validateModel({
    kind: MODEL_KIND,
    version: MODEL_VERSION,
    // Only the known fields: whatever else a file carries (a __proto__ key, megabytes of text) stays out.
    meta: { trainedAt: meta.trainedAt, description: meta.description, corrections: meta.corrections },
    space: { featureVersion: space.featureVersion, overflowBits: bits, vocabulary },
    mlp: {
      inputSize: D,
      hiddenSize: H,
      outputSize: C,
      w1: fromRows(mlp.w1, D * H, H, 'mlp.w1'),
      b1: floats(mlp.b1, 'mlp.b1'),
      w2: floats(mlp.w2, 'mlp.w2'),
      b2: floats(mlp.b2, 'mlp.b2'),
    },
    optimizer: {
      learningRate: optimizer.learningRate,
      momentum: optimizer.momentum,
      l2: optimizer.l2,
      step: optimizer.step,
      vw1: fromRows(optimizer.vw1, D * H, H, 'optimizer.vw1'),
      vb1: floats(optimizer.vb1, 'optimizer.vb1'),
      vw2: floats(optimizer.vw2, 'optimizer.vw2'),
      vb2: floats(optimizer.vb2, 'optimizer.vb2'),
    },
    rehearsal: file.rehearsal.map((entry: unknown, n: number) => {
      const r = asObject(entry, `rehearsal[${n}]`);
      return { label: r.label, vector: { indices: uints(r.indices, `rehearsal[${n}].indices`), values: floats(r.values, `rehearsal[${n}].values`) } };
    }),
  });
}

const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

// Bounds of a model this Tagwise can hold: the shipped one has D×H ≈ 0.6 M; 16 M floats are 64 MB
// per array (W1 and its velocity), the most an imported file may ask the background page for.
const MAX_HIDDEN = 1024;
const MAX_OVERFLOW_BITS = 22;
const MAX_W1 = 16_000_000;
const MAX_REHEARSAL = 10_000;
const MAX_TEXT = 10_000;
// Far above any trained weight (the optimizer rolls back past 1e4, see learn-from-correction.ts).
const MAX_MAGNITUDE = 1e6;

function check(condition: boolean, message: string): void {
  if (!condition) throw new InvalidRecordError(message);
}

function checkArray(value: unknown, type: typeof Float32Array | typeof Uint32Array, length: number | undefined, field: string): void {
  check(value instanceof type, `${field}: expected a ${type.name}`);
  const array = value as Float32Array | Uint32Array;
  if (length !== undefined) check(array.length === length, `${field}: expected ${length} numbers, found ${array.length}`);
  if (array instanceof Float32Array) {
    for (let i = 0; i < array.length; i++) {
      // NaN fails this too. A finite 1e30 would still overflow the forward pass to NaN.
      if (!(Math.abs(array[i] as number) <= MAX_MAGNITUDE)) throw new InvalidRecordError(`${field}: holds a value that is not a finite number of sane size`);
    }
  }
}

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * Checks a model record field by field (kinds, versions, sizes, types, finite numbers) and returns it
 * typed. Used on every record read from storage and on every imported file.
 */
export function validateModel(value: unknown): TagwiseModel {
  const record = asObject(value, 'model');
  check(record.kind === MODEL_KIND, 'model: not a Tagwise model record');
  check(record.version === MODEL_VERSION, `model: version ${String(record.version)} is not supported (expected ${MODEL_VERSION})`);
  const meta = asObject(record.meta, 'meta');
  check(typeof meta.trainedAt === 'string' && typeof meta.description === 'string', 'meta: trainedAt and description must be text');
  check((meta.trainedAt as string).length <= 100 && (meta.description as string).length <= MAX_TEXT, 'meta: text too long');
  check(Number.isInteger(meta.corrections) && (meta.corrections as number) >= 0, 'meta: corrections must be a count');
  const space = asObject(record.space, 'space');
  check(space.featureVersion === FEATURE_VERSION, `space: feature version ${String(space.featureVersion)} does not match this Tagwise (${FEATURE_VERSION})`);
  check(Number.isInteger(space.overflowBits) && (space.overflowBits as number) >= 4 && (space.overflowBits as number) <= MAX_OVERFLOW_BITS, 'space: overflowBits out of range');
  checkArray(space.vocabulary, Uint32Array, undefined, 'space.vocabulary');
  const vocabulary = space.vocabulary as Uint32Array;
  for (let i = 1; i < vocabulary.length; i++) check((vocabulary[i] as number) > (vocabulary[i - 1] as number), 'space.vocabulary: not sorted');
  const mlp = asObject(record.mlp, 'mlp');
  const D = mlp.inputSize as number;
  const H = mlp.hiddenSize as number;
  const C = mlp.outputSize as number;
  check(D === SIGNALS.length + vocabulary.length + 2 ** (space.overflowBits as number), 'mlp: input size does not match the feature space');
  check(D === inputSize(space as never), 'mlp: input size does not match the feature space');
  check(Number.isInteger(H) && H > 0 && H <= MAX_HIDDEN && D * H <= MAX_W1, 'mlp: hidden size out of range');
  check(C === LABELS.length, `mlp: expected ${LABELS.length} outputs`);
  checkArray(mlp.w1, Float32Array, D * H, 'mlp.w1');
  checkArray(mlp.b1, Float32Array, H, 'mlp.b1');
  checkArray(mlp.w2, Float32Array, H * C, 'mlp.w2');
  checkArray(mlp.b2, Float32Array, C, 'mlp.b2');
  const optimizer = asObject(record.optimizer, 'optimizer');
  check(isFiniteNumber(optimizer.learningRate) && optimizer.learningRate > 0 && optimizer.learningRate <= 10, 'optimizer: learning rate out of range');
  check(isFiniteNumber(optimizer.momentum) && optimizer.momentum >= 0 && optimizer.momentum < 1, 'optimizer: momentum out of range');
  check(isFiniteNumber(optimizer.l2) && optimizer.l2 >= 0 && optimizer.l2 < 1, 'optimizer: l2 out of range');
  check(Number.isInteger(optimizer.step) && (optimizer.step as number) >= 0, 'optimizer: step must be a count');
  checkArray(optimizer.vw1, Float32Array, D * H, 'optimizer.vw1');
  checkArray(optimizer.vb1, Float32Array, H, 'optimizer.vb1');
  checkArray(optimizer.vw2, Float32Array, H * C, 'optimizer.vw2');
  checkArray(optimizer.vb2, Float32Array, C, 'optimizer.vb2');
  check(Array.isArray(record.rehearsal) && record.rehearsal.length <= MAX_REHEARSAL, 'rehearsal: expected a list');
  (record.rehearsal as unknown[]).forEach((entry, n) => {
    const r = asObject(entry, `rehearsal[${n}]`);
    check(isLabel(r.label), `rehearsal[${n}]: unknown label`);
    const vector = asObject(r.vector, `rehearsal[${n}].vector`);
    checkArray(vector.indices, Uint32Array, undefined, `rehearsal[${n}].indices`);
    checkArray(vector.values, Float32Array, (vector.indices as Uint32Array).length, `rehearsal[${n}].values`);
    for (const i of vector.indices as Uint32Array) check(i < D, `rehearsal[${n}]: index out of range`);
  });
  return record as unknown as TagwiseModel;
}
