import { t } from './i18n.ts';

/** The id is the e2e harness's protocol (it clicks it through Marionette): never rename it. */
export const FOLDER_MENU_ITEM = 'tagwise-classify-folder';

/** "Classify with Tagwise" in the folder pane's context menu. Created after removeAll (see correction-menus). */
export function createFolderMenu(): void {
  messenger.menus.create({ id: FOLDER_MENU_ITEM, title: t('menuClassifyFolder'), contexts: ['folder_pane'] });
}

/**
 * The folder a folder-pane click was on: Manifest V3 reports `selectedFolders` (Thunderbird 128+),
 * V2 `selectedFolder`; an account's root row has neither and is not ours to classify.
 */
export function clickedFolderId(info: unknown): string | undefined {
  const data = info as { selectedFolders?: Array<{ id?: string }>; selectedFolder?: { id?: string } };
  return data.selectedFolders?.[0]?.id ?? data.selectedFolder?.id;
}
