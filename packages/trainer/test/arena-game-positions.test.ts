import { describe, expect, it } from 'vitest';
import { formatGamePositions, gamePositions } from '../src/arena/game-positions.ts';
import type { ArenaReport, GameSummary } from '../src/arena/report.ts';

function report(games: Pick<GameSummary, 'opening' | 'moves'>[][]): ArenaReport {
  return {
    pairings: games.map((list) => ({
      games: list.map((g, i) => ({ game: i, first: 'a', second: 'b', result: 'draw', ...g })),
    })),
  } as unknown as ArenaReport;
}

describe('gamePositions', () => {
  it('lists every position an agent moved in, from the end of the opening to the last move, once each', () => {
    const positions = gamePositions(report([
      [{ opening: '44', moves: '4455' }, { opening: '44', moves: '44556' }],
      [{ opening: '', moves: '123' }],
    ]));
    // '4455' ends the first game (no move made in it); the empty board is left out
    expect(positions.map((p) => p.moves)).toEqual(['44', '445', '4455', '1', '12']);
    expect(positions.map((p) => p.visits)).toEqual([2, 2, 1, 1, 1]);
    expect(formatGamePositions(positions)).toBe('44 2\n445 2\n4455 1\n1 1\n12 1\n');
  });

  it('counts a position and its mirror as one, with both visits', () => {
    expect(gamePositions(report([[{ opening: '1', moves: '12' }, { opening: '7', moves: '76' }]]))).toEqual([{ moves: '1', visits: 2 }]);
  });

  it('counts visits to the empty board\'s successors but never lists the empty board', () => {
    const positions = gamePositions(report([[{ opening: '', moves: '44' }, { opening: '', moves: '445' }]]));
    expect(positions).toEqual([{ moves: '4', visits: 2 }, { moves: '44', visits: 1 }]);
  });

  it('lists only the subject\'s positions with mover "subject": even plies in even games, odd plies in odd ones', () => {
    const r = report([[{ opening: '44', moves: '445566' }, { opening: '44', moves: '445566' }]]);
    // game 0: the subject plays first (moves at plies 2 and 4); game 1: second (plies 3 and 5)
    expect(gamePositions(r, 'subject').map((p) => [p.moves, p.visits])).toEqual([['44', 1], ['4455', 1], ['445', 1], ['44556', 1]]);
    expect(gamePositions(r, 'all').map((p) => p.visits)).toEqual([2, 2, 2, 2]);
  });
});
