// Runs `npm ci` when node_modules is missing or older than package-lock.json, so that `npm start`
// and `npm test` work as the first command on a fresh clone. Only Node built-ins here: it runs
// before any dependency is installed.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const marker = 'node_modules/.package-lock.json';
const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync('package-lock.json').mtimeMs;
if (stale) {
  console.error('tagwise: installing dependencies (npm ci) ...');
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' });
}
