import { expect, test } from 'vitest';
import { enqueue, queueIdle } from '../../src/app/correction-queue.ts';

test('tasks run one at a time, in arrival order, and a failure does not stop the queue', async () => {
  const order: string[] = [];
  let running = 0;
  const task = (name: string, fail = false) => async () => {
    running++;
    expect(running).toBe(1);
    await new Promise((r) => setTimeout(r, 5));
    order.push(name);
    running--;
    if (fail) throw new Error(name);
    return name;
  };
  const results = await Promise.allSettled([enqueue(task('a')), enqueue(task('b', true)), enqueue(task('c'))]);
  await queueIdle();
  expect(order).toEqual(['a', 'b', 'c']);
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
});
