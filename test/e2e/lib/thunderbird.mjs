// Starts and stops a real Thunderbird on a prepared profile, captures its stdout (where the add-on's
// console.log lines land), and samples the memory of its process tree.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, readdirSync, mkdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Marionette } from './marionette.mjs';
import { waitFor, waitExit, say, ownChild } from './util.mjs';

// The real binary, not Debian's /usr/bin/thunderbird wrapper script: its PID is Thunderbird's own.
export const THUNDERBIRD = process.env.TB
  || (existsSync('/usr/lib/thunderbird/thunderbird') ? '/usr/lib/thunderbird/thunderbird' : 'thunderbird');

/** One `[tagwise] ...` line, whatever console formatting surrounds it on stdout. */
export function tagwiseLine(line) {
  const at = line.indexOf('[tagwise]');
  if (at < 0) return null;
  // console.log on stdout reads `console.log: "[tagwise] ..."`; dump() prints the text as is.
  return line.slice(at).replace(/"\s*$/, '').replace(/\\"/g, '"').trim();
}

export class Thunderbird {
  /**
   * @param {object} o
   * @param {string} o.profile   profile directory (see profile.mjs)
   * @param {string} o.home      scratch $HOME, so nothing touches the real ~/.thunderbird or ~/.cache
   * @param {string} o.logFile   stdout+stderr are appended here (across restarts)
   * @param {boolean} o.headless
   * @param {number} [o.marionettePort]  enables Marionette (also set in the profile's prefs)
   * @param {(line: string) => void} [o.onTagwiseLine]  called for each `[tagwise]` line as it appears
   */
  static start(o) {
    mkdirSync(o.home, { recursive: true });
    const args = ['--no-remote', '--profile', o.profile];
    if (o.headless) args.push('--headless');
    if (o.marionettePort) args.push('--marionette', '-remote-allow-system-access');
    const env = { ...process.env, HOME: o.home };
    if (o.headless) env.MOZ_HEADLESS = '1';
    else delete env.MOZ_HEADLESS;
    const child = ownChild(spawn(THUNDERBIRD, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true }));
    return new Thunderbird(o, child);
  }

  /** Every `[tagwise]` line of this Thunderbird process, in order. */
  tagwiseLines = [];
  peakRssKb = 0;

  constructor(options, child) {
    this.options = options;
    this.child = child;
    this.pid = child.pid;
    const log = createWriteStream(options.logFile, { flags: 'a' });
    log.write(`\n===== ${new Date().toISOString()} ${THUNDERBIRD} pid ${child.pid} =====\n`);
    let open = 2;
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        log.write(`${line}\n`);
        const tagwise = tagwiseLine(line);
        if (tagwise) {
          this.tagwiseLines.push(tagwise);
          options.onTagwiseLine?.(tagwise);
        }
      }).on('close', () => { if (--open === 0) log.end(); });
    }
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    this.sampler = setInterval(() => {
      this.peakRssKb = Math.max(this.peakRssKb, treeRssKb(this.pid));
    }, 500);
    this.exited.then(() => clearInterval(this.sampler));
  }

  get running() {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Waits for a `[tagwise]` line matching `pattern`, after the first `from` lines; returns its match. */
  waitForLine(what, pattern, { from = 0, timeoutMs = 60_000 } = {}) {
    return waitFor(what, () => {
      if (!this.running) throw new Error(`Thunderbird exited while waiting for ${what}`);
      for (const line of this.tagwiseLines.slice(from)) {
        const m = line.match(pattern);
        if (m) return m;
      }
      return null;
    }, { timeoutMs });
  }

  /** A Marionette session in chrome context (one at a time; close it when done). */
  async marionette(timeoutMs = 60_000) {
    const m = await Marionette.connect(this.options.marionettePort, { timeoutMs });
    await m.chrome();
    return m;
  }

  /**
   * Quits gracefully (Marionette's quit, like File > Quit, when available), then SIGTERM, then SIGKILL.
   * An unclean exit makes Thunderbird re-deliver onNewMailReceived for old mail on the next start.
   */
  async stop({ marionette } = {}) {
    if (!this.running) return 'already exited';
    const started = Date.now();
    let how = 'quit';
    try {
      if (marionette) await marionette.quit();
      else if (this.options.marionettePort) await (await this.marionette(10_000)).quit();
      else throw new Error('no Marionette');
    } catch (error) {
      how = `SIGTERM (quit failed: ${error.message})`;
      this.child.kill('SIGTERM');
    }
    if (!(await waitExit(this.child, 20_000))) {
      how += ', then SIGKILL';
      this.child.kill('SIGKILL');
      await waitExit(this.child, 5_000);
    }
    say(`thunderbird ${this.pid} stopped by ${how} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
    return how;
  }
}

/** Sum of VmRSS over a process and all its descendants (Thunderbird runs ~3 processes). */
export function treeRssKb(rootPid) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(name));
    } catch { /* the process is gone */ }
  }
  let total = 0;
  const todo = [rootPid];
  while (todo.length) {
    const pid = todo.pop();
    try {
      const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)/m);
      total += m ? Number(m[1]) : 0;
    } catch { /* the process is gone */ }
    todo.push(...(children.get(pid) || []));
  }
  return total;
}
