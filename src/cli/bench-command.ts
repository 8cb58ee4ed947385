import { readFile } from 'node:fs/promises';
import { classifyFeatures } from '../core/classify.ts';
import { featurize, type Features } from '../core/features/feature-space.ts';
import { LABELS, labelIndex, type Label } from '../core/labels.ts';
import { learnFromCorrection } from '../core/learn-from-correction.ts';
import { modelFromJson, modelToJson } from '../core/model-file.ts';
import type { LabelledVector } from '../core/model.ts';
import { parseEmail } from '../core/parse-email.ts';
import { seededRandom, shuffle } from '../core/random.ts';
import { writeLine, type CliIo } from './cli-io.ts';
import { numberOption, parseCommandArgs, requiredOption } from './command-args.ts';
import { BOGOFILTER_INSTALL_HINT, classifyFiles, closeBogofilter, findBogofilter, openBogofilter, registerFiles } from './bogofilter.ts';
import { formatLabelCounts, labelCounts } from './label-counts.ts';
import { readLabels, type LabelledPath } from './labels-file.ts';
import { loadModel } from './load-model.ts';
import { createProgress } from './progress.ts';

export const BENCH_USAGE = `tagwise bench --labels FILE.tsv [--model FILE] [--limit N] [--seed N]
  Speed on one core: parse + featurize + classify per message against bogofilter's own rate on the
  same files (a seeded sample of N, default 2000), and the time of one correction.`;

export interface BenchOptions {
  bogofilter?: string;
}

const WARM_UP = 100;
const CORRECTIONS = 20;
const BOGOFILTER_RUNS = 3;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

const median = (values: readonly number[]): number => percentile([...values].sort((a, b) => a - b), 50);
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;

export async function benchCommand(argv: string[], io: CliIo, options: BenchOptions = {}): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    labels: { type: 'string' },
    model: { type: 'string' },
    limit: { type: 'string' },
    seed: { type: 'string' },
  });
  const labelsPath = requiredOption(values.labels, 'labels');
  const limit = numberOption(values.limit, 'limit', 2000, { integer: true, min: 1 });
  const seed = numberOption(values.seed, 'seed', 1, { integer: true, min: 0 });
  let peakRss = process.memoryUsage.rss();
  const { model, path: modelPath } = await loadModel(values.model);

  // A seeded sample, not the first N lines: labels files are often sorted by source.
  const sample: LabelledPath[] = shuffle(await readLabels(labelsPath), seededRandom(seed)).slice(0, limit);
  const loaded: { entry: LabelledPath; bytes: Uint8Array }[] = [];
  for (const entry of sample) {
    try {
      loaded.push({ entry, bytes: await readFile(entry.resolved) });
    } catch (error) {
      io.stderr.write(`bench: skipping ${entry.path}: ${(error as Error).message}\n`);
    }
  }
  const totalBytes = loaded.reduce((sum, m) => sum + m.bytes.length, 0);
  writeLine(io.stdout, `bench: model ${modelPath}`);
  writeLine(io.stdout, `bench: ${loaded.length} messages (${mb(totalBytes)}) of ${labelsPath}, seeded sample (seed ${seed}), loaded into memory first`);
  writeLine(io.stdout, formatLabelCounts(labelCounts(loaded.map((m) => m.entry))));

  // Tagwise: each message timed alone, from bytes in memory to verdict, on this one thread.
  const judge = async (bytes: Uint8Array): Promise<Features> => {
    const features = featurize(await parseEmail(bytes), model.space);
    classifyFeatures(model, features);
    return features;
  };
  for (const { bytes } of loaded.slice(0, WARM_UP)) await judge(bytes).catch(() => null);
  const times: number[] = [];
  const corrections: { vector: Features['vector']; label: Label }[] = [];
  let failed = 0;
  const progress = createProgress(io.stderr, 'tagwise', loaded.length);
  for (const [n, { entry, bytes }] of loaded.entries()) {
    const start = performance.now();
    let features: Features | null = null;
    try {
      features = await judge(bytes);
    } catch {
      failed++;
    }
    times.push(performance.now() - start);
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    if (features && corrections.length < CORRECTIONS) corrections.push({ vector: features.vector, label: entry.label });
    progress.update(n + 1);
  }
  progress.finish();
  const sorted = [...times].sort((a, b) => a - b);
  const totalMs = times.reduce((a, b) => a + b, 0);
  const tagwiseRate = loaded.length / (totalMs / 1000);
  writeLine(io.stdout, `tagwise: parse + featurize + classify, one message at a time from memory (after ${Math.min(WARM_UP, loaded.length)} untimed warm-up messages):`);
  writeLine(io.stdout, `tagwise: median ${percentile(sorted, 50).toFixed(3)} ms, p99 ${percentile(sorted, 99).toFixed(3)} ms, max ${percentile(sorted, 100).toFixed(1)} ms, ${tagwiseRate.toFixed(0)} msg/s, ${failed} unparseable`);

  // One correction on a copy of the model, as the add-on applies it: the corrected label is
  // whatever the verdict was not, and each correction joins the history the next one replays.
  const copy = modelFromJson(modelToJson(model));
  const random = seededRandom(seed);
  const history: LabelledVector[] = [];
  const correctionTimes: number[] = [];
  for (const { vector, label } of corrections) {
    const predicted = classifyFeatures(copy, { vector, names: new Map() }, 0).label;
    const corrected = predicted !== label ? label : (LABELS[(labelIndex(predicted) + 1) % LABELS.length] as Label);
    const start = performance.now();
    learnFromCorrection(copy, vector, corrected, { history, random });
    correctionTimes.push(performance.now() - start);
    history.push({ vector, label: corrected });
  }
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  const correctionMs = median(correctionTimes);
  writeLine(io.stdout, `tagwise: learnFromCorrection median ${correctionMs.toFixed(2)} ms over ${correctionTimes.length}; peak RSS ${mb(peakRss)} (this process, messages in memory included)`);

  const bin = findBogofilter(options.bogofilter);
  let bogofilterRate = NaN;
  if (!bin) {
    writeLine(io.stdout, 'bogofilter: not measured');
    io.stderr.write(`${BOGOFILTER_INSTALL_HINT}\n`);
  } else {
    const bogofilter = await openBogofilter(bin);
    try {
      const files = loaded.map((m) => m.entry.resolved);
      let start = performance.now();
      await registerFiles(bogofilter, 'ham', loaded.filter((m) => m.entry.label === 'SAFE').map((m) => m.entry.resolved));
      await registerFiles(bogofilter, 'spam', loaded.filter((m) => m.entry.label !== 'SAFE').map((m) => m.entry.resolved));
      const trainSeconds = (performance.now() - start) / 1000;
      const runs: number[] = [];
      let judged = 0;
      for (let run = 0; run < BOGOFILTER_RUNS; run++) {
        start = performance.now();
        judged = (await classifyFiles(bogofilter, files)).size;
        runs.push((performance.now() - start) / 1000);
      }
      const seconds = median(runs);
      bogofilterRate = judged / seconds;
      writeLine(io.stdout, `bogofilter: trained on the same ${files.length} files (ham = SAFE, spam = SPAM|THREAT) in ${trainSeconds.toFixed(2)}s`);
      writeLine(io.stdout, `bogofilter: one process classifying all ${judged} files named on stdin (-v -b), files read from disk (page cache warm),`);
      writeLine(io.stdout, `bogofilter: whole batch timed incl. one start-up; median of ${BOGOFILTER_RUNS} runs ${seconds.toFixed(2)}s = ${bogofilterRate.toFixed(0)} msg/s`);
    } finally {
      await closeBogofilter(bogofilter);
    }
  }

  const ratio = tagwiseRate / bogofilterRate;
  const b = Number.isNaN(bogofilterRate) ? 'n/a' : bogofilterRate.toFixed(0);
  const r = Number.isNaN(ratio) ? 'n/a' : ratio.toFixed(2);
  writeLine(io.stdout, `bench: tagwise ${tagwiseRate.toFixed(0)} msg/s, bogofilter ${b} msg/s, ratio ${r} ; correction ${correctionMs.toFixed(2)} ms`);
  return bin ? 0 : 1;
}
