// Load test of the Tagwise add-on in a real Thunderbird: LOAD_COUNT (5,000) messages land in the
// Inbox at once (written straight into the Maildir, then one `doveadm force-resync`, since
// `doveadm save` costs ~30 ms a message). Checks that every one gets exactly one Tagwise tag on the
// server, and measures while the burst is processed:
//   - UI latency: a Marionette chrome script that switches the 3-pane between Local Folders and the
//     Inbox (displayFolder), and a bare round trip, once a second;
//   - peak RSS of Thunderbird's process tree;
//   - how long until the last message is tagged, and the add-on's own classify times.
//
//   npm run test:e2e:load       (builds the add-on first; takes minutes)
// Knobs: LOAD_COUNT (5000), LOAD_TIMEOUT_S (1500), plus run.mjs's (EXT_XPI, KEEP, VERBOSE).
import { chownSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { existingMail, fixture, fixtureNames } from './lib/fixtures.mjs';
import { setUp, tearDown } from './lib/setup.mjs';
import { IMAP_USER } from './lib/dovecot.mjs';
import { median, say, sleep, waitFor, elapsed } from './lib/util.mjs';

const COUNT = Number(process.env.LOAD_COUNT || 5000);
const TIMEOUT_MS = Number(process.env.LOAD_TIMEOUT_S || 1500) * 1000;

const h = {};
const lines = [];
let tagged = 0; // burst messages tagged on the server, as last counted

const hasOneTag = (flags) => flags.filter((f) => f.startsWith('$tagwise_')).length === 1;

/** COUNT messages made from the e2e mail, each with its own Message-ID and subject. */
function burst() {
  const sources = fixtureNames().map(fixture);
  return Array.from({ length: COUNT }, (_, i) => {
    const source = sources[i % sources.length];
    const messageId = `load-${i}-${source.name}@load.example.test`;
    const raw = source.raw
      .replace(/^Message-ID:.*$/im, `Message-ID: <${messageId}>`)
      .replace(/^Subject:(.*)$/im, (_, subject) => `Subject:${subject} #${i}`)
      .replace(/\r?\n/g, '\r\n');
    return { messageId, raw };
  });
}

/** Writes the messages into the Maildir's tmp/, then moves them all into new/: one burst. */
function deliverAtOnce(mails) {
  const maildir = join(h.dovecot.dir, 'mail', IMAP_USER, 'Maildir');
  const isRoot = process.getuid() === 0;
  for (const sub of ['tmp', 'new', 'cur']) mkdirSync(join(maildir, sub), { recursive: true });
  const stamp = Math.floor(Date.now() / 1000);
  const names = mails.map((mail, i) => {
    const name = `${stamp}.M${i}P${process.pid}.tagwise-load,S=${Buffer.byteLength(mail.raw)}`;
    writeFileSync(join(maildir, 'tmp', name), mail.raw);
    if (isRoot) chownSync(join(maildir, 'tmp', name), 65534, 65534);
    return name;
  });
  const started = Date.now();
  for (const name of names) renameSync(join(maildir, 'tmp', name), join(maildir, 'new', name));
  h.dovecot.doveadm(['force-resync', '-u', IMAP_USER, 'INBOX']);
  say(`  ${mails.length} messages moved into ${join(maildir, 'new')} and resynced in ${Date.now() - started} ms (${readdirSync(join(maildir, 'new')).length + readdirSync(join(maildir, 'cur')).length} in the Maildir)`);
}

// Switches the first 3-pane tab to the other folder and back to the Inbox; returns how long the
// two displayFolder calls took inside Thunderbird.
const SWITCH_FOLDER = `
const { MailServices } = ChromeUtils.importESModule("resource:///modules/MailServices.sys.mjs");
const win = Services.wm.getMostRecentWindow("mail:3pane");
const about3Pane = win.document.getElementById("tabmail").currentAbout3Pane;
const inbox = MailServices.accounts.defaultAccount.incomingServer.rootFolder.getFolderWithFlags(Ci.nsMsgFolderFlags.Inbox);
const local = MailServices.accounts.localFoldersServer.rootFolder;
const t0 = win.performance.now();
about3Pane.displayFolder(local.URI);
about3Pane.displayFolder(inbox.URI);
return win.performance.now() - t0;
`;

async function measureUi(stop, samples) {
  const m = await h.tb.marionette();
  try {
    while (!stop.done) {
      const t0 = Date.now();
      await m.execute('return 1;');
      const roundTrip = Date.now() - t0;
      const t1 = Date.now();
      const inside = await m.execute(SWITCH_FOLDER);
      samples.push({ roundTrip, folderSwitch: Date.now() - t1, inside: Math.round(inside), tagging: tagged > 0 });
      await sleep(1000);
    }
  } finally {
    m.close();
  }
}

const pct = (values, q) => {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

let report = '';
let ok = false;
async function main() {
  await setUp(h, { prefix: 'e2e-load-', marionette: true, onTagwiseLine: (line) => {
    lines.push(line);
    if (process.env.VERBOSE) say(`  | ${line}`);
  } });
  h.startThunderbird();
  const existing = existingMail();
  await waitFor('the existing mail to be tagged', () => {
    const rows = h.dovecot.messages();
    return existing.every((mail) => hasOneTag(rows.find((r) => r.messageId === mail.messageId)?.flags ?? []));
  }, { timeoutMs: 120_000, intervalMs: 500 });
  say(`${existing.length} existing messages tagged; idle UI latency:`);
  const idle = [];
  const idleStop = { done: false };
  const idleRun = measureUi(idleStop, idle).catch((e) => say(`  UI probe failed: ${e.message}`));
  await sleep(5000);
  idleStop.done = true;
  await idleRun;
  say(`  round trip median ${median(idle.map((s) => s.roundTrip))} ms, folder switch median ${median(idle.map((s) => s.folderSwitch))} ms`);

  const mails = burst();
  const classifiedBefore = lines.filter((l) => l.startsWith('[tagwise] classified ')).length;
  const samples = [];
  const stop = { done: false };
  const started = Date.now();
  h.tb.peakRssKb = 0;
  deliverAtOnce(mails);
  const ui = measureUi(stop, samples).catch((e) => say(`  UI probe failed: ${e.message}`));
  const ids = new Set(mails.map((m) => m.messageId));
  let lastReport = 0;
  try {
    await waitFor(`${COUNT} messages tagged`, () => {
      const rows = h.dovecot.messages();
      tagged = rows.filter((r) => ids.has(r.messageId) && hasOneTag(r.flags)).length;
      if (Date.now() - lastReport > 15_000) {
        lastReport = Date.now();
        const seen = rows.filter((r) => ids.has(r.messageId)).length;
        const last = samples.at(-1);
        say(`  ${((Date.now() - started) / 1000).toFixed(0)}s: ${tagged}/${COUNT} tagged (${seen} on the server), RSS ${Math.round(h.tb.peakRssKb / 1024)} MiB peak, last UI probe ${last ? `${last.folderSwitch} ms` : '-'}`);
      }
      return tagged === COUNT;
    }, { timeoutMs: TIMEOUT_MS, intervalMs: 2000 });
  } catch (error) {
    say(`  ${error.message}`);
  }
  const seconds = (Date.now() - started) / 1000;
  stop.done = true;
  await ui;
  const peakMiB = Math.round(h.tb.peakRssKb / 1024);
  const classify = lines.slice(0).filter((l) => l.startsWith('[tagwise] classified ')).slice(classifiedBefore)
    .map((l) => Number(l.match(/ ([\d.]+)ms$/)?.[1])).filter(Number.isFinite);
  // Two phases: Thunderbird fetching the new headers (nothing tagged yet), then the add-on tagging.
  const phase = (list) => {
    const sw = list.map((s) => s.folderSwitch);
    const rt = list.map((s) => s.roundTrip);
    return list.length ? `folder switch median ${median(sw)} ms, p95 ${pct(sw, 0.95)} ms, max ${Math.max(...sw)} ms, round trip median ${median(rt)} ms, max ${Math.max(...rt)} ms (n=${list.length})` : 'no samples';
  };
  report = `${tagged}/${COUNT} tagged in ${seconds.toFixed(0)} s (${(tagged / seconds).toFixed(1)} msg/s); `
    + `UI while Thunderbird fetched the headers (nothing tagged yet): ${phase(samples.filter((s) => !s.tagging))}; `
    + `UI while the add-on tagged: ${phase(samples.filter((s) => s.tagging))}; `
    + `idle: folder switch ${median(idle.map((s) => s.folderSwitch))} ms, round trip ${median(idle.map((s) => s.roundTrip))} ms; `
    + `peak RSS ${peakMiB} MiB; add-on classify median ${median(classify)} ms, p99 ${pct(classify, 0.99)} ms (n=${classify.length})`;
  ok = tagged === COUNT;
}

let finished = false;
async function finish(error) {
  if (finished) return;
  finished = true;
  if (error) say(`error: ${error.message}`);
  if (!ok) for (const l of lines.slice(-15)) say(`    ${l}`);
  await tearDown(h, { keep: !ok || Boolean(process.env.KEEP) });
  console.log(`e2e load: ${ok ? 'PASS' : 'FAIL'} ${report || error?.message || ''}; whole run ${elapsed().trim()}s`);
  process.exit(ok ? 0 : 1);
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => finish(new Error(`interrupted by ${signal}`)));
setTimeout(() => finish(new Error('whole run exceeded its deadline')), TIMEOUT_MS + 300_000).unref();
main().then(() => finish(), (error) => finish(error));
