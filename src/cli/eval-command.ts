import { classifyFeatures } from '../core/classify.ts';
import { featurize } from '../core/features/feature-space.ts';
import { computeMetrics, type Outcome } from '../core/metrics.ts';
import { writeLine, type CliIo } from './cli-io.ts';
import { parseCommandArgs, requiredOption } from './command-args.ts';
import { formatMetrics, metricsToJson } from './format-metrics.ts';
import { formatLabelCounts, labelCounts } from './label-counts.ts';
import { readLabels } from './labels-file.ts';
import { loadModel } from './load-model.ts';
import { parseLabelled } from './parse-labelled.ts';

export const EVAL_USAGE = `tagwise eval --labels FILE.tsv [--model FILE] [--only-source NAME ...] [--json]
  Classifies every labelled message and reports the figures of DESIGN.md §4.
  Evaluate on sources the model was not trained on (train --exclude-source NAME).`;

export async function evalCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    labels: { type: 'string' },
    model: { type: 'string' },
    'only-source': { type: 'string', multiple: true },
    json: { type: 'boolean' },
  });
  const labelsPath = requiredOption(values.labels, 'labels');
  const only = new Set(values['only-source'] ?? []);
  const { model, path: modelPath } = await loadModel(values.model);
  const entries = (await readLabels(labelsPath)).filter((e) => only.size === 0 || only.has(e.source));
  if (entries.length === 0) {
    io.stderr.write(`eval: no message of source ${[...only].join(', ')} in ${labelsPath}\n`);
    return 1;
  }
  const { parsed, failures } = await parseLabelled(
    entries,
    (email, entry): Outcome => {
      const verdict = classifyFeatures(model, featurize(email, model.space), 0);
      return { label: entry.label, predicted: verdict.label, probs: verdict.probs };
    },
    io,
    'classifying',
  );
  if (parsed.length === 0) {
    io.stderr.write('eval: no message could be parsed\n');
    return 1;
  }
  const metrics = computeMetrics(parsed.map((p) => p.value));
  if (values.json) {
    writeLine(io.stdout, metricsToJson(metrics, { model: modelPath, unparseable: failures.length }));
    return 0;
  }
  writeLine(io.stdout, `eval: model ${modelPath}`);
  writeLine(io.stdout, `eval: ${parsed.length} messages of ${labelsPath}${only.size > 0 ? ` (sources: ${[...only].join(', ')})` : ''}, ${failures.length} unparseable skipped`);
  writeLine(io.stdout, formatLabelCounts(labelCounts(parsed.map((p) => p.entry))));
  writeLine(io.stdout);
  writeLine(io.stdout, formatMetrics(metrics));
  return 0;
}
