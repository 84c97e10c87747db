import { describe, expect, it } from 'vitest';
import { Position, bestFromScores } from '@c4/engine';
import { Solver, outcome, winNowScore } from '../src/index.ts';
import { readBenchmarkSet, type BenchmarkSet } from '../src/node/benchmark-sets.ts';

/** Every k-th position of a set, `count` in all: a spread over the whole file. */
function sample(set: BenchmarkSet, count: number) {
  const all = readBenchmarkSet(set);
  const step = Math.floor(all.length / count);
  return Array.from({ length: count }, (_, i) => all[i * step]!);
}

const solver = new Solver({ ttLog2: 22 });

describe('exact scores of the benchmark sets', () => {
  const cases: [BenchmarkSet, number][] = [
    ['Test_L3_R1', 50], ['Test_L2_R1', 50], ['Test_L1_R1', 40], ['Test_L2_R2', 20], ['Test_L1_R2', 4],
  ];
  for (const [set, count] of cases) {
    it(`${set}: ${count} positions`, () => {
      for (const { moves, score } of sample(set, count)) {
        solver.reset();
        const got = solver.solve(Position.fromMoves(moves));
        expect([moves, got]).toEqual([moves, score]);
        expect(Object.is(got, -0)).toBe(false);
        expect(solver.nodes).toBeGreaterThan(0);
      }
    });
  }

  it('keeps exact scores when the table is not cleared between positions', () => {
    for (const { moves, score } of sample('Test_L2_R2', 10)) {
      expect([moves, solver.solve(Position.fromMoves(moves))]).toEqual([moves, score]);
    }
  });
});

describe('weak mode', () => {
  it('gives the sign of the score', () => {
    for (const { moves, score } of [...sample('Test_L2_R1', 20), ...sample('Test_L1_R1', 20)]) {
      solver.reset();
      expect([moves, solver.solve(Position.fromMoves(moves), { weak: true })]).toEqual([moves, outcome(score)]);
    }
  });
});

describe('analyze', () => {
  /** The reference: each child solved on its own by a fresh solver. */
  function childScores(position: Position): (number | null)[] {
    const fresh = new Solver({ ttLog2: 20 });
    return [0, 1, 2, 3, 4, 5, 6].map((c) => {
      if (!position.canPlay(c)) return null;
      if (position.isWinningMove(c)) return winNowScore(position.plies);
      const child = position.clone().play(c);
      if (child.isOver()) return 0; // board filled: draw
      fresh.reset();
      return 0 - fresh.solve(child);
    });
  }

  it('matches independent child solves', () => {
    // late openings only: an early position's weakest moves can take a fresh solver minutes
    const opening = sample('Test_L1_R1', 40).filter(({ moves }) => moves.length >= 13).slice(0, 3);
    const positions = [...sample('Test_L3_R1', 10), ...sample('Test_L2_R1', 10), ...opening];
    for (const { moves, score } of positions) {
      const p = Position.fromMoves(moves);
      const scores = solver.analyze(p);
      expect([moves, scores]).toEqual([moves, childScores(p)]);
      expect(Math.max(...scores.filter((s): s is number => s !== null))).toBe(score);
    }
  });

  it('scores an immediate win and full columns', () => {
    // column 2 is full; X has three in column 1 and is to move
    const p = Position.fromMoves('222222131314');
    expect(p.canPlay(1)).toBe(false);
    const scores = solver.analyze(p);
    expect(scores[1]).toBeNull();
    expect(scores[0]).toBe(winNowScore(p.plies));
    expect(solver.bestMove(p)).toBe(0);
  });

  it('bestMove is the best score, ties towards the centre', () => {
    for (const { moves } of sample('Test_L2_R1', 10)) {
      const p = Position.fromMoves(moves);
      expect(solver.bestMove(p)).toBe(bestFromScores(solver.analyze(p)));
    }
  });

  it('handles the last empty cell (the child is a full board)', () => {
    const p = Position.fromMoves('51552272143754151672574446667366214233331'); // no four anywhere
    expect(p.plies).toBe(41);
    expect(solver.analyze(p)).toEqual([null, null, null, null, null, null, 0]);
    expect(Object.is(solver.solve(p), 0)).toBe(true); // +0, not -0
    expect(solver.solve(p)).toBe(0);
  });
});

describe('preconditions', () => {
  it('refuses a finished game', () => {
    expect(() => solver.solve(Position.fromMoves('1212121'))).toThrow(/game is over/);
    expect(() => solver.analyze(Position.fromMoves('1212121'))).toThrow(/game is over/);
  });

  it('refuses a bad table size', () => {
    expect(() => new Solver({ ttLog2: 5 })).toThrow(/ttLog2/);
  });
});
