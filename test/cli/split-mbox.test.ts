import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, test } from 'vitest';
import { isMboxStart, splitMbox } from '../../src/cli/split-mbox.ts';
import { FIXTURES } from './cli-harness.ts';

const bytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));
const text = (message: Uint8Array): string => Buffer.from(message).toString('latin1');

describe('splitMbox', () => {
  it('splits the fixture mbox into its three messages and unquotes >From lines', async () => {
    const messages = splitMbox(await readFile(join(FIXTURES, 'mbox', 'sample.mbox')));
    expect(messages).toHaveLength(3);
    expect(text(messages[0] as Uint8Array)).toContain('\nFrom the second floor, take the east stairs.');
    expect(text(messages[2] as Uint8Array)).toContain('\n>From the security team.');
    for (const message of messages) expect(text(message)).not.toMatch(/^From /);
  });

  test.each([
    {
      name: 'LF, with the separating blank line dropped',
      mbox: 'From a@x Mon Mar  3 09:15:02 2025\nSubject: one\n\nbody\n\nFrom b@x Tue Mar  4 10:00:00 2025\nSubject: two\n\nbody 2\n',
      expected: ['Subject: one\n\nbody\n', 'Subject: two\n\nbody 2\n'],
    },
    {
      name: 'CRLF line endings kept',
      mbox: 'From a@x Mon Mar  3 09:15:02 2025\r\nSubject: one\r\n\r\nbody\r\n\r\nFrom b@x Tue Mar  4 10:00:00 2025\r\nSubject: two\r\n\r\nx\r\n',
      expected: ['Subject: one\r\n\r\nbody\r\n', 'Subject: two\r\n\r\nx\r\n'],
    },
    {
      name: 'a body line "From ..." not after a blank line, or without a time, does not split',
      mbox: 'From a@x Mon Mar  3 09:15:02 2025\nSubject: one\n\nhello\nFrom b@x Tue Mar  4 10:00:00 2025\n\nFrom here on, we walk.\n',
      expected: ['Subject: one\n\nhello\nFrom b@x Tue Mar  4 10:00:00 2025\n\nFrom here on, we walk.\n'],
    },
    {
      name: '8-bit bytes pass through unchanged',
      mbox: 'From a@x Mon Mar  3 09:15:02 2025\nSubject: caf\xe9\n\n\xff\xfe\n',
      expected: ['Subject: caf\xe9\n\n\xff\xfe\n'],
    },
  ])('$name', ({ mbox, expected }) => {
    expect(splitMbox(bytes(mbox)).map(text)).toEqual(expected);
  });

  it('recognises an mbox by its first line', () => {
    expect(isMboxStart(bytes('From MAILER-DAEMON Fri Jul  8 12:08:34 2011\nSubject: x\n'))).toBe(true);
    expect(isMboxStart(bytes('From: alice@example.org\nSubject: x\n'))).toBe(false);
  });
});
