import type { MessageFacts } from './message-facts.ts';
import {
  brandIn, domainOfAddress, hostOwnedBy, isIpLiteral, isOpenHosting, isPrivateIp, isPunycode, isShortener, registeredDomain,
} from './domains.ts';
import { CONVERSATION, CREDENTIAL, EXTORTION, MARKETING, MONEY, URGENCY, countMatches } from './wording.ts';

/**
 * Named signals: features with fixed input slots and readable names, the stuff explanations are
 * made of. Each is a number in [0, 1]. Only evidence a user's own mail carries: never recipients,
 * Delivered-To / X-Original-To, Received hops, other filters' verdicts or mailer names
 * (see the corpus README, "Artifacts").
 */
export interface Signal {
  name: string;
  compute(facts: MessageFacts): number;
}

const bool = (value: boolean): number => (value ? 1 : 0);
/** A count squashed into [0, 1): 0 → 0, `half` → 0.5. */
const squash = (count: number, half: number): number => count / (count + half);
const share = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);

function authResult(facts: MessageFacts, method: 'spf' | 'dkim' | 'dmarc'): string {
  const pattern = new RegExp(`\\b${method}=(\\w+)`, 'i');
  for (const value of facts.header('authentication-results')) {
    const match = pattern.exec(value);
    if (match) return (match[1] as string).toLowerCase();
  }
  if (method === 'spf') {
    const received = facts.header('received-spf')[0];
    if (received) return (/^\s*(\w+)/.exec(received)?.[1] ?? '').toLowerCase();
  }
  return '';
}

function dkimSigningDomains(facts: MessageFacts): string[] {
  return facts.header('dkim-signature').map((value) => (/\bd=([^;\s]+)/i.exec(value)?.[1] ?? '').toLowerCase());
}

/** List mail by the headers list managers have written, old (Mailing-List, X-BeenThere, Precedence) and new (List-Id). */
function isListMail(facts: MessageFacts): boolean {
  return ['list-id', 'list-post', 'mailing-list', 'x-mailing-list', 'x-beenthere'].some((key) => facts.header(key).length > 0) ||
    facts.header('precedence').some((value) => /^\s*list\b/i.test(value));
}

function speaksForSender(facts: MessageFacts, host: string): boolean {
  return facts.senderDomains.has(registeredDomain(host));
}

function offSenderLinkShare(facts: MessageFacts): number {
  if (facts.linkHosts.length === 0 || facts.fromRegistered === '') return 0;
  const off = facts.linkHosts.filter((host) => !speaksForSender(facts, host)).length;
  return share(off, facts.linkHosts.length);
}

/** Anchor text that shows a host or URL other than the one the link goes to. */
function deceptiveLinks(facts: MessageFacts): number {
  let count = 0;
  for (const link of facts.email.links) {
    const shown = /(?:https?:\/\/)?((?:[a-z0-9-]+\.)+[a-z]{2,})(?:[/\s]|$)/i.exec(link.text.trim());
    if (!shown || link.host === '') continue;
    if (registeredDomain((shown[1] as string).toLowerCase()) !== registeredDomain(link.host)) count++;
  }
  return count;
}

const DANGEROUS_EXTENSIONS = /\.(exe|scr|com|pif|bat|cmd|vbs|vbe|js|jse|wsf|wsh|hta|msi|jar|ps1|lnk|iso|img|vhd|cab|reg|cpl|dll|apk|xll)$/i;
const ARCHIVE_EXTENSIONS = /\.(zip|rar|7z|gz|tgz|tar|ace|arj|z|bz2|xz|r\d\d)$/i;
const MACRO_EXTENSIONS = /\.(docm|xlsm|pptm|dotm|xlam|xls|doc)$/i;
const HTML_EXTENSIONS = /\.(html?|shtml|svg|xhtml|mht)$/i;
const DOUBLE_EXTENSION = /\.(pdf|docx?|xlsx?|jpe?g|png|txt|invoice)\.\w{2,4}$/i;

function attachmentsMatching(facts: MessageFacts, pattern: RegExp): number {
  return facts.email.attachments.filter((a) => pattern.test(a.filename.trim())).length;
}

function quotedLineShare(text: string): number {
  const head = text.slice(0, 20_000);
  const lines = (head.match(/^[ \t]*\S/gm) ?? []).length;
  return share((head.match(/^>/gm) ?? []).length, lines);
}

/** Share of capitals among the ASCII letters of the first 5,000 characters. */
function upperShare(text: string): number {
  let letters = 0;
  let upper = 0;
  for (let i = 0, end = Math.min(text.length, 5_000); i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      upper++;
      letters++;
    } else if (c >= 97 && c <= 122) letters++;
  }
  return share(upper, letters);
}

/**
 * Signals whose evidence the training corpus cannot teach: its Authentication-Results headers were
 * written by the collectors (the list archive, the honeypot's mailbox), not by a user's provider, so
 * they say where a message was collected. Batch training leaves their weights at zero; the user's
 * corrections, on mail that their own provider authenticated, can still teach them.
 */
export const UNTRAINED_SIGNALS: ReadonlySet<string> = new Set([
  'SPF passed', 'SPF failed', 'DKIM passed', 'DKIM failed', 'DMARC passed', 'DMARC failed',
]);

export const SIGNALS: readonly Signal[] = [
  // Authentication, as the receiving side recorded it, and the sender's own DKIM signature.
  { name: 'SPF passed', compute: (f) => bool(authResult(f, 'spf') === 'pass') },
  { name: 'SPF failed', compute: (f) => bool(['fail', 'softfail'].includes(authResult(f, 'spf'))) },
  { name: 'DKIM passed', compute: (f) => bool(authResult(f, 'dkim') === 'pass') },
  { name: 'DKIM failed', compute: (f) => bool(authResult(f, 'dkim') === 'fail') },
  { name: 'DMARC passed', compute: (f) => bool(authResult(f, 'dmarc') === 'pass') },
  { name: 'DMARC failed', compute: (f) => bool(authResult(f, 'dmarc') === 'fail') },
  { name: 'DKIM signed by the sender\'s domain', compute: (f) => bool(f.fromRegistered !== '' && dkimSigningDomains(f).some((d) => registeredDomain(d) === f.fromRegistered)) },

  // Sender identity.
  { name: 'no From address', compute: (f) => bool(f.fromDomain === '') },
  // A list's Reply-To names the list or, after DMARC rewriting of From, the author: not a mismatch.
  { name: 'Reply-To domain differs from From', compute: (f) => bool(!isListMail(f) && f.email.replyTo.some((m) => m.address !== '' && !speaksForSender(f, domainOfAddress(m.address)))) },
  { name: 'Return-Path domain differs from From', compute: (f) => bool(f.email.returnPath.includes('@') && !speaksForSender(f, domainOfAddress(f.email.returnPath))) },
  { name: 'display name names a brand the sender domain is not', compute: (f) => {
    const brand = brandIn(f.email.from?.name ?? '');
    return bool(brand !== undefined && !hostOwnedBy(f.fromDomain, brand.domains));
  } },
  { name: 'display name holds an email address', compute: (f) => bool(/@[\w-]+\.\w/.test(f.email.from?.name ?? '')) },
  { name: 'subject names a brand the sender domain is not', compute: (f) => {
    const brand = brandIn(f.subject);
    return bool(brand !== undefined && !hostOwnedBy(f.fromDomain, brand.domains));
  } },
  { name: 'sender domain has digits or many hyphens', compute: (f) => bool(/\d{3,}|-.*-/.test(f.fromRegistered.split('.')[0] ?? '')) },

  // Conversation and lists.
  { name: 'reply to an earlier message', compute: (f) => bool(f.header('in-reply-to').length > 0 || f.header('references').length > 0) },
  { name: 'subject starts with Re: or Fwd:', compute: (f) => bool(/^\s*(re|aw|sv|fw|fwd|wg|tr|rv)\s*(\[\d+\])?:/i.test(f.subject)) },
  { name: 'quoted text', compute: (f) => quotedLineShare(f.email.text) },
  { name: 'quotes an earlier message ("... wrote:")', compute: (f) => bool(/\b(wrote|schrieb|a écrit|escribió|ha scritto|escreveu|schreef):\s*$/im.test(f.email.text.slice(0, 20_000))) },
  { name: 'conversational wording', compute: (f) => squash(countMatches(CONVERSATION, f.lowerText), 3) },
  { name: 'mailing list headers', compute: (f) => bool(isListMail(f)) },
  { name: 'unsubscribe header', compute: (f) => bool(f.header('list-unsubscribe').length > 0) },

  // Links.
  // No plain "has links" or link count: in the corpus they tell the list archive (few links) from the
  // honeypot (always links), not ham from junk. Where links go is the evidence.
  { name: 'links leave the sender\'s domain', compute: offSenderLinkShare },
  { name: 'link text shows another host than its target', compute: (f) => squash(deceptiveLinks(f), 1) },
  { name: 'link to a public IP address', compute: (f) => bool(f.linkHosts.some((h) => isIpLiteral(h) && !isPrivateIp(h))) },
  { name: 'link to a punycode or non-ASCII host', compute: (f) => bool(f.linkHosts.some(isPunycode)) },
  { name: 'link through a URL shortener', compute: (f) => bool(f.linkHosts.some(isShortener)) },
  { name: 'link to free hosting or a form service', compute: (f) => bool(f.linkHosts.some(isOpenHosting)) },
  { name: 'link with a login or verify path', compute: (f) => bool(f.email.links.some((l) => /(login|log-in|signin|sign-in|verify|verification|secure|account|update|confirm|wallet|webscr|auth)/i.test(l.href.replace(/^https?:\/\/[^/]+/i, '')))) },
  { name: 'link naming a brand on a host the brand does not own', compute: (f) => bool(f.email.links.some((l) => {
    const brand = brandIn(`${l.host} ${l.text}`);
    return l.host !== '' && brand !== undefined && brand.domains.length > 0 && !hostOwnedBy(l.host, brand.domains);
  })) },
  { name: 'link with an @ or odd port', compute: (f) => bool(f.email.links.some((l) => /^https?:\/\/[^/]*(@|:\d+)/i.test(l.href))) },
  { name: 'many distinct link domains', compute: (f) => squash(new Set(f.linkHosts.map(registeredDomain)).size, 4) },

  // Attachments.
  { name: 'has attachments', compute: (f) => bool(f.email.attachments.length > 0) },
  { name: 'executable or script attachment', compute: (f) => bool(attachmentsMatching(f, DANGEROUS_EXTENSIONS) > 0) },
  { name: 'archive attachment', compute: (f) => bool(attachmentsMatching(f, ARCHIVE_EXTENSIONS) > 0) },
  { name: 'macro-capable office attachment', compute: (f) => bool(attachmentsMatching(f, MACRO_EXTENSIONS) > 0) },
  { name: 'HTML or SVG attachment', compute: (f) => bool(attachmentsMatching(f, HTML_EXTENSIONS) > 0) },
  { name: 'attachment with a double extension', compute: (f) => bool(attachmentsMatching(f, DOUBLE_EXTENSION) > 0) },
  { name: 'PDF attachment', compute: (f) => bool(f.email.attachments.some((a) => /\.pdf$/i.test(a.filename) || a.mimeType === 'application/pdf')) },

  // Wording.
  { name: 'asks for credentials or account details', compute: (f) => squash(countMatches(CREDENTIAL, f.lowerText), 1) },
  { name: 'urgent or threatening wording', compute: (f) => squash(countMatches(URGENCY, f.lowerText), 1) },
  { name: 'money, prize or payment wording', compute: (f) => squash(countMatches(MONEY, f.lowerText), 2) },
  { name: 'extortion wording', compute: (f) => squash(countMatches(EXTORTION, f.lowerText), 1) },
  { name: 'marketing wording', compute: (f) => squash(countMatches(MARKETING, f.lowerText), 2) },
  // Words of five letters or more: technical subjects are full of short acronyms (UHD, FPGA, B210).
  { name: 'subject in capitals', compute: (f) => {
    const long = f.subject.match(/[A-Za-z]{5,}/g) ?? [];
    return bool(long.length >= 2 && long.filter((w) => w === w.toUpperCase()).length / long.length > 0.6);
  } },
  { name: 'subject with ! or $', compute: (f) => bool(/[!$€£]/.test(f.subject)) },
  { name: 'text in capitals', compute: (f) => upperShare(f.email.text) },
  { name: 'many exclamation marks', compute: (f) => squash((f.email.text.slice(0, 20_000).match(/!/g) ?? []).length, 5) },

  // Body shape.
  { name: 'HTML only, no plain text part', compute: (f) => bool(f.email.hasHtmlBody && !f.email.hasPlainBody) },
  { name: 'plain text only', compute: (f) => bool(f.email.hasPlainBody && !f.email.hasHtmlBody) },
  { name: 'mostly images, little text', compute: (f) => bool(f.email.html.images > 0 && f.email.text.trim().length < 200) },
  { name: 'many images', compute: (f) => squash(f.email.html.images, 5) },
  { name: 'hidden text in HTML', compute: (f) => share(f.email.html.hiddenChars, f.email.html.hiddenChars + f.email.html.visibleChars + 1) },
  { name: 'form in the message', compute: (f) => bool(f.email.html.forms > 0) },
  { name: 'short text', compute: (f) => bool(f.email.text.trim().length < 300) },
  { name: 'long text', compute: (f) => squash(f.email.text.length, 3000) },
  { name: 'empty subject', compute: (f) => bool(f.subject === '') },
];
