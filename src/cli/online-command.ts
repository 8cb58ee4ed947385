import { classifyFeatures } from '../core/classify.ts';
import { featurize } from '../core/features/feature-space.ts';
import { learnFromCorrection } from '../core/learn-from-correction.ts';
import type { LabelledVector } from '../core/model.ts';
import { seededRandom, shuffle } from '../core/random.ts';
import { writeLine, type CliIo } from './cli-io.ts';
import { numberOption, parseCommandArgs, requiredOption } from './command-args.ts';
import {
  BOGOFILTER_INSTALL_HINT, classifyFile, closeBogofilter, findBogofilter, openBogofilter, registerFiles, type Bogofilter, type BogofilterVerdict,
} from './bogofilter.ts';
import { errorRate, formatErrorRate } from './error-rate.ts';
import { formatLabelCounts, labelCounts } from './label-counts.ts';
import { readLabels } from './labels-file.ts';
import { loadModel } from './load-model.ts';
import { parseLabelled } from './parse-labelled.ts';
import { createProgress } from './progress.ts';

export const ONLINE_USAGE = `tagwise online --labels FILE.tsv [--model FILE] [--seed N] [--lr X] [--limit N]
                      [--bogofilter-train FILE.tsv] [--no-bogofilter]
  The user's life: every labelled message in a seeded random order is classified, and each wrong
  verdict is corrected (train on error). bogofilter runs the same protocol in the same run, with a
  fresh word list (empty, or trained first on --bogofilter-train); ham = SAFE, spam = SPAM or THREAT,
  its verdict is spam when its spamicity is ≥ 0.5. Until it has seen a ham and a spam it is taught
  every message (an empty bogofilter scores everything 0.52 and would never learn spam on error).`;

export interface OnlineOptions {
  /** The bogofilter program to look for (tests point it elsewhere). */
  bogofilter?: string;
}

const isJunk = (label: string): boolean => label !== 'SAFE';

export async function onlineCommand(argv: string[], io: CliIo, options: OnlineOptions = {}): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    labels: { type: 'string' },
    model: { type: 'string' },
    seed: { type: 'string' },
    lr: { type: 'string' },
    limit: { type: 'string' },
    'bogofilter-train': { type: 'string' },
    'no-bogofilter': { type: 'boolean' },
  });
  const labelsPath = requiredOption(values.labels, 'labels');
  const seed = numberOption(values.seed, 'seed', 1, { integer: true, min: 0 });
  const learningRate = values.lr === undefined ? undefined : numberOption(values.lr, 'lr', 0, { min: 1e-6, max: 10 });
  const limit = numberOption(values.limit, 'limit', Infinity, { integer: true, min: 1 });
  const { model, path: modelPath } = await loadModel(values.model);

  let bogofilter: Bogofilter | null = null;
  if (!values['no-bogofilter']) {
    const bin = findBogofilter(options.bogofilter);
    if (bin) bogofilter = await openBogofilter(bin);
    else io.stderr.write(`online: running without the bogofilter comparison.\n${BOGOFILTER_INSTALL_HINT}\n`);
  }
  const bogoSeen = { ham: false, spam: false };
  try {
    if (bogofilter && values['bogofilter-train']) {
      const seedEntries = await readLabels(values['bogofilter-train']);
      bogoSeen.ham = seedEntries.some((e) => !isJunk(e.label));
      bogoSeen.spam = seedEntries.some((e) => isJunk(e.label));
      await registerFiles(bogofilter, 'ham', seedEntries.filter((e) => !isJunk(e.label)).map((e) => e.resolved));
      await registerFiles(bogofilter, 'spam', seedEntries.filter((e) => isJunk(e.label)).map((e) => e.resolved));
      writeLine(io.stdout, `online: bogofilter trained first on ${seedEntries.length} messages of ${values['bogofilter-train']}`);
    }

    const { parsed, failures } = await parseLabelled(await readLabels(labelsPath), (email) => featurize(email, model.space).vector, io);
    // The model's feature space never changes under corrections, so the vectors can be computed first.
    const stream = shuffle([...parsed], seededRandom(seed)).slice(0, limit);
    if (stream.length === 0) {
      io.stderr.write('online: no message could be parsed\n');
      return 1;
    }
    writeLine(io.stdout, `online: model ${modelPath}, ${stream.length} messages of ${labelsPath} in seeded order (seed ${seed}), ${failures.length} unparseable skipped`);
    writeLine(io.stdout, formatLabelCounts(labelCounts(stream.map((s) => s.entry))));

    const random = seededRandom(seed + 1);
    const history: LabelledVector[] = [];
    const wrong: boolean[] = [];
    const wrongBinary: boolean[] = [];
    const bogoWrong: boolean[] = [];
    const bogoOwnWrong: boolean[] = [];
    let rolledBack = 0;
    let bogoCorrections = 0;
    let bogoBootstrap = 0;
    // bogofilter's registration of message i must land before it judges message i + 1; meanwhile
    // Tagwise does its own work, so the two run side by side.
    let bogoReady: Promise<unknown> = Promise.resolve();
    const start = performance.now();
    const progress = createProgress(io.stderr, 'online', stream.length);
    for (const [n, { entry, value: vector }] of stream.entries()) {
      const file = entry.resolved;
      const bogoVerdict: Promise<BogofilterVerdict> | null = bogofilter ? bogoReady.then(() => classifyFile(bogofilter, file)) : null;

      const verdict = classifyFeatures(model, { vector, names: new Map() }, 0);
      wrong.push(verdict.label !== entry.label);
      wrongBinary.push(isJunk(verdict.label) !== isJunk(entry.label));
      if (verdict.label !== entry.label) {
        const result = learnFromCorrection(model, vector, entry.label, { history, random, ...(learningRate ? { learningRate } : {}) });
        if (result.rolledBack) rolledBack++;
        history.push({ vector, label: entry.label });
      }

      if (bogofilter && bogoVerdict) {
        const { score, status } = await bogoVerdict;
        const junk = isJunk(entry.label);
        const bogoIsWrong = score >= 0.5 !== junk;
        bogoWrong.push(bogoIsWrong);
        bogoOwnWrong.push((status === 'Spam') !== junk);
        // Until its word list holds both a ham and a spam, bogofilter scores every message robx
        // (0.52, "spam" at 0.5), so under pure train-on-error it would only ever be taught ham and
        // never judge at all: it is taught every message until it has seen both kinds.
        const bootstrapping = !(bogoSeen.ham && bogoSeen.spam);
        if (bogoIsWrong || bootstrapping) {
          bogoSeen[junk ? 'spam' : 'ham'] = true;
          if (bogoIsWrong) bogoCorrections++;
          else bogoBootstrap++;
          bogoReady = registerFiles(bogofilter, junk ? 'spam' : 'ham', [file]);
        } else bogoReady = Promise.resolve();
      }
      progress.update(n + 1);
    }
    await bogoReady;
    progress.finish();

    const seconds = ((performance.now() - start) / 1000).toFixed(1);
    writeLine(io.stdout, `online: ${history.length} corrections for Tagwise (${rolledBack} rolled back), ${seconds}s`);
    writeLine(io.stdout, `online (tagwise, binary SAFE vs junk): ${formatErrorRate(errorRate(wrongBinary))}`);
    if (bogofilter) {
      writeLine(io.stdout, `online: ${bogoCorrections} corrections for bogofilter, plus ${bogoBootstrap} messages registered before it had seen both ham and spam`);
      writeLine(io.stdout, `online (bogofilter, its own cutoffs, Unsure = ham; same run): ${formatErrorRate(errorRate(bogoOwnWrong))}`);
      writeLine(io.stdout, `online (bogofilter): ${formatErrorRate(errorRate(bogoWrong))}`);
    }
    writeLine(io.stdout, `online: ${formatErrorRate(errorRate(wrong))}`);
    return 0;
  } finally {
    if (bogofilter) await closeBogofilter(bogofilter);
  }
}
