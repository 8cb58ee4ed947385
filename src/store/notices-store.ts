import { openDatabase } from './database.ts';
import { readValid } from './read-valid.ts';
import { RECORD_VERSION, validateNotice, type NoticeRecord } from './records.ts';

/** Something the user should hear about on the options page (a corrupt model replaced, ...). */
export async function addNotice(code: NoticeRecord['code'], message: string): Promise<void> {
  await (await openDatabase()).add('notices', { kind: 'tagwise-notice', version: RECORD_VERSION, time: Date.now(), code, message });
}

export async function readNotices(): Promise<NoticeRecord[]> {
  return readValid('notices', validateNotice);
}

/** The user has read them (the options page's Dismiss). */
export async function clearNotices(): Promise<void> {
  await (await openDatabase()).clear('notices');
}
