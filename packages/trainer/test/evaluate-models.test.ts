/**
 * `bench/evaluate-models.ts` as a process: it measures a model on the split of `--data` that
 * `--split` names, with the same split `pnpm train` makes, so a model's own training positions
 * can be told apart from the held-out ones.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main as train } from '../src/node/train-cli.ts';
import { solvedRecords, toJsonl } from './fixtures.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const script = fileURLToPath(new URL('../bench/evaluate-models.ts', import.meta.url));
let dir: string;
let data: string;
let model: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'c4-evaluate-models-'));
  data = join(dir, 'data.jsonl');
  await writeFile(data, toJsonl(solvedRecords(200, 41)));
  const config = join(dir, 'small.json');
  await writeFile(config, JSON.stringify({ conv: [{ filters: 4, kernel: 3, padding: 'same', activation: 'relu' }], dense: [] }));
  model = join(dir, 'model');
  vi.spyOn(console, 'log').mockImplementation(() => {});
  // the default split, as evaluate-models uses
  expect(await train(['--data', data, '--out', model, '--config', config, '--epochs', '1', '--threads', '1', '--no-progress'])).toBe(0);
  vi.restoreAllMocks();
}, 60_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

async function evaluate(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

describe('evaluate-models', () => {
  it('measures the test split by default and the training split with --split train', async () => {
    const test = await evaluate('--data', data, model);
    expect(test.code).toBe(0);
    expect(test.stdout).toMatch(/^10 positions of the test split of /m);
    expect(test.stdout).toMatch(/model: optimal-move rate \d+\.\d% \(\d+ of \d+\)/);
    const trained = await evaluate('--data', data, '--split', 'train', model);
    expect(trained.code).toBe(0);
    expect(trained.stdout).toMatch(/^180 positions of the train split of /m);
  }, 60_000);

  it('refuses an unknown split with one line', async () => {
    const bad = await evaluate('--data', data, '--split', 'all', model);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.trim()).toMatch(/^error: option '--split <name>' argument 'all' is invalid/);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  }, 30_000);
});
