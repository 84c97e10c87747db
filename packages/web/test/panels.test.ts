import { describe, expect, it } from 'vitest';
import { backendOrder } from '../src/backend.ts';
import { formatPercent } from '../src/policy-panel.ts';
import { bestColumns, scoreMeaning } from '../src/teacher-panel.ts';

describe('scoreMeaning: a solver score in a player’s words', () => {
  it('counts the winner’s remaining stones from the score and the stones on the board', () => {
    // Empty board: winning with the 4th own stone scores 22 - 4 = 18, four more stones to play.
    expect(scoreMeaning(18, 0)).toEqual({ kind: 'win', moves: 4, text: 'win in 4' });
    // 12 stones on the board, 6 of them the mover's: a win now (7th stone) scores 15.
    expect(scoreMeaning(15, 12)).toEqual({ kind: 'win', moves: 1, text: 'wins now' });
    // 11 stones: the opponent has 6; losing to its 7th stone scores -15, one move away.
    expect(scoreMeaning(-15, 11)).toEqual({ kind: 'loss', moves: 1, text: 'loss in 1' });
    expect(scoreMeaning(-2, 10)).toEqual({ kind: 'loss', moves: 15, text: 'loss in 15' });
    expect(scoreMeaning(0, 30)).toEqual({ kind: 'draw', moves: 0, text: 'draw' });
  });
});

describe('bestColumns', () => {
  it('returns every column with the highest score, ignoring full ones', () => {
    expect(bestColumns([-2, 0, -1, 2, -2, -4, -4])).toEqual([3]);
    expect(bestColumns([null, 13, 13, -2, null, -4, -5])).toEqual([1, 2]);
    expect(bestColumns([null, null, null, null, null, null, null])).toEqual([]);
  });
});

describe('formatPercent', () => {
  it('rounds to whole percents but never shows a possible move as 0%', () => {
    expect(formatPercent(0.1234)).toBe('12%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(0.001)).toBe('<1%');
  });
});

describe('backendOrder', () => {
  it('tries a named backend first, then the default WebGL → WASM → CPU order', () => {
    expect(backendOrder(null)).toEqual(['webgl', 'wasm', 'cpu']);
    expect(backendOrder('cpu')).toEqual(['cpu', 'webgl', 'wasm']);
    expect(backendOrder('tpu')).toEqual(['webgl', 'wasm', 'cpu']);
  });
});
