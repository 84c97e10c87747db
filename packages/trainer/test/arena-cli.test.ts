/**
 * The `arena` command line: help, bad input (one line, exit 2), the JSON report, and
 * determinism by seed whatever the number of workers. Most cases call `main` in-process;
 * one runs the real CLI as a process.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Game } from '@c4/engine';
import { createPolicyModel, DEFAULT_POLICY_CONFIG } from '@c4/engine/policy';
import { saveModel } from '@c4/engine/node';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ArenaReport } from '../src/arena/report.ts';
import { parseAgentSpec } from '../src/arena/agents.ts';
import { main, resolveNet } from '../src/node/arena-cli.ts';

let dir: string;
let modelDir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'c4-arena-cli-'));
  modelDir = join(dir, 'untrained');
  // An untrained network: its games mean nothing, but it plays legal moves through the real path.
  const model = createPolicyModel({ ...DEFAULT_POLICY_CONFIG, conv: [{ filters: 8, kernel: 3, padding: 'same', activation: 'relu' }], dense: [{ units: 16, activation: 'relu' }] });
  await saveModel(model, modelDir);
  model.dispose();
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** Runs `main`; returns its exit code and what it wrote to stdout and stderr. */
async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '', stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => {
    stdout += parts.join(' ') + '\n';
  });
  const code = await main(args);
  vi.restoreAllMocks();
  return { code, stdout, stderr };
}

describe('arena CLI', () => {
  it('prints help and exits 0', async () => {
    const { code, stdout } = await run('--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/<agents\.\.\.>[\s\S]*--games <n>[\s\S]*--openings <file>[\s\S]*--from-empty[\s\S]*--check-from <ply>[\s\S]*--json <file>/);
  });

  it.each([
    [['alphabeta', 'random'], /^arena: bad agent "alphabeta": unknown agent/],
    [['random', 'minimax:0'], /^arena: bad agent "minimax:0": minimax needs a search depth/],
    [['random'], /^arena: name at least two agents/],
    [['random', 'centre', 'centre'], /^arena: opponent centre is named twice/],
    [['random', 'centre', '--games', '3'], /--games <n>.*expected an even number of games/],
    [['random', 'centre', '--games', '0'], /--games <n>.*expected an even number/],
    [['random', 'centre', '--workers', '0'], /--workers <n>.*expected an integer ≥ 1/],
    [['random', 'centre', '--check-from', '42'], /--check-from <ply>.*expected an integer 0-41/],
    [['random', 'centre', '--no-check', '--check-from', '3'], /^arena: --check-from and --no-check cannot be combined/],
    [['random', 'centre', '--from-empty', '--opening-plies', '3-5'], /^arena: --from-empty and --opening-plies cannot be combined/],
    [['random', 'centre', '--opening-plies', '5-2'], /^arena: bad opening plies "5-2"/],
    [['random', 'centre', '--openings', '/nonexistent/openings.txt'], /^arena: --openings \/nonexistent\/openings\.txt: no such file/],
    [['random', 'centre', '--json', '/nonexistent/dir/out.json'], /^arena: --json \/nonexistent\/dir\/out\.json: cannot write into/],
    [['random', 'centre', '--bogus'], /unknown option '--bogus'/],
    [['net:/nonexistent/model', 'random'], /^arena: .*\/nonexistent\/model\/model\.json.*missing/],
  ])('refuses %j with one line and exit code 2', async (args, message) => {
    const { code, stderr } = await run(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('names the line of a bad openings file', async () => {
    const file = join(dir, 'bad-openings.txt');
    await writeFile(file, '44\n4453\n12121212\n');
    const { code, stderr } = await run('random', 'centre', '--openings', file);
    expect(code).toBe(2);
    expect(stderr).toMatch(/bad-openings\.txt:3: bad move string "12121212"/);
  });

  it('writes a JSON report whose games replay from their move strings, a net\'s moves checked', async () => {
    const out = join(dir, 'net.json');
    const { code, stdout } = await run(`net:${modelDir}`, 'random', '--games', '4', '--workers', '1', '--check-from', '20', '--json', out, '--no-progress', '--backend', 'cpu');
    expect(code).toBe(0);
    expect(stdout).toMatch(/vs random\n +as first +2 /);
    expect(stdout).toMatch(/^arena: 4 games in .* games\/s\); net:.* scores random \d+\.\d%; wrote .*net\.json$/m);
    const report = JSON.parse(await readFile(out, 'utf8')) as ArenaReport;
    expect(report.format).toBe('c4-arena/1');
    expect(report.interrupted).toBe(false);
    const [pairing] = report.pairings;
    expect(pairing.games).toHaveLength(4);
    for (const g of pairing.games) {
      const replay = Game.fromMoves(g.moves);
      expect(replay.isOver).toBe(true);
      expect(g.moves.startsWith(g.opening)).toBe(true);
      expect(g.errors?.subject?.every((ply) => ply >= 20)).toBe(true);
    }
    expect(pairing.results.asFirst.games).toBe(2);
    const judged = pairing.optimality.subject!.all;
    expect(judged.all.checked + judged.alreadyLost).toBeGreaterThan(0);
    expect(report.settings.backend).toMatch(/^cpu/);
  });

  it('--save-positions writes "moves visits" lines whose visits add up to the moves played after the openings', async () => {
    const out = join(dir, 'positions.txt');
    const json = join(dir, 'positions.json');
    expect((await run('centre', 'minimax:2', '--games', '6', '--from-empty', '--save-positions', out, '--json', json, '--no-progress')).code).toBe(0);
    const lines = (await readFile(out, 'utf8')).trimEnd().split('\n');
    expect(lines.every((line) => /^[1-7]+ [1-9]\d*$/.test(line))).toBe(true);
    const report = JSON.parse(await readFile(json, 'utf8')) as ArenaReport;
    const moves = report.pairings[0].games.reduce((n, g) => n + g.moves.length - 1, 0); // the first move, from the empty board, is not listed
    expect(lines.reduce((n, line) => n + Number(line.split(' ')[1]), 0)).toBe(moves);
    // both open in the centre, so every game visits the position after 4
    expect(lines[0]).toBe('4 6');
  });

  it('plays the same games for the same seed, on one worker or two', async () => {
    const games = async (seed: string, workers: string) => {
      const out = join(dir, `det-${seed}-${workers}.json`);
      expect((await run('centre', 'random', 'minimax:2', '--games', '10', '--seed', seed, '--workers', workers, '--json', out, '--no-progress')).code).toBe(0);
      const report = JSON.parse(await readFile(out, 'utf8')) as ArenaReport;
      return report.pairings.map((p) => p.games.map((g) => `${g.moves} ${g.result}`));
    };
    const once = await games('3', '1');
    expect(await games('3', '1')).toEqual(once);
    expect(await games('3', '2')).toEqual(once);
    expect(await games('4', '1')).not.toEqual(once);
  });

  it('resolves `net` to models/c4-policy, else models/latest, else refuses', async () => {
    const base = join(dir, 'repo');
    await mkdir(join(base, 'models'), { recursive: true });
    const net = parseAgentSpec('net@0.5');
    await expect(resolveNet(net, base)).rejects.toThrow(/^net@0\.5: no model in models\/c4-policy or models\/latest/);
    await cp(modelDir, join(base, 'models/latest'), { recursive: true });
    expect(await resolveNet(net, base)).toEqual({ ...net, dir: join(base, 'models/latest') });
    await cp(modelDir, join(base, 'models/c4-policy'), { recursive: true });
    expect(await resolveNet(net, base)).toEqual({ ...net, dir: join(base, 'models/c4-policy') });
    const named = parseAgentSpec(`net:${modelDir}`);
    expect(await resolveNet(named, base)).toBe(named);
  });

  it('exits 2 with one line as a real process', async () => {
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    const cli = fileURLToPath(new URL('../src/node/arena-cli.ts', import.meta.url));
    const result = await promisify(execFile)(process.execPath, ['--import', 'tsx', cli, 'net@warm', 'random'], { cwd: root }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('arena: bad agent "net@warm": the temperature after \'@\' must be a number ≥ 0 (got "warm")\n');
  });
});
