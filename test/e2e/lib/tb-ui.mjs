// What a user does in Thunderbird's window, as Marionette chrome-context scripts: pick a message in
// the thread pane of the Inbox, right-click it and choose a menu item, press tag keys. Messages are
// found by their Message-ID header (without angle brackets).

// Shared by the scripts below: shows the Inbox of the default account in the first 3-pane tab and
// returns {about3Pane, view, row} for the message, waiting up to 15 s for it to appear in the view.
const FIND_ROW = `
const { MailServices } = ChromeUtils.importESModule("resource:///modules/MailServices.sys.mjs");
const sleep = (ms) => new Promise((r) => win.setTimeout(r, ms));
const win = Services.wm.getMostRecentWindow("mail:3pane");
async function findRow(messageId) {
  const tabmail = win.document.getElementById("tabmail");
  tabmail.switchToTab(0);
  const about3Pane = tabmail.currentAbout3Pane;
  const inbox = MailServices.accounts.defaultAccount.incomingServer.rootFolder
    .getFolderWithFlags(Ci.nsMsgFolderFlags.Inbox);
  if (about3Pane.gFolder?.URI !== inbox.URI) about3Pane.displayFolder(inbox.URI);
  for (let tries = 0; tries < 75; tries++, await sleep(200)) {
    const view = about3Pane.gDBView;
    if (!view || about3Pane.gFolder?.URI !== inbox.URI) continue;
    view.doCommand(Ci.nsMsgViewCommandType.expandAll);
    for (let row = 0; row < view.rowCount; row++) {
      if (view.getMsgHdrAt(row).messageId === messageId) {
        about3Pane.threadTree.scrollToIndex(row, true);
        about3Pane.threadTree.selectedIndex = row;
        // The tree renders rows lazily: wait for this one to exist before clicking on it.
        for (let i = 0; i < 50 && !about3Pane.threadTree.getRowAtIndex(row); i++) await sleep(100);
        return { about3Pane, view, row, rowElement: about3Pane.threadTree.getRowAtIndex(row) };
      }
    }
  }
  throw new Error("message not in the Inbox view: " + messageId);
}
const EventUtils = {};
Services.scriptloader.loadSubScript("chrome://remote/content/external/EventUtils.js", EventUtils);
`;

/**
 * Tag keys as Thunderbird assigns them: key 1-9 toggles the n-th tag of getAllTags() (sorted by
 * ordinal, then key). Returns [{key, tag, digit}] with digit null past 9.
 */
export const TAG_KEYS = `
const { MailServices } = ChromeUtils.importESModule("resource:///modules/MailServices.sys.mjs");
return MailServices.tags.getAllTags().map((t, i) => ({ key: t.key, tag: t.tag, digit: i < 9 ? i + 1 : null }));
`;

/**
 * arguments: [messageId, ...tagKeys]. Selects the message and presses, in the thread pane, the digit
 * key of each tag key in turn (each press toggles that tag), like a user. Returns the message's
 * keywords in Thunderbird's database afterwards.
 */
export const PRESS_TAG_KEYS = FIND_ROW + `
const [messageId, ...tagKeys] = arguments;
return (async () => {
  const { about3Pane, view, row } = await findRow(messageId);
  about3Pane.threadTree.table.body.focus();
  const all = MailServices.tags.getAllTags().map((t) => t.key);
  for (const key of tagKeys) {
    const index = all.indexOf(key);
    if (index < 0 || index > 8) throw new Error("tag " + key + " has no digit key (position " + index + " of " + all + ")");
    EventUtils.synthesizeKey(String(index + 1), {}, about3Pane);
    await sleep(300);
  }
  return view.getMsgHdrAt(row).getStringProperty("keywords");
})();
`;

/**
 * arguments: [messageId, elementId]. Right-clicks the message in the thread pane, opens the submenus
 * that lead to the menu item with that XUL id, and activates it (which fires the add-on's
 * menus.onClicked). An add-on's menus item has the XUL id `${widgetId(addonId)}-menuitem-_${itemId}`.
 * Returns the labels on the way, e.g. ["Tagwise", "Safe"].
 */
export const CLICK_CONTEXT_MENU = FIND_ROW + `
const [messageId, elementId] = arguments;
return (async () => {
  const { about3Pane, rowElement } = await findRow(messageId);
  if (!rowElement) throw new Error("the thread pane did not render the row of " + messageId);
  const doc = about3Pane.document;
  const context = doc.getElementById("mailContext");
  if (context.state !== "closed") {
    const hidden = new Promise((r) => context.addEventListener("popuphidden", r, { once: true }));
    context.hidePopup();
    await hidden;
  }
  const shown = new Promise((r) => context.addEventListener("popupshown", r, { once: true }));
  EventUtils.synthesizeMouseAtCenter(rowElement, { type: "contextmenu", button: 2 }, about3Pane);
  await shown;
  const item = doc.getElementById(elementId);
  if (!item) {
    const ours = [...context.querySelectorAll("[id*='-menuitem-_']")].map((e) => e.id);
    context.hidePopup();
    throw new Error("no menu item " + elementId + " in the message list context menu; add-on items there: " + ours.join(", "));
  }
  // From the context menu down to the item: every <menu> on the way must be opened in turn
  // (Thunderbird also wraps an add-on's items in a submenu named after it when it has several).
  const menus = [];
  for (let popup = item.parentNode; popup !== context; popup = popup.parentNode.parentNode) menus.unshift(popup.parentNode);
  for (const menu of menus) {
    const opened = new Promise((r) => menu.menupopup.addEventListener("popupshown", r, { once: true }));
    menu.openMenu(true);
    await opened;
  }
  const closed = new Promise((r) => context.addEventListener("popuphidden", r, { once: true }));
  item.parentNode.activateItem(item);
  await closed;
  return [...menus.map((m) => m.label), item.label];
})();
`;

/** What Thunderbird's own database holds for the Inbox: [{messageId, subject, keywords}]. */
export const INBOX_KEYWORDS = `
const { MailServices } = ChromeUtils.importESModule("resource:///modules/MailServices.sys.mjs");
const inbox = MailServices.accounts.defaultAccount.incomingServer.rootFolder
  .getFolderWithFlags(Ci.nsMsgFolderFlags.Inbox);
return [...inbox.msgDatabase.enumerateMessages()].map((h) =>
  ({ messageId: h.messageId, subject: h.mime2DecodedSubject, keywords: h.getStringProperty("keywords") }));
`;
