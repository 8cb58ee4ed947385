// Builds the add-on into dist/ (and dist/tagwise.xpi) and the command line into dist-cli/.
//   node build.mjs             add-on + CLI
//   node build.mjs --cli-only  CLI only (what `npm run cli` and `npm run bench` need)
import { build } from 'esbuild';
import { cp, mkdir, rm, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const cliOnly = process.argv.includes('--cli-only');

// `npx web-ext lint --source-dir dist` (npm run lint:ext): 0 errors. Its 6 MANIFEST_PERMISSIONS
// warnings are the Thunderbird-only permissions, unknown to the Firefox linter: messagesRead,
// accountsRead, messagesUpdate, messagesTags, messagesTagsList, messagesMove. It checks no API calls
// in background.js, which uses messenger.* only (messages, messages.tags, folders, menus, alarms,
// i18n, runtime). The 7th warning, MISSING_DATA_COLLECTION_PERMISSIONS, is Firefox's (AMO) data
// consent key: Thunderbird does not ask for it, and adding it trades the warning for two
// "unsupported by strict_min_version 128" ones.

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist-cli/tagwise.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});

if (!cliOnly) {
  await rm('dist', { recursive: true, force: true });
  await mkdir('dist', { recursive: true });
  const entryPoints = { background: 'src/background.ts' };
  for (const page of ['options/options.ts', 'popup/popup.ts']) {
    if (existsSync(page)) entryPoints[page.replace(/\.ts$/, '')] = page;
  }
  await build({
    entryPoints,
    outdir: 'dist',
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'firefox128',
    sourcemap: false,
    logLevel: 'warning',
  });
  await cp('manifest.json', 'dist/manifest.json');
  for (const dir of ['_locales', 'icons', 'model']) {
    if (existsSync(dir)) await cp(dir, `dist/${dir}`, { recursive: true, filter: (src) => !src.endsWith('.md') });
  }
  for (const dir of ['options', 'popup']) {
    if (!existsSync(dir)) continue;
    for (const file of await readdir(dir)) {
      if (/\.(html|css)$/.test(file)) await cp(`${dir}/${file}`, `dist/${dir}/${file}`);
    }
  }
  // The .xpi is a zip of dist/ with the manifest at its root.
  await rm('tagwise.xpi', { force: true });
  execFileSync('zip', ['-qr', '-X', '../tagwise.xpi', '.'], { cwd: 'dist' });
}
