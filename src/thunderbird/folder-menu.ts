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
  type Folder = { id?: string; isRoot?: boolean };
  const data = info as { selectedFolders?: Folder[]; selectedFolder?: Folder };
  const folder = data.selectedFolders?.[0] ?? data.selectedFolder;
  return folder && !folder.isRoot ? folder.id : undefined;
}
