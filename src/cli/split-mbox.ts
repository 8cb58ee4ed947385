/**
 * Splits an mbox file into its messages. A message starts at a `From ` separator line at the start of
 * the file or after an empty line, carrying a time (`From sender Mon Jan  1 00:00:00 2024`), which a
 * body line that merely starts with "From " rarely does. The separator is dropped, so is the empty
 * line the writer put before the next one, and `>From ` quoting is undone (mboxrd: one `>` off any
 * `>+From ` line, which also undoes mboxo's single `>`).
 * Works on bytes as Latin-1 text, which maps every byte to one code unit and back: 8-bit bodies
 * come out exactly as they went in.
 */
const SEPARATOR = /^From \S+.*\b\d{1,2}:\d\d/;
const QUOTED_FROM = /^>+From /;

export function isMboxStart(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1000)).toString('latin1');
  return SEPARATOR.test(head.split(/\r?\n/, 1)[0] ?? '');
}

export function splitMbox(bytes: Uint8Array): Uint8Array[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  // Keep each line's own terminator (LF or CRLF) so that the message bytes stay as written.
  const lines = text.split(/(?<=\n)/);
  const messages: string[][] = [];
  let current: string[] | null = null;
  let previousBlank = true;
  for (const line of lines) {
    const bare = line.replace(/\r?\n$/, '');
    if (previousBlank && SEPARATOR.test(bare)) {
      current = [];
      messages.push(current);
    } else if (current) {
      current.push(QUOTED_FROM.test(bare) ? line.slice(1) : line);
    }
    previousBlank = bare === '';
  }
  return messages.map((message) => {
    // The empty line before the next separator belongs to the mbox, not to the message.
    if (message.length > 0 && /^\r?\n$/.test(message[message.length - 1] as string)) message.pop();
    return new Uint8Array(Buffer.from(message.join(''), 'latin1'));
  });
}
