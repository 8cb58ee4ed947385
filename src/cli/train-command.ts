import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { Email } from '../core/email.ts';
import { hashToken } from '../core/features/hash.ts';
import { signalValues } from '../core/features/feature-space.ts';
import { messageTokens } from '../core/features/tokens.ts';
import { modelToJson } from '../core/model-file.ts';
import { DEFAULT_TRAIN_OPTIONS, trainModel, type TrainingDoc, type TrainOptions } from '../core/train.ts';
import { writeLine, type CliIo } from './cli-io.ts';
import { numberOption, parseCommandArgs, requiredOption } from './command-args.ts';
import { formatLabelCounts, labelCounts, summarizeLabelCounts } from './label-counts.ts';
import { readLabels, type LabelledPath } from './labels-file.ts';
import { defaultModelPath } from './load-model.ts';
import { parseLabelled } from './parse-labelled.ts';
import { createProgress } from './progress.ts';

export const TRAIN_USAGE = `tagwise train --labels FILE.tsv [--out FILE] [--epochs N] [--lr X] [--seed N] [--hidden N] [--exclude-source NAME ...]
  Trains a new model on the labelled messages and writes it to --out (default model/tagwise-model.json).`;

/** What training keeps of a message: signals and token hashes, no text. */
export function trainingDoc(email: Email, entry: LabelledPath): TrainingDoc {
  return { signals: signalValues(email), tokenHashes: Uint32Array.from(messageTokens(email), hashToken), label: entry.label, source: entry.source };
}

const elapsed = (start: number): string => `${((performance.now() - start) / 1000).toFixed(1)}s`;

export async function trainCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    labels: { type: 'string' },
    out: { type: 'string' },
    epochs: { type: 'string' },
    lr: { type: 'string' },
    seed: { type: 'string' },
    hidden: { type: 'string' },
    'exclude-source': { type: 'string', multiple: true },
  });
  const labelsPath = requiredOption(values.labels, 'labels');
  const out = values.out ?? defaultModelPath();
  const d = DEFAULT_TRAIN_OPTIONS;
  const options: TrainOptions = {
    ...d,
    epochs: numberOption(values.epochs, 'epochs', d.epochs, { integer: true, min: 1, max: 1000 }),
    learningRate: numberOption(values.lr, 'lr', d.learningRate, { min: 1e-6, max: 10 }),
    seed: numberOption(values.seed, 'seed', d.seed, { integer: true, min: 0 }),
    hiddenSize: numberOption(values.hidden, 'hidden', d.hiddenSize, { integer: true, min: 1, max: 1024 }),
  };
  const excluded = new Set(values['exclude-source'] ?? []);

  const start = performance.now();
  const all = await readLabels(labelsPath);
  const entries = all.filter((e) => !excluded.has(e.source));
  const unknown = [...excluded].filter((name) => !all.some((e) => e.source === name));
  if (unknown.length > 0) io.stderr.write(`train: warning: no source named ${unknown.join(', ')} in ${labelsPath}\n`);
  if (entries.length === 0) {
    io.stderr.write('train: every message was excluded\n');
    return 1;
  }

  const { parsed, failures } = await parseLabelled(entries, trainingDoc, io);
  const docs = parsed.map((p) => p.value);
  if (docs.length === 0) {
    io.stderr.write('train: no message could be parsed\n');
    return 1;
  }
  const counts = labelCounts(docs);
  writeLine(io.stdout, `train: ${docs.length} messages (${failures.length} unparseable skipped) in ${elapsed(start)}`);
  writeLine(io.stdout, formatLabelCounts(counts));

  const parameters = `epochs ${options.epochs}, lr ${options.learningRate}, hidden ${options.hiddenSize}, seed ${options.seed}`;
  const excludedText = excluded.size > 0 ? `; excluded sources: ${[...excluded].join(', ')}` : '';
  options.description = `Trained on ${docs.length} messages of ${basename(labelsPath)} (SAFE/SPAM/THREAT per source: ${summarizeLabelCounts(counts)})${excludedText}; ${parameters}.`;
  writeLine(io.stdout, `train: ${parameters}`);

  const trainStart = performance.now();
  const progress = createProgress(io.stderr, 'training', options.epochs * docs.length);
  options.onProgress = (done) => progress.update(done);
  options.onEpoch = (epoch, loss, accuracy) => {
    progress.clear();
    writeLine(io.stdout, `epoch ${epoch}/${options.epochs}: loss ${loss.toFixed(4)}, training accuracy ${(100 * accuracy).toFixed(2)}% (${elapsed(trainStart)})`);
  };
  const model = trainModel(docs, options);
  progress.finish();

  await mkdir(dirname(out), { recursive: true });
  // Half-precision first layer: the file ships inside the add-on (web-ext refuses files over 5 MB).
  await writeFile(out, modelToJson(model, { halfPrecision: true }));
  writeLine(io.stdout, `train: vocabulary ${model.space.vocabulary.length} tokens, input size ${model.mlp.inputSize}, rehearsal ${model.rehearsal.length}`);
  writeLine(io.stdout, `train: wrote ${out} in ${elapsed(start)} total (training ${elapsed(trainStart)})`);
  return 0;
}
