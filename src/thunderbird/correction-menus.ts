import type { Label } from '../core/index.ts';
import { t } from './i18n.ts';

/** The ids are the e2e harness's protocol (it clicks them through Marionette): never rename them. */
export const MENU_PARENT = 'tagwise-correct';
export const MENU_ITEMS: Readonly<Record<string, Label>> = {
  'tagwise-correct-safe': 'SAFE',
  'tagwise-correct-spam': 'SPAM',
  'tagwise-correct-threat': 'THREAT',
};
const TITLES: Record<Label, string> = { SAFE: 'menuSafe', SPAM: 'menuSpam', THREAT: 'menuThreat' };

export function labelOfMenuItem(id: string | number): Label | undefined {
  return MENU_ITEMS[String(id)];
}

/**
 * The Tagwise submenu of the message list. MV3 menus persist, so this runs from onInstalled and
 * onStartup only; removeAll first makes a second run harmless instead of a duplicate-id error.
 */
export async function createCorrectionMenus(): Promise<void> {
  await messenger.menus.removeAll();
  messenger.menus.create({ id: MENU_PARENT, title: t('menuParent'), contexts: ['message_list'] });
  for (const [id, label] of Object.entries(MENU_ITEMS)) {
    messenger.menus.create({ id, parentId: MENU_PARENT, title: t(TITLES[label]), contexts: ['message_list'] });
  }
}
