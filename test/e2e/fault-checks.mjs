// Fault test of the Tagwise add-on in a real Thunderbird: SIGKILL in the middle of a correction's
// model write, then restart. DESIGN §6: a failed or interrupted write leaves a valid model (the
// previous one or the new one), and no correction the add-on acknowledged (`learned` logged) is lost.
//
// Each round corrects one more message through the context menu and kills Thunderbird's whole
// process group at a different moment: right after the `learned` line, and L-80 ... L-5 ms after
// the click, where L is how long the last uninterrupted round took from click to `learned` (so the
// kill lands while the tag write, the SGD steps or the IndexedDB transaction are in flight). After each restart the add-on must log `ready model=stored
// corrections=N` with acknowledged <= N <= acknowledged + 1 (the killed correction counts if its
// transaction committed), never `stored model rejected`, and must still tag new mail.
//
// Then hostile markup: a message whose subject and sender carry <script> and <img onerror> is
// tagged, and the add-on's popup page for it shows them as text (no element, no script run).
//
//   npm run test:e2e:faults      (builds the add-on first)
// Knobs: as run.mjs (EXT_XPI, KEEP, WAIT_S, VERBOSE); KILL_AT="learned,L-30,0,120,..." (ms after the click)
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { existingMail, LABELS, labelOfTagKey } from './lib/fixtures.mjs';
import { setUp, tearDown } from './lib/setup.mjs';
import { widgetId } from './lib/addon.mjs';
import { CLICK_CONTEXT_MENU } from './lib/tb-ui.mjs';
import { say, sleep, waitFor, waitExit, elapsed } from './lib/util.mjs';

const WAIT_MS = Number(process.env.WAIT_S || 60) * 1000;
const DELAYS = (process.env.KILL_AT || 'learned,L-80,L-50,L-35,L-20,L-10,L-5,learned,L-25,L-15,L-8,0').split(',');
let clickToLearnedMs = 150; // measured by every round that waits for the learned line

const h = {};
const lines = []; // every [tagwise] line of every Thunderbird process, in order
const rounds = [];
const failures = [];

const classKeywords = (flags) => flags.filter((f) => f.startsWith('$tagwise_'));
function serverLabel(messageId) {
  const tags = classKeywords(h.dovecot.messages().find((m) => m.messageId === messageId)?.flags ?? []);
  return tags.length === 1 ? labelOfTagKey(tags[0]) : null;
}

/** The highest `corrections=` any `learned` line has reported: what the add-on acknowledged. */
const acknowledged = () => Math.max(0, ...lines.map((l) => Number(l.match(/^\[tagwise\] learned \S+ \S+ corrections=(\d+)/)?.[1] ?? 0)));

let wakeCount = 0;
function wakeUpMail() {
  wakeCount++;
  const id = `wake-${wakeCount}-${Date.now()}@faults.example.test`;
  return {
    messageId: id,
    raw: [`From: Team <team@example.org>`, 'To: tbtest@example.test', `Subject: Agenda for meeting ${wakeCount}`, `Message-ID: <${id}>`,
      `Date: ${new Date().toUTCString()}`, 'Content-Type: text/plain; charset=utf-8', '', 'Notes from the team meeting, see you tomorrow.', ''].join('\r\n'),
  };
}

/** SIGKILL to Thunderbird's whole process group (it was started detached, in a group of its own). */
async function killThunderbird() {
  const { tb } = h;
  try {
    process.kill(-tb.pid, 'SIGKILL');
  } catch {
    tb.child.kill('SIGKILL');
  }
  await waitExit(tb.child, 10_000);
  h.peakRssKb = Math.max(h.peakRssKb, tb.peakRssKb);
}

async function round(n, delay) {
  const mail = h.targets[n % h.targets.length];
  const before = serverLabel(mail.messageId);
  const to = LABELS[(LABELS.indexOf(before ?? 'SAFE') + 1) % LABELS.length];
  const ackedBefore = acknowledged();
  const from = lines.length;
  const m = await h.tb.marionette();
  const elementId = `${widgetId(h.addon.id)}-menuitem-_tagwise-correct-${to.toLowerCase()}`;
  try {
    await m.execute(CLICK_CONTEXT_MENU, [mail.messageId, elementId]);
  } finally {
    m.close();
  }
  const clicked = Date.now();
  if (delay === 'learned') {
    await waitFor('the learned line', () => lines.slice(from).some((l) => l.startsWith(`[tagwise] learned ${mail.messageId} `)), { timeoutMs: WAIT_MS, intervalMs: 2 });
    clickToLearnedMs = Date.now() - clicked;
  } else {
    const relative = /^L-(\d+)$/.exec(delay);
    await sleep(relative ? Math.max(0, clickToLearnedMs - Number(relative[1])) : Number(delay));
  }
  await killThunderbird();
  const killedAfterMs = Date.now() - clicked;
  const learnedBeforeKill = lines.slice(from).some((l) => l.startsWith(`[tagwise] learned ${mail.messageId} `));
  const acked = acknowledged();
  // The tag is written first, then the model is learned and committed: the new tag on the server
  // with no `learned` line means the kill landed after the tag write, during the SGD steps or the
  // model write. (Thunderbird pushes keywords to the server asynchronously, so the server may also
  // lag a correction that was learned.)
  const tagWritten = serverLabel(mail.messageId) === to;

  const restartFrom = lines.length;
  h.startThunderbird();
  const wake = wakeUpMail();
  h.dovecot.deliver(wake.raw);
  const ready = await h.tb.waitForLine('"[tagwise] ready" after the kill', /^\[tagwise\] ready model=(\S+) corrections=(\d+)/, { timeoutMs: WAIT_MS });
  const corrections = Number(ready[2]);
  const rejected = lines.slice(restartFrom).find((l) => /stored model rejected/.test(l));
  await waitFor(`the wake-up mail ${wake.messageId} tagged`, () => serverLabel(wake.messageId), { timeoutMs: WAIT_MS, intervalMs: 200 })
    .catch(() => failures.push(`round ${n}: new mail was not tagged after the restart`));

  const problems = [];
  if (ready[1] !== 'stored' && acked > 0) problems.push(`model=${ready[1]} (the stored model was not used)`);
  if (rejected) problems.push(rejected);
  if (corrections < acked) problems.push(`corrections=${corrections} < ${acked} acknowledged before the kill`);
  if (corrections > acked + 1) problems.push(`corrections=${corrections} > ${acked} acknowledged + 1 in flight`);
  const result = `kill at ${delay} (${killedAfterMs} ms after the click, tag ${tagWritten ? 'on' : 'not yet on'} the server, learned ${learnedBeforeKill ? 'logged' : 'not logged'} before the kill): `
    + `restart model=${ready[1]} corrections=${corrections}, acknowledged ${acked} (${ackedBefore} before the round)`;
  rounds.push({ result, ok: problems.length === 0, learnedBeforeKill, midWrite: tagWritten && !learnedBeforeKill });
  say(`  round ${n}: ${result}${problems.length ? ` PROBLEM: ${problems.join('; ')}` : ''}`);
  for (const p of problems) failures.push(`round ${n}: ${p}`);
}

const HOSTILE_SUBJECT = '<script>window.__tagwiseXss = "script"</script><img src=x onerror="window.__tagwiseXss = \'img\'"> Your invoice';
const HOSTILE_NAME = '<img src=x onerror=window.__tagwiseXss=1><b>Billing</b>';

// arguments: [messageId, addonId]. Opens the add-on's popup page for the message in a tab (as the
// popup's own ?messageId= fallback does) and reports what the page shows.
const POPUP_FOR = `
const { MailServices } = ChromeUtils.importESModule("resource:///modules/MailServices.sys.mjs");
const { ExtensionParent } = ChromeUtils.importESModule("resource://gre/modules/ExtensionParent.sys.mjs");
const win = Services.wm.getMostRecentWindow("mail:3pane");
const tabmail = win.document.getElementById("tabmail");
const sleep = (ms) => new Promise((r) => win.setTimeout(r, ms));
async function until(what, probe, ms = 30000) {
  for (const end = Date.now() + ms; ; await sleep(100)) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error("timed out waiting for " + what);
  }
}
const [messageId, addonId] = arguments;
return (async () => {
  const inbox = MailServices.accounts.defaultAccount.incomingServer.rootFolder.getFolderWithFlags(Ci.nsMsgFolderFlags.Inbox);
  const hdr = await until("the message", () => [...inbox.msgDatabase.enumerateMessages()].find((h) => h.messageId === messageId));
  const id = ExtensionParent.GlobalManager.getExtension(addonId).messageManager.convert(hdr).id;
  tabmail.openTab("contentTab", { url: WebExtensionPolicy.getByID(addonId).getURL("popup/popup.html?messageId=" + id) });
  const browser = await until("the popup page", () => {
    const b = tabmail.tabInfo.map((t) => t.browser).find((b) => b?.currentURI?.spec?.includes("/popup/popup.html"));
    const d = b?.contentDocument;
    return d?.readyState === "complete" && d.getElementById("verdict") && !d.getElementById("verdict").hidden && b;
  });
  await sleep(1000); // time for an onerror handler to run, were there an image
  const d = browser.contentDocument;
  const subject = d.getElementById("subject");
  return {
    subject: subject.textContent,
    title: subject.title,
    childElements: subject.children.length,
    images: d.querySelectorAll("img").length,
    scripts: [...d.querySelectorAll("script")].map((s) => s.getAttribute("src")),
    ran: browser.contentWindow.wrappedJSObject.__tagwiseXss ?? null,
    reasons: [...d.querySelectorAll("#reasons li")].map((li) => li.textContent),
  };
})();
`;

/** The popup page shows a hostile subject and sender as text. */
async function checkHostileMarkup() {
  // Popup pages are readable from chrome when add-on pages run in the parent process.
  await h.stopThunderbird();
  appendFileSync(join(h.profile, 'user.js'), 'user_pref("extensions.webextensions.remote", false);\n');
  h.startThunderbird();
  const messageId = `hostile-${Date.now()}@faults.example.test`;
  h.dovecot.deliver([`From: "${HOSTILE_NAME}" <billing@pay-portal.example>`, 'To: tbtest@example.test', `Subject: ${HOSTILE_SUBJECT}`,
    `Message-ID: <${messageId}>`, `Date: ${new Date().toUTCString()}`, 'Content-Type: text/html; charset=utf-8', '',
    '<p>Pay now: <a href="http://192.0.2.7/login">paypal.com</a><img src=x onerror="alert(1)"><script>alert(2)</script></p>', ''].join('\r\n'));
  await waitFor('the hostile message tagged', () => serverLabel(messageId), { timeoutMs: WAIT_MS, intervalMs: 200 });
  const m = await h.tb.marionette();
  let shown;
  try {
    shown = await m.execute(POPUP_FOR, [messageId, h.addon.id], WAIT_MS);
  } finally {
    m.close();
  }
  say(`  popup shows subject ${JSON.stringify(shown.subject)}, sender ${JSON.stringify(shown.title)}; elements in it ${shown.childElements}, images ${shown.images}, scripts ${JSON.stringify(shown.scripts)}, script ran: ${shown.ran}`);
  const problems = [];
  if (shown.subject !== HOSTILE_SUBJECT) problems.push(`subject shown as ${JSON.stringify(shown.subject)}`);
  if (!shown.title.includes(HOSTILE_NAME)) problems.push(`sender shown as ${JSON.stringify(shown.title)}`);
  if (shown.childElements || shown.images) problems.push(`markup became elements (${shown.childElements} in the subject, ${shown.images} images)`);
  if (shown.scripts.some((src) => src !== 'popup.js')) problems.push(`scripts in the page: ${shown.scripts}`);
  if (shown.ran !== null) problems.push(`message script ran: ${shown.ran}`);
  for (const p of problems) failures.push(`hostile markup: ${p}`);
  hostile = problems.length ? 'FAILED' : 'subject and sender with <script>/<img onerror> shown as text';
}
let hostile = 'not run';

async function main() {
  await setUp(h, {
    prefix: 'e2e-faults-',
    marionette: true,
    onTagwiseLine: (line) => {
      lines.push(line);
      if (process.env.VERBOSE) say(`  | ${line}`);
    },
  });
  // A killed Thunderbird counts as a crash; after a few it would offer safe mode instead of starting.
  appendFileSync(join(h.profile, 'user.js'), 'user_pref("toolkit.startup.max_resumed_crashes", -1);\n');
  // Enough messages that every round corrects a new one (corrections are counted per message).
  h.targets = existingMail();
  while (h.targets.length < DELAYS.length + 1) {
    const extra = wakeUpMail();
    h.dovecot.deliver(extra.raw);
    h.targets.push(extra);
  }
  h.startThunderbird();
  await waitFor('the existing mail to be tagged', () => h.targets.every((mail) => serverLabel(mail.messageId)), { timeoutMs: WAIT_MS, intervalMs: 250 });
  say(`${h.targets.length} existing messages tagged; ${DELAYS.length} kill rounds`);
  for (const [n, delay] of DELAYS.entries()) await round(n, delay);
  // The last restart's add-on must go on learning: one more, ordinary correction.
  await round(DELAYS.length, 'learned');
  await checkHostileMarkup();
}

let finished = false;
async function finish(error) {
  if (finished) return;
  finished = true;
  if (error) failures.push(`setup or round: ${error.message}`);
  const ok = failures.length === 0 && rounds.length === DELAYS.length + 1;
  if (!ok) for (const l of lines.slice(-25)) say(`    ${l}`);
  await tearDown(h, { keep: !ok || Boolean(process.env.KEEP) });
  const killedMidWrite = rounds.filter((r) => !r.learnedBeforeKill).length;
  const midWrite = rounds.filter((r) => r.midWrite).length;
  const summary = `${rounds.length} SIGKILL rounds (${killedMidWrite} before the learned line, ${midWrite} of them with the tag already on the server: mid-learning or mid-commit); ${hostile}; peak RSS ${Math.round(h.peakRssKb / 1024)} MiB, ${elapsed().trim()}s`;
  console.log(ok ? `e2e faults: PASS ${summary}` : `e2e faults: FAIL ${failures.slice(0, 5).join('; ')}; ${summary}`);
  process.exit(ok ? 0 : 1);
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => finish(new Error(`interrupted by ${signal}`)));
setTimeout(() => finish(new Error('whole run exceeded its deadline')), Number(process.env.RUN_TIMEOUT_S || 900) * 1000).unref();
main().then(() => finish(), (error) => finish(error));
