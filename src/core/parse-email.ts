import PostalMime, {
  addressParser,
  decodeWords,
  type Address,
  type Attachment as MimeAttachment,
  type Email as MimeEmail,
} from 'postal-mime';
import type { Attachment, Email, HeaderField, HtmlFacts, Link, Mailbox } from './email.ts';
import { ParseError } from './errors.ts';
import { htmlToText, type HtmlText } from './html-to-text.ts';
import { linkHost } from './link-host.ts';
import { normalizeRaw } from './normalize-raw.ts';
import { resolveParseLimits, type ParseLimits } from './parse-limits.ts';
import { readRaw, type RawInput } from './read-raw.ts';

export type { RawInput } from './read-raw.ts';
export type { ParseLimits } from './parse-limits.ts';

// Room past `maxBytes` to read: CRLF input shrinks by up to half, header lines dropped at the
// header cap still have to be scanned to find where the body starts (20,000 Received lines are
// 1.6 MB), and attachments past a big one are still listed. Reading more costs time on every
// huge message (a binary string is copied char by char).
const HEADER_SCAN_BYTES = 1024 * 1024;
const MAX_ATTACHMENTS = 100;
const MAX_FILENAME_CHARS = 256;

// A field name is printable ASCII without ':' (RFC 5322 2.2); a line that is not one is not a header.
const FIELD_NAME = /^[\x21-\x39\x3b-\x7e]+$/;

// Bare URLs in plain text, which mail clients turn into links.
const BARE_URL = /\b(?:https?:\/\/|www\.)[^\s<>"'`{}|\\^[\]]+/gi;

const NO_HTML: HtmlFacts = { images: 0, hiddenChars: 0, forms: 0, visibleChars: 0 };

/** Raw header field as the parser found it: unfolded, not yet decoded. */
interface RawField {
  key: string;
  value: string;
}

/** What a MIME parse (or the fallback) yields before caps and link extraction. */
interface Parts {
  fields: RawField[];
  plain: string | undefined;
  html: string | undefined;
  attachments: Attachment[];
}

/**
 * Raw RFC 822 message → `Email`. Never trusts the input: every part is bounded by `limits`, odd
 * MIME falls back to reading the message as text, and only input that is no email at all (empty,
 * or neither header fields nor a body) throws `ParseError`.
 */
export async function parseEmail(raw: RawInput, limits: Partial<ParseLimits> = {}): Promise<Email> {
  const caps = resolveParseLimits(limits);
  const { bytes, size } = await readRaw(raw, 2 * caps.maxBytes + HEADER_SCAN_BYTES);
  const normalized = normalizeRaw(bytes, caps);
  if (isBlank(normalized.bytes)) throw new ParseError('Not an email: the message is empty.');

  const parts = (await parseMime(normalized.bytes, caps)) ?? parseAsText(normalized.bytes);
  const fields = parts.fields.filter((field) => FIELD_NAME.test(field.key));
  const html = parts.html === undefined ? null : htmlToText(parts.html, { maxChars: caps.maxTextChars, maxLinks: caps.maxLinks });
  const hasPlainBody = parts.plain !== undefined;
  const plain = parts.plain ?? '';
  // A blank text/plain part beside real HTML (image-only mail often has one) says nothing; read the HTML.
  const usePlain = html === null || plain.trim() !== '';
  const text = usePlain ? plain.slice(0, caps.maxTextChars) : html.text;

  if (fields.length === 0 && text.trim() === '' && parts.attachments.length === 0) {
    throw new ParseError('Not an email: no header fields and no body.');
  }

  return {
    headers: fields.slice(0, caps.maxHeaders).map((field) => decodeField(field, caps.maxHeaderValueChars)),
    subject: decodeText(firstValue(fields, 'subject')).slice(0, caps.maxHeaderValueChars),
    from: firstMailbox(fields, 'from'),
    replyTo: allMailboxes(fields, 'reply-to'),
    returnPath: returnPathOf(fields),
    text,
    hasPlainBody,
    hasHtmlBody: html !== null,
    html: html ? { images: html.images, hiddenChars: html.hiddenChars, forms: html.forms, visibleChars: html.visibleChars } : { ...NO_HTML },
    links: collectLinks(html, usePlain ? plain : text, caps.maxLinks),
    attachments: parts.attachments.slice(0, MAX_ATTACHMENTS),
    rawSize: size,
    truncated:
      normalized.truncated || bytes.length < size || (usePlain && plain.length > caps.maxTextChars) || (html?.truncated ?? false),
  };
}

async function parseMime(bytes: Uint8Array, caps: ParseLimits): Promise<Parts | null> {
  let mime: MimeEmail;
  try {
    mime = await PostalMime.parse(bytes, {
      attachmentEncoding: 'arraybuffer',
      maxNestingDepth: caps.maxNestingDepth,
      maxHeadersSize: caps.maxBytes + caps.maxHeaderBytes,
    });
  } catch {
    // Too deep, or a structure postal-mime rejects: read the message as text instead.
    return null;
  }
  const fields: RawField[] = [];
  mime.headers.forEach((header, i) => {
    // postal-mime keeps a line without ':' as a header named after the whole line; drop those.
    if (mime.headerLines[i]?.line.includes(':')) fields.push({ key: header.key, value: header.value });
  });
  let { text: plain, html, attachments } = mime;
  const body = plain === undefined && html === undefined ? attachments.findIndex(isMistypedBody) : -1;
  const bodyPart = attachments[body];
  if (bodyPart) {
    const decoded = decodeBody(bodyPart);
    if (/html/.test(bodyPart.mimeType)) html = decoded;
    else plain = decoded;
    attachments = attachments.filter((_, i) => i !== body);
  }
  return {
    fields,
    plain,
    html,
    attachments: attachments.map((attachment) => ({
      filename: (attachment.filename ?? '').slice(0, MAX_FILENAME_CHARS),
      mimeType: attachment.mimeType,
      size: typeof attachment.content === 'string' ? attachment.content.length : attachment.content.byteLength,
    })),
  };
}

/**
 * A body whose Content-Type lost its ';' (`text/html charset=utf-8`) or its subtype (`text`) is no
 * longer text/plain or text/html to postal-mime, so it lands among the attachments and the message
 * reads as empty. Mail clients still show it; so do we, when the message has no other body.
 */
function isMistypedBody(attachment: MimeAttachment): boolean {
  return (
    !attachment.filename &&
    attachment.disposition !== 'attachment' &&
    /^text(?:\/(?:plain|html))?(?:[\s;,]|$)/.test(attachment.mimeType)
  );
}

function decodeBody(attachment: MimeAttachment): string {
  const label = /charset=["']?([\w.:-]+)/.exec(attachment.mimeType)?.[1] ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  const content = attachment.content;
  return typeof content === 'string' ? content : decoder.decode(content);
}

/** Fallback when the MIME parser gives up: header lines up to the first blank line, the rest as text. */
function parseAsText(bytes: Uint8Array): Parts {
  const message = new TextDecoder('utf-8').decode(bytes);
  const blank = message.indexOf('\n\n');
  const head = blank < 0 ? message : message.slice(0, blank);
  const body = blank < 0 ? '' : message.slice(blank + 2);
  const fields: RawField[] = [];
  for (const line of head.split('\n')) {
    const last = fields[fields.length - 1];
    if ((line.startsWith(' ') || line.startsWith('\t')) && last) {
      last.value += line;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon > 0) fields.push({ key: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1).trim() });
  }
  return { fields, plain: body === '' ? undefined : body, html: undefined, attachments: [] };
}

function decodeField(field: RawField, maxChars: number): HeaderField {
  // Encoded words only shrink when decoded, so cutting first bounds the work without losing text.
  return { key: field.key, value: decodeText(field.value.slice(0, maxChars * 4)).slice(0, maxChars) };
}

function decodeText(value: string): string {
  try {
    return decodeWords(value);
  } catch {
    return value;
  }
}

function firstValue(fields: readonly RawField[], key: string): string {
  return fields.find((field) => field.key === key)?.value ?? '';
}

function parseAddresses(value: string): Address[] {
  try {
    return addressParser(value);
  } catch {
    return [];
  }
}

function toMailboxes(addresses: readonly Address[]): Mailbox[] {
  return addresses.flatMap((address) =>
    address.group ? toMailboxes(address.group) : [{ name: address.name.trim(), address: address.address.trim().toLowerCase() }],
  );
}

/**
 * The sender. Junk often puts unquoted commas in the display name (`PayPal, Service <a@b.c>`),
 * which parses as several mailboxes of which only the last has an address; those parts are one
 * sender, so the address-less names before the first address join its name.
 */
function firstMailbox(fields: readonly RawField[], key: string): Mailbox | null {
  const value = firstValue(fields, key);
  if (value.trim() === '') return null;
  const mailboxes = toMailboxes(parseAddresses(value));
  const withAddress = mailboxes.findIndex((mailbox) => mailbox.address !== '');
  if (withAddress < 0) return mailboxes[0] ?? { name: decodeText(value).trim(), address: '' };
  const names = mailboxes.slice(0, withAddress + 1).map((mailbox) => mailbox.name).filter(Boolean);
  return { name: names.join(', '), address: mailboxes[withAddress]?.address ?? '' };
}

function allMailboxes(fields: readonly RawField[], key: string): Mailbox[] {
  return fields.filter((field) => field.key === key).flatMap((field) => toMailboxes(parseAddresses(field.value)));
}

function returnPathOf(fields: readonly RawField[]): string {
  const value = firstValue(fields, 'return-path');
  return toMailboxes(parseAddresses(value))[0]?.address ?? '';
}

/**
 * Anchors from the HTML first (they carry where a link really goes), then bare URLs from the text.
 * With an HTML-only body the text is the HTML's own, so a URL that is only an anchor's visible text
 * (`paypal.com` shown over a link elsewhere) is not counted as a link of its own.
 */
function collectLinks(html: HtmlText | null, text: string, maxLinks: number): Link[] {
  const links: Link[] = html ? html.links.slice(0, maxLinks) : [];
  const seen = new Set(links.map((link) => link.href));
  const anchorTexts = html && text === html.text ? html.links.map((link) => link.text).filter(Boolean) : [];
  for (const match of text.matchAll(BARE_URL)) {
    if (links.length >= maxLinks) break;
    const href = trimUrlPunctuation(match[0]);
    if (seen.has(href) || anchorTexts.some((anchor) => anchor.includes(href))) continue;
    seen.add(href);
    const host = linkHost(/^www\./i.test(href) ? `http://${href}` : href);
    links.push({ href, host, text: '' });
  }
  return links;
}

/** Sentence punctuation after a URL is not part of it; a ')' is, when the URL opened one. */
function trimUrlPunctuation(url: string): string {
  const opensParen = url.includes('(');
  let end = url.length;
  for (;;) {
    const last = url[end - 1];
    if (last === undefined) break;
    if ('.,;:!?*\'"'.includes(last) || (last === ')' && !opensParen)) end--;
    else break;
  }
  return url.slice(0, end);
}

function isBlank(bytes: Uint8Array): boolean {
  for (const b of bytes) {
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
  }
  return true;
}
