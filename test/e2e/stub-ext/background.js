// Stand-in for the Tagwise add-on (test/e2e only). It speaks the harness's protocol exactly as the
// real add-on must: the three tag keys, the menu ids, and the `[tagwise] ...` log lines. Its "model" is
// a few keyword rules plus "a message much like one the user corrected gets the user's label",
// with corrections kept in IndexedDB so they survive restarts.
"use strict";

const TAGS = {
  SAFE: { key: "$tagwise_safe", tag: "Tagwise: Safe", color: "#2E7D32" },
  SPAM: { key: "$tagwise_spam", tag: "Tagwise: Spam", color: "#F9A825" },
  THREAT: { key: "$tagwise_threat", tag: "Tagwise: Threat", color: "#C62828" },
};
const LABEL_OF_KEY = Object.fromEntries(Object.entries(TAGS).map(([label, t]) => [t.key, label]));
const MENU_IDS = { "tagwise-correct-safe": "SAFE", "tagwise-correct-spam": "SPAM", "tagwise-correct-threat": "THREAT" };

const log = (line) => console.log(`[tagwise] ${line}`);

// ---- storage: IndexedDB, two stores ---------------------------------------------------------
// corrections: {headerMessageId, label, tokens}; assigned: headerMessageId -> label we (or the user) set.
function openDb() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open("tagwise-stub", 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore("corrections", { keyPath: "headerMessageId" });
      req.result.createObjectStore("assigned");
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}
async function withStore(name, mode, fn) {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(name, mode);
    const req = fn(tx.objectStore(name));
    tx.oncomplete = () => { db.close(); resolve(req && req.result); };
    tx.onerror = () => { db.close(); reject(tx.error); };
  });
}
const allCorrections = () => withStore("corrections", "readonly", (s) => s.getAll());
const putCorrection = (c) => withStore("corrections", "readwrite", (s) => s.put(c));
const getAssigned = (hmid) => withStore("assigned", "readonly", (s) => s.get(hmid));
const setAssigned = (hmid, label) => withStore("assigned", "readwrite", (s) => s.put(label, hmid));

// ---- the "model" --------------------------------------------------------------------------------
async function messageText(id) {
  const raw = await browser.messages.getRaw(id, { data_format: "BinaryString" });
  return raw.replace(/^X-Mozilla-[^\n]*\n/gm, "");
}
function tokens(text) {
  const body = text.split(/\r?\n\r?\n/).slice(1).join("\n");
  const subject = (text.match(/^Subject:(.*)$/im) || ["", ""])[1];
  return [...new Set(`${subject} ${body}`.toLowerCase().match(/[a-z0-9]{3,}/g) || [])];
}
function similarity(a, b) {
  const setB = new Set(b);
  const common = a.filter((t) => setB.has(t)).length;
  return common / (a.length + b.length - common || 1);
}
function rules(text) {
  if (/filename="?[^"\n]*\.(exe|scr|zip)\b/i.test(text)) return "THREAT";
  if (/verify your (account|identity)|account (has been )?(suspended|limited)|confirm your (password|details)/i.test(text)) return "THREAT";
  if (/casino|free spins|jackpot|viagra|cialis|pharmacy|pills|\d+% off/i.test(text)) return "SPAM";
  return "SAFE";
}
async function classify(text) {
  const toks = tokens(text);
  let best = { score: 0 };
  for (const c of await allCorrections()) {
    const score = similarity(toks, c.tokens);
    if (score > best.score) best = { score, label: c.label };
  }
  return best.score >= 0.5 ? best.label : rules(text);
}

// ---- tagging -------------------------------------------------------------------------------------
const classKeys = (tags) => (tags || []).filter((t) => t in LABEL_OF_KEY);
const inFlight = new Set();

// Right after the first sync of a fresh profile, Thunderbird may fail a call on a message it has
// just announced ("An unexpected error occurred"): retry a few times, re-finding it by Message-ID.
async function tagMessage(message) {
  if (inFlight.has(message.headerMessageId)) return;
  inFlight.add(message.headerMessageId);
  try {
    for (let attempt = 1; ; attempt++) {
      let step = "get";
      try {
        const fresh = await browser.messages.get(message.id);
        if (classKeys(fresh.tags).length) return; // already tagged: a re-delivered event after a restart
        const started = performance.now();
        step = "getRaw";
        const text = await messageText(fresh.id);
        const label = await classify(text);
        await setAssigned(fresh.headerMessageId, label);
        step = "update";
        const now = await browser.messages.get(fresh.id); // update() replaces the list: merge with a fresh read
        if (classKeys(now.tags).length) return; // the user tagged it meanwhile: theirs wins
        await browser.messages.update(fresh.id, { tags: [...now.tags, TAGS[label].key] });
        log(`classified ${fresh.headerMessageId} ${label} ${Math.round(performance.now() - started)}ms`);
        return;
      } catch (e) {
        log(`${step} failed for ${message.headerMessageId} (attempt ${attempt}): ${e}`);
        if (attempt === 5) return;
        await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
        const found = await browser.messages.query({ headerMessageId: message.headerMessageId }).catch(() => null);
        if (found?.messages.length) message = found.messages[0];
      }
    }
  } finally {
    inFlight.delete(message.headerMessageId);
  }
}

async function learn(message, label) {
  const started = performance.now();
  await setAssigned(message.headerMessageId, label); // before update(): our own echo is then no correction
  const fresh = await browser.messages.get(message.id);
  const others = (fresh.tags || []).filter((t) => !(t in LABEL_OF_KEY));
  if (classKeys(fresh.tags).join() !== TAGS[label].key) {
    await browser.messages.update(fresh.id, { tags: [...others, TAGS[label].key] });
  }
  await putCorrection({ headerMessageId: message.headerMessageId, label, tokens: tokens(await messageText(fresh.id)) });
  const count = (await allCorrections()).length;
  log(`learned ${message.headerMessageId} ${label} corrections=${count} ${Math.round(performance.now() - started)}ms`);
}

async function* pages(list) {
  for (let page = list; ; page = await browser.messages.continueList(page.id)) {
    yield* page.messages;
    if (!page.id) return;
  }
}

// A tag change in Thunderbird's UI arrives as two onUpdated events (old tag off, new tag on):
// look at the settled state a moment later.
const settling = new Map();
function onTagsChanged(message) {
  clearTimeout(settling.get(message.id));
  settling.set(message.id, setTimeout(async () => {
    settling.delete(message.id);
    try {
      const fresh = await browser.messages.get(message.id);
      const keys = classKeys(fresh.tags);
      if (keys.length !== 1) return;
      const label = LABEL_OF_KEY[keys[0]];
      const assigned = await getAssigned(fresh.headerMessageId);
      if (assigned && assigned !== label) await learn(fresh, label);
    } catch (e) {
      log(`error handling a tag change: ${e}`);
    }
  }, 800));
}

// ---- listeners: synchronously at top level (MV3 event page) ----------------------------------------
browser.messages.onNewMailReceived.addListener(async (folder, list) => {
  for await (const m of pages(list)) await tagMessage(m);
}, true);

browser.messages.onUpdated.addListener((message, changed) => {
  if (changed.tags) onTagsChanged(message);
});

browser.menus.onClicked.addListener(async (info) => {
  const label = MENU_IDS[info.menuItemId];
  if (!label || !info.selectedMessages) return;
  for await (const m of pages(info.selectedMessages)) await learn(m, label);
});

// Listening to onStartup makes Thunderbird start this event page when it starts (otherwise only the
// first event that needs it would), so mail that came in meanwhile is tagged at once.
browser.runtime.onStartup.addListener(() => {});

browser.runtime.onInstalled.addListener(() => {
  browser.menus.create({ id: "tagwise-correct", title: "Tagwise", contexts: ["message_list"] });
  for (const [id, label] of Object.entries(MENU_IDS)) {
    browser.menus.create({ id, parentId: "tagwise-correct", title: label[0] + label.slice(1).toLowerCase(), contexts: ["message_list"] });
  }
});

(async () => {
  const existing = (await browser.messages.tags.list()).map((t) => t.key);
  for (const t of Object.values(TAGS)) {
    if (!existing.includes(t.key)) await browser.messages.tags.create(t.key, t.tag, t.color);
  }
  log(`ready model=stub corrections=${(await allCorrections()).length}`);
  // Catch up on mail that arrived while we were not running.
  for (const inbox of await browser.folders.query({ specialUse: ["inbox"] })) {
    for await (const m of pages(await browser.messages.list(inbox.id))) {
      if (!classKeys(m.tags).length) await tagMessage(m);
    }
  }
})().catch((e) => log(`startup error: ${e}`));
