import { existsSync } from 'node:fs';
import { build } from 'esbuild';
import { describe, expect, test } from 'vitest';

/**
 * DESIGN §6: mail content shown in the popup or the options page is text, never markup. The pages
 * build nodes with textContent (src/pages/element.ts); this checks the code as shipped, after
 * bundling, dependencies included: no HTML sink, no string-to-code. Built in memory with the same
 * entry points as build.mjs, so it never reads a stale dist/.
 */
const ENTRIES = ['src/background.ts', 'options/options.ts', 'popup/popup.ts'].filter((path) => existsSync(path));

const SINKS: [string, RegExp][] = [
  ['innerHTML', /\binnerHTML\b/],
  ['outerHTML', /\bouterHTML\b/],
  ['insertAdjacentHTML', /\binsertAdjacentHTML\b/],
  ['document.write', /\bdocument\.write(?:ln)?\b/],
  ['createContextualFragment', /\bcreateContextualFragment\b/],
  ['DOMParser', /\bDOMParser\b/],
  ['srcdoc', /\bsrcdoc\b/],
  ['eval', /(?<![.\w])eval\s*\(/],
  ['new Function', /\bnew\s+Function\s*\(/],
  ['setTimeout with a string', /\bset(?:Timeout|Interval)\s*\(\s*["'`]/],
  ['remote import', /\bimport\s*\(\s*["'`](?:https?:)?\/\//],
  ['importScripts', /\bimportScripts\s*\(/],
];

describe('the bundled add-on code', async () => {
  const result = await build({ entryPoints: ENTRIES, bundle: true, write: false, format: 'esm', platform: 'browser', target: 'firefox128', outdir: 'out', logLevel: 'silent' });
  const outputs = result.outputFiles.map((file) => ({ path: file.path.replace(/^.*\/out\//, ''), text: file.text }));

  test('covers the background and both pages', () => {
    expect(outputs.length).toBe(ENTRIES.length);
    expect(ENTRIES).toContain('src/background.ts');
  });

  test.each(SINKS)('uses no %s', (_name, pattern) => {
    const hits = outputs.flatMap(({ path, text }) => {
      const match = pattern.exec(text);
      return match ? [`${path}: …${text.slice(Math.max(0, match.index - 60), match.index + 60)}…`] : [];
    });
    expect(hits).toEqual([]);
  });

  test('fetches nothing but files packaged with the add-on', () => {
    for (const { path, text } of outputs) {
      for (const match of text.matchAll(/\bfetch\s*\(\s*([^)]{0,80})/g)) {
        expect(`${path}: ${match[1]}`).not.toMatch(/["'`](?:https?:)?\/\//);
      }
    }
  });
});
