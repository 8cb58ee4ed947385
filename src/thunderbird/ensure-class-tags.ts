import { LABELS } from '../core/index.ts';
import { CLASS_TAGS } from './class-tags.ts';
import { t } from './i18n.ts';

/**
 * Creates whichever of our three tags is missing. A message's `tags` only lists keys that are defined
 * tags (Thunderbird 128+ filters them through isValidKey), so this runs before anything reads tags.
 * A tag the user renamed or recoloured is left as the user made it.
 */
export async function ensureClassTags(): Promise<string[]> {
  const existing = new Set((await messenger.messages.tags.list()).map((tag) => tag.key.toLowerCase()));
  const created: string[] = [];
  for (const label of LABELS) {
    const { key, color, message } = CLASS_TAGS[label];
    if (existing.has(key)) continue;
    try {
      await messenger.messages.tags.create(key, t(message), color);
      created.push(key);
    } catch (error) {
      // Two starts racing (onInstalled and a wake-up): the other one created it.
      const now = await messenger.messages.tags.list();
      if (!now.some((tag) => tag.key.toLowerCase() === key)) throw error;
    }
  }
  return created;
}
