import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

// The core runs in Node and in Thunderbird alike: it must not reach for the browser, IndexedDB or the DOM.
const FORBIDDEN: Array<[string, RegExp]> = [
  ['messenger.*', /\bmessenger\./],
  ['browser.*', /\bbrowser\./],
  ['idb', /from\s+['"]idb['"]/],
  ['webextension-polyfill', /webextension-polyfill/],
  ['indexedDB', /\bindexedDB\b/],
  ['the DOM', /\b(document|window)\.|\b(DOMParser|localStorage)\b/],
  ['Math.random', /Math\.random/],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const files = sourceFiles('src/core');

test('the core has source files to check', () => {
  expect(files.length).toBeGreaterThan(10);
});

test.each(files)('%s uses no browser, storage or DOM API', (file) => {
  const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
  for (const [what, pattern] of FORBIDDEN) {
    expect(pattern.test(code), `${file} uses ${what}`).toBe(false);
  }
});
