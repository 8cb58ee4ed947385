import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { isMboxStart, splitMbox } from './split-mbox.ts';

/** One message to classify, or the reason a named input gave none. */
export type InputMessage = { file: string; bytes: Uint8Array } | { file: string; error: string };

// Thunderbird's folder indexes sit beside the mbox files they index.
const SKIPPED = /^\.|\.msf$/;

async function* pathsFromStdin(stdin: Readable): AsyncGenerator<string> {
  for await (const line of createInterface({ input: stdin, crlfDelay: Infinity })) {
    const path = line.trim();
    if (path !== '') yield path;
  }
}

async function* expandPath(path: string): AsyncGenerator<InputMessage> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    yield { file: path, error: (error as Error).message };
    return;
  }
  if (info.isDirectory()) {
    const entries = (await readdir(path)).filter((name) => !SKIPPED.test(name)).sort();
    for (const name of entries) yield* expandPath(join(path, name));
    return;
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    yield { file: path, error: (error as Error).message };
    return;
  }
  // A .eml may start with an mbox `From ` line (most of the SpamAssassin corpus does): one message.
  // Anything else that starts like an mbox and holds several messages is split.
  if (!/\.eml$/i.test(path) && isMboxStart(bytes)) {
    const messages = splitMbox(bytes);
    if (/\.mbox$/i.test(path) || messages.length > 1) {
      for (const [n, message] of messages.entries()) yield { file: `${path}#${n + 1}`, bytes: message };
      return;
    }
  }
  yield { file: path, bytes };
}

/**
 * The messages named on the command line, in order: .eml (or any) files, folders walked
 * recursively in name order, mbox files split into `path#N` (from 1), and `-` for paths read from
 * stdin, one per line. One input at a time, so a large folder is never all in memory.
 */
export async function* readInputs(paths: readonly string[], stdin: Readable): AsyncGenerator<InputMessage> {
  for (const path of paths) {
    if (path === '-') {
      for await (const line of pathsFromStdin(stdin)) yield* expandPath(line);
    } else yield* expandPath(path);
  }
}
