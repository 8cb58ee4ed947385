import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { ParseError } from '../../src/core/errors.ts';
import { linkHost } from '../../src/core/link-host.ts';
import { parseEmail } from '../../src/core/parse-email.ts';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));

describe('parseEmail on the fixtures', () => {
  test('a receipt: plain text wins, links and images come from the HTML', async () => {
    const email = await parseEmail(fixture('safe-receipt.eml'));
    expect(email.subject).toBe('Your order #LB-204718 has shipped');
    expect(email.from).toEqual({ name: 'Larkspur Books', address: 'orders@larkspur-books.com' });
    expect(email.returnPath).toBe('bounces+orders@mail.larkspur-books.com');
    expect(email.hasPlainBody).toBe(true);
    expect(email.hasHtmlBody).toBe(true);
    expect(email.text).toContain('Good news — your order #LB-204718 is on its way.');
    expect(email.text).toContain('€41.35');
    expect(email.html.images).toBe(1);
    expect(email.links.map((link) => [link.host, link.text])).toEqual([
      ['www.larkspur-books.com', 'Track your parcel'],
      ['www.larkspur-books.com', 'View your receipt'],
    ]);
    expect(email.headers.find((field) => field.key === 'authentication-results')?.value).toContain('dmarc=pass');
  });

  test('a list reply keeps its quoted text and thread headers', async () => {
    const email = await parseEmail(fixture('safe-list-reply.eml'));
    expect(email.text).toContain('> The journal was flushed on every fsync()');
    expect(email.hasHtmlBody).toBe(false);
    expect(email.html).toEqual({ images: 0, hiddenChars: 0, forms: 0, visibleChars: 0 });
    const keys = email.headers.map((field) => field.key);
    expect(keys).toContain('in-reply-to');
    // Unfolded: the folded References value is one line.
    expect(email.headers.find((field) => field.key === 'references')?.value).not.toContain('\n');
  });

  test('a phish: link text shows paypal.com, hosts are an IP and a punycode domain', async () => {
    const email = await parseEmail(fixture('threat-paypal-phish.eml'));
    expect(email.from).toEqual({ name: 'PayPal Service', address: 'service@secure-mail-center.ru' });
    expect(email.subject).toBe('Your account has been limited – action required');
    expect(email.replyTo).toEqual([{ name: '', address: 'resolution-team@secure-mail-center.ru' }]);
    expect(email.links).toEqual([
      { href: 'http://185.66.12.7/paypal.com/signin/?cmd=_verify', host: '185.66.12.7', text: 'https://www.paypal.com/signin' },
      { href: 'https://xn--pypal-4ve.com/webapps/login', host: 'xn--pypal-4ve.com', text: 'www.paypal.com/login' },
    ]);
    expect(email.html.forms).toBe(3);
    expect(email.hasPlainBody).toBe(false);
    expect(email.text).toContain('verify your identity within 24 hours');
  });

  test('malware: attachments keep name, type and size, never content', async () => {
    const email = await parseEmail(fixture('threat-invoice-malware.eml'));
    expect(email.attachments).toEqual([
      { filename: 'Invoice_0392.pdf.exe', mimeType: 'application/octet-stream', size: 83 },
      { filename: 'Invoice_0392_view.html', mimeType: 'text/html', size: 94 },
    ]);
    expect(email.text).toContain('OVERDUE');
  });

  test('advance fee: Reply-To differs from From', async () => {
    const email = await parseEmail(fixture('threat-advance-fee.eml'));
    expect(email.from?.address).toBe('barr.okafor.chambers@webmail-free.example');
    expect(email.replyTo.map((mailbox) => mailbox.address)).toEqual(['j.okafor.esq@privatemail-box.example']);
  });

  test('promo spam: HTML only, images counted, unsubscribe on another domain', async () => {
    const email = await parseEmail(fixture('spam-promo.eml'));
    expect(email.subject).toBe('🎰 200 FREE SPINS + $1,000 BONUS — today only!');
    expect(email.html.images).toBe(3);
    expect(email.links.map((link) => link.host)).toContain('unsub.mailblast-stats.net');
    expect(email.text).not.toContain('<');
  });

  test('dating spam: hidden filler is counted, not shown', async () => {
    const email = await parseEmail(fixture('spam-dating.eml'));
    expect(email.html.hiddenChars).toBeGreaterThan(40);
    expect(email.text).not.toContain('grandmother');
  });

  test('html only: no title, style, script, comment or hidden text in the text', async () => {
    const email = await parseEmail(fixture('html-only.eml'));
    expect(email.text).toBe("This week's picks\n\nFresh coffee beans & a new grinder.\n\nSee all picks");
    expect(email.html.hiddenChars).toBe('hiddenfillerwords'.length + 'tiny'.length);
  });

  test('windows-1251 body and encoded-word subject and name are decoded', async () => {
    const email = await parseEmail(fixture('non-utf8.eml'));
    expect(email.subject).toBe('Счёт за октябрь');
    expect(email.from?.name).toBe('René Müller');
    expect(email.text).toContain('Здравствуйте, Ирина!');
    expect(email.links[0]?.host).toBe('shop.example.ru');
  });

  test('broken MIME still yields the text part and the attachment', async () => {
    const email = await parseEmail(fixture('broken-mime.eml'));
    expect(email.text).toContain('Nightly build 1842 finished');
    expect(email.attachments.map((attachment) => attachment.filename)).toEqual(['build-1842.log.gz']);
  });

  test('headers only: an email with no text', async () => {
    const email = await parseEmail(fixture('empty.eml'));
    expect(email.subject).toBe('(no body)');
    expect(email.text).toBe('');
    expect(email.hasPlainBody).toBe(false);
  });
});

describe('parseEmail input forms', () => {
  const raw = 'From: "Ann" <Ann@Example.COM>\r\nSubject: caf\u00e9\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\ncaf\u00e9 ok\r\n';
  const latin1 = Uint8Array.from(raw, (char) => char.charCodeAt(0));

  test.each([
    ['a binary string', raw],
    ['a Uint8Array', latin1],
    ['an ArrayBuffer', latin1.slice().buffer],
    ['a Blob', new Blob([latin1])],
  ])('reads %s', async (_name, input) => {
    const email = await parseEmail(input);
    expect(email.from).toEqual({ name: 'Ann', address: 'ann@example.com' });
    expect(email.text).toBe('café ok\n');
    expect(email.rawSize).toBe(latin1.length);
  });

  test('a string with chars beyond Latin-1 is read as UTF-8 text', async () => {
    const email = await parseEmail('Subject: hi\nContent-Type: text/plain; charset=utf-8\n\nЗдравствуйте\n');
    expect(email.text).toBe('Здравствуйте\n');
  });

  test('mbox and Thunderbird store lines are gone from the headers', async () => {
    const email = await parseEmail('From x@y Mon Jan 1 00:00:00 2024\nX-Mozilla-Status: 0001\nX-Mozilla-Keys: \nSubject: s\n\nbody\n');
    expect(email.headers).toEqual([{ key: 'subject', value: 's' }]);
  });
});

describe('parseEmail fields', () => {
  test('header keys are lower-cased, values decoded, order kept', async () => {
    const email = await parseEmail('X-First: 1\nSUBJECT: =?UTF-8?Q?=C3=A9t=C3=A9?=\nX-Last: 3\n\nb');
    expect(email.headers).toEqual([
      { key: 'x-first', value: '1' },
      { key: 'subject', value: 'été' },
      { key: 'x-last', value: '3' },
    ]);
  });

  test('caps the number of headers and each value', async () => {
    const many = Array.from({ length: 800 }, (_, i) => `X-H${i}: ${'v'.repeat(10)}`).join('\n');
    const email = await parseEmail(`${many}\nX-Long: ${'w'.repeat(10_000)}\n\nbody`, { maxHeaders: 500 });
    expect(email.headers).toHaveLength(500);
    const long = await parseEmail(`X-Long: ${'w'.repeat(10_000)}\n\nbody`);
    expect(long.headers[0]?.value.length).toBe(4096);
  });

  test.each([
    ['<Bounce@Mail.Example>', 'bounce@mail.example'],
    ['bounce@mail.example', 'bounce@mail.example'],
    ['<>', ''],
  ])('Return-Path %s → %s', async (value, expected) => {
    expect((await parseEmail(`Return-Path: ${value}\nSubject: s\n\nb`)).returnPath).toBe(expected);
  });

  test('a group in Reply-To is flattened', async () => {
    const email = await parseEmail('Reply-To: team: A <a@x.example>, b@y.example;\nSubject: s\n\nb');
    expect(email.replyTo.map((mailbox) => mailbox.address)).toEqual(['a@x.example', 'b@y.example']);
  });

  test('no From header → from is null', async () => {
    expect((await parseEmail('Subject: s\n\nb')).from).toBeNull();
  });

  test('bare URLs in plain text become links without text, trailing punctuation trimmed', async () => {
    const email = await parseEmail(
      'Subject: s\n\nSee https://a.example/x. Or (www.B.example/y), or http://user:pw@c.example:8080/z!\n',
    );
    expect(email.links).toEqual([
      { href: 'https://a.example/x', host: 'a.example', text: '' },
      { href: 'www.B.example/y', host: 'www.b.example', text: '' },
      { href: 'http://user:pw@c.example:8080/z', host: 'c.example', text: '' },
    ]);
  });

  test('an HTML-only URL shown as anchor text is not a link of its own', async () => {
    const email = await parseEmail(
      'Content-Type: text/html\n\n<a href="http://198.51.100.7/x">https://www.bank.example/login</a>',
    );
    expect(email.links).toHaveLength(1);
    expect(email.links[0]?.host).toBe('198.51.100.7');
  });

  test('caps text at maxTextChars and links at 200', async () => {
    const body = 'https://spam.example/p '.repeat(10_000);
    const email = await parseEmail(`Subject: s\n\n${body}`, { maxTextChars: 1000 });
    expect(email.text.length).toBe(1000);
    expect(email.truncated).toBe(true);
    const links = await parseEmail(`Subject: s\n\n${Array.from({ length: 500 }, (_, i) => `https://x.example/${i}`).join('\n')}`);
    expect(links.links).toHaveLength(200);
  });
});

describe('parseEmail failure modes', () => {
  test.each([
    ['an empty string', ''],
    ['whitespace', ' \r\n\r\n \t'],
    ['an empty buffer', new Uint8Array(0)],
    ['text with no header and no body', 'just a line of words'],
  ])('throws ParseError for %s', async (_name, input) => {
    await expect(parseEmail(input)).rejects.toBeInstanceOf(ParseError);
  });

  test('MIME nested past the depth limit falls back to text instead of throwing', async () => {
    const depth = 40;
    let message = 'Content-Type: text/plain\n\ninnermost words\n';
    for (let i = 0; i < depth; i++) {
      message = `Content-Type: multipart/mixed; boundary="b${i}"\n\n--b${i}\n${message}--b${i}--\n`;
    }
    const email = await parseEmail(`Subject: deep\n${message}`, { maxNestingDepth: 8 });
    expect(email.subject).toBe('deep');
    expect(email.text).toContain('innermost words');
  });

  test('a body without a header block is still read', async () => {
    const email = await parseEmail('\nonly a body\n');
    expect(email.text).toContain('only a body');
  });
});

describe('parseEmail on pathological mail', () => {
  test('a 20 MB attachment is cut at maxBytes in bounded time', async () => {
    const base64 = 'QUFB'.repeat(19).concat('\r\n').repeat(20 * 1024 * 1024 / 78);
    const raw =
      'Subject: big\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n' +
      `--b\r\nContent-Type: application/octet-stream; name="big.bin"\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64}--b--\r\n`;
    const started = performance.now();
    const email = await parseEmail(raw);
    expect(performance.now() - started).toBeLessThan(5000); // a bound against quadratic work, loose enough for a loaded CI machine
    expect(email.truncated).toBe(true);
    expect(email.rawSize).toBe(raw.length);
    expect(email.text).toContain('see attached');
    expect(email.attachments[0]?.size).toBeLessThan(512 * 1024);
  });

  test('20,000 repeated headers parse in bounded time', async () => {
    const raw = 'Received: from a.example by b.example; Mon, 1 Jan 2024 00:00:00 +0000\n'.repeat(20_000) + 'Subject: s\n\nbody\n';
    const started = performance.now();
    const email = await parseEmail(raw);
    expect(performance.now() - started).toBeLessThan(5000); // a bound against quadratic work, loose enough for a loaded CI machine
    expect(email.headers.length).toBeLessThanOrEqual(500);
    expect(email.text).toBe('body\n');
    expect(email.truncated).toBe(true);
  });

  test('a 20 MB HTML body of nested divs parses in bounded time', async () => {
    const raw = `Content-Type: text/html\n\n${'<div style="display:none">'.repeat(800_000)}`;
    const started = performance.now();
    await parseEmail(raw);
    expect(performance.now() - started).toBeLessThan(5000); // a bound against quadratic work, loose enough for a loaded CI machine
  });
});

describe('linkHost', () => {
  test.each([
    ['https://Example.COM/path', 'example.com'],
    ['http://user:pass@evil.example:8080/x', 'evil.example'],
    ['https://paypal.com@evil.example/', 'evil.example'],
    ['http://[2001:db8::1]:80/', '[2001:db8::1]'],
    ['HTTPS://www.example.com./', 'www.example.com'],
    ['http:\\\\evil.example\\path', 'evil.example'],
    ['https:/one-slash.example/x', 'one-slash.example'],
    ['//protocol-relative.example/x', 'protocol-relative.example'],
    ['http://%70aypal.example/', 'paypal.example'],
    ['https://xn--pypal-4ve.com/', 'xn--pypal-4ve.com'],
    ['https://bücher.example/', 'bücher.example'],
    ['https://a.example?q=1', 'a.example'],
    ['mailto:a@b.example', ''],
    ['javascript:alert(1)', ''],
    ['cid:image001.png', ''],
    ['/relative/path', ''],
    ['', ''],
  ])('%s → %s', (href, host) => {
    expect(linkHost(href)).toBe(host);
  });
});

describe('parseEmail body choice', () => {
  const alternative = (plain: string): string =>
    'Subject: s\nContent-Type: multipart/alternative; boundary="b"\n\n' +
    `--b\nContent-Type: text/plain\n\n${plain}\n--b\nContent-Type: text/html\n\n<p>from <b>html</b></p>\n--b--\n`;

  test.each([
    ['real plain text wins over HTML', 'from plain', 'from plain'],
    ['a blank plain part gives way to HTML', '  \n \t\n', 'from html'],
  ])('%s', async (_name, plain, expected) => {
    const email = await parseEmail(alternative(plain));
    expect(email.hasPlainBody).toBe(true);
    expect(email.hasHtmlBody).toBe(true);
    expect(email.text.trim()).toBe(expected);
  });
});

describe('parseEmail mistyped bodies', () => {
  test.each([
    ['a Content-Type without its semicolon', 'text/html charset=utf-8', 'Hello there', true],
    ['a Content-Type without a subtype', 'text; charset=utf-8', '<p>Hello there</p>', false],
  ])('reads the body of %s', async (_name, type, expected, hasHtmlBody) => {
    const email = await parseEmail(`Subject: s\nContent-Type: ${type}\n\n<p>Hello there</p>\n`);
    expect(email.text.trim()).toBe(expected);
    expect(email.hasHtmlBody).toBe(hasHtmlBody);
    expect(email.attachments).toEqual([]);
  });

  test('a named text attachment stays an attachment', async () => {
    const email = await parseEmail(
      'Subject: s\nContent-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/csv; name="a.csv"\n\na,b\n--b--\n',
    );
    expect(email.text).toBe('');
    expect(email.attachments.map((attachment) => attachment.filename)).toEqual(['a.csv']);
  });
});

describe('parseEmail on large attachments', () => {
  test('an attachment after a 1.5 MB one is still listed, and the text still read', async () => {
    const base64 = 'QUFB'.repeat(19).concat('\n').repeat(20_000);
    const raw = [
      'From: a@b.example', 'Subject: invoice', 'Content-Type: multipart/mixed; boundary="b"', '',
      '--b', 'Content-Type: text/plain', '', 'Please find the invoice attached.',
      '--b', 'Content-Type: application/pdf; name="invoice.pdf"', 'Content-Transfer-Encoding: base64', '', base64,
      '--b', 'Content-Type: application/x-msdownload; name="invoice.pdf.exe"', 'Content-Transfer-Encoding: base64', '', 'TVo=',
      '--b--', '',
    ].join('\n');
    const email = await parseEmail(raw);
    expect(email.text).toContain('Please find the invoice attached.');
    expect(email.attachments.map((a) => a.filename)).toEqual(['invoice.pdf', 'invoice.pdf.exe']);
    expect(email.truncated).toBe(true);
  });
});
