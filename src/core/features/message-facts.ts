import type { Email } from '../email.ts';
import { domainOfAddress, registeredDomain } from './domains.ts';
import { subjectWithoutTags } from './subject.ts';

/** Facts about a message computed once and shared by the signals. */
export interface MessageFacts {
  email: Email;
  fromDomain: string;
  fromRegistered: string;
  /**
   * The registered domains that speak for the sender: the From domain and, for list mail, the
   * list's own domains (List-Id, List-Post, ...). A list legitimately rewrites Reply-To and
   * Return-Path and links to its own pages.
   */
  senderDomains: Set<string>;
  /** Lower-cased subject and the first part of the text, the input of the wording signals. */
  lowerText: string;
  /** The subject without list and filter tags (see subjectWithoutTags). */
  subject: string;
  /** Link hosts of http(s) links, lower-cased, in order. */
  linkHosts: string[];
  /** Values of a header, by lower-cased key. */
  header(key: string): string[];
}

const WORDING_PREFIX = 20_000;

export function messageFacts(email: Email): MessageFacts {
  const byKey = new Map<string, string[]>();
  for (const { key, value } of email.headers) {
    const list = byKey.get(key);
    if (list) list.push(value);
    else byKey.set(key, [value]);
  }
  const fromDomain = domainOfAddress(email.from?.address ?? '');
  const subject = subjectWithoutTags(email.subject);
  const senderDomains = new Set([registeredDomain(fromDomain)]);
  for (const key of ['list-id', 'list-post', 'list-help', 'list-archive', 'list-owner', 'mailing-list', 'x-mailing-list', 'x-beenthere', 'sender']) {
    for (const value of byKey.get(key) ?? []) {
      // List-Id: <name.lists.example.org>; List-Post: <mailto:list@example.org>; Sender: list-admin@example.org
      for (const match of value.matchAll(/(?:@|\/\/|<|^)([a-z0-9-]+(?:\.[a-z0-9-]+)+)/gi)) {
        senderDomains.add(registeredDomain((match[1] as string).toLowerCase()));
      }
    }
  }
  senderDomains.delete('');
  return {
    email,
    fromDomain,
    fromRegistered: registeredDomain(fromDomain),
    senderDomains,
    subject,
    lowerText: `${subject}\n${email.text.slice(0, WORDING_PREFIX)}`.toLowerCase(),
    linkHosts: email.links.map((link) => link.host).filter((host) => host !== ''),
    header: (key) => byKey.get(key) ?? [],
  };
}
