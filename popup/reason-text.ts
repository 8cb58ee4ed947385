/**
 * A reason as the popup words it: named signals are already readable; hashed tokens carry a prefix
 * saying where the word was found (see messageTokens in src/core/features/tokens.ts), turned here
 * into a localized phrase with the word as its one substitution.
 */
const PREFIXES: ReadonlyArray<[string, string]> = [
  ['s:', 'reasonSubjectWord'],
  ['b:', 'reasonBodyWord'],
  ['n:', 'reasonSenderName'],
  ['fd:', 'reasonSenderDomain'],
  ['ft:', 'reasonSenderTld'],
  ['ht:', 'reasonLinkTld'],
  ['h:', 'reasonLinkDomain'],
  ['x:', 'reasonAttachmentExtension'],
  ['ct:', 'reasonAttachmentType'],
];

export type ReasonText = { key: string; word: string } | { text: string };

export function reasonText(feature: string): ReasonText {
  for (const [prefix, key] of PREFIXES) {
    if (feature.startsWith(prefix) && feature.length > prefix.length) return { key, word: feature.slice(prefix.length) };
  }
  // An overflow bucket has no name of its own: several words share it.
  if (/^#\d+$/.test(feature)) return { key: 'reasonOther', word: feature };
  return { text: feature };
}
