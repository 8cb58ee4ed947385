// Check 6 of the e2e run: what the user sees, driven in the real Thunderbird through Marionette.
//   A. default setup: show a message, click the Tagwise button above it; its popup opens in a panel,
//      the background answers it (log line), and the panel is drawn light and dark.
//   B. restart with add-on pages in the parent process (see below), then on the options page opened
//      in a tab: change the learning rate (and find it stored after a reload), have an invalid one
//      refused, have a bad model file refused, classify a folder with the page's folder picker
//      (server keywords checked), run the folder pane's "Classify with Tagwise" item (the tagged mail
//      is skipped); the popup page for a message: verdict, probabilities, reasons, a correction
//      through its button (server keyword checked); reset the weights through the dialog.
//   PNG screenshots of both pages, light and dark, are copied to a kept folder printed in the output.
//
// Why B runs the pages in the parent process (extensions.webextensions.remote=false): Marionette 153
// lists no window handle for a remote add-on page in a Thunderbird content tab, so its DOM is out
// of reach; in the parent process a chrome script can use the page like a user would (clicks,
// change events, a chosen file) and draw it to a canvas. Checks 1-5 and part A run remote.
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync, chownSync, copyFileSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, tagKeyOf } from './lib/fixtures.mjs';
import { REPO } from './lib/setup.mjs';
import { widgetId } from './lib/addon.mjs';
import { say, waitFor } from './lib/util.mjs';

export const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || join(REPO, '.e2e-work', 'screenshots');

// Shared by every chrome-context script below.
const PRELUDE = `
const { MailServices } = ChromeUtils.importESModule("resource:///modules/MailServices.sys.mjs");
const win = Services.wm.getMostRecentWindow("mail:3pane");
const tabmail = win.document.getElementById("tabmail");
const sleep = (ms) => new Promise((r) => win.setTimeout(r, ms));
async function until(what, probe, ms = 30000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error("timed out after " + ms / 1000 + "s waiting for " + what);
    await sleep(100);
  }
}
const optionsTab = () => tabmail.tabInfo.find((t) => t.browser?.currentURI?.spec?.includes("/options/options.html"));
const optionsDoc = () => optionsTab()?.browser?.contentDocument;
const text = (doc, id) => doc.getElementById(id)?.textContent ?? null;
/** The whole page (not just the viewport) as a PNG data URL, in the given colour scheme. */
async function snapshot(browser, scheme, cropToBody = false) {
  browser.browsingContext.prefersColorSchemeOverride = scheme;
  await sleep(400);
  const w = browser.contentWindow;
  const root = w.document.documentElement;
  const body = w.document.body.getBoundingClientRect();
  const width = cropToBody ? Math.ceil(body.right) : Math.max(root.scrollWidth, w.innerWidth);
  const height = cropToBody ? Math.ceil(body.bottom) : Math.max(root.scrollHeight, w.innerHeight);
  const canvas = win.document.createElementNS("http://www.w3.org/1999/xhtml", "canvas");
  canvas.width = width;
  canvas.height = height;
  const background = w.getComputedStyle(root).backgroundColor;
  canvas.getContext("2d").drawWindow(w, 0, 0, width, height, background);
  browser.browsingContext.prefersColorSchemeOverride = "none";
  return canvas.toDataURL("image/png");
}
function inbox() {
  return MailServices.accounts.defaultAccount.incomingServer.rootFolder.getFolderWithFlags(Ci.nsMsgFolderFlags.Inbox);
}
function folderNamed(name) {
  return [...MailServices.accounts.defaultAccount.incomingServer.rootFolder.subFolders].find((f) => f.name === name);
}
`;

/** arguments: [addonId]. Opens the options page in a tab and waits until it shows the status. */
const OPEN_OPTIONS = PRELUDE + `
const url = WebExtensionPolicy.getByID(arguments[0]).getURL("options/options.html");
return (async () => {
  tabmail.openTab("contentTab", { url });
  const doc = await until("the options page", () => {
    const d = optionsDoc();
    return d?.readyState === "complete" && text(d, "corrections-total") !== "–" && d.getElementById("folder")?.options.length > 0 && d;
  });
  return { remote: optionsTab().browser.isRemoteBrowser, corrections: text(doc, "corrections-total"), model: text(doc, "model-info"),
    help: text(doc, "learningRate-help"), rate: doc.getElementById("learningRate").value };
})();
`;

/** arguments: [value]. Types a learning rate and leaves the field (a change event), like a user. */
const SET_RATE = PRELUDE + `
return (async () => {
  const doc = optionsDoc();
  const input = doc.getElementById("learningRate");
  const status = doc.getElementById("settings-status");
  status.textContent = "";
  input.focus();
  input.value = arguments[0];
  input.dispatchEvent(new doc.defaultView.Event("input", { bubbles: true }));
  input.dispatchEvent(new doc.defaultView.Event("change", { bubbles: true }));
  await sleep(300);
  await until("a settings answer", () => status.textContent || text(doc, "learningRate-error"), 10000);
  return { status: status.textContent, error: text(doc, "learningRate-error"), valid: input.checkValidity() };
})();
`;

/** Reloads the options page and returns the learning rate it shows (read back from storage). */
const RELOAD_OPTIONS = PRELUDE + `
return (async () => {
  const before = optionsDoc();
  optionsTab().browser.reload();
  const doc = await until("the reloaded options page", () => {
    const d = optionsDoc();
    return d && d !== before && d.readyState === "complete" && text(d, "corrections-total") !== "–" && d.getElementById("learningRate").placeholder && d;
  });
  return doc.getElementById("learningRate").value;
})();
`;

/** arguments: [fileText]. Chooses a file in the import input; returns the page's answer. */
const IMPORT_FILE = PRELUDE + `
return (async () => {
  const doc = optionsDoc();
  const input = doc.getElementById("import-file");
  const status = doc.getElementById("model-status");
  status.textContent = "";
  const file = new doc.defaultView.File([arguments[0]], arguments[1] ?? "not-a-model.json", { type: "application/json" });
  input.mozSetFileArray([file]);
  input.dispatchEvent(new doc.defaultView.Event("change", { bubbles: true }));
  await until("the import answer", () => status.textContent && !status.textContent.endsWith("…") && status.textContent, 15000);
  return status.textContent;
})();
`;

/**
 * Clicks Export on the options page and waits for Thunderbird's download of the file to finish;
 * returns the page's status and the file's path and first bytes.
 */
const EXPORT_MODEL = PRELUDE + `
const { Downloads } = ChromeUtils.importESModule("resource://gre/modules/Downloads.sys.mjs");
return (async () => {
  const doc = optionsDoc();
  const status = doc.getElementById("model-status");
  status.textContent = "";
  const list = await Downloads.getList(Downloads.ALL);
  const known = new Set(await list.getAll());
  doc.getElementById("export").click();
  await until("the export status", () => status.textContent, 20000);
  const download = await until("the download", async () => (await list.getAll()).find((d) => !known.has(d) && d.succeeded), 20000).catch(async (e) => {
    const windows = [...Services.wm.getEnumerator(null)].map((w) => w.location.href);
    const all = (await list.getAll()).map((d) => d.source.url + " -> " + d.target.path + " " + d.succeeded + " " + d.error);
    throw new Error(e.message + "; windows: " + windows.join(", ") + "; downloads: " + all.join(", "));
  });
  const bytes = await IOUtils.read(download.target.path, { maxBytes: 200 });
  return { status: status.textContent, path: download.target.path, size: download.target.size, head: new TextDecoder().decode(bytes) };
})();
`;

/** arguments: [folderName, count]. Shows the folder in the 3-pane tab until Thunderbird has synced its messages. */
const SYNC_FOLDER = PRELUDE + `
const [name, count] = arguments;
return (async () => {
  const folder = await until("folder " + name, () => folderNamed(name));
  tabmail.switchToTab(0);
  tabmail.currentAbout3Pane.displayFolder(folder.URI);
  await until(count + " messages in " + name, () => folder.getTotalMessages(false) >= count);
  tabmail.currentAbout3Pane.displayFolder(inbox().URI);
  return folder.getTotalMessages(false);
})();
`;

/** arguments: [folderName]. Picks the folder in the options page and starts the job; waits until it is done. */
const CLASSIFY_FROM_PAGE = PRELUDE + `
const [name] = arguments;
return (async () => {
  for (const t of tabmail.tabInfo) if (t === optionsTab()) tabmail.switchToTab(t);
  const doc = optionsDoc();
  const select = doc.getElementById("folder");
  const option = [...select.options].find((o) => o.textContent === name);
  if (!option) throw new Error("no folder " + name + " in the page's list: " + [...select.options].map((o) => o.textContent));
  select.value = option.value;
  select.dispatchEvent(new doc.defaultView.Event("change", { bubbles: true }));
  doc.getElementById("classify-folder").click();
  const seen = new Set();
  const row = await until("the job to finish", () => {
    const r = doc.querySelector('#jobs li[data-folder-id="' + option.value + '"]');
    if (r) seen.add(r.dataset.status + " " + r.querySelector("progress").value.toFixed(2));
    return r?.dataset.status === "done" && r;
  }, 60000);
  return { folderId: option.value, count: row.querySelector(".job-count").textContent, progress: row.querySelector("progress").value, seen: [...seen] };
})();
`;

/**
 * arguments: [folderName, after, total]. Starts a job for the folder on the options page, presses its
 * Cancel button (from the keyboard: focus, Enter) once it has looked at `after` messages, and
 * returns what the row shows then and two seconds later.
 */
const CANCEL_FROM_PAGE = PRELUDE + `
const [name, after, total] = arguments;
return (async () => {
  for (const t of tabmail.tabInfo) if (t === optionsTab()) tabmail.switchToTab(t);
  const doc = optionsDoc();
  const select = doc.getElementById("folder");
  const option = [...select.options].find((o) => o.textContent === name);
  select.value = option.value;
  doc.getElementById("classify-folder").click();
  const row = await until("the job to pass " + after, () => {
    const r = doc.querySelector('#jobs li[data-folder-id="' + option.value + '"]');
    return r?.dataset.status === "running" && Number(r.querySelector("progress").value) * total >= after && r;
  }, 30000);
  const cancel = row.querySelector("button.job-cancel");
  cancel.focus();
  const EventUtils = {};
  Services.scriptloader.loadSubScript("chrome://remote/content/external/EventUtils.js", EventUtils);
  EventUtils.synthesizeKey("KEY_Enter", {}, doc.defaultView);
  await until("the job to be cancelled", () => row.dataset.status === "cancelled", 15000);
  const then = row.querySelector(".job-count").textContent;
  await sleep(2000);
  return { folderId: option.value, then, later: row.querySelector(".job-count").textContent, cancelHidden: cancel.hidden };
})();
`;

/** arguments: [folderName]. How many of the folder's messages carry exactly one Tagwise keyword in Thunderbird's database. */
const TAGGED_IN_THUNDERBIRD = PRELUDE + `
const folder = folderNamed(arguments[0]);
return [...folder.msgDatabase.enumerateMessages()].filter((h) => h.getStringProperty("keywords").split(" ").filter((k) => k.startsWith("$tagwise_")).length === 1).length;
`;

/** arguments: [folderName, elementId]. Right-clicks the folder in the folder pane and activates our item. */
const CLICK_FOLDER_MENU = PRELUDE + `
const [name, elementId] = arguments;
const EventUtils = {};
Services.scriptloader.loadSubScript("chrome://remote/content/external/EventUtils.js", EventUtils);
return (async () => {
  tabmail.switchToTab(0);
  const about3Pane = tabmail.currentAbout3Pane;
  const folder = folderNamed(name);
  const doc = about3Pane.document;
  const tree = doc.getElementById("folderTree");
  const row = await until("the folder pane row of " + name, () => [...tree.querySelectorAll("li")].find((li) => li.uri === folder.URI));
  row.scrollIntoView();
  const context = doc.getElementById("folderPaneContext");
  const shown = new Promise((r) => context.addEventListener("popupshown", r, { once: true }));
  EventUtils.synthesizeMouseAtCenter(row.querySelector(".container"), { type: "contextmenu", button: 2 }, about3Pane);
  await shown;
  const item = doc.getElementById(elementId);
  if (!item) {
    const ours = [...context.querySelectorAll("[id*='-menuitem-_']")].map((e) => e.id);
    context.hidePopup();
    throw new Error("no " + elementId + " in the folder pane menu; add-on items: " + ours.join(", "));
  }
  const closed = new Promise((r) => context.addEventListener("popuphidden", r, { once: true }));
  item.parentNode.activateItem(item);
  await closed;
  return item.label;
})();
`;

/** arguments: [folderId, startedAfter]. Waits on the options page for a job of that folder newer than before. */
const WAIT_JOB_DONE = PRELUDE + `
const [folderId] = arguments;
return (async () => {
  const doc = optionsDoc();
  const row = await until("the menu's job to finish", () => {
    const r = doc.querySelector('#jobs li[data-folder-id="' + folderId + '"]');
    return r?.dataset.status === "done" && r.querySelector(".job-count").textContent.includes("0 tagged") && r;
  }, 60000);
  return row.querySelector(".job-count").textContent;
})();
`;

/**
 * Writes a stored model record of an unknown version through the options page (same origin as the
 * background, so the same IndexedDB): what an older or broken Tagwise could leave behind.
 */
const BREAK_STORED_MODEL = PRELUDE + `
return (async () => {
  const w = optionsDoc().defaultView;
  const db = await new Promise((resolve, reject) => {
    const open = w.indexedDB.open("tagwise");
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  await new Promise((resolve, reject) => {
    const tx = db.transaction("model", "readwrite");
    tx.objectStore("model").put({ kind: "tagwise-stored-model", version: 99, savedAt: Date.now(), velocity: "kept", model: {} }, "current");
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  db.close();
  return true;
})();
`;

/** Returns the notices the options page shows, then dismisses them; returns both states. */
const READ_NOTICES = PRELUDE + `
return (async () => {
  const doc = optionsDoc();
  const box = doc.getElementById("notices");
  const items = [...doc.querySelectorAll("#notice-list li")].map((li) => li.textContent);
  const shown = !box.hidden;
  doc.getElementById("dismiss-notices").click();
  await until("the notices to go", () => box.hidden, 10000);
  return { shown, items };
})();
`;

/** arguments: [scheme]. The options page as a PNG data URL. */
const SNAP_OPTIONS = PRELUDE + `
return snapshot(optionsTab().browser, arguments[0]);
`;

/** Opens the reset dialog, keeps "clear", confirms; returns what the page shows afterwards. */
const RESET_THROUGH_PAGE = PRELUDE + `
return (async () => {
  for (const t of tabmail.tabInfo) if (t === optionsTab()) tabmail.switchToTab(t);
  const doc = optionsDoc();
  const dialog = doc.getElementById("reset-dialog");
  doc.getElementById("reset").click();
  await until("the dialog", () => dialog.open);
  const modal = dialog.matches(":modal");
  const choice = dialog.querySelector('input[name="corrections"]:checked').value;
  const status = doc.getElementById("model-status");
  doc.getElementById("reset-confirm").click();
  await until("the reset to finish", () => /shipped|ausgeliefert/.test(status.textContent) && text(doc, "corrections-total") === "0", 20000);
  return { modal, choice, status: status.textContent, corrections: text(doc, "corrections-total"), model: text(doc, "model-info") };
})();
`;

/**
 * arguments: [messageId, buttonId]. Shows the message in the 3-pane tab, clicks the Tagwise button
 * above it and waits for the popup to show the verdict; returns what it shows.
 */
const OPEN_POPUP = PRELUDE + `
const [messageId, buttonId] = arguments;
function popupBrowser() {
  const docs = [win.document, tabmail.currentAbout3Pane?.document, tabmail.currentAboutMessage?.document].filter(Boolean);
  for (const d of docs) for (const b of d.querySelectorAll("browser")) if ([b.currentURI?.spec, b.contentDocument?.URL].some((u) => u?.includes("/popup/popup.html"))) return b;
  return null;
}
return (async () => {
  tabmail.switchToTab(0);
  const about3Pane = tabmail.currentAbout3Pane;
  if (about3Pane.gFolder?.URI !== inbox().URI) about3Pane.displayFolder(inbox().URI);
  const view = await until("the Inbox view", () => about3Pane.gFolder?.URI === inbox().URI && about3Pane.gDBView);
  const row = await until("the message row", () => {
    for (let i = 0; i < view.rowCount; i++) if (view.getMsgHdrAt(i).messageId === messageId) return i + 1;
    return 0;
  }) - 1;
  about3Pane.threadTree.selectedIndex = row;
  const aboutMessage = await until("the message to be displayed", () => {
    const m = tabmail.currentAboutMessage;
    return m?.gMessage?.messageId === messageId && m.document.readyState === "complete" && m;
  });
  const button = await until("the Tagwise button", () => aboutMessage.document.getElementById(buttonId));
  const EventUtils = {};
  Services.scriptloader.loadSubScript("chrome://remote/content/external/EventUtils.js", EventUtils);
  // Thunderbird opens an action's popup only once its window is the active one (triggerAction
  // waits for a focus event); the options tab opened before took the focus away.
  win.focus();
  await until("the mail window to be active", () => Services.focus.activeWindow === win, 5000).catch(() => {});
  const openPanels = () => [...win.document.querySelectorAll("panel")].filter((p) => p.state === "open").length;
  EventUtils.synthesizeMouseAtCenter(button, {}, aboutMessage);
  for (let i = 0; i < 30 && !openPanels(); i++) await sleep(100);
  const how = openPanels() ? "a click" : "a mousedown event (a synthesized click opened nothing)";
  if (!openPanels()) button.dispatchEvent(new aboutMessage.MouseEvent("mousedown", { button: 0, bubbles: true, cancelable: true }));
  const loaded = () => {
    const b = popupBrowser();
    const d = b?.contentDocument;
    return d?.readyState === "complete" && d.getElementById("verdict") && !d.getElementById("verdict").hidden && b;
  };
  let browser = await until("the popup", loaded, 8000).catch(() => null);
  let shownIn = "the button's panel";
  if (!browser) {
    // Thunderbird 153 headless, add-on pages in the parent process: the panel opens, but its
    // browser never fires the "load" that ViewPopup waits for before loading the popup's URL, so
    // it stays at about:blank. The same page is then opened in a tab for the message, as
    // popup.html?messageId=<the id the add-on API gives this message>.
    const panels = [...win.document.querySelectorAll("panel")].filter((p) => p.state === "open");
    for (const p of panels) p.hidePopup();
    shownIn = "a tab (the button opened " + panels.length + " panel(s) whose browser stayed at about:blank)";
    const { ExtensionParent } = ChromeUtils.importESModule("resource://gre/modules/ExtensionParent.sys.mjs");
    const extension = ExtensionParent.GlobalManager.getExtension(arguments[2]);
    const id = extension.messageManager.convert(aboutMessage.gMessage).id;
    tabmail.openTab("contentTab", { url: WebExtensionPolicy.getByID(arguments[2]).getURL("popup/popup.html?messageId=" + id) });
    browser = await until("the popup page in a tab", loaded);
  }
  const d = browser.contentDocument;
  return {
    how,
    shownIn,
    remote: browser.isRemoteBrowser,
    label: text(d, "label"),
    source: text(d, "source"),
    subject: text(d, "subject"),
    probs: ["SAFE", "SPAM", "THREAT"].map((l) => Number(d.getElementById("p-" + l).value)),
    reasons: [...d.querySelectorAll("#reasons li")].map((li) => li.textContent),
    pressed: [...d.querySelectorAll(".buttons button")].filter((b) => b.getAttribute("aria-pressed") === "true").map((b) => b.dataset.label),
  };
})();
`;

const POPUP_BROWSER = `
function popupBrowser() {
  const docs = [win.document, tabmail.currentAbout3Pane?.document, tabmail.currentAboutMessage?.document].filter(Boolean);
  for (const d of docs) for (const b of d.querySelectorAll("browser")) if ([b.currentURI?.spec, b.contentDocument?.URL].some((u) => u?.includes("/popup/popup.html"))) return b;
  throw new Error("the popup is not open");
}
`;

/**
 * arguments: [messageId, buttonId]. In the default setup (add-on pages in their own process): shows
 * the message, clicks the Tagwise button above it, waits for the popup's panel, and draws it light
 * and dark. Its DOM is out of reach in another process; the background's log says what it asked.
 */
const PANEL_POPUP = PRELUDE + `
const [messageId, buttonId] = arguments;
const EventUtils = {};
Services.scriptloader.loadSubScript("chrome://remote/content/external/EventUtils.js", EventUtils);
async function draw(browser, scheme) {
  browser.browsingContext.prefersColorSchemeOverride = scheme;
  await sleep(500);
  const bitmap = await browser.browsingContext.currentWindowGlobal.drawSnapshot(null, 1, scheme === "dark" ? "#1c1b22" : "white");
  const canvas = win.document.createElementNS("http://www.w3.org/1999/xhtml", "canvas");
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  canvas.getContext("2d").drawImage(bitmap, 0, 0);
  browser.browsingContext.prefersColorSchemeOverride = "none";
  return canvas.toDataURL("image/png");
}
return (async () => {
  tabmail.switchToTab(0);
  const about3Pane = tabmail.currentAbout3Pane;
  about3Pane.displayFolder(inbox().URI);
  const view = await until("the Inbox view", () => about3Pane.gFolder?.URI === inbox().URI && about3Pane.gDBView);
  const row = await until("the message row", () => {
    for (let i = 0; i < view.rowCount; i++) if (view.getMsgHdrAt(i).messageId === messageId) return i + 1;
    return 0;
  }) - 1;
  about3Pane.threadTree.selectedIndex = row;
  const aboutMessage = await until("the message to be displayed", () => {
    const m = tabmail.currentAboutMessage;
    return m?.gMessage?.messageId === messageId && m.document.readyState === "complete" && m;
  });
  const button = await until("the Tagwise button", () => aboutMessage.document.getElementById(buttonId));
  const popupBrowser = () => [...win.document.querySelectorAll("browser")].find((b) => b.currentURI?.spec?.includes("/popup/popup.html"));
  // The button reacts once the message has finished loading: click again while nothing opens.
  let clicks = 0;
  const browser = await until("the popup's panel", async () => {
    if (popupBrowser()) return popupBrowser();
    win.focus();
    EventUtils.synthesizeMouseAtCenter(button, {}, aboutMessage);
    clicks++;
    for (let i = 0; i < 20 && !popupBrowser(); i++) await sleep(100);
    return popupBrowser();
  });
  // Rendered once the verdict is in: the panel grows to the popup's content.
  await until("the popup to fill its panel", () => browser.getBoundingClientRect().height > 200, 15000);
  await sleep(500);
  return { clicks, remote: browser.isRemoteBrowser, light: await draw(browser, "light"), dark: await draw(browser, "dark") };
})();
`;

/** arguments: [scheme]. The open popup as a PNG data URL. */
const SNAP_POPUP = PRELUDE + POPUP_BROWSER + `
return snapshot(popupBrowser(), arguments[0], true);
`;

/** arguments: [label]. Clicks a correction button in the open popup; returns its status line and heading. */
const CORRECT_IN_POPUP = PRELUDE + POPUP_BROWSER + `
return (async () => {
  const d = popupBrowser().contentDocument;
  const status = d.getElementById("correct-status");
  d.getElementById("correct-" + arguments[0]).click();
  await until("the correction", () => status.textContent, 20000);
  return { status: status.textContent, label: text(d, "label"), source: text(d, "source") };
})();
`;

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function archiveMail() {
  // Copies of fixtures under new Message-IDs, delivered straight into a folder that is not an Inbox:
  // nothing tags them until the folder is classified.
  return ['safe-climbing-reply', 'spam-pills', 'threat-paypal', 'safe-bookshop-receipt'].map((name) => {
    const mail = fixture(name);
    const messageId = `archive-${mail.messageId}`;
    return { ...mail, messageId, raw: mail.raw.replace(/^Message-ID:\s*<[^>]+>/im, `Message-ID: <${messageId}>`) };
  });
}

/** Many messages for one folder job: long enough for the event page to be suspended during it. */
function bulkMail(count) {
  const sources = archiveMail();
  return Array.from({ length: count }, (_, n) => {
    const mail = sources[n % sources.length];
    const messageId = `bulk-${n}-${mail.messageId}`;
    return {
      messageId,
      raw: mail.raw.replace(/^Message-ID:\s*<[^>]+>/im, `Message-ID: <${messageId}>`).replace(/^Subject:(.*)$/im, `Subject:$1 (#${n})`),
    };
  });
}

export const BULK_COUNT = Number(process.env.BULK_COUNT || 400);

/**
 * Puts messages straight into a mailbox's Maildir (new/), as an MTA would: hundreds in a moment,
 * where `doveadm save` takes a process each. Owned like the rest of the mail (see dovecot.mjs).
 */
function deliverToMaildir(h, mailbox, mails) {
  const maildir = join(h.dovecot.dir, 'mail', 'tbtest', 'Maildir', `.${mailbox}`);
  const { uid, gid } = statSync(maildir);
  mails.forEach((mail, n) => {
    const file = join(maildir, 'new', `${Date.now()}.tagwise${n}.localhost`);
    writeFileSync(file, mail.raw);
    chownSync(file, uid, gid);
  });
}

/**
 * Runs check 6 on the harness object of run.mjs (Thunderbird stopped). Returns a one-line summary
 * and the screenshot folder; throws with what went wrong.
 */
export async function checkUi(h, { waitMs, expectCorrections = true }) {
  // The stand-in add-on (EXT_XPI=test/e2e/stub-ext) has no pages to check.
  const hasPages = 'import sys, zipfile; sys.exit(0 if "options/options.html" in zipfile.ZipFile(sys.argv[1]).namelist() else 1)';
  try {
    execFileSync('python3', ['-c', hasPages, h.addon.xpi]);
  } catch {
    return 'skipped: the add-on under test has no options page';
  }
  const shots = join(h.work, 'screenshots');
  mkdirSync(shots, { recursive: true });
  const archive = archiveMail();
  h.dovecot.doveadm(['mailbox', 'create', '-s', '-u', 'tbtest', 'Archive']);
  for (const mail of archive) h.dovecot.deliver(mail.raw, 'Archive');
  say(`  delivered ${archive.length} untagged messages into Archive`);
  const bulk = bulkMail(BULK_COUNT);
  h.dovecot.doveadm(['mailbox', 'create', '-s', '-u', 'tbtest', 'Bulk']);
  deliverToMaildir(h, 'Bulk', bulk);
  const toCancel = bulkMail(BULK_COUNT).map((mail) => ({ ...mail, raw: mail.raw.replace(/^Message-ID:\s*<bulk-/im, 'Message-ID: <cancel-') }));
  h.dovecot.doveadm(['mailbox', 'create', '-s', '-u', 'tbtest', 'Later']);
  deliverToMaildir(h, 'Later', toCancel);
  say(`  delivered ${bulk.length} untagged messages into Bulk`);
  const facts = [];
  const save = (name, dataUrl) => {
    const file = join(shots, name);
    writeFileSync(file, Buffer.from(dataUrl.split(',')[1], 'base64'));
    return file;
  };
  const target = fixture('threat-paypal');
  const buttonId = `${widgetId(h.addon.id)}-messageDisplayAction-toolbarbutton`;

  // The popup as a user opens it, in the default setup: the button above the message, its panel.
  const first = h.startThunderbird();
  await first.waitForLine('"[tagwise] ready"', /^\[tagwise\] ready /, { timeoutMs: waitMs });
  const m0 = await first.marionette();
  try {
    const panel = await m0.execute(PANEL_POPUP, [target.messageId, buttonId], waitMs);
    const shown = await first.waitForLine('"verdict shown"', new RegExp(`^\\[tagwise\\] verdict shown ${escapeRegExp(target.messageId)} (\\w+)`), { timeoutMs: waitMs });
    save('popup-panel-light.png', panel.light);
    save('popup-panel-dark.png', panel.dark);
    say(`  the Tagwise button (${panel.clicks} click(s)) opened its popup in a panel (${panel.remote ? 'remote' : 'parent-process'} page); the background answered it with ${shown[1]}`);
    facts.push(`button popup in a panel showed ${shown[1]}`);
  } finally {
    m0.close();
  }
  await h.stopThunderbird();

  // Exports are saved without the Save dialog (Thunderbird asks where to save by default, and a
  // headless file picker is not available).
  const downloads = join(h.work, 'downloads');
  mkdirSync(downloads, { recursive: true });
  appendFileSync(join(h.profile, 'user.js'), [
    'user_pref("extensions.webextensions.remote", false);',
    'user_pref("browser.download.useDownloadDir", true);',
    'user_pref("browser.download.folderList", 2);',
    `user_pref("browser.download.dir", ${JSON.stringify(downloads)});`,
    'user_pref("browser.download.always_ask_before_handling_new_types", false);',
    '',
  ].join('\n'));
  let tb = h.startThunderbird();
  await tb.waitForLine('"[tagwise] ready"', /^\[tagwise\] ready /, { timeoutMs: waitMs });
  let m = await tb.marionette();
  const synced = await m.execute(SYNC_FOLDER, ['Archive', archive.length], waitMs);
  const syncedBulk = await m.execute(SYNC_FOLDER, ['Bulk', bulk.length], waitMs);
  const syncedLater = await m.execute(SYNC_FOLDER, ['Later', toCancel.length], waitMs);
  say(`  Thunderbird synced Archive (${synced} messages), Bulk (${syncedBulk}) and Later (${syncedLater})`);

  // A long job from the folder pane's menu, and Thunderbird quits in the middle of it: the next
  // start must resume it where it stopped (its position is kept in storage.local) and finish it.
  const classifiedBulk = () => tb.tagwiseLines.filter((l) => /^\[tagwise\] classified bulk-/.test(l)).length;
  await m.execute(CLICK_FOLDER_MENU, ['Bulk', `${widgetId(h.addon.id)}-menuitem-_tagwise-classify-folder`], waitMs);
  const bulkStarted = await tb.waitForLine('"folder job started" for Bulk', /^\[tagwise\] folder job started (\S+) total=(\S+)/, { timeoutMs: waitMs });
  const bulkId = bulkStarted[1];
  await waitFor('40 Bulk messages classified', () => classifiedBulk() >= 40, { timeoutMs: waitMs, intervalMs: 20 });
  m.close();
  await h.stopThunderbird();
  const before = classifiedBulk();
  const finishedBefore = tb.tagwiseLines.some((l) => l.startsWith(`[tagwise] folder job done ${bulkId} `));
  if (finishedBefore) throw new Error(`the Bulk job finished before Thunderbird quit (${before} classified); raise BULK_COUNT`);
  tb = h.startThunderbird();
  const resumed = await tb.waitForLine('"folder job resumed"', new RegExp(`^\\[tagwise\\] folder job resumed ${escapeRegExp(bulkId)} at (\\d+)`), { timeoutMs: waitMs });
  const bulkDone = await tb.waitForLine('"folder job done" for Bulk', new RegExp(`^\\[tagwise\\] folder job done ${escapeRegExp(bulkId)} classified=(\\d+) skipped=(\\d+) failed=(\\d+)`), { timeoutMs: 3 * waitMs });
  // Every message must end up tagged, in Thunderbird and on the server. The message being tagged
  // when Thunderbird quit can lose its tag: Thunderbird 153 set the keyword locally, the IMAP STORE
  // was cut off by the quit, and the next sync with the server took the keyword away again. What a
  // user does then, classifying the folder again, must tag it (its stored verdict gives the tag).
  m = await tb.marionette();
  let bulkTagged = 0;
  let bulkLocal = 0;
  const allTagged = async (timeoutMs) => waitFor('every Bulk message tagged', async () => {
    bulkLocal = await m.execute(TAGGED_IN_THUNDERBIRD, ['Bulk'], waitMs);
    bulkTagged = h.dovecot.messages('Bulk').filter((r) => r.flags.filter((f) => f.startsWith('$tagwise_')).length === 1).length;
    return bulkLocal === bulk.length && bulkTagged === bulk.length;
  }, { timeoutMs, intervalMs: 1000 }).then(() => true, () => false);
  let again = '';
  if (!(await allTagged(10_000))) {
    const lost = bulk.length - bulkLocal;
    const againFrom = tb.tagwiseLines.length;
    await m.execute(CLICK_FOLDER_MENU, ['Bulk', `${widgetId(h.addon.id)}-menuitem-_tagwise-classify-folder`], waitMs);
    const second = await tb.waitForLine('a second "folder job done" for Bulk', new RegExp(`^\\[tagwise\\] folder job done ${escapeRegExp(bulkId)} .*`), { from: againFrom, timeoutMs: 2 * waitMs });
    again = `; ${lost} lost its tag at the quit, and classifying the folder again gave "${second[0].replace('[tagwise] ', '')}"`;
    if (lost > 1) throw new Error(`Bulk: ${bulkLocal}/${bulk.length} tagged in Thunderbird after the resumed job; more than the one message in flight lost its tag`);
    if (!(await allTagged(waitMs))) throw new Error(`Bulk: ${bulkLocal}/${bulk.length} tagged in Thunderbird, ${bulkTagged} on the server after the job was run again`);
  }
  say(`  Bulk job (${bulkStarted[2]} messages): Thunderbird quit after ${before} were classified; after the restart "${resumed[0].replace('[tagwise] ', '')}", then "${bulkDone[0].replace('[tagwise] ', '')}"${again}; ${bulkLocal}/${bulk.length} tagged in Thunderbird, ${bulkTagged} on the server`);
  facts.push(`${bulk.length}-message folder job resumed at ${resumed[1]} after Thunderbird quit mid-job, ${bulkLocal}/${bulk.length} tagged${again ? ' (1 after running the folder again)' : ''}`);

  try {
    // Options page.
    const opened = await m.execute(OPEN_OPTIONS, [h.addon.id], waitMs);
    say(`  options page open (${opened.remote ? 'remote' : 'parent process'}): corrections ${opened.corrections}, model "${opened.model}"`);
    if (expectCorrections && Number(opened.corrections) < 1) throw new Error(`the options page shows ${opened.corrections} corrections after checks 2-3`);

    const from = tb.tagwiseLines.length;
    const invalid = await m.execute(SET_RATE, ['7']);
    if (invalid.valid || !invalid.error) throw new Error(`a learning rate of 7 was not refused: ${JSON.stringify(invalid)}`);
    say(`  learning rate 7 refused: "${invalid.error}"`);
    const saved = await m.execute(SET_RATE, ['0.02']);
    if (saved.error) throw new Error(`learning rate 0.02 refused: ${saved.error}`);
    await tb.waitForLine('"settings learningRate=0.02"', /^\[tagwise\] settings learningRate=0\.02 /, { from, timeoutMs: waitMs });
    if (tb.tagwiseLines.slice(from).some((l) => /settings learningRate=7/.test(l))) throw new Error('the refused rate reached the background');
    const reloaded = await m.execute(RELOAD_OPTIONS, [], waitMs);
    if (reloaded !== '0.02') throw new Error(`after a reload the page shows learning rate "${reloaded}", expected 0.02`);
    say(`  learning rate 0.02 saved ("${saved.status}"), logged by the background, and shown again after a reload`);
    facts.push('learning rate stored (0.02; 7 refused)');

    const rejected = await m.execute(IMPORT_FILE, ['{"kind":"something-else"}'], waitMs);
    if (!/not imported|nicht importiert/.test(rejected)) throw new Error(`a bad model file got: "${rejected}"`);
    say(`  bad model file refused: "${rejected}"`);
    const importFrom = tb.tagwiseLines.length;
    const shippedText = readFileSync(join(REPO, 'model', 'tagwise-model.json'), 'utf8');
    const imported = await m.execute(IMPORT_FILE, [shippedText, 'tagwise-model.json'], waitMs);
    if (!/Imported|importiert/.test(imported)) throw new Error(`the shipped model file was not imported: "${imported}"`);
    await tb.waitForLine('"imported model"', /^\[tagwise\] imported model /, { from: importFrom, timeoutMs: waitMs });
    say(`  model file imported: "${imported}"`);
    facts.push('bad model file refused, a valid one imported');

    const exported = await m.execute(EXPORT_MODEL, [], waitMs);
    if (!/"kind":"tagwise-model-file"/.test(exported.head)) throw new Error(`the exported file starts ${JSON.stringify(exported.head.slice(0, 80))}`);
    say(`  exported: "${exported.status}" -> ${exported.path} (${Math.round(exported.size / 1024)} KiB, a Tagwise model file)`);
    facts.push(`model exported (${Math.round(exported.size / 1024)} KiB)`);

    // Classify a folder from the page, then again through the folder pane's menu (all skipped).
    const job = await m.execute(CLASSIFY_FROM_PAGE, ['Archive'], waitMs + 30_000);
    say(`  page job on ${job.folderId}: "${job.count}" (progress ${job.progress}; seen ${job.seen.join(', ')})`);
    const untagged = [];
    for (const mail of archive) {
      const row = h.dovecot.messages('Archive').find((r) => r.messageId === mail.messageId);
      const ours = row?.flags.filter((f) => f.startsWith('$tagwise_')) ?? [];
      if (ours.length !== 1) untagged.push(`${mail.subject}: ${JSON.stringify(row?.flags)}`);
    }
    if (untagged.length) {
      // The server may lag Thunderbird by a moment.
      await new Promise((r) => setTimeout(r, 3000));
      const still = archive.filter((mail) => (h.dovecot.messages('Archive').find((r) => r.messageId === mail.messageId)?.flags ?? []).filter((f) => f.startsWith('$tagwise_')).length !== 1);
      if (still.length) throw new Error(`after the folder job, untagged on the server: ${untagged.join('; ')}`);
    }
    const labels = archive.map((mail) => h.dovecot.messages('Archive').find((r) => r.messageId === mail.messageId).flags.find((f) => f.startsWith('$tagwise_')).replace('$tagwise_', ''));
    say(`  Archive on the server: ${labels.join(', ')}`);
    facts.push(`folder job tagged ${archive.length}/${archive.length} Archive messages (${labels.join(', ')})`);

    const menuFrom = tb.tagwiseLines.length;
    const menuLabel = await m.execute(CLICK_FOLDER_MENU, ['Archive', `${widgetId(h.addon.id)}-menuitem-_tagwise-classify-folder`], waitMs);
    const menuJob = await m.execute(WAIT_JOB_DONE, [job.folderId], waitMs + 30_000);
    const done = await tb.waitForLine('"folder job done"', /^\[tagwise\] folder job done \S+ classified=(\d+) skipped=(\d+)/, { from: menuFrom, timeoutMs: waitMs });
    if (done[1] !== '0' || Number(done[2]) !== archive.length) throw new Error(`the menu's job classified=${done[1]} skipped=${done[2]}, expected 0 and ${archive.length}`);
    say(`  folder pane menu "${menuLabel}" ran a job: "${menuJob}"`);
    facts.push(`folder-pane menu job skipped ${done[2]} tagged`);

    const cancelFrom = tb.tagwiseLines.length;
    const cancelled = await m.execute(CANCEL_FROM_PAGE, ['Later', 30, toCancel.length], waitMs);
    await tb.waitForLine('"folder job cancelled"', /^\[tagwise\] folder job cancelled /, { from: cancelFrom, timeoutMs: waitMs });
    const laterTagged = h.dovecot.messages('Later').filter((r) => r.flags.some((f) => f.startsWith('$tagwise_'))).length;
    if (cancelled.then !== cancelled.later || laterTagged >= toCancel.length) throw new Error(`after Cancel: "${cancelled.then}", then "${cancelled.later}"; ${laterTagged}/${toCancel.length} tagged`);
    say(`  Cancel (keyboard) stopped the job on Later: "${cancelled.later}"; ${laterTagged}/${toCancel.length} tagged on the server`);
    facts.push(`Cancel stopped a job at ${laterTagged}/${toCancel.length}`);

    // Popup above a displayed message: verdict, probabilities, reasons; a correction through it.
    const popup = await m.execute(OPEN_POPUP, [target.messageId, buttonId, h.addon.id], waitMs);
    const sum = popup.probs.reduce((a, b) => a + b, 0);
    say(`  popup, button pressed by ${popup.how}, shown in ${popup.shownIn}: ${popup.label} (${popup.source}) "${popup.subject}" probs ${popup.probs.map((p) => p.toFixed(3)).join('/')}; reasons: ${popup.reasons.join(' | ')}`);
    if (Math.abs(sum - 1) > 0.01 || popup.reasons.length === 0 || popup.pressed.length !== 1) throw new Error(`the popup shows ${JSON.stringify(popup)}`);
    save('popup-light.png', await m.execute(SNAP_POPUP, ['light']));
    save('popup-dark.png', await m.execute(SNAP_POPUP, ['dark']));
    const to = popup.pressed[0] === 'SAFE' ? 'SPAM' : 'SAFE';
    const correctFrom = tb.tagwiseLines.length;
    const corrected = await m.execute(CORRECT_IN_POPUP, [to], waitMs);
    await tb.waitForLine(`"learned ... ${to}"`, new RegExp(`^\\[tagwise\\] learned ${escapeRegExp(target.messageId)} ${to} `), { from: correctFrom, timeoutMs: waitMs });
    const start = Date.now();
    while (Date.now() - start < waitMs) {
      const flags = h.dovecot.messages().find((r) => r.messageId === target.messageId)?.flags ?? [];
      if (flags.includes(tagKeyOf(to)) && flags.filter((f) => f.startsWith('$tagwise_')).length === 1) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    say(`  popup correction to ${to}: "${corrected.status}"; heading now ${corrected.label} (${corrected.source})`);
    facts.push(`popup showed ${popup.label} with ${popup.reasons.length} reasons, corrected to ${to} through it`);

    // Screenshots of the options page with the loss curve and the jobs, then reset.
    await m.execute(RELOAD_OPTIONS, [], waitMs);
    save('options-light.png', await m.execute(SNAP_OPTIONS, ['light']));
    save('options-dark.png', await m.execute(SNAP_OPTIONS, ['dark']));

    const resetFrom = tb.tagwiseLines.length;
    const reset = await m.execute(RESET_THROUGH_PAGE, [], waitMs);
    await tb.waitForLine('"reset model=shipped corrections=0"', /^\[tagwise\] reset model=shipped corrections=0$/, { from: resetFrom, timeoutMs: waitMs });
    if (!reset.modal || reset.choice !== 'clear') throw new Error(`the reset dialog: ${JSON.stringify(reset)}`);
    say(`  reset through the dialog (modal, "clear"): "${reset.status}"; corrections ${reset.corrections}, model "${reset.model}"`);
    facts.push('reset through the dialog: corrections 0, model=shipped');

    // A stored model record this Tagwise cannot read: replaced on the next start, and the options
    // page says so, with what to do.
    await m.execute(BREAK_STORED_MODEL, [], waitMs);
  } finally {
    m.close();
  }
  await h.stopThunderbird();
  tb = h.startThunderbird();
  await tb.waitForLine('"stored model rejected"', /^\[tagwise\] stored model rejected /, { timeoutMs: waitMs });
  m = await tb.marionette();
  try {
    await m.execute(OPEN_OPTIONS, [h.addon.id], waitMs);
    await m.execute(RELOAD_OPTIONS, [], waitMs);
    save('options-notice-light.png', await m.execute(SNAP_OPTIONS, ['light']));
    const notices = await m.execute(READ_NOTICES, [], waitMs);
    if (!notices.shown || !notices.items.some((t) => /could not be read|nicht lesbar/.test(t))) throw new Error(`notices after a broken model record: ${JSON.stringify(notices)}`);
    say(`  a stored model of version 99 was replaced at start, and the options page said: "${notices.items.join(' / ')}" (dismissed)`);
    facts.push('a rejected model record shown as a notice');
  } finally {
    m.close();
  }
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const files = readdirSync(shots).filter((f) => f.endsWith('.png'));
  for (const file of files) copyFileSync(join(shots, file), join(SCREENSHOT_DIR, file));
  say(`  screenshots: ${files.map((f) => join(SCREENSHOT_DIR, f)).join(' ')}`);
  return `${facts.join('; ')}; ${files.length} screenshots in ${SCREENSHOT_DIR}`;
}
