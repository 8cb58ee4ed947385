import { classify } from '../core/classify.ts';
import { parseEmail } from '../core/parse-email.ts';
import { UsageError, writeLine, type CliIo } from './cli-io.ts';
import { parseCommandArgs } from './command-args.ts';
import { loadModel } from './load-model.ts';
import { readInputs } from './read-inputs.ts';

export const CLASSIFY_USAGE = `tagwise classify [--model FILE] PATH...
  One JSON line per message: {"file", "label", "probs", "reasons"}, or {"file", "error"}.
  PATH: .eml files, folders (recursively), mbox files (messages named path#N), - for paths on stdin.`;

const round = (x: number, digits = 4): number => Number(x.toFixed(digits));

export async function classifyCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { model: { type: 'string' } }, true);
  if (positionals.length === 0) throw new UsageError('classify needs at least one PATH (or - to read paths from stdin)');
  const { model } = await loadModel(values.model);
  let classified = 0;
  let failed = 0;
  for await (const input of readInputs(positionals, io.stdin)) {
    if ('error' in input) {
      failed++;
      writeLine(io.stdout, JSON.stringify({ file: input.file, error: input.error }));
      continue;
    }
    try {
      const verdict = classify(model, await parseEmail(input.bytes));
      const probs = { SAFE: round(verdict.probs.SAFE), SPAM: round(verdict.probs.SPAM), THREAT: round(verdict.probs.THREAT) };
      const reasons = verdict.reasons.map((r) => ({ feature: r.feature, weight: round(r.weight, 3) }));
      writeLine(io.stdout, JSON.stringify({ file: input.file, label: verdict.label, probs, reasons }));
      classified++;
    } catch (error) {
      failed++;
      writeLine(io.stdout, JSON.stringify({ file: input.file, error: `${(error as Error).name}: ${(error as Error).message}` }));
    }
  }
  if (classified === 0) {
    io.stderr.write(`classify: no message could be classified (${failed} failed)\n`);
    return 1;
  }
  return 0;
}
