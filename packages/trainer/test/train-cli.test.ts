/**
 * The `train` command line: bad arguments and bad files end with one line on stderr and exit
 * code 2. Most cases call `main` in-process (fast); one runs the real CLI as a process.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../src/node/train-cli.ts';
import { solvedRecords, toJsonl } from './fixtures.ts';

let dir: string;
let good: string;
let badLine: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'c4-train-cli-'));
  const records = solvedRecords(30, 31);
  good = join(dir, 'good.jsonl');
  await writeFile(good, toJsonl(records));
  badLine = join(dir, 'bad.jsonl');
  const lines = toJsonl(records).split('\n');
  lines[4] = lines[4].replace('"ply":', '"ply":1');
  await writeFile(badLine, lines.join('\n'));
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** Runs `main` and returns its exit code and what it wrote to stderr and stdout. */
async function run(...args: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  let stderr = '';
  let stdout = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  vi.spyOn(console, 'log').mockImplementation((line: string) => void (stdout += `${line}\n`));
  const code = await main(args);
  vi.restoreAllMocks();
  return { code, stderr, stdout };
}

describe('train CLI', () => {
  it('prints help and exits 0', async () => {
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    expect(await main(['--help'])).toBe(0);
    expect(out).toMatch(/--data <file>[\s\S]*--resume[\s\S]*--limit <n>/);
  });

  it.each([
    [['--epochs', 'two'], /--epochs <n>.*expected an integer ≥ 1/],
    [['--optimizer', 'lbfgs'], /--optimizer.*lbfgs.*Allowed choices are adam, sgd, momentum, rmsprop, adagrad/],
    [['--val', '2.5'], /--val.*expected a count/],
    [['--nope'], /unknown option '--nope'/],
  ])('refuses bad arguments %j with one line and exit 2', async (args, message) => {
    const { code, stderr } = await run(...args, '--data', good);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a missing dataset, a malformed line (naming it), a bad --config and an impossible split', async () => {
    const missing = await run('--data', join(dir, 'missing.jsonl'), '--out', join(dir, 'm1'));
    expect(missing).toMatchObject({ code: 2, stderr: `train: ${join(dir, 'missing.jsonl')}: no such file\n` });

    const bad = await run('--data', badLine, '--out', join(dir, 'm2'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^train: .*bad\.jsonl:5: "ply" is 1\d+, the moves give \d+\n$/);

    const configFile = join(dir, 'config.json');
    await writeFile(configFile, JSON.stringify({ conv: [{ filters: 8, kernel: 9, padding: 'valid', activation: 'relu' }] }));
    const config = await run('--data', good, '--config', configFile, '--out', join(dir, 'm3'));
    expect(config.code).toBe(2);
    expect(config.stderr).toMatch(/^train: invalid policy config: conv\[0\]: a 9×9 'valid' convolution leaves no output/);

    const split = await run('--data', good, '--val', '20', '--test', '10', '--out', join(dir, 'm4'));
    expect(split.code).toBe(2);
    expect(split.stderr).toMatch(/leave no training positions out of 30/);
  });

  it('refuses --resume when nothing was saved', async () => {
    const { code, stderr } = await run('--data', good, '--resume', '--out', join(dir, 'never'));
    expect(code).toBe(2);
    expect(stderr).toMatch(/training-state\.json: missing: nothing to resume/);
  });

  it('trains, then --resume continues with the saved architecture and refuses another split', async () => {
    const configFile = join(dir, 'small.json');
    await writeFile(configFile, JSON.stringify({ conv: [{ filters: 8, kernel: 3, padding: 'same', activation: 'relu' }], dense: [] }));
    const out = join(dir, 'resumed');
    const notData = ['--out', out, '--val', '5', '--test', '5', '--threads', '1', '--batch', '16'];
    const common = ['--data', good, ...notData];
    expect((await run(...common, '--config', configFile, '--epochs', '1')).code).toBe(0);
    const refused = await run(...common, '--resume', '--epochs', '2', '--val', '6');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--resume: the saved run used --val 5/);
    expect((await run(...common, '--resume', '--epochs', '2')).code).toBe(0);
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8'));
    expect(report.training.resumedAfterEpoch).toBe(1);
    expect(report.epochs.map((e: { epoch: number }) => e.epoch)).toEqual([1, 2]);
    expect(report.config.conv).toEqual([{ filters: 8, kernel: 3, padding: 'same', activation: 'relu' }]);

    // The same records under another path (moved, or spelt otherwise) resume; other records do not.
    const moved = join(dir, 'moved.jsonl');
    await copyFile(good, moved);
    expect((await run('--data', moved, ...notData, '--resume', '--epochs', '3')).code).toBe(0);
    const other = join(dir, 'other.jsonl');
    await writeFile(other, toJsonl(solvedRecords(30, 32)));
    const otherData = await run('--data', other, ...notData, '--resume', '--epochs', '4');
    expect(otherData.code).toBe(2);
    expect(otherData.stderr).toMatch(/trained on .*moved\.jsonl \(30 records\), whose positions differ from those of .*other\.jsonl/);

    const both = await run(...common, '--resume', '--init', out, '--epochs', '3');
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--init and --resume both choose the starting weights/);
    const warm = await run('--data', good, '--out', join(dir, 'warm'), '--val', '5', '--test', '5', '--threads', '1',
      '--config', configFile, '--init', out, '--epochs', '1', '--lr-schedule', 'cosine');
    expect(warm.code).toBe(0);
    const warmReport = JSON.parse(await readFile(join(dir, 'warm', 'report.json'), 'utf8'));
    expect(warmReport.training).toMatchObject({ initFrom: out, lrSchedule: 'cosine' });
    const wrongShape = await run('--data', good, '--out', join(dir, 'warm2'), '--threads', '1', '--init', out, '--epochs', '1');
    expect(wrongShape.code).toBe(2);
    expect(wrongShape.stderr).toMatch(/model\.json: --init: its layers/);

    // Grown by a residual block: the block is new, the rest comes from the model given.
    const grownConfig = join(dir, 'grown.json');
    await writeFile(grownConfig, JSON.stringify({
      conv: [{ filters: 8, kernel: 3, padding: 'same', activation: 'relu' }, { filters: 8, kernel: 3, padding: 'same', activation: 'relu', residual: true }],
      dense: [],
    }));
    const grown = await run('--data', good, '--out', join(dir, 'grown'), '--val', '5', '--test', '5', '--threads', '1',
      '--config', grownConfig, '--init', out, '--epochs', '1');
    expect(grown.code).toBe(0);
    expect(grown.stdout).toMatch(/starting from the weights of .* \(\+1 new residual block, starting as the identity\)/);
  });

  it('as a process: a malformed dataset exits 2 with one line and no stack trace', async () => {
    const cli = fileURLToPath(new URL('../src/node/train-cli.ts', import.meta.url));
    // As `pnpm train` runs it: node with tsx's loader (no tsx parent process between node and Ctrl-C).
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    const args = ['--import', 'tsx', cli, '--data', badLine, '--out', join(dir, 'm5')];
    const result = await promisify(execFile)(process.execPath, args, { cwd: root }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^train: .*bad\.jsonl:5: "ply" is/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
