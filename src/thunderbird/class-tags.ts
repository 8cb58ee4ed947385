import type { Label } from '../core/index.ts';

/**
 * Our three tags. The keys are IMAP keywords on the server and the e2e harness's protocol: never
 * rename them. Colours: green, amber, red, told apart by people with red-green colour blindness by
 * their lightness too.
 */
export const CLASS_TAGS: Readonly<Record<Label, { key: string; color: string; message: string }>> = {
  SAFE: { key: '$tagwise_safe', color: '#2E7D32', message: 'tagSafe' },
  SPAM: { key: '$tagwise_spam', color: '#F9A825', message: 'tagSpam' },
  THREAT: { key: '$tagwise_threat', color: '#C62828', message: 'tagThreat' },
};

const LABEL_OF_KEY = new Map<string, Label>(Object.entries(CLASS_TAGS).map(([label, tag]) => [tag.key, label as Label]));

export function classKey(label: Label): string {
  return CLASS_TAGS[label].key;
}

/** The label a tag key stands for, or undefined for anybody else's tag. */
export function labelOfKey(key: string): Label | undefined {
  return LABEL_OF_KEY.get(key.toLowerCase());
}

/** Our labels found on a message's tag list, in the list's order. */
export function classLabels(tags: readonly string[] | undefined): Label[] {
  return (tags ?? []).flatMap((key) => {
    const label = labelOfKey(key);
    return label ? [label] : [];
  });
}

/** The message's tags with exactly one of ours, `label`'s; every tag of the user's kept in order. */
export function withClassTag(tags: readonly string[] | undefined, label: Label): string[] {
  return [...(tags ?? []).filter((key) => labelOfKey(key) === undefined), classKey(label)];
}
