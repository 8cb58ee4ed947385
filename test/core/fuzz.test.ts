import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { applyMutations, CHARSETS, type Mutation } from '../../src/cli/fuzz-mutations.ts';
import { fuzzOne, type RawForm } from '../../src/cli/fuzz-target.ts';
import type { TagwiseModel } from '../../src/core/index.ts';
import { tinyModel } from '../support/tiny-model.ts';

/**
 * Property: whatever the mail, parse + featurize + classify either gives a verdict (a probability
 * distribution) or throws ParseError, and does so in bounded time. The long run is `npm run fuzz`.
 */
const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const seeds = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.eml'))
  .sort()
  .map((name) => new Uint8Array(readFileSync(join(FIXTURES, name))));

// Generous for a loaded CI machine; the fuzz command reports the real slowest time.
const BOUND_MS = 1000;

const fraction = fc.double({ min: 0, max: 1, noNaN: true });
const seed = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), at: fraction }),
  fc.record({ op: fc.constant('flip' as const), at: fraction, count: fc.integer({ min: 1, max: 50 }), seed }),
  fc.record({ op: fc.constant('insert' as const), at: fraction, length: fc.integer({ min: 1, max: 500 }), seed }),
  fc.record({ op: fc.constant('break-boundary' as const), variant: fc.nat(3) }),
  fc.record({ op: fc.constant('repeat-header' as const), count: fc.constantFrom(1, 100, 20_000), header: fc.nat(7) }),
  fc.record({ op: fc.constant('nest' as const), depth: fc.constantFrom(2, 40, 500) }),
  fc.record({ op: fc.constant('charset' as const), name: fc.constantFrom(...CHARSETS) }),
  fc.record({ op: fc.constant('random' as const), length: fc.nat(2048), seed }),
  fc.record({ op: fc.constant('html-bomb' as const), kind: fc.nat(5), size: fc.constantFrom(10, 10_000, 200_000) }),
  fc.record({ op: fc.constant('encoded-words' as const), count: fc.constantFrom(1, 50, 2000), kind: fc.nat(5) }),
);
const form = fc.constantFrom<RawForm>('bytes', 'binary-string', 'blob');

let model: TagwiseModel;
beforeAll(async () => {
  model = await tinyModel();
});

async function expectSafe(bytes: Uint8Array, rawForm: RawForm = 'bytes'): Promise<void> {
  const outcome = await fuzzOne(model, bytes, rawForm);
  expect(outcome.status === 'crash' ? outcome.error : 'ok').toBe('ok');
  expect(outcome.ms).toBeLessThan(BOUND_MS);
}

describe('parse + featurize + classify on mutated mail', () => {
  test('give a verdict or a ParseError, in bounded time', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(seeds.length - 1), fc.array(mutation, { minLength: 1, maxLength: 3 }), form, async (n, mutations, rawForm) => {
        await expectSafe(applyMutations(seeds[n] as Uint8Array, mutations), rawForm);
      }),
      { numRuns: 300, seed: 20261203 },
    );
  });

  // The expensive shapes once each, not at random: 20 MB bodies of every kind, the deepest nesting.
  test.each([0, 1, 2, 3])('a 20 MB body (kind %i) is read only up to the caps', async (kind) => {
    await expectSafe(applyMutations(seeds[0] as Uint8Array, [{ op: 'big-body', megabytes: 20, kind }]), 'blob');
  });

  test.each<[string, Mutation[]]>([
    ['a header repeated 20,000 times', [{ op: 'repeat-header', count: 20_000, header: 0 }]],
    ['MIME nested 5,000 deep', [{ op: 'nest', depth: 5000 }]],
    ['a 1 MB HTML of unclosed tags', [{ op: 'html-bomb', kind: 0, size: 1_000_000 }]],
    ['64 KB of random bytes', [{ op: 'random', length: 65_536, seed: 1 }]],
  ])('%s', async (_name, mutations) => {
    await expectSafe(applyMutations(seeds[1] as Uint8Array, mutations), 'binary-string');
  });
});
