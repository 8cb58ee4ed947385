import { readFile } from 'node:fs/promises';
import type { Email } from '../core/email.ts';
import { parseEmail } from '../core/parse-email.ts';
import type { CliIo } from './cli-io.ts';
import type { LabelledPath } from './labels-file.ts';
import { mapBounded } from './map-bounded.ts';
import { createProgress } from './progress.ts';

export interface Parsed<T> {
  entry: LabelledPath;
  value: T;
}

export interface ParseFailure {
  entry: LabelledPath;
  error: string;
}

const CONCURRENCY = 8;
const FAILURES_SHOWN = 5;

/**
 * Reads and parses every labelled message, keeping only `reduce(email)` of each, so the corpus is
 * never in memory as text. Failures are counted and the first few named on stderr; the caller
 * decides whether what is left is enough.
 */
export async function parseLabelled<T>(
  entries: readonly LabelledPath[],
  reduce: (email: Email, entry: LabelledPath) => T,
  io: Pick<CliIo, 'stderr'>,
  label = 'parsing',
): Promise<{ parsed: Parsed<T>[]; failures: ParseFailure[] }> {
  const progress = createProgress(io.stderr, label, entries.length);
  let done = 0;
  const results = await mapBounded(entries, CONCURRENCY, async (entry): Promise<Parsed<T> | ParseFailure> => {
    try {
      const email = await parseEmail(await readFile(entry.resolved));
      return { entry, value: reduce(email, entry) };
    } catch (error) {
      return { entry, error: (error as Error).message };
    } finally {
      progress.update(++done);
    }
  });
  const parsed = results.filter((r): r is Parsed<T> => 'value' in r);
  const failures = results.filter((r): r is ParseFailure => 'error' in r);
  progress.finish(`${parsed.length} parsed, ${failures.length} failed`);
  for (const failure of failures.slice(0, FAILURES_SHOWN)) {
    io.stderr.write(`  ${failure.entry.path} (line ${failure.entry.line}): ${failure.error}\n`);
  }
  if (failures.length > FAILURES_SHOWN) io.stderr.write(`  ... and ${failures.length - FAILURES_SHOWN} more\n`);
  return { parsed, failures };
}
