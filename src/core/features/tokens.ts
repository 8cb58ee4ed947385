import type { Email } from '../email.ts';
import { domainOfAddress, registeredDomain } from './domains.ts';
import { subjectWithoutTags } from './subject.ts';

/** Words considered per message body; beyond this the text adds time, not evidence. */
const BODY_CHARS = 30_000;
const MAX_TOKEN_LENGTH = 24;

/**
 * Lower-cased words of 2 to 24 letters. Digits become 0 so that numbers, dates and years match by
 * shape, not value (the corpus's years give its sources away). URLs and addresses are dropped here:
 * link hosts and the sender are tokens of their own, and anonymised recipients must not be features.
 */
export function words(text: string): string[] {
  const cleaned = withoutAddresses(text.replace(/\b(?:https?:\/\/|www\.)\S+/gi, ' ')).toLowerCase();
  const out: string[] = [];
  for (const match of cleaned.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu)) {
    let word = match[0];
    if (/['’_-]$/.test(word)) word = word.replace(/['’_-]+$/, '');
    if (/\d/.test(word)) word = word.replace(/\d/g, '0');
    if (word.length >= 2 && word.length <= MAX_TOKEN_LENGTH) out.push(word);
  }
  return out;
}

/** The text with every run of non-space characters that holds an '@' blanked out, in one pass. */
function withoutAddresses(text: string): string {
  let at = text.indexOf('@');
  if (at < 0) return text;
  const parts: string[] = [];
  let kept = 0;
  while (at >= 0) {
    let start = at;
    while (start > kept && !/\s/.test(text[start - 1] as string)) start--;
    let end = at + 1;
    while (end < text.length && !/\s/.test(text[end] as string)) end++;
    parts.push(text.slice(kept, start), ' ');
    kept = end;
    at = text.indexOf('@', end);
  }
  parts.push(text.slice(kept));
  return parts.join('');
}

function topLevelDomain(domain: string): string {
  return domain.slice(domain.lastIndexOf('.') + 1);
}

/**
 * The message's distinct tokens, each with a prefix naming where it was found:
 * `s:` subject word, `b:` body word, `n:` sender display-name word, `fd:` sender domain, `ft:` its
 * top-level domain, `h:` link domain, `ht:` link top-level domain, `x:` attachment extension,
 * `ct:` attachment type.
 */
export function messageTokens(email: Email): Set<string> {
  const tokens = new Set<string>();
  for (const word of words(subjectWithoutTags(email.subject))) tokens.add(`s:${word}`);
  for (const word of words(email.text.slice(0, BODY_CHARS))) tokens.add(`b:${word}`);
  for (const word of words(email.from?.name ?? '')) tokens.add(`n:${word}`);
  const fromDomain = domainOfAddress(email.from?.address ?? '');
  if (fromDomain) {
    tokens.add(`fd:${registeredDomain(fromDomain)}`);
    tokens.add(`ft:${topLevelDomain(fromDomain)}`);
  }
  for (const link of email.links) {
    if (!link.host) continue;
    tokens.add(`h:${registeredDomain(link.host)}`);
    tokens.add(`ht:${topLevelDomain(link.host)}`);
  }
  for (const attachment of email.attachments) {
    const dot = attachment.filename.lastIndexOf('.');
    if (dot >= 0) tokens.add(`x:${attachment.filename.slice(dot + 1).toLowerCase().slice(0, 10)}`);
    tokens.add(`ct:${attachment.mimeType.toLowerCase().slice(0, 60)}`);
  }
  return tokens;
}
