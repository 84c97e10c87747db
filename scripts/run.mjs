#!/usr/bin/env node
// Lets `npm start` and `npm test` work on a machine that has only Node and npm:
// it fetches the pinned pnpm through npx when pnpm is not on the PATH, installs the
// workspace on first use, then hands the arguments to pnpm.
//   node scripts/run.mjs <pnpm arguments…>
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager; // "pnpm@x.y.z"
const pinnedMajor = pinned.split('@')[1].split('.')[0];

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

function pnpmCommand() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8', shell: process.platform === 'win32' });
  if (probe.status === 0 && probe.stdout.trim().split('.')[0] === pinnedMajor) return ['pnpm', []];
  return ['npx', ['--yes', pinned]];
}

const [cmd, pre] = pnpmCommand();
if (!existsSync(join(root, 'node_modules', '.modules.yaml'))) {
  const status = run(cmd, [...pre, 'install', '--frozen-lockfile']);
  if (status !== 0) process.exit(status);
}
process.exit(run(cmd, [...pre, ...process.argv.slice(2)]));
