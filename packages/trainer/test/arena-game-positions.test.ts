import { describe, expect, it } from 'vitest';
import { gamePositions } from '../src/arena/game-positions.ts';
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
    expect(positions).toEqual(['44', '445', '4455', '1', '12']);
  });

  it('counts a position and its mirror as one', () => {
    expect(gamePositions(report([[{ opening: '1', moves: '12' }, { opening: '7', moves: '76' }]]))).toEqual(['1']);
  });
});
