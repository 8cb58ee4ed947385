import type { CliIo } from './cli-io.ts';

export interface Progress {
  /** `done` of `total` units finished. */
  update(done: number): void;
  /** Takes the bar off the terminal so that a line can be printed; the next update redraws it. */
  clear(): void;
  /** Clears the bar and prints a closing line. */
  finish(summary?: string): void;
}

const REDRAW_MS = 100;
const PLAIN_STEP = 0.1;

function seconds(ms: number): string {
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.floor(ms / 60_000)}m${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')}s`;
}

/**
 * Progress on stderr, so that stdout stays data. On a terminal a bar redrawn in place; in a log or a
 * pipe a plain line every tenth of the way, since carriage returns make a mess of files.
 */
export function createProgress(stderr: CliIo['stderr'], label: string, total: number): Progress {
  const start = performance.now();
  const tty = stderr.isTTY === true;
  let lastDraw = 0;
  let nextPlain = PLAIN_STEP;
  let drawn = false;

  const status = (done: number): string => {
    const elapsed = performance.now() - start;
    const rate = done / Math.max(elapsed / 1000, 1e-3);
    const eta = done > 0 && done < total ? `, ${seconds(((total - done) / rate) * 1000)} left` : '';
    return `${done}/${total} (${Math.round(rate)}/s, ${seconds(elapsed)}${eta})`;
  };

  return {
    update(done) {
      const fraction = total === 0 ? 1 : Math.min(1, done / total);
      if (tty) {
        const now = performance.now();
        if (now - lastDraw < REDRAW_MS && done < total) return;
        lastDraw = now;
        const width = Math.max(10, Math.min(40, (stderr.columns ?? 80) - label.length - 50));
        const filled = Math.round(fraction * width);
        stderr.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}% ${status(done)}\x1b[K`);
        drawn = true;
      } else if (fraction >= nextPlain && done < total) {
        while (nextPlain <= fraction) nextPlain += PLAIN_STEP;
        stderr.write(`${label}: ${Math.floor(fraction * 100)}% ${status(done)}\n`);
      }
    },
    clear() {
      if (tty && drawn) stderr.write('\r\x1b[K');
      drawn = false;
      lastDraw = 0;
    },
    finish(summary) {
      if (tty && drawn) stderr.write('\r\x1b[K');
      stderr.write(`${label}: ${summary ?? `done, ${status(total)}`}\n`);
    },
  };
}
