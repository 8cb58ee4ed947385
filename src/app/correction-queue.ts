/**
 * Corrections run one at a time: each reads and writes the one model, and each decides on the state
 * the previous one left (two corrections arriving together both count, in arrival order). A failed
 * task does not stop the queue.
 */
let tail: Promise<unknown> = Promise.resolve();

export function enqueue<T>(task: () => Promise<T>): Promise<T> {
  const run = tail.then(task, task);
  tail = run.catch(() => undefined);
  return run;
}

/** Resolves once everything queued so far has run (tests, and the rescan before it compares tags). */
export function queueIdle(): Promise<void> {
  return enqueue(async () => undefined);
}
