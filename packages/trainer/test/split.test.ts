import { describe, expect, it } from 'vitest';
import { makeRecord, Position } from '@c4/engine';
import { examplesFromRecords } from '../src/dataset.ts';
import { mirrorMoves } from '../src/augment.ts';
import { resolveSplitSize, splitExamples, splitIndices, SplitError } from '../src/split.ts';
import { solvedRecords } from './fixtures.ts';

/** Fake distinct keys: the split looks at nothing else. */
function keys(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i * 7919 + 13);
}

describe('splitIndices', () => {
  it('gives the exact sizes asked for: 90 000 / 5 000 / 5 000 of 100 000 by default fractions', () => {
    const s = splitIndices(keys(100_000), { validation: 0.05, test: 0.05, seed: 1 });
    expect([s.train.length, s.validation.length, s.test.length]).toEqual([90_000, 5_000, 5_000]);
    const s2 = splitIndices(keys(1000), { validation: 30, test: 0.1, seed: 1 });
    expect([s2.train.length, s2.validation.length, s2.test.length]).toEqual([870, 30, 100]);
  });

  it('is deterministic, independent of the order of the records, and changes with the seed', () => {
    const k = keys(2000);
    const a = splitIndices(k, { validation: 0.05, test: 0.05, seed: 7 });
    const b = splitIndices(k, { validation: 0.05, test: 0.05, seed: 7 });
    expect(b).toEqual(a);
    const reversed = [...k].reverse();
    const r = splitIndices(reversed, { validation: 0.05, test: 0.05, seed: 7 });
    expect(new Set(r.test.map((i) => reversed[i]))).toEqual(new Set(a.test.map((i) => k[i])));
    const c = splitIndices(k, { validation: 0.05, test: 0.05, seed: 8 });
    expect(c.test).not.toEqual(a.test);
  });

  it('keeps equal keys on one side even at a boundary', () => {
    // Every key three times: a boundary at 10 or 20 would cut a group unless groups finish first.
    const k = keys(40).flatMap((x) => [x, x, x]);
    const s = splitIndices(k, { validation: 10, test: 10, seed: 3 });
    const side = new Map<number, string>();
    for (const [name, idx] of Object.entries(s)) {
      for (const i of idx) {
        expect(side.get(k[i]) ?? name).toBe(name);
        side.set(k[i], name);
      }
    }
    expect(s.test.length % 3).toBe(0);
    expect(s.test.length).toBeGreaterThanOrEqual(10);
    expect(s.test.length + s.validation.length + s.train.length).toBe(k.length);
  });

  it('refuses sizes that leave no training data or are not counts or fractions', () => {
    expect(() => splitIndices(keys(10), { validation: 5, test: 5, seed: 1 })).toThrow(SplitError);
    expect(() => resolveSplitSize(2.5, 100, 'test')).toThrow(/neither a fraction below 1 nor a whole count/);
    expect(() => resolveSplitSize(-1, 100, 'test')).toThrow(SplitError);
    expect(resolveSplitSize(0.05, 1000, 'test')).toBe(50);
    expect(resolveSplitSize(0, 1000, 'test')).toBe(0);
  });
});

describe('splitExamples', () => {
  it('never puts a position or its mirror in two splits', () => {
    const records = solvedRecords(150, 9);
    // Add the mirror of every third position as a record of its own, as a careless generator might.
    const mirrors = records.filter((_, i) => i % 3 === 0).map((r) => {
      const moves = mirrorMoves(r.moves);
      return makeRecord(moves, [...r.scores].reverse());
    });
    const set = examplesFromRecords([...records, ...mirrors]);
    const split = splitExamples(set, { validation: 0.1, test: 0.1, seed: 4 });
    const canonical = (moves: string) => Position.fromMoves(moves).canonicalKey();
    const sides = [split.train, split.validation, split.test].map((s) => new Set(s.moves.map(canonical)));
    for (let a = 0; a < 3; a++) {
      for (let b = a + 1; b < 3; b++) {
        for (const key of sides[a]) expect(sides[b].has(key)).toBe(false);
      }
    }
    expect(split.train.size + split.validation.size + split.test.size).toBe(set.size);
  });
});
