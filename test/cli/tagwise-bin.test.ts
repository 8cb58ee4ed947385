import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, expect, it } from 'vitest';
import { FIXTURES, tempDir, writeTinyModel } from './cli-harness.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'dist-cli', 'tagwise.mjs');

function newestSource(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((entry) =>
      entry.isDirectory() ? newestSource(join(dir, entry.name)) : statSync(join(dir, entry.name)).mtimeMs,
    ),
  );
}

beforeAll(async () => {
  // Built by build.mjs itself, when missing or older than the sources it bundles.
  if (!existsSync(BIN) || statSync(BIN).mtimeMs < Math.max(newestSource(join(ROOT, 'src', 'cli')), newestSource(join(ROOT, 'src', 'core')))) {
    await promisify(execFile)(process.execPath, ['build.mjs', '--cli-only'], { cwd: ROOT });
  }
}, 60_000);

it('the built tagwise.mjs classifies mail from the command line', async () => {
  const model = await writeTinyModel(await tempDir());
  const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'classify', '--model', model, join(FIXTURES, 'spam-promo.eml')]);
  const verdict = JSON.parse(stdout.trim());
  expect(verdict.file).toBe(join(FIXTURES, 'spam-promo.eml'));
  expect(['SAFE', 'SPAM', 'THREAT']).toContain(verdict.label);
});
