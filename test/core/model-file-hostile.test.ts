import { beforeAll, describe, expect, test } from 'vitest';
import { InvalidRecordError } from '../../src/core/errors.ts';
import { modelFromJson, modelToJson, validateModel } from '../../src/core/model-file.ts';
import type { TagwiseModel } from '../../src/core/model.ts';
import { tinyModelJson } from '../support/tiny-model.ts';

/**
 * An imported model file is the user's to choose, so anything: it is validated field by field
 * (sizes, types, finite numbers, indices) before use, and only the known fields are kept.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a hostile file is any shape
type File = Record<string, any>;

let good: string;
beforeAll(async () => {
  good = await tinyModelJson();
});

const b64 = (array: ArrayBufferView): string => Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
const f32 = (...values: number[]): string => b64(Float32Array.from(values));
const u32 = (...values: number[]): string => b64(Uint32Array.from(values));

function hostile(edit: (file: File) => unknown): string {
  const file = JSON.parse(good) as File;
  const replaced = edit(file);
  return JSON.stringify(replaced === undefined ? file : replaced);
}

describe('modelFromJson rejects a hostile file with a named error', () => {
  test.each<[string, (file: File) => unknown]>([
    ['not an object', () => [1, 2, 3]],
    ['null', () => null],
    ['another kind', (f) => void (f.kind = 'tagwise-model-file-x')],
    ['a future version', (f) => void (f.version = 2)],
    ['a huge input size', (f) => void (f.mlp.inputSize = 2 ** 31)],
    ['a huge hidden size', (f) => void (f.mlp.hiddenSize = 1_000_000)],
    ['an input size that is text', (f) => void (f.mlp.inputSize = String(f.mlp.inputSize))],
    ['a fractional hidden size', (f) => void (f.mlp.hiddenSize = 8.5)],
    ['four outputs', (f) => void (f.mlp.outputSize = 4)],
    ['2^40 overflow buckets', (f) => void (f.space.overflowBits = 40)],
    ['overflow bits that are text', (f) => void (f.space.overflowBits = '8')],
    ['a vocabulary that is a list', (f) => void (f.space.vocabulary = [1, 2, 3])],
    ['an unsorted vocabulary', (f) => void (f.space.vocabulary = u32(5, 3, 9))],
    ['NaN in a base64 float array', (f) => void (f.mlp.b2 = f32(0, Number.NaN, 0))],
    ['Infinity in the weights of W1', (f) => {
      const values = new Float32Array(Buffer.from(f.mlp.w1.values, 'base64').buffer.slice(0));
      values[0] = Infinity;
      f.mlp.w1.values = b64(values);
    }],
    ['a finite but huge weight (1e30 overflows the forward pass)', (f) => void (f.mlp.w2 = f32(...new Array(f.mlp.hiddenSize * 3).fill(1e30)))],
    ['a W1 row out of range', (f) => void (f.mlp.w1 = { rows: u32(f.mlp.inputSize), values: f32(...new Array(f.mlp.hiddenSize).fill(0)) })],
    ['W1 rows and values that disagree', (f) => void (f.mlp.w1 = { rows: u32(0, 1), values: f32(1) })],
    ['b1 of the wrong length', (f) => void (f.mlp.b1 = f32(1, 2))],
    ['bytes that are not whole floats', (f) => void (f.mlp.b2 = Buffer.from([1, 2, 3, 4, 5]).toString('base64'))],
    ['text that is not base64', (f) => void (f.mlp.w2 = '***not base64***')],
    ['a number where base64 belongs', (f) => void (f.mlp.w2 = 12)],
    ['a NaN learning rate (as a string)', (f) => void (f.optimizer.learningRate = 'NaN')],
    ['a negative learning rate', (f) => void (f.optimizer.learningRate = -1)],
    ['momentum of 1', (f) => void (f.optimizer.momentum = 1)],
    ['a rehearsal index out of range', (f) => void (f.rehearsal = [{ label: 'SPAM', indices: u32(f.mlp.inputSize + 5), values: f32(1) }])],
    ['a rehearsal with an unknown label', (f) => void (f.rehearsal = [{ label: 'EVIL', indices: u32(1), values: f32(1) }])],
    ['rehearsal values with NaN', (f) => void (f.rehearsal = [{ label: 'SAFE', indices: u32(1), values: f32(Number.NaN) }])],
    ['a rehearsal that is an object', (f) => void (f.rehearsal = { 0: {} })],
    ['20,000 rehearsal entries', (f) => void (f.rehearsal = new Array(20_000).fill(f.rehearsal[0]))],
    ['a negative correction count', (f) => void (f.meta.corrections = -1)],
    ['a megabyte of description', (f) => void (f.meta.description = 'x'.repeat(1_000_000))],
    ['meta that is text', (f) => void (f.meta = 'meta')],
  ])('%s', (_name, edit) => {
    expect(() => modelFromJson(hostile(edit))).toThrow(InvalidRecordError);
  });

  test('a file that is not JSON', () => {
    expect(() => modelFromJson('{"kind": "tagwise-model-file", ')).toThrow(InvalidRecordError);
  });

  test('a file asking for a huge W1 is refused before anything of that size is allocated', () => {
    const text = hostile((f) => {
      f.space.overflowBits = 22;
      f.mlp.inputSize = f.mlp.inputSize - 2 ** 8 + 2 ** 22;
      f.mlp.hiddenSize = 1024;
    });
    const before = process.memoryUsage().arrayBuffers;
    expect(() => modelFromJson(text)).toThrow(/sizes are not valid/);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
  });
});

describe('prototype-pollution keys', () => {
  test('are neither applied nor kept', () => {
    const text = hostile((f) => {
      f.meta.polluted = 'yes';
      return JSON.parse(
        JSON.stringify(f)
          .replace('"meta":{', '"meta":{"__proto__":{"polluted":"proto"},"constructor":{"prototype":{"polluted":"ctor"}},')
          .replace('"mlp":{', '"mlp":{"__proto__":{"inputSize":1},'),
      ) as unknown;
    });
    const model: TagwiseModel = modelFromJson(text);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(model.meta).sort()).toEqual(['corrections', 'description', 'trainedAt']);
    expect(Object.getPrototypeOf(model.meta)).toBe(Object.prototype);
    expect(() => validateModel(model)).not.toThrow();
  });

  test('a record whose own __proto__ key claims to be a model is not one', () => {
    const record = JSON.parse('{"__proto__": {"kind": "tagwise-model", "version": 1}}') as unknown;
    expect(() => validateModel(record)).toThrow(InvalidRecordError);
  });
});

describe('a good file', () => {
  test('still round-trips', () => {
    const model = modelFromJson(good);
    expect(modelFromJson(modelToJson(model)).mlp.w1).toEqual(model.mlp.w1);
  });
});
