import { LABELS, type Label } from '../core/labels.ts';

/** Messages per source and label, as a table: what a run was trained or evaluated on. */
export function labelCounts(items: readonly { label: Label; source: string }[]): Map<string, Record<Label, number>> {
  const counts = new Map<string, Record<Label, number>>();
  for (const { label, source } of items) {
    const row = counts.get(source) ?? { SAFE: 0, SPAM: 0, THREAT: 0 };
    row[label]++;
    counts.set(source, row);
  }
  return new Map([...counts].sort(([a], [b]) => a.localeCompare(b)));
}

export function formatLabelCounts(counts: Map<string, Record<Label, number>>): string {
  const total: Record<Label, number> = { SAFE: 0, SPAM: 0, THREAT: 0 };
  const rows = [...counts].map(([source, row]) => {
    for (const label of LABELS) total[label] += row[label];
    return [source, ...LABELS.map((l) => String(row[l])), String(LABELS.reduce((s, l) => s + row[l], 0))];
  });
  rows.push(['total', ...LABELS.map((l) => String(total[l])), String(LABELS.reduce((s, l) => s + total[l], 0))]);
  const header = ['source', ...LABELS, 'all'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const format = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  return [format(header), ...rows.map(format)].join('\n');
}

/** One line for a model's description: `spamassassin 4184/1731/165, ...` (SAFE/SPAM/THREAT). */
export function summarizeLabelCounts(counts: Map<string, Record<Label, number>>): string {
  return [...counts].map(([source, row]) => `${source} ${LABELS.map((l) => row[l]).join('/')}`).join(', ');
}
