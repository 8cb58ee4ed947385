import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, test } from 'vitest';
import { benchCommand } from '../../src/cli/bench-command.ts';
import { findBogofilter } from '../../src/cli/bogofilter.ts';
import { classifyCommand } from '../../src/cli/classify-command.ts';
import { evalCommand } from '../../src/cli/eval-command.ts';
import { main } from '../../src/cli/main.ts';
import { onlineCommand } from '../../src/cli/online-command.ts';
import { trainCommand } from '../../src/cli/train-command.ts';
import { modelFromJson } from '../../src/core/model-file.ts';
import { captureIo, FIXTURE_LABELS, FIXTURES, tempDir, writeTinyModel } from './cli-harness.ts';

const hasBogofilter = findBogofilter() !== null;
const NO_BOGOFILTER = 'tagwise-test-no-such-bogofilter';
const lines = (text: string): string[] => text.trim().split('\n');

let dir = '';
let model = '';
beforeAll(async () => {
  dir = await tempDir();
  model = await writeTinyModel(dir);
});

describe('classify', () => {
  it('prints one JSON verdict per message, and an error line for what is not mail', async () => {
    const { io, stdout } = captureIo();
    const files = [join(FIXTURES, 'safe-receipt.eml'), join(FIXTURES, 'mbox', 'sample.mbox'), join(dir, 'missing.eml')];
    expect(await classifyCommand(['--model', model, ...files], io)).toBe(0);
    const out = lines(stdout()).map((line) => JSON.parse(line));
    expect(out.map((o) => o.file)).toEqual([files[0], `${files[1]}#1`, `${files[1]}#2`, `${files[1]}#3`, files[2]]);
    for (const verdict of out.slice(0, 4)) {
      expect(['SAFE', 'SPAM', 'THREAT']).toContain(verdict.label);
      expect(verdict.probs.SAFE + verdict.probs.SPAM + verdict.probs.THREAT).toBeCloseTo(1, 3);
      expect(Array.isArray(verdict.reasons)).toBe(true);
    }
    expect(out[4]).toEqual({ file: files[2], error: expect.stringContaining('ENOENT') });
  });

  it('exits 1 when nothing could be read', async () => {
    const { io, stdout } = captureIo();
    expect(await classifyCommand(['--model', model, join(dir, 'missing.eml')], io)).toBe(1);
    expect(lines(stdout())).toHaveLength(1);
  });

  it('names the model file it cannot read', async () => {
    const { io, stderr } = captureIo();
    expect(await main(['classify', '--model', join(dir, 'no-model.json'), FIXTURES], io)).toBe(1);
    expect(stderr()).toContain('cannot read model');
  });
});

describe('train', () => {
  it('writes a model that loads, reports counts per label and source and a loss per epoch', async () => {
    const out = join(dir, 'trained.json');
    const { io, stdout } = captureIo();
    expect(await trainCommand(['--labels', FIXTURE_LABELS, '--out', out, '--epochs', '2', '--hidden', '4', '--seed', '3'], io)).toBe(0);
    const text = stdout();
    expect(text).toMatch(/^list +1 +1 +2 +4$/m);
    expect(text).toMatch(/^shop +2 +1 +1 +4$/m);
    expect(text).toMatch(/^epoch 2\/2: loss \d/m);
    const trained = modelFromJson(await readFile(out, 'utf8'));
    expect(trained.mlp.hiddenSize).toBe(4);
    expect(trained.meta.description).toContain('8 messages of labels.tsv');
  });

  it('leaves out excluded sources', async () => {
    const { io, stdout } = captureIo();
    expect(await trainCommand(['--labels', FIXTURE_LABELS, '--out', join(dir, 'shop.json'), '--epochs', '1', '--exclude-source', 'list'], io)).toBe(0);
    expect(stdout()).toContain('train: 4 messages');
    expect(stdout()).not.toMatch(/^list /m);
  });

  test.each([
    { argv: ['--out', 'x.json'], message: '--labels is required' },
    { argv: ['--labels', FIXTURE_LABELS, '--epochs', 'many'], message: '--epochs expects an integer' },
    { argv: ['--labels', FIXTURE_LABELS, '--bogus'], message: "Unknown option '--bogus'" },
  ])('rejects $argv with a usage error', async ({ argv, message }) => {
    const { io, stderr } = captureIo();
    expect(await main(['train', ...argv], io)).toBe(2);
    expect(stderr()).toContain(message);
  });
});

describe('eval', () => {
  it('prints the figures of DESIGN.md §4', async () => {
    const { io, stdout } = captureIo();
    expect(await evalCommand(['--labels', FIXTURE_LABELS, '--model', model], io)).toBe(0);
    for (const figure of ['confusion', 'macro-F1', 'SAFE tagged SPAM/THREAT', 'THREAT recall', '(1-ROCA)%']) expect(stdout()).toContain(figure);
  });

  it('prints JSON for one source with --json', async () => {
    const { io, stdout } = captureIo();
    expect(await evalCommand(['--labels', FIXTURE_LABELS, '--model', model, '--only-source', 'shop', '--json'], io)).toBe(0);
    const metrics = JSON.parse(stdout());
    expect(metrics.count).toBe(4);
    expect(metrics.confusion.flat().reduce((a: number, b: number) => a + b, 0)).toBe(4);
    expect(metrics).toHaveProperty('oneMinusRocaPercent');
  });
});

describe('online', () => {
  const LAST = /^online: errors \d+\/8 = [\d.]+% ; by quarter( [\d.]+%){4}$/;

  it('ends with the Tagwise error line, without bogofilter when asked', async () => {
    const { io, stdout } = captureIo();
    expect(await onlineCommand(['--labels', FIXTURE_LABELS, '--model', model, '--seed', '2', '--no-bogofilter'], io)).toBe(0);
    const out = lines(stdout());
    expect(out.at(-1)).toMatch(LAST);
    expect(out.at(-2)).toMatch(/^online \(tagwise, binary SAFE vs junk\): errors/);
  });

  it('says how to install bogofilter when it is missing, and carries on', async () => {
    const { io, stdout, stderr } = captureIo();
    expect(await onlineCommand(['--labels', FIXTURE_LABELS, '--model', model], io, { bogofilter: NO_BOGOFILTER })).toBe(0);
    expect(stderr()).toContain('apt-get install bogofilter');
    expect(lines(stdout()).at(-1)).toMatch(LAST);
  });

  it.skipIf(!hasBogofilter)('runs bogofilter under the same protocol, its line just before the last', async () => {
    const { io, stdout } = captureIo();
    expect(await onlineCommand(['--labels', FIXTURE_LABELS, '--model', model, '--bogofilter-train', FIXTURE_LABELS], io)).toBe(0);
    const out = lines(stdout());
    expect(out.at(-2)).toMatch(/^online \(bogofilter\): errors \d+\/8 = [\d.]+% ; by quarter/);
    expect(out.at(-1)).toMatch(LAST);
  });
});

describe('bench', () => {
  const LAST = /^bench: tagwise \d+ msg\/s, bogofilter (\d+|n\/a) msg\/s, ratio ([\d.]+|n\/a) ; correction [\d.]+ ms$/;

  it.skipIf(!hasBogofilter)('times Tagwise against bogofilter on the same files', async () => {
    const { io, stdout } = captureIo();
    expect(await benchCommand(['--labels', FIXTURE_LABELS, '--model', model, '--limit', '5'], io)).toBe(0);
    const out = lines(stdout());
    expect(out.at(-1)).toMatch(LAST);
    expect(out.at(-1)).not.toContain('n/a');
    expect(stdout()).toContain('5 messages');
    expect(stdout()).toMatch(/peak RSS \d+ MB/);
  });

  it('says how to install bogofilter when it is missing', async () => {
    const { io, stdout, stderr } = captureIo();
    expect(await benchCommand(['--labels', FIXTURE_LABELS, '--model', model, '--limit', '3'], io, { bogofilter: NO_BOGOFILTER })).toBe(1);
    expect(stderr()).toContain('apt-get install bogofilter');
    expect(lines(stdout()).at(-1)).toMatch(/bogofilter n\/a msg\/s, ratio n\/a/);
  });
});
