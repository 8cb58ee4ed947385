import { readFileSync } from 'node:fs';

type Header = messenger.messages.MessageHeader;
type Folder = messenger.folders.MailFolder;
type Listener = (...args: never[]) => unknown;

/** An event with addListener, and `fire` for the test to dispatch it. */
export class FakeEvent<L extends Listener = Listener> {
  listeners: L[] = [];
  extra: unknown[] = [];
  addListener(listener: L, ...extra: unknown[]): void {
    this.listeners.push(listener);
    this.extra.push(extra);
  }
  removeListener(listener: L): void {
    this.listeners = this.listeners.filter((l) => l !== listener);
  }
  hasListener(listener: L): boolean {
    return this.listeners.includes(listener);
  }
  fire(...args: Parameters<L>): void {
    for (const listener of this.listeners) listener(...args);
  }
}

type LocaleEntry = { message: string; placeholders?: Record<string, { content: string }> };
const LOCALE = JSON.parse(readFileSync('_locales/en/messages.json', 'utf8')) as Record<string, LocaleEntry>;

/** i18n.getMessage as Thunderbird does it: named placeholders whose content is $1, $2, ... */
function getMessage(name: string, substitutions?: string | string[]): string {
  const entry = LOCALE[name];
  if (!entry) return '';
  const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  return entry.message.replace(/\$(\w+)\$/g, (_, placeholder: string) => {
    const content = entry.placeholders?.[placeholder.toLowerCase()]?.content ?? '';
    return content.replace(/\$(\d)/g, (__, n: string) => subs[Number(n) - 1] ?? '');
  });
}

export const INBOX: Folder = { id: 'account1://INBOX', accountId: 'account1', path: '/INBOX', name: 'Inbox', specialUse: ['inbox'] };
export const JUNK: Folder = { id: 'account1://Junk', accountId: 'account1', path: '/Junk', name: 'Junk', specialUse: ['junk'] };
export const TRASH: Folder = { id: 'account1://Trash', accountId: 'account1', path: '/Trash', name: 'Trash', specialUse: ['trash'] };

/**
 * An in-memory Thunderbird, as much of the MV3 messenger.* API as Tagwise touches: paginated lists,
 * replace-semantics tags filtered to defined tags, per-session ids that change on move, getRaw as File.
 */
export class FakeMessenger {
  pageSize = 2;
  /** folders.query answers [] this many times first (a fresh profile, REPORT.md §4). */
  emptyFolderQueries = 0;
  folders: Folder[] = [INBOX, JUNK, TRASH];
  private messages = new Map<number, { header: Header; raw: string }>();
  private nextId = 1;
  private pages = new Map<string, Header[][]>();
  private nextPage = 1;
  tagList: messenger.messages.tags.MessageTag[] = [
    { key: '$label1', tag: 'Important', color: '#FF0000', ordinal: '' },
  ];
  updates: Array<{ id: number; properties: messenger.messages.MessageProperties }> = [];
  menuItems: Array<Record<string, unknown>> = [];
  alarmList = new Map<string, { name: string; scheduledTime: number; periodInMinutes?: number }>();
  /** Throws on the next update of these message ids (once each). */
  failNextUpdate = new Set<number>();
  getRawCalls = 0;
  /** The next this-many getRaw calls fail, like Thunderbird's during a fresh profile's first sync. */
  failGetRaw = 0;

  onNewMailReceived = new FakeEvent<(folder: Folder, list: messenger.messages.MessageList) => void>();
  onUpdated = new FakeEvent<(message: Header, changed: messenger.messages.MessageProperties) => void>();
  onMoved = new FakeEvent<(original: messenger.messages.MessageList, moved: messenger.messages.MessageList) => void>();
  onClicked = new FakeEvent<(info: Partial<messenger.menus.OnClickData>) => void>();
  onAlarm = new FakeEvent<(alarm: { name: string }) => void>();
  onInstalled = new FakeEvent<(details: unknown) => void>();
  onStartup = new FakeEvent<() => void>();
  onMessage = new FakeEvent<(message: unknown) => unknown>();
  /** storage.local */
  stored = new Map<string, unknown>();
  accountList = [{ id: 'account1', name: 'Sam at example.test', type: 'imap' }];

  /** Adds a message to a folder; returns its header. */
  deliver(raw: string, folder: Folder = INBOX, tags: string[] = []): Header {
    const headerMessageId = /^Message-ID:\s*<?([^>\r\n]+)>?/im.exec(raw)?.[1] ?? `generated-${this.nextId}@fake`;
    const subject = /^Subject:\s*(.*)$/im.exec(raw)?.[1] ?? '';
    const header = {
      id: this.nextId++,
      headerMessageId,
      subject,
      author: 'someone@example.test',
      folder,
      tags: this.defined(tags),
      junk: false,
      junkScore: 0,
      date: new Date(),
      external: false,
      flagged: false,
      headersOnly: false,
      new: true,
      read: false,
      recipients: [],
      ccList: [],
      bccList: [],
      size: raw.length,
    } as Header;
    this.messages.set(header.id, { header, raw });
    return { ...header, tags: [...header.tags] };
  }

  header(id: number): Header {
    const entry = this.messages.get(id);
    if (!entry) throw new Error(`no message ${id}`);
    return { ...entry.header, tags: [...entry.header.tags] };
  }

  byHeaderMessageId(headerMessageId: string): Header | undefined {
    for (const { header } of this.messages.values()) if (header.headerMessageId === headerMessageId) return this.header(header.id);
    return undefined;
  }

  /** What another IMAP client (or the user, without onUpdated) does: set the tags directly. */
  setTags(id: number, tags: string[]): void {
    const entry = this.messages.get(id);
    if (entry) entry.header.tags = this.defined(tags);
  }

  list(headers: Header[]): messenger.messages.MessageList {
    const chunks: Header[][] = [];
    for (let i = 0; i < headers.length; i += this.pageSize) chunks.push(headers.slice(i, i + this.pageSize));
    const [first = [], ...rest] = chunks;
    if (rest.length === 0) return { messages: first };
    const id = `page-${this.nextPage++}`;
    this.pages.set(id, rest);
    return { id, messages: first };
  }

  private defined(tags: string[]): string[] {
    return tags.map((t) => t.toLowerCase()).filter((t) => this.tagList.some((tag) => tag.key === t));
  }

  private move(ids: number[], folderId: string): void {
    const folder = this.folders.find((f) => f.id === folderId);
    for (const id of ids) {
      const entry = this.messages.get(id);
      if (!entry || !folder) throw new Error('bad move');
      this.messages.delete(id);
      const moved = { ...entry.header, id: this.nextId++, folder };
      this.messages.set(moved.id, { header: moved, raw: entry.raw });
    }
  }

  /** The object installed as globalThis.messenger. */
  api(): unknown {
    return {
      messages: {
        get: async (id: number) => this.header(id),
        list: async (folderId: string) => this.list([...this.messages.values()].map((e) => e.header).filter((h) => h.folder?.id === folderId).map((h) => this.header(h.id))),
        continueList: async (listId: string) => {
          const rest = this.pages.get(listId);
          if (!rest) throw new Error(`no list ${listId}`);
          const [page = [], ...more] = rest;
          this.pages.delete(listId);
          if (more.length === 0) return { messages: page };
          const id = `page-${this.nextPage++}`;
          this.pages.set(id, more);
          return { id, messages: page };
        },
        query: async ({ headerMessageId }: { headerMessageId: string }) => {
          const found = this.byHeaderMessageId(headerMessageId);
          return { messages: found ? [found] : [] };
        },
        getRaw: async (id: number) => {
          this.getRawCalls++;
          if (this.failGetRaw > 0) {
            this.failGetRaw--;
            throw new Error('An unexpected error occurred');
          }
          const entry = this.messages.get(id);
          if (!entry) throw new Error(`no message ${id}`);
          return new File([`X-Mozilla-Status: 0001\nX-Mozilla-Status2: 00000000\n${entry.raw}`], `message-${id}.eml`, { type: 'message/rfc822' });
        },
        update: async (id: number, properties: messenger.messages.MessageProperties) => {
          if (this.failNextUpdate.delete(id)) throw new Error('NS_ERROR_ILLEGAL_VALUE');
          const entry = this.messages.get(id);
          if (!entry) throw new Error(`no message ${id}`);
          this.updates.push({ id, properties });
          if (properties.tags) entry.header.tags = this.defined(properties.tags);
          if (properties.junk !== undefined) entry.header.junk = properties.junk;
        },
        move: async (ids: number[], folderId: string) => this.move(ids, folderId),
        tags: {
          list: async () => this.tagList.map((t) => ({ ...t })),
          create: async (key: string, tag: string, color: string) => {
            if (this.tagList.some((t) => t.key === key.toLowerCase())) throw new Error(`tag ${key} exists`);
            this.tagList.push({ key: key.toLowerCase(), tag, color: color.toUpperCase(), ordinal: '' });
            return key.toLowerCase();
          },
        },
        onNewMailReceived: this.onNewMailReceived,
        onUpdated: this.onUpdated,
        onMoved: this.onMoved,
      },
      folders: {
        get: async (folderId: string) => {
          const folder = this.folders.find((f) => f.id === folderId);
          if (!folder) throw new Error(`no folder ${folderId}`);
          return folder;
        },
        getFolderInfo: async (folderId: string) => ({
          totalMessageCount: [...this.messages.values()].filter((e) => e.header.folder?.id === folderId).length,
        }),
        query: async ({ specialUse, accountId }: { specialUse?: string[]; accountId?: string } = {}) => {
          if (this.emptyFolderQueries > 0) {
            this.emptyFolderQueries--;
            return [];
          }
          return this.folders.filter(
            (f) => (!specialUse || specialUse.every((u) => f.specialUse?.includes(u as never))) && (!accountId || f.accountId === accountId),
          );
        },
      },
      menus: {
        removeAll: async () => {
          this.menuItems = [];
        },
        create: (item: Record<string, unknown>) => {
          if (this.menuItems.some((m) => m.id === item.id)) throw new Error(`duplicate menu id ${String(item.id)}`);
          this.menuItems.push(item);
        },
        onClicked: this.onClicked,
      },
      alarms: {
        get: async (name: string) => this.alarmList.get(name),
        create: (name: string, info: { periodInMinutes?: number }) => {
          this.alarmList.set(name, { name, scheduledTime: Date.now(), ...info });
        },
        clear: async (name: string) => this.alarmList.delete(name),
        onAlarm: this.onAlarm,
      },
      accounts: { list: async () => this.accountList.map((a) => ({ ...a })) },
      storage: {
        local: {
          get: async (key?: string) => {
            const all = Object.fromEntries([...this.stored].map(([k, v]) => [k, structuredClone(v)]));
            return key === undefined ? all : key in all ? { [key]: all[key] } : {};
          },
          set: async (items: Record<string, unknown>) => {
            for (const [k, v] of Object.entries(items)) this.stored.set(k, structuredClone(v));
          },
          remove: async (key: string) => {
            this.stored.delete(key);
          },
        },
      },
      i18n: { getMessage },
      runtime: {
        getURL: (path: string) => `moz-extension://tagwise/${path}`,
        onInstalled: this.onInstalled,
        onStartup: this.onStartup,
        onMessage: this.onMessage,
      },
    };
  }
}

/** Installs a fresh fake as globalThis.messenger and returns it. */
export function installFakeMessenger(): FakeMessenger {
  const fake = new FakeMessenger();
  (globalThis as unknown as { messenger: unknown }).messenger = fake.api();
  return fake;
}
