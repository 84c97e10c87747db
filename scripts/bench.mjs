#!/usr/bin/env node
// `pnpm bench [engine|solver|generate|train …] [-- args]`: runs the named benchmark
// scripts (all of them by default), one after another, each printing its own figures.
import { spawnSync } from 'node:child_process';

const all = ['engine', 'solver', 'generate', 'train'];
const args = process.argv.slice(2);
const dash = args.indexOf('--');
const names = (dash >= 0 ? args.slice(0, dash) : args);
const extra = dash >= 0 ? args.slice(dash + 1) : [];
for (const name of names) {
  if (!all.includes(name)) {
    console.error(`bench: unknown benchmark "${name}" (choose from ${all.join(', ')})`);
    process.exit(2);
  }
}
for (const name of names.length ? names : all) {
  console.log(`\n== bench:${name} ==`);
  const r = spawnSync('pnpm', ['run', '--silent', `bench:${name}`, ...extra], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
