import type { FolderView } from '../messages.ts';

/** A folder by id, with its message count when Thunderbird gives one. */
export async function folderSummary(folderId: string): Promise<{ name: string; total: number | null }> {
  const folder = await messenger.folders.get(folderId);
  let total: number | null = null;
  try {
    const info = (await messenger.folders.getFolderInfo(folderId)) as { totalMessageCount?: number };
    total = typeof info.totalMessageCount === 'number' ? info.totalMessageCount : null;
  } catch {
    // No count (a virtual folder, say): the job shows a count without a bar.
  }
  return { name: folder.name ?? folder.path, total };
}

/** Every folder of every account (for the options page's folder picker), accounts in their order. */
export async function listFolders(): Promise<FolderView[]> {
  const [accounts, folders] = await Promise.all([messenger.accounts.list(false), messenger.folders.query({})]);
  const names = new Map(accounts.map((account) => [account.id, account.name]));
  const order = new Map(accounts.map((account, n) => [account.id, n]));
  return folders
    .filter((folder) => folder.id && folder.accountId && !folder.isRoot)
    .sort((a, b) => (order.get(a.accountId ?? '') ?? 0) - (order.get(b.accountId ?? '') ?? 0) || a.path.localeCompare(b.path))
    .map((folder) => ({ id: folder.id as string, name: folder.name ?? folder.path, accountName: names.get(folder.accountId ?? '') ?? '' }));
}

export async function listAccounts(): Promise<Array<{ id: string; name: string }>> {
  return (await messenger.accounts.list(false)).map((account) => ({ id: account.id, name: account.name }));
}
