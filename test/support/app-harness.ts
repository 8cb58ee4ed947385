import { vi } from 'vitest';
import { installFakeMessenger, type FakeMessenger } from './fake-messenger.ts';
import { freshStorage } from './fresh-state.ts';
import { serveShippedModel } from './tiny-model.ts';
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
