import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

// Every string a user sees comes from _locales, in English and German; pages never use innerHTML.
const locale = (lang: string) => JSON.parse(readFileSync(`_locales/${lang}/messages.json`, 'utf8')) as Record<string, { message: string; placeholders?: Record<string, unknown> }>;
const en = locale('en');
const de = locale('de');

function files(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path, pattern) : pattern.test(entry.name) ? [path] : [];
  });
}

const pageFiles = [...files('options', /\.(ts|html)$/), ...files('popup', /\.(ts|html)$/), ...files('src', /\.ts$/)];

function usedKeys(): Set<string> {
  const keys = new Set<string>();
  for (const file of pageFiles) {
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    for (const m of code.matchAll(/data-i18n="([^"]+)"/g)) keys.add(m[1] as string);
    for (const m of code.matchAll(/\bt\(\s*'([A-Za-z_]+)'/g)) keys.add(m[1] as string);
    for (const m of code.matchAll(/'(reason[A-Z]\w+|jobStatus_\w+|menu[A-Z]\w+|tag[A-Z]\w+|notice[A-Z]\w+|popup[A-Z]\w+|modelShipped|modelLearned|resetDone\w+)'/g)) keys.add(m[1] as string);
  }
  for (const status of ['running', 'done', 'cancelled', 'failed']) keys.add(`jobStatus_${status}`);
  return keys;
}

test.each([...usedKeys()].sort())('%s is in English and German', (key) => {
  expect(en[key]?.message, `en ${key}`).toBeTruthy();
  expect(de[key]?.message, `de ${key}`).toBeTruthy();
});

test('English and German have the same keys and placeholders', () => {
  expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
  for (const key of Object.keys(en)) {
    expect(Object.keys(de[key]?.placeholders ?? {}), key).toEqual(Object.keys(en[key]?.placeholders ?? {}));
  }
});

test('manifest strings are localized', () => {
  const manifest = readFileSync('manifest.json', 'utf8');
  for (const m of manifest.matchAll(/__MSG_(\w+)__/g)) expect(en[m[1] as string], m[1]).toBeDefined();
});

test.each(pageFiles.filter((f) => !f.startsWith('src/core')))('%s sets no innerHTML / outerHTML / insertAdjacentHTML', (file) => {
  const code = readFileSync(file, 'utf8').replace(/\/\/.*$/gm, '');
  expect(code).not.toMatch(/\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write/);
});
