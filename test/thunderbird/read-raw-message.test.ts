import { expect, test } from 'vitest';
import { parseEmail } from '../../src/core/index.ts';
import { readRawMessage } from '../../src/thunderbird/read-raw-message.ts';
import { installFakeMessenger } from '../support/fake-messenger.ts';
import { rawMail } from '../support/tiny-model.ts';

test('the raw File parses without Thunderbird’s X-Mozilla-Status lines', async () => {
  const tb = installFakeMessenger();
  const m = tb.deliver(rawMail('a@x', 'Quarterly report', 'see attached'));
  const raw = await readRawMessage(m.id);
  expect(raw).toBeInstanceOf(File);
  const email = await parseEmail(raw);
  expect(email.subject).toBe('Quarterly report');
  expect(email.headers.some((h) => /x-mozilla/i.test(h.key))).toBe(false);
});
