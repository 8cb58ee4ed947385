import fc from 'fast-check';
import { expect, test } from 'vitest';
import { joinChunks } from '../../src/core/join-chunks.ts';

// joinChunks stands in for postal-mime's `new Blob(chunks)` read-back (see build.mjs): same bytes.
const chunk = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.uint8Array({ maxLength: 64 }),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => bytes.buffer as ArrayBuffer),
  fc.uint8Array({ minLength: 4, maxLength: 64 }).map((bytes) => bytes.subarray(1, bytes.length - 1)),
);

test('joinChunks gives the bytes a Blob of the same chunks holds', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(chunk, { maxLength: 12 }), async (chunks) => {
      const expected = new Uint8Array(await new Blob(chunks).arrayBuffer());
      expect(new Uint8Array(joinChunks(chunks))).toEqual(expected);
    }),
    { numRuns: 300 },
  );
});

test('an empty list is an empty buffer', () => {
  expect(joinChunks([]).byteLength).toBe(0);
});
