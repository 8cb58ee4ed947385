import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { readInputs, type InputMessage } from '../../src/cli/read-inputs.ts';
import { FIXTURES, tempDir } from './cli-harness.ts';

async function collect(paths: string[], stdinText = ''): Promise<InputMessage[]> {
  const stdin = new PassThrough();
  stdin.end(stdinText);
  const out: InputMessage[] = [];
  for await (const input of readInputs(paths, stdin)) out.push(input);
  return out;
}

describe('readInputs', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await tempDir();
    await mkdir(join(dir, 'sub', 'deeper'), { recursive: true });
    await writeFile(join(dir, 'b.eml'), 'Subject: b\n\nb\n');
    await writeFile(join(dir, 'sub', 'a.eml'), 'Subject: a\n\na\n');
    await writeFile(join(dir, 'sub', 'deeper', 'c.eml'), 'Subject: c\n\nc\n');
    await writeFile(join(dir, 'sub', 'Inbox.msf'), 'index, not mail');
    await writeFile(join(dir, '.hidden'), 'not mail');
    // A SpamAssassin-style .eml with an mbox From line is one message, whatever its body says.
    await writeFile(join(dir, 'from-line.eml'), 'From a@x Mon Mar  3 09:15:02 2025\nSubject: d\n\nhi\n\nFrom b@x Tue Mar  4 10:00:00 2025\n');
  });

  it('walks folders recursively in name order, skipping dot files and .msf indexes', async () => {
    const files = (await collect([dir])).map((m) => m.file);
    expect(files).toEqual([join(dir, 'b.eml'), join(dir, 'from-line.eml'), join(dir, 'sub', 'a.eml'), join(dir, 'sub', 'deeper', 'c.eml')]);
  });

  it('splits an mbox into path#N', async () => {
    const mbox = join(FIXTURES, 'mbox', 'sample.mbox');
    expect((await collect([mbox])).map((m) => m.file)).toEqual([`${mbox}#1`, `${mbox}#2`, `${mbox}#3`]);
  });

  it('reads paths from stdin for -', async () => {
    const files = (await collect(['-'], `${join(dir, 'b.eml')}\n\n${join(dir, 'sub', 'a.eml')}\n`)).map((m) => m.file);
    expect(files).toEqual([join(dir, 'b.eml'), join(dir, 'sub', 'a.eml')]);
  });

  it('reports a missing path as an error and goes on', async () => {
    const inputs = await collect([join(dir, 'nope.eml'), join(dir, 'b.eml')]);
    expect(inputs[0]).toMatchObject({ file: join(dir, 'nope.eml'), error: expect.stringContaining('ENOENT') });
    expect(inputs[1]).toHaveProperty('bytes');
  });
});
