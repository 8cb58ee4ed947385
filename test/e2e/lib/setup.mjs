// What the test and the demo share: a work dir, a mail server with the demo mail, a profile with the
// add-on, and Thunderbird on top. Everything is torn down in reverse order by tearDown().
import { mkdirSync, mkdtempSync, chmodSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { Dovecot } from './dovecot.mjs';
import { makeProfile } from './profile.mjs';
import { resolveAddon } from './addon.mjs';
import { existingMail } from './fixtures.mjs';
import { Thunderbird } from './thunderbird.mjs';
import { freePort, say } from './util.mjs';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** True when every directory above `dir` lets others through (dovecot runs as nobody when we are root). */
function othersCanReach(dir) {
  for (let d = dir; ; d = dirname(d)) {
    try {
      if (!(statSync(d).mode & 0o001)) return false;
    } catch { /* not created yet */ }
    if (dirname(d) === d) return true;
  }
}

function makeWorkDir(prefix) {
  let root = resolve(process.env.WORK_ROOT || join(REPO, '.e2e-work'));
  if (process.getuid() === 0 && !othersCanReach(root)) root = os.tmpdir();
  mkdirSync(root, { recursive: true });
  const work = mkdtempSync(join(root, prefix));
  chmodSync(work, 0o755);
  return work;
}

/**
 * Fills `h` (an object the caller holds, so tearDown(h) works even when setUp fails half-way).
 * @param {object} h
 * @param {object} o
 * @param {string} o.prefix          work dir name prefix
 * @param {boolean} o.marionette      give Thunderbird a Marionette port
 * @param {(line: string) => void} [o.onTagwiseLine]
 */
export async function setUp(h, { prefix, marionette, onTagwiseLine }) {
  const env = {
    addonPath: process.env.EXT_XPI || join(REPO, 'tagwise.xpi'),
    idleTimeoutMs: Number(process.env.IDLE_TIMEOUT_MS || 2000),
  };
  const work = makeWorkDir(prefix);
  Object.assign(h, { idleTimeoutMs: env.idleTimeoutMs, work, logFile: join(work, 'thunderbird.log'), tb: null, dovecot: null, peakRssKb: 0 });
  say(`work dir ${work}`);
  h.addon = resolveAddon(env.addonPath, work);
  say(`add-on ${h.addon.id} ${h.addon.version} (MV${h.addon.manifestVersion}) from ${env.addonPath}`);

  h.dovecot = await Dovecot.start(join(work, 'dovecot'));
  say(`dovecot pid ${h.dovecot.pid} on 127.0.0.1:${h.dovecot.port}`);
  h.existing = existingMail();
  for (const mail of h.existing) h.dovecot.deliver(mail.raw);
  say(`delivered ${h.existing.length} messages before Thunderbird starts`);

  h.marionettePort = marionette ? await freePort() : undefined;
  h.profile = makeProfile({
    dir: join(work, 'profile'), imapPort: h.dovecot.port, marionettePort: h.marionettePort,
    addon: h.addon, idleTimeoutMs: env.idleTimeoutMs,
  });
  say(`profile ready (background idle timeout ${env.idleTimeoutMs} ms${marionette ? `, Marionette port ${h.marionettePort}` : ''})`);

  /** Starts (or restarts) Thunderbird; headless unless told otherwise. */
  h.startThunderbird = ({ headless = true } = {}) => {
    h.tb = Thunderbird.start({
      profile: h.profile, home: join(work, 'home'), logFile: h.logFile, headless,
      marionettePort: h.marionettePort, onTagwiseLine,
    });
    say(`thunderbird pid ${h.tb.pid} started${headless ? ' (headless)' : ` on display ${process.env.DISPLAY}`}`);
    return h.tb;
  };
  // Stops Thunderbird (gracefully if it can) and keeps its peak memory.
  h.stopThunderbird = async () => {
    if (!h.tb) return;
    await h.tb.stop();
    h.peakRssKb = Math.max(h.peakRssKb, h.tb.peakRssKb);
  };
  return h;
}

/** Stops Thunderbird and dovecot; deletes the work dir when `keep` is false. */
export async function tearDown(h, { keep }) {
  if (!h?.work) return;
  try { await h.stopThunderbird?.(); } catch (e) { say(`stopping thunderbird: ${e.message}`); }
  try { await h.dovecot?.stop(); } catch (e) { say(`stopping dovecot: ${e.message}`); }
  if (keep) say(`work dir kept: ${h.work} (Thunderbird log: ${h.logFile})`);
  else rmSync(h.work, { recursive: true, force: true });
}
