// End-to-end test of the Tagwise add-on in a real, headless Thunderbird against a real IMAP server.
// Every verdict is checked where a user's other devices would see it: as IMAP keywords on the server.
//
//   1. tags      mail already in the Inbox and mail arriving while Thunderbird runs gets its tag
//   2. menu      Tagwise > <label> in the message list's context menu corrects a message, and a
//                near-duplicate delivered afterwards gets the corrected tag
//   3. tag keys  the same through Thunderbird's own tag keys (toggle our old tag off, the new one on)
//   4. restart   after a graceful restart the add-on reports corrections=2, and further
//                near-duplicates still get the corrected tags
//   5. timing    median classify and correction times from the add-on's log; peak memory
//   6. ui        options page, popup and folder classification, driven through Marionette, with
//                screenshots (test/e2e/ui-checks.mjs)
//
// The last line printed is `e2e: PASS ...` or `e2e: FAIL ...`; the exit code says the same.
// Knobs (environment): EXT_XPI, KEEP, WORK_ROOT, WAIT_S, IDLE_TIMEOUT_MS, VERBOSE; see README.md.
import { fixture, newMail, tagKeyOf, labelOfTagKey } from './lib/fixtures.mjs';
import { setUp, tearDown } from './lib/setup.mjs';
import { widgetId } from './lib/addon.mjs';
import { TAG_KEYS, PRESS_TAG_KEYS, CLICK_CONTEXT_MENU, INBOX_KEYWORDS } from './lib/tb-ui.mjs';
import { say, waitFor, median, sleep, elapsed } from './lib/util.mjs';
import { checkUi } from './ui-checks.mjs';

const WAIT_MS = Number(process.env.WAIT_S || 60) * 1000;
const RUN_DEADLINE_MS = Number(process.env.RUN_TIMEOUT_S || 600) * 1000;

const CHECKS = 6;
const h = {};
const results = []; // {name, ok, detail}
const corrections = {}; // topic -> {label, messageId}

// ---- reading the server ---------------------------------------------------------------------------

const classKeywords = (flags) => flags.filter((f) => f.startsWith('$tagwise_'));

/** The $tagwise_* keywords of a message on the server (null while the server does not have it). */
function serverTags(messageId) {
  const row = h.dovecot.messages().find((m) => m.messageId === messageId);
  return row ? classKeywords(row.flags) : null;
}

/** The one Tagwise label a message has on the server, or null (none yet, or several). */
function serverLabel(messageId) {
  const tags = serverTags(messageId);
  return tags?.length === 1 ? labelOfTagKey(tags[0]) : null;
}

/**
 * Waits, with one deadline for the whole group, until every message carries exactly one Tagwise tag
 * on the server; returns their labels in order ("none: <server keywords>" for those that never got one).
 */
async function waitForServerTags(mails) {
  const started = Date.now();
  const labels = mails.map(() => null);
  await waitFor('tags', () => {
    const rows = h.dovecot.messages();
    mails.forEach((mail, i) => {
      if (labels[i]) return;
      const tags = classKeywords(rows.find((r) => r.messageId === mail.messageId)?.flags ?? []);
      if (tags.length !== 1) return;
      labels[i] = labelOfTagKey(tags[0]);
      say(`  ${labels[i].padEnd(6)} on the server after ${((Date.now() - started) / 1000).toFixed(1)}s: ${mail.subject}`);
    });
    return labels.every(Boolean);
  }, { timeoutMs: WAIT_MS, intervalMs: 150 }).catch(() => {});
  return labels.map((label, i) => label ?? `none (server keywords ${JSON.stringify(serverTags(mails[i].messageId))} after ${WAIT_MS / 1000}s)`);
}

/** Waits until the message has exactly the tag of `label` on the server. */
async function waitForServerLabel(mail, label) {
  const started = Date.now();
  await waitFor(`${label} on "${mail.subject}"`, () => serverLabel(mail.messageId) === label, { timeoutMs: WAIT_MS, intervalMs: 150 })
    .catch((e) => { throw new Error(`${e.message}; server keywords: ${JSON.stringify(serverTags(mail.messageId))}`); });
  say(`  ${label.padEnd(6)} on the server after ${((Date.now() - started) / 1000).toFixed(1)}s: ${mail.subject}`);
}

const learnedLine = (messageId, label) =>
  new RegExp(`^\\[tagwise\\] learned ${escapeRegExp(messageId)} ${label} corrections=(\\d+) ([\\d.]+)ms`);
const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// ---- checks ---------------------------------------------------------------------------------------

async function check(name, fn) {
  say(`CHECK ${name}`);
  if (nothingTagged && !name.startsWith('5')) {
    // The add-on tagged nothing at all: every later check would only wait out its timeout.
    results.push({ name, ok: false, detail: 'skipped: the add-on tagged nothing' });
    say('  skipped: the add-on tagged nothing');
    return;
  }
  try {
    const detail = await fn();
    results.push({ name, ok: true, detail });
    say(`  ok: ${detail}`);
  } catch (error) {
    results.push({ name, ok: false, detail: error.message });
    say(`  FAILED: ${error.message}`);
  }
}

let nothingTagged = false;
async function checkTags() {
  const wrong = [];
  const expectAll = async (mails) => {
    const got = await waitForServerTags(mails);
    mails.forEach((mail, i) => {
      if (mail.expected ? got[i] !== mail.expected : got[i].startsWith('none')) {
        wrong.push(`"${mail.subject}": ${got[i]}${mail.expected ? `, expected ${mail.expected}` : ''}`);
      }
    });
  };
  await expectAll(h.existing);
  const arriving = newMail();
  for (const mail of arriving) h.dovecot.deliver(mail.raw);
  say(`  delivered ${arriving.length} new messages while Thunderbird runs`);
  await expectAll(arriving);
  const all = h.existing.length + arriving.length;
  nothingTagged = wrong.length === all && wrong.every((w) => w.includes(': none'));
  if (wrong.length) throw new Error(`${wrong.length} of ${all} messages not tagged as expected: ${wrong.slice(0, 3).join('; ')}${wrong.length > 3 ? '; ...' : ''}`);
  return `${h.existing.length} existing and ${arriving.length} new messages tagged as expected`;
}

/**
 * Shared by the two correction checks: corrects gray-<topic>-1 to `wanted` (or to `fallback` when the
 * add-on already chose `wanted` by itself) with `correct(mail, from, to)`, then checks the server, the
 * add-on's `learned` line, and that gray-<topic>-2 gets the corrected tag.
 */
async function checkCorrection(topic, wanted, fallback, how, correct) {
  const mail = fixture(`gray-${topic}-1`);
  const [before] = await waitForServerTags([mail]);
  if (before.startsWith('none')) throw new Error(`"${mail.subject}" was never tagged: ${before}`);
  const target = before === wanted ? fallback : wanted;
  if (before === wanted) say(`  the add-on already tagged it ${wanted}; correcting to ${fallback} instead`);
  const from = h.tb.tagwiseLines.length;
  say(`  correcting "${mail.subject}" ${before} -> ${target} via ${how}`);
  await correct(mail, before, target);
  await waitForServerLabel(mail, target);
  const learned = await h.tb.waitForLine(`"learned ${mail.messageId} ${target}"`, learnedLine(mail.messageId, target), { from, timeoutMs: WAIT_MS });
  corrections[topic] = { label: target, messageId: mail.messageId };
  // Let the event page go idle and be suspended first, so the near-duplicate has to wake it and
  // what was learned must come back from storage, not from memory.
  const starts = h.tb.tagwiseLines.filter((l) => l.startsWith('[tagwise] ready ')).length;
  await sleep(h.idleTimeoutMs + 2000);
  const twin = fixture(`gray-${topic}-2`);
  h.dovecot.deliver(twin.raw);
  say(`  delivered near-duplicate "${twin.subject}"`);
  const [got] = await waitForServerTags([twin]);
  if (got !== target) throw new Error(`near-duplicate "${twin.subject}" tagged ${got}, expected the corrected ${target}`);
  const woke = h.tb.tagwiseLines.filter((l) => l.startsWith('[tagwise] ready ')).length > starts;
  return `${before} -> ${target} on the server, add-on learned it (corrections=${learned[1]}, ${learned[2]} ms), `
    + `near-duplicate tagged ${got}${woke ? ' by a freshly woken background page' : ''}`;
}

async function checkMenuCorrection() {
  return checkCorrection('bikeshop', 'SAFE', 'SPAM', 'the context menu', async (mail, from, to) => {
    const elementId = `${widgetId(h.addon.id)}-menuitem-_tagwise-correct-${to.toLowerCase()}`;
    const m = await h.tb.marionette();
    try {
      const path = await m.execute(CLICK_CONTEXT_MENU, [mail.messageId, elementId]);
      say(`  clicked ${path.join(' > ')} (${elementId})`);
    } finally {
      m.close();
    }
  });
}

async function checkTagKeyCorrection() {
  return checkCorrection('seo', 'SPAM', 'SAFE', "Thunderbird's tag keys", async (mail, from, to) => {
    const m = await h.tb.marionette();
    try {
      const keys = await m.execute(TAG_KEYS);
      const digit = (label) => keys.find((k) => k.key === tagKeyOf(label))?.digit ?? '?';
      say(`  tag keys: ${keys.map((k) => `${k.digit}=${k.key}`).join(' ')}`);
      const keywords = await m.execute(PRESS_TAG_KEYS, [mail.messageId, tagKeyOf(from), tagKeyOf(to)]);
      say(`  pressed ${digit(from)} (${from} off) and ${digit(to)} (${to} on); Thunderbird's keywords now "${keywords}"`);
    } finally {
      m.close();
    }
  });
}

async function checkRestart() {
  const problems = [];
  await h.stopThunderbird();
  const tb = h.startThunderbird();
  // New mail right away: an MV3 event page without a runtime.onStartup listener is only started by
  // the first event that needs it, so "ready" may come with the first new message, not before.
  const thirds = Object.entries(corrections).map(([topic, c]) => ({ ...c, topic, mail: fixture(`gray-${topic}-3`) }));
  for (const { mail } of thirds) {
    h.dovecot.deliver(mail.raw);
    say(`  delivered near-duplicate "${mail.subject}"`);
  }
  const ready = await tb.waitForLine('"[tagwise] ready" after the restart', /^\[tagwise\] ready model=(\S+) corrections=(\d+)/, { timeoutMs: WAIT_MS });
  say(`  add-on ready after restart: model=${ready[1]} corrections=${ready[2]}`);
  const expected = Object.keys(corrections).length;
  if (Number(ready[2]) !== expected) problems.push(`corrections=${ready[2]} after restart, expected ${expected}`);
  const labels = await waitForServerTags(thirds.map((t) => t.mail));
  for (const [i, { topic, label, messageId, mail }] of thirds.entries()) {
    const got = labels[i];
    if (got !== label) problems.push(`after restart "${mail.subject}" tagged ${got}, expected ${label}`);
    const kept = serverTags(messageId);
    if (kept?.join() !== tagKeyOf(label)) problems.push(`corrected gray-${topic}-1 now has ${JSON.stringify(kept)}`);
  }
  if (expected < 2) problems.push(`only ${expected} of 2 corrections succeeded earlier`);
  // Every background start in this session (the event page wakes up again after each idle
  // suspension) must see the stored corrections.
  const counts = tb.tagwiseLines.map((l) => l.match(/^\[tagwise\] ready .*corrections=(\d+)/)?.[1]).filter(Boolean);
  if (counts.some((c) => Number(c) !== expected)) problems.push(`ready lines after restart say corrections=${counts.join(',')}`);
  if (problems.length) throw new Error(problems.join('; '));
  return `corrections=${ready[2]} after restart (${counts.length} background start(s) since), corrected tags kept, near-duplicates follow the corrections`;
}

let timing = '';
async function checkTiming() {
  await h.stopThunderbird();
  const lines = h.allLines();
  const ms = (re) => lines.map((l) => l.match(re)?.[1]).filter(Boolean).map(Number);
  const classify = ms(/^\[tagwise\] classified \S+ (?:SAFE|SPAM|THREAT) ([\d.]+)ms/);
  const learn = ms(/^\[tagwise\] learned \S+ (?:SAFE|SPAM|THREAT) corrections=\d+ ([\d.]+)ms/);
  const readyCount = lines.filter((l) => l.startsWith('[tagwise] ready ')).length;
  const peakMiB = Math.round(h.peakRssKb / 1024);
  timing = `classify median ${median(classify)} ms (n=${classify.length}), correction median ${median(learn)} ms (n=${learn.length}), peak RSS ${peakMiB} MiB`;
  say(`  background starts (ready lines): ${readyCount}`);
  if (!classify.length || !learn.length) throw new Error(`missing log lines: ${timing}`);
  return timing;
}

// ---- main -----------------------------------------------------------------------------------------

async function main() {
  const allLines = [];
  await setUp(h, {
    prefix: 'e2e-',
    marionette: true,
    onTagwiseLine: (line) => {
      allLines.push(line);
      if (process.env.VERBOSE) say(`  | ${line}`);
    },
  });
  h.allLines = () => allLines;
  h.startThunderbird();

  await check('1 tags: existing and new mail get the expected tag', checkTags);
  await check('2 menu: a context-menu correction re-tags and teaches', checkMenuCorrection);
  await check('3 tag keys: a correction with Thunderbird\'s tag keys teaches', checkTagKeyCorrection);
  await check('4 restart: corrections and what was learned survive', checkRestart);
  await check('5 timing', checkTiming);
  await check('6 ui: options page, popup and folder classification', () => checkUi(h, { waitMs: WAIT_MS }));
}

async function dumpForDebugging() {
  try {
    if (h.tb?.running) {
      const m = await h.tb.marionette(10_000);
      const rows = await m.execute(INBOX_KEYWORDS);
      m.close();
      say("Thunderbird's own view of the Inbox keywords:");
      for (const r of rows) say(`    ${r.keywords.padEnd(40)} ${r.subject}`);
    }
  } catch (e) { say(`(could not read Thunderbird's view: ${e.message})`); }
  try {
    say('server keywords:');
    for (const m of h.dovecot.messages()) say(`    uid ${m.uid} ${m.flags.join(' ').padEnd(40)} ${m.messageId}`);
  } catch { /* dovecot is gone */ }
  const lines = h.allLines?.() ?? [];
  say(`last [tagwise] lines (${lines.length} in all):`);
  for (const l of lines.slice(-25)) say(`    ${l}`);
}

let finished = false;
async function finish(summaryFailure) {
  if (finished) return;
  finished = true;
  const failed = results.filter((r) => !r.ok);
  const ok = !summaryFailure && failed.length === 0 && results.length === CHECKS;
  if (!ok) await dumpForDebugging();
  await tearDown(h, { keep: !ok || Boolean(process.env.KEEP) });
  if (ok) {
    console.log(`e2e: PASS ${results.length}/${CHECKS} checks in ${elapsed().trim()}s; ${timing}`);
  } else {
    const short = (text) => (text.length > 240 ? `${text.slice(0, 237)}...` : text);
    const what = summaryFailure || failed.map((r) => `check ${r.name.split(' ')[0]} (${short(r.detail)})`).join('; ');
    console.log(`e2e: FAIL ${what}`);
  }
  process.exit(ok ? 0 : 1);
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => finish(`interrupted by ${signal}`));
const deadline = setTimeout(() => finish(`whole run exceeded ${RUN_DEADLINE_MS / 1000}s`), RUN_DEADLINE_MS);
deadline.unref();

main().then(() => finish(), (error) => finish(`setup: ${error.message}`));
