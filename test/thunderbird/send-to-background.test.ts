import { afterEach, expect, test, vi } from 'vitest';
import { ask } from '../../src/thunderbird/send-to-background.ts';

function withSendMessage(impl: (message: unknown) => Promise<unknown>) {
  const sendMessage = vi.fn(impl);
  (globalThis as unknown as { messenger: unknown }).messenger = { runtime: { sendMessage } };
  return sendMessage;
}

afterEach(() => {
  delete (globalThis as unknown as { messenger?: unknown }).messenger;
});

test('a request travels as its handler name and request', async () => {
  const send = withSendMessage(async () => ({ ok: true }));
  expect(await ask('resetModel', { keepCorrections: true })).toEqual({ ok: true });
  expect(send).toHaveBeenCalledWith({ name: 'resetModel', request: { keepCorrections: true } });
});

test('a request lost with the event page is asked once more', async () => {
  let calls = 0;
  const send = withSendMessage(async () => {
    if (calls++ === 0) throw new Error("Actor 'Conduits' destroyed before query 'RunListener' was resolved");
    return [];
  });
  expect(await ask('getJobs')).toEqual([]);
  expect(send).toHaveBeenCalledTimes(2);
});

test("a handler's own error is not retried", async () => {
  const send = withSendMessage(async () => {
    throw new Error('QuotaExceededError');
  });
  await expect(ask('getStatus')).rejects.toThrow('QuotaExceededError');
  expect(send).toHaveBeenCalledTimes(1);
});
