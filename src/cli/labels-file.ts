import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { LABELS, type Label } from '../core/labels.ts';

/** One labelled message of a labels file. */
export interface LabelledPath {
  /** The path as written in the file. */
  path: string;
  /** The path to open: relative paths are relative to the labels file. */
  resolved: string;
  label: Label;
  /** The `source` column when there is one, else the first segment of the path as written. */
  source: string;
  /** 1-based line in the labels file, for messages that point back at it. */
  line: number;
}

export class LabelsFileError extends Error {
  override name = 'LabelsFileError';
}

const MAX_REPORTED = 20;

/**
 * Parses `path<TAB>label[<TAB>more...]`. A first line whose second column is `label` is a header; it
 * names the columns, so a `source` column is found wherever it is. Without a header the fourth
 * column, if any, is the source (the corpus's `path label confidence source` layout). Labels are
 * SAFE, SPAM or THREAT in any case. Blank lines and `#` comments are skipped. Every bad line is
 * reported, by number, in one error: fixing a file one complaint at a time is no fun.
 */
export function parseLabels(text: string, labelsPath: string): LabelledPath[] {
  const base = dirname(labelsPath);
  const lines = text.split(/\r?\n/);
  let sourceColumn = 3;
  let first = 0;
  const header = (lines[0] ?? '').replace(/^\uFEFF/, '').split('\t');
  if ((header[1] ?? '').trim().toLowerCase() === 'label') {
    sourceColumn = header.findIndex((name) => name.trim().toLowerCase() === 'source');
    first = 1;
  }
  const entries: LabelledPath[] = [];
  const problems: string[] = [];
  for (let n = first; n < lines.length; n++) {
    const raw = lines[n] as string;
    if (raw.trim() === '' || raw.startsWith('#')) continue;
    const columns = raw.split('\t');
    const path = (columns[0] ?? '').trim();
    const labelText = (columns[1] ?? '').trim().toUpperCase();
    if (columns.length < 2) {
      problems.push(`line ${n + 1}: expected path<TAB>label, found no tab`);
      continue;
    }
    if (path === '') {
      problems.push(`line ${n + 1}: empty path`);
      continue;
    }
    if (!(LABELS as readonly string[]).includes(labelText)) {
      problems.push(`line ${n + 1}: unknown label '${(columns[1] ?? '').trim()}' (expected ${LABELS.join(', ')})`);
      continue;
    }
    const source = (sourceColumn >= 0 ? (columns[sourceColumn] ?? '').trim() : '') || firstSegment(path);
    entries.push({ path, resolved: isAbsolute(path) ? path : resolve(base, path), label: labelText as Label, source, line: n + 1 });
  }
  if (problems.length > 0) {
    const more = problems.length > MAX_REPORTED ? `\n  ... and ${problems.length - MAX_REPORTED} more` : '';
    throw new LabelsFileError(`${labelsPath}: ${problems.length} bad line(s):\n  ${problems.slice(0, MAX_REPORTED).join('\n  ')}${more}`);
  }
  return entries;
}

function firstSegment(path: string): string {
  const segments = path.split(/[/\\]/).filter((s) => s !== '' && s !== '.');
  return segments.length > 1 ? (segments[0] as string) : '(top)';
}

export async function readLabels(labelsPath: string): Promise<LabelledPath[]> {
  let text: string;
  try {
    text = await readFile(labelsPath, 'utf8');
  } catch (error) {
    throw new LabelsFileError(`cannot read labels file ${labelsPath}: ${(error as Error).message}`);
  }
  const entries = parseLabels(text, labelsPath);
  if (entries.length === 0) throw new LabelsFileError(`${labelsPath}: no labelled messages`);
  return entries;
}
