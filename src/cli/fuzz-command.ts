import { readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseEmail } from '../core/parse-email.ts';
import { seededRandom } from '../core/random.ts';
import { DEFAULT_TRAIN_OPTIONS, trainModel } from '../core/train.ts';
import type { TagwiseModel } from '../core/model.ts';
import { UsageError, writeLine, type CliIo } from './cli-io.ts';
import { numberOption, parseCommandArgs } from './command-args.ts';
import { applyMutations, describeMutations, randomMutations } from './fuzz-mutations.ts';
import { fuzzOne, type RawForm } from './fuzz-target.ts';
import { readLabels } from './labels-file.ts';
import { defaultModelPath, loadModel, packageRoot } from './load-model.ts';
import { trainingDoc } from './train-command.ts';

export const FUZZ_USAGE = `tagwise fuzz [--runs N] [--seed N] [--seeds DIR] [--model FILE] [--max-mb M] [--slow-ms T]
  Feeds parse + featurize + classify N mutated copies of the .eml files in DIR (default
  test/fixtures): truncated, bytes flipped, boundaries broken, headers repeated 20,000 times, bodies
  up to M MB (default 20), deep MIME nesting, unknown charsets, HTML bombs, random bytes. Reports
  inputs tried, crashes (any throw but ParseError, or a verdict that is not a distribution) and the
  slowest input. Model: --model FILE, else model/tagwise-model.json, else a tiny one trained on the
  seeds (robustness does not depend on the weights). Exits 1 on a crash or an input slower than T ms.`;

const FORMS: readonly RawForm[] = ['bytes', 'binary-string', 'blob'];
const MAX_REPORTED = 10;

async function readSeeds(dir: string): Promise<{ name: string; bytes: Uint8Array }[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.eml')).sort();
  if (names.length === 0) throw new UsageError(`no .eml seeds in ${dir}`);
  return Promise.all(names.map(async (name) => ({ name, bytes: new Uint8Array(await readFile(join(dir, name))) })));
}

/** The model to fuzz with: the one asked for, the shipped one, or a tiny one trained on the seeds. */
async function fuzzModel(path: string | undefined, seedsDir: string, io: CliIo): Promise<{ model: TagwiseModel; name: string }> {
  if (path !== undefined) {
    const loaded = await loadModel(path);
    return { model: loaded.model, name: loaded.path };
  }
  if (existsSync(defaultModelPath())) {
    try {
      const loaded = await loadModel(undefined);
      return { model: loaded.model, name: loaded.path };
    } catch (error) {
      // A shipped model of another feature version (mid-retraining) is no reason not to fuzz.
      writeLine(io.stderr, `fuzz: ${(error as Error).message}; using a tiny model instead`);
    }
  }
  const labels = join(seedsDir, 'labels.tsv');
  if (!existsSync(labels)) throw new UsageError(`no model: pass --model FILE, or put a labels.tsv beside the seeds`);
  const entries = await readLabels(labels);
  const docs = await Promise.all(entries.map(async (entry) => trainingDoc(await parseEmail(await readFile(entry.resolved)), entry)));
  const model = trainModel(docs, { ...DEFAULT_TRAIN_OPTIONS, epochs: 2, minDocs: 1, minSources: 1, description: 'fuzz' });
  return { model, name: `tiny model trained on ${docs.length} seeds` };
}

export async function fuzzCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    runs: { type: 'string' },
    seed: { type: 'string' },
    seeds: { type: 'string' },
    model: { type: 'string' },
    'max-mb': { type: 'string' },
    'slow-ms': { type: 'string' },
  });
  const runs = numberOption(values.runs, 'runs', 10_000, { integer: true, min: 1 });
  const seed = numberOption(values.seed, 'seed', 1, { integer: true, min: 0 });
  const maxMb = numberOption(values['max-mb'], 'max-mb', 20, { min: 0 });
  const slowMs = numberOption(values['slow-ms'], 'slow-ms', 50, { min: 0 });
  const seedsDir = values.seeds ?? join(packageRoot(), 'test', 'fixtures');
  const seeds = await readSeeds(seedsDir);
  const { model, name } = await fuzzModel(values.model, seedsDir, io);
  writeLine(io.stderr, `fuzz: ${runs} inputs from ${seeds.length} seeds in ${seedsDir}, seed ${seed}, model: ${name}`);

  // Warm the JIT on the seeds first: the first parse of a process is no message's own cost.
  for (const { bytes } of seeds) for (const form of FORMS) await fuzzOne(model, bytes, form);
  const collect = (globalThis as { gc?: () => void }).gc;
  const random = seededRandom(seed);
  const counts = { verdict: 0, 'parse-error': 0, crash: 0 };
  const times: number[] = [];
  let slowest = { ms: 0, input: '' };
  const crashes: string[] = [];
  let slow = 0;
  let worstSingle = 0;
  const started = performance.now();
  // Ctrl-C (or SIGTERM) ends a long run early with the report of what was tried so far.
  let stop = false;
  const onSignal = (): void => {
    stop = true;
  };
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  let tried = 0;
  for (let n = 0; n < runs && !stop; n++, tried++) {
    const source = seeds[Math.floor(random() * seeds.length)] as (typeof seeds)[number];
    const mutations = randomMutations(random, maxMb);
    const form = FORMS[Math.floor(random() * FORMS.length)] as RawForm;
    // parseEmail on bytes never waits for the event loop: let a signal in now and then.
    if (n % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
    const input = applyMutations(source.bytes, mutations);
    // With --expose-gc, the garbage of generating a 20 MB input is collected before it is timed.
    if (collect && input.length > 1024 * 1024) collect();
    const outcome = await fuzzOne(model, input, form);
    const firstMs = outcome.ms;
    if (outcome.ms > slowMs) {
      // A slow first run may be the machine (a GC pause, another process), not the input: an
      // input's time is the best of three runs, the first one's kept for the report.
      for (let again = 0; again < 2; again++) outcome.ms = Math.min(outcome.ms, (await fuzzOne(model, input, form)).ms);
    }
    worstSingle = Math.max(worstSingle, firstMs);
    counts[outcome.status]++;
    times.push(outcome.ms);

    const record = outcome.ms > slowest.ms;
    if (outcome.ms > slowMs && (++slow <= MAX_REPORTED || record)) {
      writeLine(io.stderr, `fuzz: slow input (${outcome.ms.toFixed(1)} ms, first run ${firstMs.toFixed(1)} ms): #${n} ${form} ${describeMutations(source.name, mutations)}`);
    }
    if (record) slowest = { ms: outcome.ms, input: `#${n} ${form} ${describeMutations(source.name, mutations)}` };
    if (outcome.status === 'crash' && crashes.length < MAX_REPORTED) crashes.push(`#${n} ${form} ${describeMutations(source.name, mutations)}\n    ${outcome.error}`);
    if ((n + 1) % 5000 === 0) writeLine(io.stderr, `fuzz: ${n + 1}/${runs} crashes=${counts.crash} slowest=${slowest.ms.toFixed(1)}ms`);
  }
  process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  times.sort((a, b) => a - b);
  const pct = (q: number): string => (times[Math.min(times.length - 1, Math.floor(q * times.length))] as number).toFixed(2);
  writeLine(io.stdout, `inputs tried: ${tried}${tried < runs ? ` (stopped early, of ${runs})` : ''}`);
  writeLine(io.stdout, `verdicts: ${counts.verdict}, ParseError (expected): ${counts['parse-error']}, crashes: ${counts.crash}`);
  writeLine(io.stdout, `time per input: median ${pct(0.5)} ms, p99 ${pct(0.99)} ms, slowest ${slowest.ms.toFixed(2)} ms (best of 3 runs; slowest single run ${worstSingle.toFixed(2)} ms)`);
  writeLine(io.stdout, `slowest input: ${slowest.input}`);
  writeLine(io.stdout, `inputs slower than ${slowMs} ms: ${slow}`);
  writeLine(io.stdout, `wall time: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  for (const crash of crashes) writeLine(io.stdout, `crash: ${crash}`);
  return counts.crash > 0 || slowest.ms > slowMs ? 1 : 0;
}
