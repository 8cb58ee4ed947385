type MailFolder = messenger.folders.MailFolder;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function isInbox(folder: MailFolder | undefined): boolean {
  return Boolean(folder?.specialUse?.includes('inbox'));
}

export function isJunk(folder: MailFolder | undefined): boolean {
  return Boolean(folder?.specialUse?.includes('junk'));
}

export function isTrash(folder: MailFolder | undefined): boolean {
  return Boolean(folder?.specialUse?.includes('trash'));
}

/**
 * The Inbox of every account (or of the accounts named). On a fresh profile folders.query returns []
 * for about the first second (Thunderbird 153, thunderbird-probe REPORT.md §4), so an empty answer
 * is retried a few times before it is believed.
 */
export async function findInboxes(accountIds: readonly string[] | null, { retries = 5, delayMs = 400 } = {}): Promise<MailFolder[]> {
  for (let attempt = 0; ; attempt++) {
    const inboxes = await messenger.folders.query({ specialUse: ['inbox'] });
    if (inboxes.length > 0 || attempt >= retries) {
      return accountIds === null ? inboxes : inboxes.filter((folder) => accountIds.includes(folder.accountId ?? ''));
    }
    await sleep(delayMs);
  }
}

/** The account's Junk folder, if it has one. */
export async function findJunkFolder(accountId: string): Promise<MailFolder | undefined> {
  const [junk] = await messenger.folders.query({ accountId, specialUse: ['junk'] });
  return junk;
}
