// Builds the add-on into dist/ (and dist/tagwise.xpi) and the command line into dist-cli/.
//   node build.mjs             add-on + CLI
//   node build.mjs --cli-only  CLI only (what `npm run cli` and `npm run bench` need)
import { build } from 'esbuild';
import { cp, mkdir, rm, readdir, readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const cliOnly = process.argv.includes('--cli-only');

// postal-mime 4.0.0 joins each decoded MIME part through `new Blob(chunks)` and an async read back,
// about a sixth of a classification's time; src/core/join-chunks.ts gives the same bytes directly.
// The build fails when the line is gone (a new postal-mime): then check whether this is still needed.
const BLOB_JOIN = "blobToArrayBuffer(new Blob(this.chunks, { type: 'application/octet-stream' }))";
const joinChunksPlugin = {
  name: 'postal-mime-join-chunks',
  setup(b) {
    const patched = new Set();
    b.onEnd(() => {
      if (patched.size !== 3) throw new Error(`postal-mime-join-chunks: patched ${patched.size} of its 3 decoders; postal-mime changed`);
    });
    b.onLoad({ filter: /postal-mime[\\/]dist[\\/]esm[\\/](base64|qp|pass-through)-decoder\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes(BLOB_JOIN)) throw new Error(`${args.path}: the Blob join build.mjs replaces is gone; postal-mime changed`);
      patched.add(args.path);
      const contents = `import { joinChunks } from ${JSON.stringify(resolve('src/core/join-chunks.ts'))};\n${source.replace(BLOB_JOIN, 'joinChunks(this.chunks)')}`;
      return { contents, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

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
  plugins: [joinChunksPlugin],
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
    plugins: [joinChunksPlugin],
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
