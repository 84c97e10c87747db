import { describe, expect, it } from 'vitest';
import { makeRecord, Position } from '@c4/engine';
import { CENTRE_BASELINE, evaluateBaselines, minimaxBaseline, RANDOM_BASELINE } from '../src/baselines.ts';
import { examplesFromRecords } from '../src/dataset.ts';
import { solvedRecords } from './fixtures.ts';

describe('baselines', () => {
  it('centre plays the legal column nearest the centre', () => {
    expect(CENTRE_BASELINE.chooseMove(Position.fromMoves('12'), Math.random)).toBe(3);
    expect(CENTRE_BASELINE.chooseMove(Position.fromMoves('444444'), Math.random)).toBe(2);
  });

  it('random plays legal columns only, and the same ones for the same seed', () => {
    const set = examplesFromRecords(solvedRecords(60, 41));
    const [a] = evaluateBaselines(set, 5, [RANDOM_BASELINE]);
    const [b] = evaluateBaselines(set, 5, [RANDOM_BASELINE]);
    expect(a.metrics.illegal).toBe(0);
    expect(b.metrics).toEqual(a.metrics);
  });

  it('minimax:4 takes an immediate win and blocks an immediate loss', () => {
    // Hand-made records: only the sign classes matter here, the other scores are illustrative.
    // First player has three in the bottom row (columns 1-3) and may win at column 4.
    const win = makeRecord('152535', [-1, -1, -1, 18, -1, -1, -1]);
    // Second player to move must block column 4.
    const block = makeRecord('15253', [-18, -18, -18, 0, -18, -18, -18]);
    const set = examplesFromRecords([win, block]);
    const [minimax] = evaluateBaselines(set, 1, [minimaxBaseline(4)]);
    expect(minimax.name).toBe('minimax:4');
    expect(minimax.metrics.optimal).toBe(2);
    expect(minimax.metrics.accuracy).toBe(1);
  });

  it('reports each baseline\'s metrics on the same positions', () => {
    const set = examplesFromRecords(solvedRecords(40, 43));
    const results = evaluateBaselines(set, 1, [RANDOM_BASELINE, CENTRE_BASELINE]);
    expect(results.map((r) => r.name)).toEqual(['random', 'centre']);
    for (const r of results) expect(r.metrics.positions).toBe(40);
  });
});
