// A minimal Marionette client (Node, no dependencies). Thunderbird must run with --marionette, and
// with -remote-allow-system-access for chrome-context scripts.
// Wire format: `<length>:<json>`; commands are [0, id, name, params], replies [1, id, error, result].
import net from 'node:net';
import { sleep, withTimeout } from './util.mjs';

export class Marionette {
  /** Connects (retrying until Thunderbird listens) and opens a session. */
  static async connect(port, { timeoutMs = 60_000 } = {}) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      let client;
      try {
        const socket = await new Promise((resolve, reject) => {
          const s = net.connect(port, '127.0.0.1', () => resolve(s));
          s.once('error', reject);
        });
        client = new Marionette(socket);
        await withTimeout(client.#nextPacket(), 10_000, 'Marionette hello');
        await client.command('WebDriver:NewSession', { capabilities: {} }, 30_000);
        return client;
      } catch (error) {
        client?.close();
        if (Date.now() > deadline) throw new Error(`Marionette on port ${port}: ${error.message}`);
        await sleep(250);
      }
    }
  }

  #socket;
  #buffer = Buffer.alloc(0);
  #waiting = [];
  #lastId = 0;

  constructor(socket) {
    this.#socket = socket;
    socket.on('data', (chunk) => { this.#buffer = Buffer.concat([this.#buffer, chunk]); this.#drain(); });
    socket.on('close', () => { for (const w of this.#waiting.splice(0)) w.reject(new Error('Marionette connection closed')); });
    socket.on('error', () => {});
  }

  #drain() {
    for (;;) {
      const colon = this.#buffer.indexOf(':');
      if (colon < 0) return;
      const length = Number(this.#buffer.subarray(0, colon).toString());
      if (this.#buffer.length < colon + 1 + length) return;
      const packet = JSON.parse(this.#buffer.subarray(colon + 1, colon + 1 + length).toString());
      this.#buffer = this.#buffer.subarray(colon + 1 + length);
      this.#waiting.shift()?.resolve(packet);
    }
  }

  #nextPacket() {
    return new Promise((resolve, reject) => this.#waiting.push({ resolve, reject }));
  }

  async command(name, params = {}, timeoutMs = 60_000) {
    const body = Buffer.from(JSON.stringify([0, ++this.#lastId, name, params]));
    const reply = this.#nextPacket();
    this.#socket.write(`${body.length}:`);
    this.#socket.write(body);
    const [, , error, result] = await withTimeout(reply, timeoutMs, name);
    if (error) throw new Error(`${name}: ${error.error}: ${error.message}`);
    return result;
  }

  /** Scripts run in Thunderbird's chrome (the main window's privileged JS), not in a web page. */
  chrome() {
    return this.command('Marionette:SetContext', { value: 'chrome' });
  }

  /**
   * Runs `script` (a function body; it may `return` a promise) with `arguments` = args, returns its value.
   */
  async execute(script, args = [], timeoutMs = 60_000) {
    await this.command('WebDriver:SetTimeouts', { script: timeoutMs }, 10_000);
    const result = await this.command('WebDriver:ExecuteScript', { script, args, newSandbox: true }, timeoutMs + 5_000);
    return result.value;
  }

  /** Asks Thunderbird to quit the way File > Quit does. */
  async quit() {
    try {
      return await this.command('Marionette:Quit', { flags: ['eAttemptQuit'] }, 30_000);
    } finally {
      this.close();
    }
  }

  close() {
    this.#socket.destroy();
  }
}
