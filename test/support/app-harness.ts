import { vi } from 'vitest';
import { installFakeMessenger, type FakeMessenger } from './fake-messenger.ts';
import { freshStorage } from './fresh-state.ts';
import { mailOf, serveShippedModel } from './tiny-model.ts';
import { classifyMessage } from '../../src/app/classify-message.ts';
import { ensureClassTags } from '../../src/thunderbird/ensure-class-tags.ts';

export interface AppHarness {
  tb: FakeMessenger;
  /** Every `[tagwise] ...` line logged since the harness started, without the prefix. */
  lines: () => string[];
}

/** Fresh IndexedDB, a fake Thunderbird with our tags defined, the tiny model as the shipped model. */
export async function appHarness(): Promise<AppHarness> {
  await freshStorage();
  const tb = installFakeMessenger();
  await serveShippedModel();
  await ensureClassTags();
  const logged: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: unknown) => {
    if (typeof line === 'string' && line.startsWith('[tagwise] ')) logged.push(line.slice('[tagwise] '.length));
  });
  return { tb, lines: () => logged };
}

/** Delivers the n-th tiny-model mail of a class, lets the add-on classify it, returns its header. */
export async function deliverClassified(h: AppHarness, label: 'SAFE' | 'SPAM' | 'THREAT', n: number) {
  const m = h.tb.deliver(mailOf(label, n, `${label}-${n}@x`));
  await classifyMessage(m);
  return h.tb.header(m.id);
}
