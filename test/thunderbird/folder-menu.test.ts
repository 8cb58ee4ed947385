import { expect, test } from 'vitest';
import { clickedFolderId } from '../../src/thunderbird/folder-menu.ts';

test.each([
  ['Manifest V3 selectedFolders', { selectedFolders: [{ id: 'account1://Archive' }] }, 'account1://Archive'],
  ['Manifest V2 selectedFolder', { selectedFolder: { id: 'account1://Archive' } }, 'account1://Archive'],
  ["an account's root row", { selectedFolders: [{ id: 'account1://', isRoot: true }], selectedAccount: { id: 'account1' } }, undefined],
  ['no folder', { menuItemId: 'tagwise-classify-folder' }, undefined],
])('%s', (_, info, folderId) => {
  expect(clickedFolderId(info)).toBe(folderId);
});
