// The demo and test mail in test/e2e/mail/. A file's name says what it is:
//   safe-*, spam-*, threat-*          in the mailbox before Thunderbird starts, expected tag in the name
//   new-safe-*, new-spam-*, ...       delivered while Thunderbird runs
//   gray-<topic>-<n>                  mail the user corrects (n = 1) and its near-duplicates (n > 1)
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MAIL_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'mail');

export const LABELS = ['SAFE', 'SPAM', 'THREAT'];
export const tagKeyOf = (label) => `$tagwise_${label.toLowerCase()}`;
export const labelOfTagKey = (key) => key.replace(/^\$tagwise_/, '').toUpperCase();

/** Decodes RFC 2047 encoded-words (=?utf-8?Q?...?= / ?B?) enough for our own fixtures' subjects. */
export function decodeHeader(value) {
  return value.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=\s*/g, (_, charset, encoding, text) => {
    const bytes = encoding.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, h) => String.fromCharCode(parseInt(h, 16))), 'latin1');
    return new TextDecoder(charset).decode(bytes);
  });
}

function header(raw, name) {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const m = head.match(new RegExp(`^${name}:[ \\t]*(.*)$`, 'im'));
  return m ? m[1].trim() : '';
}

/** {name, raw, messageId (no angle brackets), subject, expected: 'SAFE'|'SPAM'|'THREAT'|null} */
export function fixture(name) {
  const raw = readFileSync(join(MAIL_DIR, `${name}.eml`), 'utf8');
  const kind = name.replace(/^new-/, '').split('-')[0].toUpperCase();
  return {
    name,
    raw,
    messageId: header(raw, 'Message-ID').replace(/^<|>$/g, ''),
    subject: decodeHeader(header(raw, 'Subject')),
    expected: LABELS.includes(kind) ? kind : null,
  };
}

export const fixtureNames = () => readdirSync(MAIL_DIR).filter((f) => f.endsWith('.eml')).map((f) => basename(f, '.eml')).sort();
/** Mail that is already in the mailbox when Thunderbird first starts. */
export const existingMail = () => fixtureNames().filter((n) => !n.startsWith('new-') && !/^gray-.*-[2-9]$/.test(n)).map(fixture);
/** Mail that arrives while Thunderbird is running. */
export const newMail = () => fixtureNames().filter((n) => n.startsWith('new-')).map(fixture);
