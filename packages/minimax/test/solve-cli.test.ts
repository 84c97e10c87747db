import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Position } from '@c4/engine';
import { Solver } from '../src/index.ts';

const CLI = fileURLToPath(new URL('../src/node/solve-cli.ts', import.meta.url));

function solveCli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('solve CLI', () => {
  it('--json prints exactly one object with the documented fields', () => {
    const { code, stdout } = solveCli('52753311433677442422121', '--json', '--tt-log2', '20');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]!);
    expect(Object.keys(out)).toEqual(['moves', 'score', 'scores', 'bestMove', 'nodes', 'ms']);
    const expected = new Solver({ ttLog2: 20 }).analyze(Position.fromMoves('52753311433677442422121'));
    expect(out.moves).toBe('52753311433677442422121');
    expect(out.scores).toEqual(expected);
    expect(out.bestMove).toBeGreaterThanOrEqual(0);
    expect(out.bestMove).toBeLessThan(7);
    expect(out.score).toBe(expected[out.bestMove]);
    expect(out.score).toBe(Math.max(...expected.filter((s): s is number => s !== null)));
    expect(out.nodes).toBeGreaterThan(0);
  });

  it('prints the board, the score in words and every move', () => {
    const { code, stdout } = solveCli('5554224333234511764415115', '--tt-log2', '20');
    expect(code).toBe(0);
    expect(stdout).toContain(Position.fromMoves('5554224333234511764415115').toString());
    expect(stdout).toMatch(/score -?\d+/);
    expect(stdout).toContain('5:-'); // column 5 is full
  });

  it('--weak gives signs only', () => {
    const { code, stdout } = solveCli('52753311433677442422121', '--json', '--weak', '--tt-log2', '20');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    for (const s of out.scores) expect([null, -1, 0, 1]).toContain(s);
  });

  it('a bad move string: one line on stderr, exit code 2', () => {
    for (const bad of ['4458', '44a', '1111111']) {
      const { code, stdout, stderr } = solveCli(bad);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toContain(bad);
    }
  });

  it('a finished game: clear error, exit code 2', () => {
    const { code, stderr } = solveCli('1212121');
    expect(code).toBe(2);
    expect(stderr).toMatch(/over.*player 1 has won/);
  });
});
