import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { CliIo } from '../../src/cli/cli-io.ts';
import { readLabels } from '../../src/cli/labels-file.ts';
import { trainingDoc } from '../../src/cli/train-command.ts';
import { modelToJson } from '../../src/core/model-file.ts';
import { parseEmail } from '../../src/core/parse-email.ts';
import { DEFAULT_TRAIN_OPTIONS, trainModel } from '../../src/core/train.ts';

export const FIXTURE_LABELS = join(import.meta.dirname, 'fixtures', 'labels.tsv');
export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

/** Streams to hand a command, and what it wrote to them. */
export function captureIo(stdinText = ''): { io: CliIo; stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  const stdin = new PassThrough();
  stdin.end(stdinText);
  return { io: { stdout, stderr, stdin }, stdout: () => out.join(''), stderr: () => err.join('') };
}

export async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'tagwise-cli-test-'));
}

/** A tiny model trained on the fixture mail (2 epochs), written to `dir`; returns its path. */
export async function writeTinyModel(dir: string): Promise<string> {
  const entries = await readLabels(FIXTURE_LABELS);
  const docs = await Promise.all(entries.map(async (entry) => trainingDoc(await parseEmail(await readFile(entry.resolved)), entry)));
  const model = trainModel(docs, { ...DEFAULT_TRAIN_OPTIONS, epochs: 2, minDocs: 1, minSources: 1, description: 'test' });
  const path = join(dir, 'tiny-model.json');
  await writeFile(path, modelToJson(model));
  return path;
}
