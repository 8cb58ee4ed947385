import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** bogofilter, the baseline of DESIGN.md §4, driven as a separate program with its own word list. */
export interface Bogofilter {
  bin: string;
  /** A fresh word-list directory (`-d`), removed by `close`. */
  dir: string;
}

export interface BogofilterVerdict {
  /** Its own verdict at its own cutoffs (spam ≥ 0.99, ham < 0.45 by default). */
  status: 'Spam' | 'Ham' | 'Unsure';
  /** Spamicity, 0..1. */
  score: number;
}

export const BOGOFILTER_INSTALL_HINT = [
  'bogofilter is not installed (`command -v bogofilter` found nothing). Install it with',
  '  sudo apt-get install bogofilter      # Debian, Ubuntu',
  '  sudo dnf install bogofilter          # Fedora',
  '  brew install bogofilter              # macOS',
  'or put it on PATH.',
].join('\n');

/** The path of `command`, as the shell finds it, or null when it is not installed. */
export function findBogofilter(command = 'bogofilter'): string | null {
  const found = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', command], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path !== '' ? path : null;
}

/**
 * A fresh, empty word list. bogofilter refuses to judge without a word-list file, so an empty one is
 * made with bogoutil (same package, same folder): judged empty, every message gets its prior, robx.
 */
export async function openBogofilter(bin: string): Promise<Bogofilter> {
  const dir = await mkdtemp(join(tmpdir(), 'tagwise-bogofilter-'));
  const made = spawnSync(join(dirname(bin), 'bogoutil'), ['-l', join(dir, 'wordlist.db')], { input: '', encoding: 'utf8' });
  if (made.status !== 0) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`cannot create an empty bogofilter word list with ${join(dirname(bin), 'bogoutil')}: ${made.error?.message ?? made.stderr.trim()}`);
  }
  return { bin, dir };
}

export async function closeBogofilter(bogofilter: Bogofilter): Promise<void> {
  await rm(bogofilter.dir, { recursive: true, force: true });
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(bogofilter: Bogofilter, args: string[], input: string): Promise<Run> {
  // -C: no /etc/bogofilter.cf, so a run does not depend on how this machine configured it.
  const child = spawn(bogofilter.bin, ['-C', '-d', bogofilter.dir, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.on('error', () => {}); // it may exit before reading all of stdin; its exit code says why
  child.stdin.end(input);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const VERDICT = /X-Bogosity: (Spam|Ham|Unsure), .*?spamicity=([0-9.]+)/;

function verdictOf(line: string): BogofilterVerdict | null {
  const match = VERDICT.exec(line);
  return match ? { status: match[1] as BogofilterVerdict['status'], score: Number(match[2]) } : null;
}

/** Registers files as ham or spam, many per process (`-b`: names on stdin). */
export async function registerFiles(bogofilter: Bogofilter, kind: 'ham' | 'spam', files: readonly string[]): Promise<void> {
  if (files.length === 0) return;
  const result = await run(bogofilter, [kind === 'ham' ? '-n' : '-s', '-b'], `${files.join('\n')}\n`);
  if (result.code !== 0) throw new Error(`bogofilter ${kind === 'ham' ? '-n' : '-s'} failed (exit ${result.code}): ${result.stderr.trim()}`);
}

/** One message, one process: what the online protocol needs, since each verdict may be followed by a registration. */
export async function classifyFile(bogofilter: Bogofilter, file: string): Promise<BogofilterVerdict> {
  const result = await run(bogofilter, ['-v', '-I', file], '');
  // Exit codes: 0 spam, 1 ham, 2 unsure, 3 error.
  const verdict = result.code !== null && result.code <= 2 ? verdictOf(result.stdout) : null;
  if (!verdict) throw new Error(`bogofilter failed on ${file} (exit ${result.code}): ${result.stderr.trim() || result.stdout.trim()}`);
  return verdict;
}

/** Many files in one process (`-v -b`: names on stdin), so process start-up is paid once. */
export async function classifyFiles(bogofilter: Bogofilter, files: readonly string[]): Promise<Map<string, BogofilterVerdict>> {
  const result = await run(bogofilter, ['-v', '-b'], `${files.join('\n')}\n`);
  const verdicts = new Map<string, BogofilterVerdict>();
  for (const line of result.stdout.split('\n')) {
    const at = line.indexOf(' X-Bogosity: ');
    const verdict = at < 0 ? null : verdictOf(line);
    if (verdict) verdicts.set(line.slice(0, at), verdict);
  }
  if (result.code === 3 || verdicts.size === 0) throw new Error(`bogofilter -b failed (exit ${result.code}): ${result.stderr.trim()}`);
  return verdicts;
}
