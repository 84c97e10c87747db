import { describe, expect, it } from 'vitest';
import { makeRecord } from '@c4/engine';
import { examplesFromRecords } from '../src/dataset.ts';
import { crossEntropy, evaluateMoves, greedyMoves } from '../src/metrics.ts';

// Hand-made positions (scores need only be consistent with the move strings' legal columns).
const winOrDraw = makeRecord('4', [-2, 0, 1, 1, 0, -5, 0]);      // best 3 (tie 2/3 → centre), class win
const drawOrLoss = makeRecord('44', [-3, -1, 0, 0, 0, -1, -2]);  // best 3, class draw
const allLose = makeRecord('444', [-3, -1, -2, -1, -1, -4, -2]); // every move loses: left out
const fullColumn = makeRecord('1111112', [null, -1, 3, 2, -1, 0, 0]); // ply 7, best 2

const set = examplesFromRecords([winOrDraw, drawOrLoss, allLose, fullColumn]);

describe('evaluateMoves', () => {
  it('counts a move optimal when its score has the best move\'s sign class, not only the label', () => {
    // 2 is a win like the label 3; 2 is a draw like 3; anything in the all-lose position; 3 is a win like 2.
    const m = evaluateMoves(set, [2, 2, 0, 3]);
    expect(m.optimal).toBe(3);
    expect(m.counted).toBe(3);
    expect(m.leftOut).toBe(1);
    expect(m.optimalRate).toBe(1);
    expect(m.accuracy).toBe(0);
  });

  it('counts a draw where a win exists, a loss where a draw exists, and an illegal move as not optimal', () => {
    const m = evaluateMoves(set, [1, 0, 1, 0]);
    expect(m.optimal).toBe(0);
    expect(m.optimalRate).toBe(0);
    expect(m.illegal).toBe(1);
    expect(m.accuracy).toBe(0);
  });

  it('accuracy covers every position, the rate only the counted ones; by ply as well', () => {
    const m = evaluateMoves(set, [3, 5, 3, 2]);
    expect(m.accuracy).toBe(3 / 4);
    expect(m.optimalRate).toBe(2 / 3);
    expect(m.byPly).toEqual([
      { ply: 1, counted: 1, optimal: 1, rate: 1 },
      { ply: 2, counted: 1, optimal: 0, rate: 0 },
      { ply: 7, counted: 1, optimal: 1, rate: 1 },
    ]);
  });

  it('gives no rate when every position is left out', () => {
    const m = evaluateMoves(examplesFromRecords([allLose]), [0]);
    expect(m.optimalRate).toBeNull();
    expect(m.leftOut).toBe(1);
  });
});

describe('greedyMoves and crossEntropy', () => {
  it('picks the most probable legal column, ties towards the centre', () => {
    const probs = new Float32Array(4 * 7);
    probs.set([0.1, 0.1, 0.3, 0.1, 0.3, 0.05, 0.05], 0); // tie 2/4 → 2
    probs.set([0, 0, 0, 0, 0, 0, 1], 7);
    probs.set([1 / 7, 1 / 7, 1 / 7, 1 / 7, 1 / 7, 1 / 7, 1 / 7], 14); // all equal → 3
    probs.set([0.9, 0.02, 0.02, 0.02, 0.02, 0.01, 0.01], 21); // column 0 is full → 1–4 tie, the centre wins
    expect(Array.from(greedyMoves(set, probs))).toEqual([2, 6, 3, 3]);
  });

  it('is the mean of -log p(label)', () => {
    const one = examplesFromRecords([winOrDraw]);
    const probs = new Float32Array([0.1, 0.1, 0.1, 0.5, 0.1, 0.05, 0.05]);
    expect(crossEntropy(one, probs)).toBeCloseTo(-Math.log(0.5), 6);
  });
});
