// Runs `npm ci` only when node_modules is missing or older than package-lock.json, so a
// repeated Maven build doesn't reinstall 160 MB each time. npm writes
// node_modules/.package-lock.json at the end of every install: it is the marker.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const lock = `${root}package-lock.json`;
const marker = `${root}node_modules/.package-lock.json`;

const current = existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs && statSync(marker).mtimeMs >= statSync(`${root}package.json`).mtimeMs;
if (current && !process.argv.includes('--force')) {
  console.log('ensure-deps: node_modules is current, skipping npm ci');
  process.exit(0);
}
console.log('ensure-deps: running npm ci');
const result = spawnSync('npm', ['ci', '--no-fund', '--no-audit'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(result.status ?? 1);
