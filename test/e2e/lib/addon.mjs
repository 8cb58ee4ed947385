// The add-on under test: an .xpi file, or an unpacked directory (zipped here, manifest at the root).
import { execFileSync } from 'node:child_process';
import { existsSync, statSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

function manifestOf(path) {
  if (statSync(path).isDirectory()) return JSON.parse(readFileSync(join(path, 'manifest.json'), 'utf8'));
  const read = 'import json,sys,zipfile; print(zipfile.ZipFile(sys.argv[1]).read("manifest.json").decode())';
  return JSON.parse(execFileSync('python3', ['-c', read, path], { encoding: 'utf8' }));
}

/** Returns {xpi, id, name, version, manifestVersion} for an .xpi or an add-on directory. */
export function resolveAddon(path, workDir) {
  const source = resolve(path);
  if (!existsSync(source)) {
    throw new Error(`add-on not found: ${source} (build it with \`node build.mjs\`, or set EXT_XPI)`);
  }
  const manifest = manifestOf(source);
  const id = manifest.browser_specific_settings?.gecko?.id ?? manifest.applications?.gecko?.id;
  if (!id) throw new Error(`${source}: manifest.json has no browser_specific_settings.gecko.id`);
  let xpi = source;
  if (statSync(source).isDirectory()) {
    xpi = join(workDir, 'addon.xpi');
    execFileSync('zip', ['-qr', '-X', xpi, '.'], { cwd: source });
  }
  return { xpi, id, name: manifest.name, version: manifest.version, manifestVersion: manifest.manifest_version };
}

/** Thunderbird's makeWidgetId(): how an add-on id appears in the ids of its UI elements. */
export const widgetId = (addonId) => addonId.toLowerCase().replace(/[^a-z0-9_-]/g, '_');
