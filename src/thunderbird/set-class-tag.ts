import type { Label } from '../core/index.ts';
import { classLabels, withClassTag } from './class-tags.ts';
import { findMessage } from './find-message.ts';

export type TagWrite = 'written' | 'unchanged' | 'kept-users' | 'gone';

/**
 * Puts our `label` tag on a message and takes any other of ours off, keeping every tag of the user's.
 * `messages.update` replaces the whole list, so the list is read fresh right before the write.
 * With `keepUsers`, a message the user has tagged with one of ours meanwhile keeps the user's choice.
 */
export async function setClassTag(
  id: number | undefined,
  headerMessageId: string,
  label: Label,
  { keepUsers = false }: { keepUsers?: boolean } = {},
): Promise<TagWrite> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const fresh = await findMessage(id, headerMessageId);
    if (!fresh) return 'gone';
    const ours = classLabels(fresh.tags);
    if (keepUsers && ours.length > 0) return 'kept-users';
    if (ours.length === 1 && ours[0] === label) return 'unchanged';
    try {
      await messenger.messages.update(fresh.id, { tags: withClassTag(fresh.tags, label) });
      return 'written';
    } catch (error) {
      // A stale id (see findMessage): look the message up again by Message-ID once.
      if (attempt > 0) throw error;
      id = undefined;
    }
  }
  return 'gone';
}
