import { describe, expect, it } from 'vitest';
import { Position, makeRng } from '@c4/engine';
import { minimaxMove, minimaxScores, evaluate } from '../src/index.ts';

type Player = (p: Position, rng: () => number) => number;
const randomPlayer: Player = (p, rng) => {
  const moves = p.legalMoves();
  return moves[Math.floor(rng() * moves.length)]!;
};
const minimaxPlayer = (depth: number): Player => (p, rng) => minimaxMove(p, depth, rng);

/** Plays one game; returns 1 if `first` won, 2 if `second` won, 0 for a draw. */
function playGame(first: Player, second: Player, rng: () => number): 0 | 1 | 2 {
  const p = Position.empty();
  while (!p.isOver()) p.play((p.plies % 2 === 0 ? first : second)(p, rng));
  return p.winner();
}

/** Points (win 1, draw 1/2) of `player` over `games` games against `opponent`, alternating who starts. */
function points(player: Player, opponent: Player, games: number, seed: number): number {
  const rng = makeRng(seed);
  let total = 0;
  for (let g = 0; g < games; g++) {
    const playerFirst = g % 2 === 0;
    const w = playerFirst ? playGame(player, opponent, rng) : playGame(opponent, player, rng);
    if (w === 0) total += 0.5;
    else if ((w === 1) === playerFirst) total += 1;
  }
  return total;
}

describe('minimax', () => {
  it('takes an immediate win at every depth', () => {
    // X has 4-5-6 on the bottom row; 3 and 7 win
    const p = Position.fromMoves('415161');
    for (const depth of [1, 2, 3, 5]) {
      expect([3 - 1, 7 - 1]).toContain(minimaxMove(p, depth));
    }
  });

  it('blocks an immediate loss from depth 2', () => {
    // X has three in column 4; O to move must play there
    const p = Position.fromMoves('41424');
    expect(p.currentPlayer).toBe(2);
    for (const depth of [2, 3, 4, 6]) expect(minimaxMove(p, depth)).toBe(3);
  });

  it('prefers a win to a block', () => {
    // X: 4,4,4 in column 4 (rows 0-2); O: 1,1,1 in column 1. X to move wins in column 4.
    const p = Position.fromMoves('414141');
    expect(minimaxMove(p, 4)).toBe(3);
  });

  it('scores full columns as null and winning moves highest', () => {
    // column 1 full; X holds 1, 2, 4, 5 of the bottom row, O three in column 7
    const p = Position.fromMoves('111111274757');
    const scores = minimaxScores(p, 3);
    expect(scores[0]).toBeNull();
    const best = Math.max(...scores.filter((s): s is number => s !== null));
    expect(scores[2]).toBe(best); // column 3 wins at once
    expect(scores.filter((s) => s === best)).toHaveLength(1);
  });

  it('breaks ties with the seeded rng, deterministically', () => {
    const p = Position.empty();
    const a = Array.from({ length: 5 }, (_, i) => minimaxMove(p, 1, makeRng(i)));
    const b = Array.from({ length: 5 }, (_, i) => minimaxMove(p, 1, makeRng(i)));
    expect(a).toEqual(b);
    expect(minimaxMove(p, 1)).toBe(3); // without an rng: the centre
  });

  it('beats random play, and deeper plays at least as well as shallower', () => {
    const games = 10;
    const shallow = points(minimaxPlayer(1), randomPlayer, games, 1);
    const deep = points(minimaxPlayer(4), randomPlayer, games, 1);
    expect(deep).toBeGreaterThanOrEqual(0.8 * games);
    expect(deep).toBeGreaterThanOrEqual(shallow);
    expect(points(minimaxPlayer(4), minimaxPlayer(1), games, 2)).toBeGreaterThanOrEqual(games / 2);
  });

  it('evaluates a position and its colours swapped with opposite signs', () => {
    const p = Position.fromMoves('4453');
    const v = evaluate(p.curLo, p.curHi, p.maskLo, p.maskHi);
    const swapped = evaluate(p.curLo ^ p.maskLo, p.curHi ^ p.maskHi, p.maskLo, p.maskHi);
    expect(v).toBe(-swapped);
  });

  it('refuses a finished game and a bad depth', () => {
    expect(() => minimaxMove(Position.fromMoves('1212121'), 2)).toThrow(/over/);
    expect(() => minimaxScores(Position.empty(), 0)).toThrow(/depth/);
  });
});
