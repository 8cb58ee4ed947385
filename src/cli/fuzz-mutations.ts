import { seededRandom, type Random } from '../core/random.ts';

/**
 * Ways to spoil a real-looking message, as plain data: the unit test draws them with fast-check (and
 * shrinks a failure to the smallest list), the `fuzz` command draws them from a seeded generator.
 * Positions are fractions of the current length, so one mutation means the same on any seed mail.
 */
export type Mutation =
  | { op: 'truncate'; at: number }
  | { op: 'flip'; at: number; count: number; seed: number }
  | { op: 'insert'; at: number; length: number; seed: number }
  | { op: 'break-boundary'; variant: number }
  | { op: 'repeat-header'; count: number; header: number }
  | { op: 'big-body'; megabytes: number; kind: number }
  | { op: 'nest'; depth: number }
  | { op: 'charset'; name: string }
  | { op: 'random'; length: number; seed: number }
  | { op: 'html-bomb'; kind: number; size: number }
  | { op: 'encoded-words'; count: number; kind: number };

export const CHARSETS = ['x-unknown-charset', 'utf-7', 'utf-16', 'utf-16le', 'utf-32', 'iso-2022-jp', 'gb18030', 'koi8-r', '"', '', 'utf-8"; x="', '\u0000', 'windows-1252\u0007', 'a'.repeat(300)];

const HEADERS = [
  'Received: from relay.example.net (relay.example.net [192.0.2.1]) by mx.example.org',
  'X-Spam: yes',
  'To: a@example.org',
  'Subject: =?utf-8?B?8J+SsA==?= repeated',
  'Content-Type: multipart/mixed; boundary="x"',
  'From: "Paypal, Service" <a@b>, <c@d>, ',
  '\t folded continuation',
  'Authentication-Results: mx; spf=pass; dkim=fail',
];

const latin1 = new TextDecoder('latin1');
const encoder = new TextEncoder();

const text = (bytes: Uint8Array): string => latin1.decode(bytes);

function bytesOf(binary: string): Uint8Array {
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i) & 0xff;
  return out;
}

function concat(...parts: (Uint8Array | string)[]): Uint8Array {
  const arrays = parts.map((p) => (typeof p === 'string' ? encoder.encode(p) : p));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let w = 0;
  for (const a of arrays) {
    out.set(a, w);
    w += a.length;
  }
  return out;
}

function randomBytes(length: number, random: Random): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = Math.floor(random() * 256);
  return out;
}

const position = (bytes: Uint8Array, at: number): number => Math.min(bytes.length, Math.floor(at * bytes.length));

/** Where the header block ends (index of the blank line), or the message's end. */
function headerEnd(bytes: Uint8Array): number {
  const s = text(bytes);
  const i = s.search(/\r?\n\r?\n/);
  return i < 0 ? s.length : i;
}

function bigBody(megabytes: number, kind: number): Uint8Array {
  const size = Math.floor(megabytes * 1024 * 1024);
  switch (kind % 4) {
    case 0: {
      // One line with no line break at all.
      return new Uint8Array(size).fill(0x41);
    }
    case 1: {
      const line = 'QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB\n';
      const part = encoder.encode(line.repeat(Math.ceil(size / line.length)));
      return concat('Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\nhello\n--b\nContent-Type: application/octet-stream; name="big.exe"\nContent-Transfer-Encoding: base64\n\n', part, '--b--\n');
    }
    case 2: {
      const line = 'win win win http://example.com/a?b=c casino www.x.y \n';
      return concat('Content-Type: text/plain\n\n', encoder.encode(line.repeat(Math.ceil(size / line.length))));
    }
    default: {
      const chunk = '<a href="http://x.example/p">paypal.com</a><img src=x><div style="display:none">hidden</div>';
      return concat('Content-Type: text/html\n\n', encoder.encode(chunk.repeat(Math.ceil(size / chunk.length))));
    }
  }
}

function htmlBomb(kind: number, size: number): string {
  switch (kind % 6) {
    case 0:
      return '<div>'.repeat(size) + 'x';
    case 1:
      return `<a href="${'h'.repeat(size)}">`;
    case 2:
      return `<!-- ${'-'.repeat(size)}`;
    case 3:
      return '&#99999999;&#x110000;&amp;&notanentity;&'.repeat(Math.ceil(size / 40));
    case 4:
      return `<span style="${'font-size:0;'.repeat(Math.ceil(size / 12))}">x</span>`;
    default:
      return '<a href=http://a.b>'.repeat(Math.ceil(size / 19));
  }
}

function encodedWords(count: number, kind: number): string {
  const word = ['=?utf-8?B?8J+SsPCfkrA=?=', '=?x-unknown?Q?=FF=FE?=', '=?utf-8?B?!!!?=', '=?iso-8859-1?Q?a=?=', '=??B??=', '=?utf-8*en?q?x?='][kind % 6] as string;
  return Array.from({ length: count }, () => word).join(' ');
}

export function applyMutation(bytes: Uint8Array, m: Mutation): Uint8Array {
  switch (m.op) {
    case 'truncate':
      return bytes.subarray(0, position(bytes, m.at));
    case 'flip': {
      const out = bytes.slice();
      const random = seededRandom(m.seed);
      const at = position(out, m.at);
      for (let n = 0; n < m.count && out.length > 0; n++) {
        const i = Math.min(out.length - 1, at + Math.floor(random() * 64));
        out[i] = (out[i] as number) ^ (1 << Math.floor(random() * 8));
      }
      return out;
    }
    case 'insert': {
      const at = position(bytes, m.at);
      return concat(bytes.subarray(0, at), randomBytes(m.length, seededRandom(m.seed)), bytes.subarray(at));
    }
    case 'break-boundary': {
      const s = text(bytes);
      const found = /boundary="?([^";\r\n]+)"?/i.exec(s);
      if (!found?.[1]) return bytes;
      const b = found[1];
      const broken = [
        () => s.split(`--${b}--`).join(''), // no closing boundary
        () => s.split(`--${b}`).join(`--${b}x`), // parts that never match the declared boundary
        () => s.replace(found[0], 'boundary=""'), // an empty boundary
        () => s.split(`\n--${b}`).join(`\n--${b}\n--${b}`), // empty parts
      ][m.variant % 4] as () => string;
      return bytesOf(broken());
    }
    case 'repeat-header': {
      const at = Math.min(headerEnd(bytes), bytes.length);
      const line = `${HEADERS[m.header % HEADERS.length] as string}\n`;
      return concat(bytes.subarray(0, at === 0 ? 0 : at + 1), line.repeat(m.count), bytes.subarray(at === 0 ? 0 : at + 1));
    }
    case 'big-body': {
      const at = headerEnd(bytes);
      const kept = text(bytes.subarray(0, at)).replace(/^content-(type|transfer-encoding):.*(\r?\n[ \t].*)*\r?\n?/gim, '');
      return concat(kept.endsWith('\n') ? kept : `${kept}\n`, 'MIME-Version: 1.0\n', bigBody(m.megabytes, m.kind));
    }
    case 'nest': {
      const head = text(bytes.subarray(0, headerEnd(bytes))).replace(/^content-type:.*(\r?\n[ \t].*)*/gim, 'X-Was: type');
      let body = 'Content-Type: text/plain\n\ninnermost\n';
      for (let d = m.depth; d > 0; d--) body = `Content-Type: multipart/mixed; boundary="n${d}"\n\n--n${d}\n${body}--n${d}--\n`;
      return bytesOf(`${head}\nMIME-Version: 1.0\n${body}`);
    }
    case 'charset': {
      const s = text(bytes);
      const replaced = s.replace(/charset="?[^";\s]*"?/gi, `charset="${m.name}"`).replace(/=\?[^?]*\?/g, `=?${m.name}?`);
      return bytesOf(replaced);
    }
    case 'random':
      return randomBytes(m.length, seededRandom(m.seed));
    case 'html-bomb': {
      const at = headerEnd(bytes);
      const head = text(bytes.subarray(0, at)).replace(/^content-(type|transfer-encoding):.*(\r?\n[ \t].*)*/gim, 'X-Was: type');
      return bytesOf(`${head}\nContent-Type: text/html; charset=utf-8\n\n<html><body>${htmlBomb(m.kind, m.size)}</body></html>\n`);
    }
    case 'encoded-words': {
      const at = Math.min(headerEnd(bytes), bytes.length);
      const header = `Subject: ${encodedWords(m.count, m.kind)}\nFrom: ${encodedWords(Math.min(m.count, 500), m.kind + 1)} <a@b.c>\n`;
      return concat(header, bytes.subarray(0, at), bytes.subarray(at));
    }
  }
}

export function applyMutations(seed: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  return mutations.reduce(applyMutation, seed);
}

/** A random list of mutations for the `fuzz` command (the unit test draws its own with fast-check). */
export function randomMutations(random: Random, maxBigMegabytes = 20): Mutation[] {
  const int = (max: number): number => Math.floor(random() * max);
  const makers: (() => Mutation)[] = [
        (): Mutation => ({ op: 'truncate', at: random() }),
        (): Mutation => ({ op: 'flip', at: random(), count: 1 + int(50), seed: int(2 ** 31) }),
        (): Mutation => ({ op: 'insert', at: random(), length: 1 + int(2000), seed: int(2 ** 31) }),
        (): Mutation => ({ op: 'break-boundary', variant: int(4) }),
        (): Mutation => ({ op: 'repeat-header', count: [1, 100, 1000, 20_000][int(4)] as number, header: int(HEADERS.length) }),
        // Huge bodies are rare: a few per hundred inputs, as in a real mailbox.
        (): Mutation => (random() < 0.2 ? { op: 'big-body', megabytes: random() * maxBigMegabytes, kind: int(4) } : { op: 'truncate', at: 0.5 + random() / 2 }),
        (): Mutation => ({ op: 'nest', depth: [2, 10, 40, 200, 2000][int(5)] as number }),
        (): Mutation => ({ op: 'charset', name: CHARSETS[int(CHARSETS.length)] as string }),
        (): Mutation => ({ op: 'random', length: int(4096), seed: int(2 ** 31) }),
        (): Mutation => ({ op: 'html-bomb', kind: int(6), size: [10, 1000, 100_000, 1_000_000][int(4)] as number }),
        (): Mutation => ({ op: 'encoded-words', count: [1, 50, 5000][int(3)] as number, kind: int(6) }),
  ];
  return Array.from({ length: 1 + int(3) }, () => (makers[int(makers.length)] as () => Mutation)());
}

/** One line describing an input, for the report (no bytes: a big body stays out of the terminal). */
export function describeMutations(seedName: string, mutations: readonly Mutation[]): string {
  return `${seedName} ${mutations.map((m) => JSON.stringify(m).slice(0, 200)).join(' ')}`;
}
