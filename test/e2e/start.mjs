// `npm start`: Thunderbird with the add-on, a local IMAP account and demo mail, to see Tagwise work.
// With $DISPLAY set, a normal window opens (close it, or press Ctrl-C, to stop); without one,
// Thunderbird runs headless for DURATION_S seconds (default 60). Either way each message's tag is
// printed as it appears on the IMAP server, and a few more messages arrive after NEW_MAIL_AFTER_S.
import { setUp, tearDown } from './lib/setup.mjs';
import { fixture, fixtureNames, newMail, labelOfTagKey } from './lib/fixtures.mjs';
import { say, sleep } from './lib/util.mjs';

const visible = Boolean(process.env.DISPLAY) && !process.env.HEADLESS;
const durationMs = Number(process.env.DURATION_S || 60) * 1000;
const newMailAfterMs = Number(process.env.NEW_MAIL_AFTER_S || 15) * 1000;

const h = {};
const subjects = new Map(fixtureNames().map(fixture).map((m) => [m.messageId, m.subject]));
const shown = new Map(); // messageId -> tags last printed

function printChanges() {
  for (const { messageId, flags } of h.dovecot.messages()) {
    const tags = flags.filter((f) => f.startsWith('$tagwise_')).map(labelOfTagKey).join('+') || '(untagged)';
    if (shown.get(messageId) === tags) continue;
    if (shown.has(messageId) || tags !== '(untagged)') say(`${tags.padEnd(10)} ${subjects.get(messageId) ?? messageId}`);
    shown.set(messageId, tags);
  }
}

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  await tearDown(h, { keep: Boolean(process.env.KEEP) });
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => { say(`${signal}: shutting down`); stop(130); });

try {
  await setUp(h, {
    prefix: 'start-',
    marionette: !visible, // only needed to quit a headless Thunderbird gracefully
    onTagwiseLine: process.env.VERBOSE ? (line) => say(`  | ${line}`) : undefined,
  });
  const tb = h.startThunderbird({ headless: !visible });
  say(visible
    ? 'Thunderbird is open: the Tagwise tags show in the message list. Right-click a message > Tagwise to correct it. Close the window or press Ctrl-C to stop.'
    : `Thunderbird runs headless for ${durationMs / 1000}s (set DISPLAY for a window); tags as the server sees them:`);
  const started = Date.now();
  let delivered = false;
  while (!stopping && tb.running && (visible || Date.now() - started < durationMs)) {
    printChanges();
    if (!delivered && Date.now() - started > newMailAfterMs) {
      delivered = true;
      for (const mail of newMail()) h.dovecot.deliver(mail.raw);
      say(`(${newMail().length} new messages arrive)`);
    }
    await sleep(500);
  }
  if (!tb.running) say('Thunderbird was closed');
  printChanges();
  await stop(0);
} catch (error) {
  say(`start failed: ${error.message}`);
  await tearDown(h, { keep: true });
  process.exit(1);
}
