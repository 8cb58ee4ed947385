// A fresh Thunderbird profile: one IMAP account on the test server (no account wizard, no password
// prompt), quiet first run, unsigned add-ons allowed, console output on stdout, and the add-on under
// test installed as profile/extensions/<id>.xpi (a normal, non-temporary install).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IMAP_USER, IMAP_PASSWORD } from './dovecot.mjs';

const here = dirname(fileURLToPath(import.meta.url));

const pref = (name, value) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`;

function prefs({ imapPort, marionettePort, idleTimeoutMs }) {
  const account = {
    'mail.accountmanager.accounts': 'account1,account2',
    'mail.accountmanager.defaultaccount': 'account1',
    'mail.accountmanager.localfoldersserver': 'server2',
    'mail.account.account1.identities': 'id1',
    'mail.account.account1.server': 'server1',
    'mail.account.account2.server': 'server2',
    'mail.account.lastKey': 2,
    'mail.identity.id1.fullName': 'Sam Tester',
    'mail.identity.id1.useremail': `${IMAP_USER}@example.test`,
    'mail.identity.id1.valid': true,
    'mail.server.server1.type': 'imap',
    'mail.server.server1.hostname': '127.0.0.1',
    'mail.server.server1.port': imapPort,
    'mail.server.server1.userName': IMAP_USER,
    'mail.server.server1.name': `${IMAP_USER}@127.0.0.1`,
    'mail.server.server1.socketType': 0, // plain; the server only listens on loopback
    'mail.server.server1.authMethod': 3, // cleartext password
    'mail.server.server1.login_at_startup': true,
    'mail.server.server1.check_new_mail': true,
    'mail.server.server1.check_time': 1,
    'mail.server.server1.use_idle': true, // new mail in INBOX arrives within a second
    'mail.server.server1.directory-rel': '[ProfD]ImapMail/127.0.0.1',
    'mail.server.server2.type': 'none',
    'mail.server.server2.hostname': 'Local Folders',
    'mail.server.server2.userName': 'nobody',
    'mail.server.server2.name': 'Local Folders',
    'mail.server.server2.directory-rel': '[ProfD]Mail/Local Folders',
    'mail.smtpservers': '',
    'mail.biff.add_interval_jitter': false,
    'mail.biff.show_alert': false,
    'mail.biff.play_sound': false,
    'mail.biff.use_system_alert': false,
    'mail.biff.show_tray_icon': false,
    'signon.rememberSignons': true,
  };
  const quiet = {
    'mail.provider.enabled': false,
    'mail.shell.checkDefaultClient': false,
    'mail.shell.checkDefaultMail': false,
    'mail.rights.version': 1,
    'mail.startup.enabledMailCheckOnce': true,
    'mailnews.start_page.enabled': false,
    'mailnews.start_page.url': 'about:blank',
    'mailnews.start_page.override_url': '',
    'mail.inappnotifications.enabled': false,
    'mail.ui.folderpane.version': 99,
    'app.update.enabled': false,
    'app.update.auto': false,
    'app.update.checkInstallTime': false,
    'app.donation.eoy.version.viewed': 999,
    'browser.shell.checkDefaultBrowser': false,
    'datareporting.healthreport.uploadEnabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'datareporting.policy.dataSubmissionPolicyBypassNotification': true,
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.unified': false,
    'toolkit.telemetry.archive.enabled': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'network.dns.disablePrefetch': true,
    'offline.autoDetect': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    'services.settings.server': 'http://127.0.0.1:9/', // remote settings: fail fast, no internet
    'extensions.getAddons.cache.enabled': false,
    'extensions.update.enabled': false,
    'extensions.update.autoUpdateDefault': false,
    'extensions.systemAddon.update.enabled': false,
    'calendar.integration.notify': false,
    'calendar.timezone.useSystemTimezone': true,
    'mailnews.database.global.indexer.enabled': false, // gloda: CPU we do not need
    // Debian's /etc/thunderbird/pref/thunderbird.js turns the baseline JIT off; measure with it on,
    // as other distributions ship it.
    'javascript.options.baselinejit': true,
  };
  const addons = {
    'xpinstall.signatures.required': false,
    'extensions.autoDisableScopes': 0,
    'extensions.enabledScopes': 15,
    'extensions.startupScanScopes': 15,
    'extensions.installDistroAddons': true,
    // The MV3 event page is suspended after this idle time; short in tests, so suspend and wake-up
    // paths run many times per run.
    'extensions.background.idle.timeout': idleTimeoutMs,
  };
  const logging = {
    'browser.dom.window.dump.enabled': true,
    'devtools.console.stdout.chrome': true,
    'devtools.console.stdout.content': true, // the add-on's console.log lines on stdout
  };
  const remote = marionettePort ? { 'marionette.port': marionettePort } : {};
  return { ...account, ...quiet, ...addons, ...logging, ...remote };
}

/**
 * Creates `dir` as a ready-to-use profile and returns its path.
 * addon: {xpi, id} as returned by resolveAddon().
 */
export function makeProfile({ dir, imapPort, marionettePort, addon, idleTimeoutMs = 2000 }) {
  mkdirSync(join(dir, 'extensions'), { recursive: true });
  const lines = Object.entries(prefs({ imapPort, marionettePort, idleTimeoutMs })).map(([k, v]) => pref(k, v));
  writeFileSync(join(dir, 'user.js'), `// generated by test/e2e/lib/profile.mjs\n${lines.join('\n')}\n`);
  execFileSync('python3', [join(here, 'seed-logins.py'), dir, 'imap://127.0.0.1', IMAP_USER, IMAP_PASSWORD], {
    stdio: ['ignore', 'ignore', 'inherit'], timeout: 30_000,
  });
  copyFileSync(addon.xpi, join(dir, 'extensions', `${addon.id}.xpi`));
  return dir;
}
