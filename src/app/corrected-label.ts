import type { Label } from '../core/index.ts';

/**
 * What the user's tags say, compared with the stored verdict: the one label of ours on the message
 * that is not the verdict's. No correction when our tags are gone (the user removed a tag, which
 * says nothing about the class) or when two other labels of ours make it ambiguous.
 */
export function correctedLabel(ours: readonly Label[], verdict: Label): Label | undefined {
  const others = [...new Set(ours.filter((label) => label !== verdict))];
  return others.length === 1 ? others[0] : undefined;
}

/** Junk → SPAM (a THREAT stays THREAT: junk is the lesser claim); not junk → SAFE. */
export function labelForJunk(current: Label, junk: boolean): Label {
  if (!junk) return 'SAFE';
  return current === 'THREAT' ? 'THREAT' : 'SPAM';
}
