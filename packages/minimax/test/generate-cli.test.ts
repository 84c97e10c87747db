/**
 * The generate command end to end, as a user runs it: child processes under tsx, small
 * datasets of late-game positions (cheap to label), checked line by line against the solver.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRecord, Position } from '@c4/engine';
import { Solver } from '../src/index.ts';
import { runGenerateCommand } from '../src/node/generate-command.ts';
import { sampleCandidate } from '../src/generate/sampler.ts';
import { DEFAULT_SAMPLING } from '../src/generate/sampling-options.ts';
import { parsePlySpread } from '../src/generate/ply-spread.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;
const CLI = new URL('../src/node/generate-cli.ts', import.meta.url).pathname;
/** Fast options: late plies, small batches so work spreads over both workers. */
const FAST = ['--plies', '20-38', '--seed', '5', '--batch', '8', '--no-progress'];
const N = 200;

interface Result {
  code: number | null;
  stderr: string;
}

function start(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function finished(child: ChildProcess): Promise<Result> {
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

function run(args: string[], env: Record<string, string> = {}): Promise<Result> {
  return finished(start(args, env));
}

function lines(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1).split('\n');
}

function stats(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.replace(/\.jsonl$/, '.stats.json'), 'utf8')) as Record<string, unknown>;
}

async function waitForLines(path: string, n: number): Promise<void> {
  for (;;) {
    if (existsSync(path) && readFileSync(path, 'utf8').split('\n').length - 1 >= n) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

let dir: string;
let reference: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'c4-generate-test-'));
  reference = join(dir, 'reference.jsonl');
  const r = await run(['--count', String(N), '--out', reference, '--workers', '2', ...FAST]);
  expect(r.code, r.stderr).toBe(0);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('generate', () => {
  it('writes N valid records whose scores are the solver’s, each position once', () => {
    const solver = new Solver({ ttLog2: 20 });
    const keys = new Set<number>();
    const text = lines(reference);
    expect(text).toHaveLength(N);
    for (const line of text) {
      const record = parseRecord(line);
      const position = Position.fromMoves(record.moves);
      expect(record.scores).toEqual(solver.analyze(position).map((v) => (v === null ? null : v + 0)));
      expect(keys.has(position.canonicalKey())).toBe(false);
      keys.add(position.canonicalKey());
      expect(record.ply).toBeGreaterThanOrEqual(20);
      expect(record.ply).toBeLessThanOrEqual(38);
    }
    const s = stats(reference) as { count: number; complete: boolean; histograms: { plies: number[]; bestMoves: number[] } };
    expect(s.count).toBe(N);
    expect(s.complete).toBe(true);
    expect(s.histograms.plies.reduce((a, b) => a + b, 0)).toBe(N);
    expect(s.histograms.bestMoves.reduce((a, b) => a + b, 0)).toBe(N);
  });

  it('labels the positions of a --positions file, each once (mirrors counted once), all of them by default', async () => {
    const records = lines(reference).slice(0, 20).map((l) => parseRecord(l));
    const mirror = (moves: string): string => [...moves].map((d) => String(8 - Number(d))).join('');
    const list = join(dir, 'list.txt');
    const listed = ['# positions from somewhere', ...records.map((r) => r.moves), '', records[0]!.moves, mirror(records[1]!.moves)];
    writeFileSync(list, listed.join('\n') + '\n');
    const out = join(dir, 'from-list.jsonl');
    const r = await run(['--positions', list, '--out', out, '--workers', '2', '--no-progress']);
    expect(r.code, r.stderr).toBe(0);
    const labelled = lines(out).map((l) => parseRecord(l));
    expect(labelled.map((x) => x.moves).sort()).toEqual(records.map((x) => x.moves).sort());
    const byMoves = new Map(records.map((x) => [x.moves, x]));
    for (const x of labelled) expect(x.scores).toEqual(byMoves.get(x.moves)!.scores);
    expect((stats(out) as { sampling: unknown }).sampling).toEqual({ positions: list });
  });

  it('with --positions, a skipped position is not replaced: the run ends complete with fewer records', async () => {
    const early = [0, 1, 2, 3, 4, 5].map((k) => sampleCandidate(k, { ...DEFAULT_SAMPLING, seed: 3, plies: parsePlySpread('12:1') })!.moves);
    const late = lines(reference).slice(0, 10).map((l) => parseRecord(l).moves);
    const list = join(dir, 'list-limited.txt');
    writeFileSync(list, [...early, ...late].join('\n') + '\n');
    const out = join(dir, 'list-limited.jsonl');
    const r = await run(['--positions', list, '--out', out, '--max-ms', '3', '--batch', '4', '--no-progress']);
    expect(r.code, r.stderr).toBe(0);
    const s = stats(out) as { skipped: number; complete: boolean; count: number };
    expect(s.skipped).toBeGreaterThan(0);
    expect(s.complete).toBe(true);
    expect(lines(out)).toHaveLength(16 - s.skipped);
  });

  it('makes the same file with one worker', async () => {
    const out = join(dir, 'one-worker.jsonl');
    const r = await run(['--count', String(N), '--out', out, '--workers', '1', ...FAST]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(reference, 'utf8'));
  });

  it('makes shards that merge into the single run’s file', async () => {
    const parts = [0, 1].map((i) => join(dir, `part-${i}.jsonl`));
    for (const [i, part] of parts.entries()) {
      const r = await run(['--count', String(N), '--out', part, '--workers', '1', '--shard', `${i}/2`, ...FAST]);
      expect(r.code, r.stderr).toBe(0);
    }
    const sizes = parts.map((p) => lines(p).length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(N);
    const merged = join(dir, 'merged.jsonl');
    const r = await run(['merge', ...parts.reverse(), '--out', merged]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(merged, 'utf8')).toBe(readFileSync(reference, 'utf8'));
  });

  it('resumes after kill -9 (and a torn last line) to the same file', async () => {
    const out = join(dir, 'killed.jsonl');
    const child = start(['--count', String(N), '--out', out, '--workers', '2', ...FAST], { C4_BATCH_DELAY_MS: '15' });
    const done = finished(child);
    await waitForLines(out, 40);
    child.kill('SIGKILL');
    await done;
    const before = readFileSync(out, 'utf8').split('\n').length - 1;
    expect(before).toBeLessThan(N);
    appendFileSync(out, '{"moves":"4444'); // what a kill in the middle of a write leaves
    const r = await run(['--count', String(N), '--out', out, '--workers', '2', ...FAST]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(reference, 'utf8'));
    const s = stats(out) as { resumed: number; labelled: number; tornBytesDropped: number };
    expect(s.resumed).toBeGreaterThanOrEqual(before);
    expect(s.resumed + s.labelled).toBe(N);
    expect(s.tornBytesDropped).toBe(14);
  });

  it('stops cleanly on SIGINT with exit code 130 and whole lines only', async () => {
    const out = join(dir, 'interrupted.jsonl');
    const child = start(['--count', String(N), '--out', out, ...FAST], { C4_BATCH_DELAY_MS: '15' });
    const done = finished(child);
    await waitForLines(out, 20);
    child.kill('SIGINT');
    const r = await done;
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/stopped/);
    const text = lines(out);
    expect(text.length).toBeLessThan(N);
    for (const line of text) parseRecord(line);
    expect((stats(out) as { complete: boolean }).complete).toBe(false);
  });

  it.each(['exit', 'throw'])('retries the batch of a worker that fails (%s) and completes', async (how) => {
    const out = join(dir, `crash-${how}.jsonl`);
    const r = await run(['--count', String(N), '--out', out, '--workers', '2', ...FAST], { C4_CRASH_WORKER_ONCE: how });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/1 worker crash/);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(reference, 'utf8'));
    expect(stats(out)).toMatchObject({ workerCrashes: 1, retries: 1, givenUp: 0, count: N });
  });

  it('skips positions over --max-ms, never labels them, and still writes N records', async () => {
    const out = join(dir, 'limited.jsonl');
    const r = await run(['--count', '30', '--out', out, ...FAST, '--plies', '12:1,30-38:6', '--max-ms', '3']);
    expect(r.code, r.stderr).toBe(0);
    const text = lines(out);
    expect(text).toHaveLength(30);
    const s = stats(out) as { skipped: number; skippedPositions: string[] };
    expect(s.skipped).toBeGreaterThan(0);
    const written = new Set(text.map((l) => parseRecord(l).moves));
    for (const moves of s.skippedPositions) expect(written.has(moves)).toBe(false);
  });
});

describe('generate: bad arguments', () => {
  it.each([
    [['--count', '0'], /count must be a positive integer/],
    [['--count', '-5'], /count/],
    [['--count', 'x'], /count must be a positive integer/],
    [['--shard', '3/2'], /shard/],
    [['--shard', '0/0'], /shard/],
    [['--shard', 'x'], /shard/],
    [['--plies', '40-50'], /ply/],
    [['--plies', '0-1'], /cannot produce/],
    [['--out', '/etc/passwd/positions.jsonl'], /cannot write/],
    [['--book', '/etc/passwd'], /opening book/],
    [['--book', '/nonexistent/book.bin'], /opening book not found/],
    [['--frobnicate'], /unknown option/],
    [['surprise'], /too many arguments/],
    [['merge', 'a.jsonl'], /--out/],
    [['merge', '/nonexistent/a.jsonl', '--out', '/tmp/c4-never.jsonl'], /cannot read/],
  ])('%j → exit 2 and one line', async (args, message) => {
    let stderr = '';
    // never the default data/positions.jsonl of the repository: a real run may be writing it
    const safe = ['--no-progress', '--count', '10', '--out', join(dir, 'never-written.jsonl')];
    const code = await runGenerateCommand([...safe, ...args], (text) => (stderr += text));
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it.each([
    ['missing', null, /cannot read --positions/],
    ['bad move', '4455\n4489\n', /list-bad move\.txt:2: .*9/],
    ['finished', '4455\n1212121\n', /list-finished\.txt:2: .*finished game/],
    ['empty', '# nothing\n\n', /lists no position/],
    ['too few', '4455\n4433\n1122\n', /lists 2 distinct positions .*fewer than the 10/],
  ])('--positions with a %s file → exit 2 and one line naming it', async (name, text, message) => {
    const list = join(dir, `list-${name}.txt`);
    if (text !== null) writeFileSync(list, text);
    let stderr = '';
    const code = await runGenerateCommand(
      ['--no-progress', '--positions', list, '--count', '10', '--out', join(dir, 'never-written.jsonl')],
      (t) => (stderr += t),
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it.each([[['--count', '0']], [['--frobnicate']]])('%j → the process exits with code 2', async (args) => {
    const r = await run(['--out', join(dir, 'never-written.jsonl'), ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a file another running generate holds (exit 2), takes over a dead run’s lock', async () => {
    const out = join(dir, 'locked.jsonl');
    writeFileSync(`${out}.lock`, String(process.ppid)); // the test runner: alive, and not this process
    rmSync(out, { force: true });
    let stderr = '';
    const code = await runGenerateCommand(['--no-progress', '--count', '5', '--out', out], (text) => (stderr += text));
    expect(code).toBe(2);
    expect(stderr).toMatch(/being written by another run/);
    writeFileSync(`${out}.lock`, '999999999'); // no such process: a killed run's lock
    const r = await run(['--count', '20', '--out', out, ...FAST]);
    expect(r.code, r.stderr).toBe(0);
    expect(lines(out)).toHaveLength(20);
    expect(existsSync(`${out}.lock`)).toBe(false);
  });

  it('refuses to merge a file with a bad line, naming it (exit 1)', async () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, readFileSync(reference, 'utf8').split('\n').slice(0, 3).join('\n') + '\n{"moves":"44"}\n');
    let stderr = '';
    const code = await runGenerateCommand(['merge', bad, '--out', join(dir, 'never.jsonl')], (text) => (stderr += text));
    expect(code).toBe(1);
    expect(stderr).toMatch(/bad\.jsonl:4: not a valid record/);
    expect(existsSync(join(dir, 'never.jsonl'))).toBe(false);
  });
});
