import { describe, expect, test } from 'vitest';
import { normalizeRaw, type NormalizeLimits } from '../../src/core/normalize-raw.ts';

const LIMITS = { maxBytes: 512 * 1024, maxHeaderBytes: 64 * 1024 };
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const normalized = (text: string, limits: NormalizeLimits = LIMITS): string =>
  new TextDecoder().decode(normalizeRaw(bytes(text), limits).bytes);

describe('normalizeRaw', () => {
  test.each([
    ['strips a leading mbox From line', 'From a@b.c Mon Jan  1 00:00:00 2024\nSubject: x\n\nbody\n', 'Subject: x\n\nbody\n'],
    ['keeps a From: header', 'From: a@b.c\nSubject: x\n\nbody\n', 'From: a@b.c\nSubject: x\n\nbody\n'],
    ['turns CRLF into LF', 'Subject: x\r\nTo: y\r\n\r\nline 1\r\nline 2\r\n', 'Subject: x\nTo: y\n\nline 1\nline 2\n'],
    ['keeps a lone CR as data', 'Subject: x\n\na\rb\n', 'Subject: x\n\na\rb\n'],
    [
      'drops Thunderbird store headers and their folds',
      'X-Mozilla-Status: 0001\nX-Mozilla-Status2: 00000000\nX-Mozilla-Keys: $label1\n    more\nSubject: x\n\nbody',
      'Subject: x\n\nbody',
    ],
    ['drops store headers case-insensitively', 'x-mozilla-status : 0001\nSubject: x\n\nb', 'Subject: x\n\nb'],
    ['keeps headers that only start like a store header', 'X-Mozilla-Statusbar: 1\n\nb', 'X-Mozilla-Statusbar: 1\n\nb'],
    ['keeps store-like lines in the body', 'Subject: x\n\nX-Mozilla-Status: 1\n', 'Subject: x\n\nX-Mozilla-Status: 1\n'],
    ['strips a UTF-8 byte order mark', '\ufeffSubject: x\n\nb', 'Subject: x\n\nb'],
    ['keeps a headers-only message', 'Subject: x\r\nTo: y\r\n', 'Subject: x\nTo: y\n'],
  ])('%s', (_name, input, expected) => {
    expect(normalized(input)).toBe(expected);
  });

  test('CRLF and LF copies of a message normalise to the same bytes', () => {
    const lf = 'From: a@b.c\nSubject: hello\n\nline one\nline two\n';
    expect(normalized(lf.replaceAll('\n', '\r\n'))).toBe(normalized(lf));
  });

  test('cuts the body at maxBytes on a line end and marks it truncated', () => {
    const body = 'x'.repeat(99) + '\n';
    const result = normalizeRaw(bytes(`Subject: s\n\n${body.repeat(100)}`), { maxBytes: 1000, maxHeaderBytes: 100 });
    const text = new TextDecoder().decode(result.bytes);
    expect(result.truncated).toBe(true);
    expect(result.bytes.length).toBeLessThanOrEqual(1000);
    expect(text.startsWith('Subject: s\n\n')).toBe(true);
    expect(text.endsWith('\n')).toBe(true);
  });

  test('keeps the first header lines whole when the header block is over its cap', () => {
    const headers = Array.from({ length: 100 }, (_, i) => `X-Filler-${i}: ${'v'.repeat(20)}`).join('\n');
    const result = normalizeRaw(bytes(`${headers}\n\nthe body\n`), { maxBytes: 10_000, maxHeaderBytes: 300 });
    const text = new TextDecoder().decode(result.bytes);
    expect(result.truncated).toBe(true);
    expect(text.startsWith('X-Filler-0: ')).toBe(true);
    expect(text.split('\n\n')[0]?.length).toBeLessThanOrEqual(300);
    expect(text.split('\n\n')[0]?.split('\n').every((line) => /^X-Filler-\d+: v{20}$/.test(line))).toBe(true);
    expect(text.endsWith('\n\nthe body\n')).toBe(true);
  });

  test('is not truncated when everything fits', () => {
    expect(normalizeRaw(bytes('Subject: s\n\nbody\n'), LIMITS).truncated).toBe(false);
  });

  test('handles a 20 MB CRLF body and 20,000 repeated headers in bounded time', () => {
    const header = 'Received: from relay.example.net by mx.example.org; Mon, 1 Jan 2024\r\n'.repeat(20_000);
    const body = 'A'.repeat(76).concat('\r\n').repeat(20 * 1024 * 1024 / 78);
    const input = bytes(`${header}Subject: big\r\n\r\n${body}`);
    const started = performance.now();
    const result = normalizeRaw(input, LIMITS);
    expect(performance.now() - started).toBeLessThan(5000); // a bound against quadratic work, loose enough for a loaded CI machine
    expect(result.truncated).toBe(true);
    expect(result.bytes.length).toBeLessThanOrEqual(LIMITS.maxBytes);
  });

  describe('cuts each MIME part at its budget, keeping boundaries and part headers', () => {
    const base64 = 'QUFB'.repeat(19).concat('\n').repeat(20_000); // ~1.5 MB
    const message = [
      'Subject: s',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'first text',
      '--b',
      'Content-Type: application/pdf; name="a.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      base64,
      '--b',
      'Content-Type: application/x-msdownload; name="b.exe"',
      '',
      'MZ',
      '--b--',
      '',
    ].join('\n');

    test('an attachment keeps 1 KB; what follows it is still there', () => {
      const result = normalizeRaw(bytes(message), LIMITS);
      const text = new TextDecoder().decode(result.bytes);
      expect(result.truncated).toBe(true);
      expect(result.bytes.length).toBeLessThan(4096);
      expect(text).toContain('first text');
      expect(text).toContain('name="b.exe"');
      expect(text.trimEnd().endsWith('--b--')).toBe(true);
    });

    test('a text part keeps maxPartBytes, a one-line body its head', () => {
      const long = normalized(`Subject: s\n\n${'word '.repeat(100_000)}`, { ...LIMITS, maxPartBytes: 1000 });
      expect(long.length).toBeLessThanOrEqual('Subject: s\n\n'.length + 1000);
      expect(long.startsWith('Subject: s\n\nword word')).toBe(true);
      const lines = normalized(`Subject: s\n\n${'a line of text\n'.repeat(1000)}`, { ...LIMITS, maxPartBytes: 150 });
      expect(lines).toBe(`Subject: s\n\n${'a line of text\n'.repeat(10)}`);
    });
  });

  test('keeps 1,000 lines of a part, 4,000 body lines in all, and 256 lines that may be boundaries', () => {
    const one = normalized(`Subject: s\n\n${'short line\n'.repeat(10_000)}`);
    expect(one.split('\n').filter((line) => line === 'short line')).toHaveLength(1000); // a part's line budget
    const part = `--b\nContent-Type: text/plain\n\n${'short line\n'.repeat(900)}`;
    const many = normalizeRaw(bytes(`Content-Type: multipart/mixed; boundary="b"\n\n${part.repeat(10)}--b--\n`), LIMITS);
    expect(new TextDecoder().decode(many.bytes).split('\n').length).toBeLessThanOrEqual(4003);
    expect(many.truncated).toBe(true);
    // boundary="" makes every "--" line a boundary: 2,000 nested parts would be 2,000 parser nodes.
    const parts = Array.from({ length: 2000 }, (_, i) => `--n${i}\nContent-Type: multipart/mixed; boundary="n${i + 1}"\n`).join('\n');
    const nested = normalizeRaw(bytes(`Content-Type: multipart/mixed; boundary=""\n\n${parts}`), LIMITS);
    expect(new TextDecoder().decode(nested.bytes).match(/^--/gm)?.length).toBeLessThanOrEqual(256);
    expect(nested.truncated).toBe(true);
  });

  test('keeps twice maxHeaders fields, the first ones', () => {
    const result = normalized(`${'To: a@example.org\n'.repeat(2000)}Subject: late\n\nbody\n`, { ...LIMITS, maxHeaders: 500 });
    expect(result.split('\n').filter((line) => line.startsWith('To:'))).toHaveLength(1000);
    expect(result).not.toContain('Subject: late');
    expect(result.endsWith('\n\nbody\n')).toBe(true);
  });

  test('keeps 16 KB of a field folded over 20,000 lines, and the fields after it', () => {
    const result = normalized(`Subject: s\n${'\t folded continuation\n'.repeat(20_000)}To: t@example.org\n\nbody\n`);
    expect(result.length).toBeLessThan(17 * 1024);
    expect(result).toContain('\nTo: t@example.org\n\nbody\n');
  });
});
