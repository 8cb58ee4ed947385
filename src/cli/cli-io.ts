import type { Readable, Writable } from 'node:stream';

/** The streams a command talks to; tests pass their own, `main.ts` passes the process's. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean; columns?: number };
  stdin: Readable;
}

/** Bad command-line use: `main.ts` prints the message and the command's usage, and exits with 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function writeLine(stream: Writable, line = ''): void {
  stream.write(`${line}\n`);
}
