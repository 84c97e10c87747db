import { describe, expect, it } from 'vitest';
import { makeRng, Position } from '@c4/engine';
import { Batcher } from '../src/generate/batcher.ts';
import { compareDatasetOrder, formatDataset } from '../src/generate/dataset-order.ts';
import { LabelCostModel } from '../src/generate/label-cost.ts';
import { drawPly, parsePlySpread, plyShares, PlySpreadError } from '../src/generate/ply-spread.ts';
import { strongMove } from '../src/generate/playout-policy.ts';
import { sampleCandidate, type Candidate } from '../src/generate/sampler.ts';
import { DEFAULT_SAMPLING, type SamplingOptions } from '../src/generate/sampling-options.ts';
import { parseShard, ShardError, shardOf, WHOLE } from '../src/generate/shard.ts';
import { SamplingExhaustedError, WorkPlan } from '../src/generate/work-plan.ts';

const sampling: SamplingOptions = { ...DEFAULT_SAMPLING, seed: 11, plies: parsePlySpread('4-9:1,10-30:3,31-41:1') };

describe('ply spread', () => {
  it('parses ranges, lone plies and weights', () => {
    expect(parsePlySpread('8-11:1, 20:3,30-41')).toEqual([
      { from: 8, to: 11, weight: 1 },
      { from: 20, to: 20, weight: 3 },
      { from: 30, to: 41, weight: 1 },
    ]);
  });

  it.each(['', '8-', '11-8:1', '30-42:1', '5:0', 'a-b', '1-2:x'])('refuses %j', (spec) => {
    expect(() => parsePlySpread(spec)).toThrow(PlySpreadError);
  });

  it('draws plies only inside the ranges, each range by its weight', () => {
    const spread = parsePlySpread('2-3:1,20-29:3');
    const rng = makeRng(5);
    let low = 0;
    for (let i = 0; i < 4000; i++) {
      const ply = drawPly(spread, rng);
      expect((ply >= 2 && ply <= 3) || (ply >= 20 && ply <= 29)).toBe(true);
      if (ply <= 3) low++;
    }
    expect(low / 4000).toBeGreaterThan(0.2);
    expect(low / 4000).toBeLessThan(0.3);
    expect(plyShares(spread).reduce((a, b) => a + b, 0)).toBeCloseTo(1);
  });
});

describe('strong playout move', () => {
  it('wins when it can', () => {
    // X has 3 in column 1 (0-based 0), O elsewhere; X to move wins in column 0
    const p = Position.fromMoves('121212');
    expect(strongMove(p, makeRng(1))).toBe(0);
  });

  it('blocks the opponent’s immediate win', () => {
    // X: 1,1,1 in column 1 after "12121" → O to move must block column 1
    const p = Position.fromMoves('12121');
    expect(strongMove(p, makeRng(1))).toBe(0);
  });
});

describe('candidate stream', () => {
  it('is a function of (seed, index) and never gives a finished position', () => {
    for (let k = 0; k < 300; k++) {
      const a = sampleCandidate(k, sampling);
      expect(a).toEqual(sampleCandidate(k, sampling));
      if (a === null) continue;
      const p = Position.fromMoves(a.moves);
      expect(p.isOver()).toBe(false);
      expect(p.plies).toBe(a.ply);
      expect(a.key).toBe(p.canonicalKey());
    }
    const other = { ...sampling, seed: 12 };
    const differ = [0, 1, 2, 3, 4].some((k) => sampleCandidate(k, sampling)?.moves !== sampleCandidate(k, other)?.moves);
    expect(differ).toBe(true);
  });

  it('mixes random and guided games as asked', () => {
    let guided = 0;
    let n = 0;
    for (let k = 0; k < 400; k++) {
      const c = sampleCandidate(k, { ...sampling, guided: 0.25 });
      if (!c) continue;
      n++;
      if (c.guided) guided++;
    }
    expect(guided / n).toBeGreaterThan(0.15);
    expect(guided / n).toBeLessThan(0.35);
  });
});

function planMoves(plan: WorkPlan): string[] {
  const out: string[] = [];
  for (let i = 0; i < plan.target; i++) out.push(plan.next().moves);
  return out;
}

describe('work plan', () => {
  it('yields distinct positions, counting a position and its mirror as one', () => {
    const plan = new WorkPlan(sampling, 1500, WHOLE);
    const keys = new Set<number>();
    for (const moves of planMoves(plan)) {
      const p = Position.fromMoves(moves);
      expect(keys.has(p.canonicalKey())).toBe(false);
      expect(keys.has(p.mirror().key())).toBe(keys.has(p.key()));
      keys.add(p.canonicalKey());
    }
    expect(keys.size).toBe(1500);
    expect(plan.candidatesRepeated).toBeGreaterThan(0); // the low plies repeat: dedup was exercised
  });

  it('splits the single-run set into disjoint shards', () => {
    const single = planMoves(new WorkPlan(sampling, 600, WHOLE));
    const shards = [0, 1, 2].map((index) => planMoves(new WorkPlan(sampling, 600, { index, count: 3 })));
    expect(shards.reduce((n, s) => n + s.length, 0)).toBe(600);
    expect(new Set(shards.flat())).toEqual(new Set(single));
    shards.forEach((s, index) =>
      s.forEach((moves) => expect(shardOf(Position.fromMoves(moves).canonicalKey(), 3)).toBe(index)),
    );
  });

  it('does not hand out positions already done, and replaces them by none (target is fixed)', () => {
    const single = planMoves(new WorkPlan(sampling, 300, WHOLE));
    const done = new Set(single.slice(0, 120).map((m) => Position.fromMoves(m).canonicalKey()));
    const plan = new WorkPlan(sampling, 300, WHOLE, done);
    const rest: string[] = [];
    for (let i = 0; i < 300 - 120; i++) rest.push(plan.next().moves);
    expect(rest).toEqual(single.slice(120));
  });

  it('reports sampling options that cannot give enough positions', () => {
    expect(() => planMoves(new WorkPlan({ ...sampling, plies: parsePlySpread('0-1:1') }, 10, WHOLE))).toThrow(
      SamplingExhaustedError,
    );
  });
});

describe('shards', () => {
  it('parses i/n', () => {
    expect(parseShard('2/5')).toEqual({ index: 2, count: 5 });
    expect(parseShard('0/1')).toEqual(WHOLE);
  });

  it.each(['3/2', '0/0', 'x', '1', '-1/2', '2/2', '1/2/3'])('refuses %j', (spec) => {
    expect(() => parseShard(spec)).toThrow(ShardError);
  });
});

describe('dataset order', () => {
  it('depends on the positions only, not on the order they came in', () => {
    const lines = planMoves(new WorkPlan(sampling, 50, WHOLE)).map((moves) => ({
      key: Position.fromMoves(moves).canonicalKey(),
      line: JSON.stringify({ moves }),
    }));
    const reversed = [...lines].reverse();
    expect(formatDataset(reversed)).toBe(formatDataset(lines));
    expect(formatDataset(lines)).not.toBe(lines.map((l) => l.line + '\n').join('')); // it is a real reordering
    expect(compareDatasetOrder(lines[0]!, lines[0]!)).toBe(0);
  });
});

describe('batcher', () => {
  it('hands out exactly the plan’s positions, the last window costliest first, small batches for costly plies', () => {
    const plan = new WorkPlan(sampling, 500, WHOLE);
    const expected = planMoves(new WorkPlan(sampling, 500, WHOLE));
    const batcher = new Batcher(() => plan.next(), new LabelCostModel(), { batchSize: 16, window: 200, batchMs: 250 });
    const batches: Candidate[][] = [];
    let handed = 0;
    for (;;) {
      const batch = batcher.nextBatch(500 - handed - batcher.holding);
      if (batch === null) break;
      handed += batch.length;
      batches.push(batch);
    }
    expect(new Set(batches.flat().map((c) => c.moves))).toEqual(new Set(expected));
    expect(handed).toBe(500);
    for (const b of batches) {
      expect(b.length).toBeLessThanOrEqual(16);
      if (b.some((c) => c.ply <= 9)) expect(b).toHaveLength(1); // seconds each: alone
    }
    expect(batches.some((b) => b.length === 16)).toBe(true);
    // windows 1 and 2 (400 positions) in stream order; the last (100) sorted by ply
    const order = batches.flat();
    const first = order.slice(0, 400).map((c) => c.index);
    expect(first).toEqual([...first].sort((a, b) => a - b));
    const last = order.slice(400).map((c) => c.ply);
    expect(last).toEqual([...last].sort((a, b) => a - b));
    expect(new Set(order.slice(400).map((c) => c.moves))).toEqual(new Set(expected.slice(400)));
  });

  it('learns costs from what it observes', () => {
    const cost = new LabelCostModel();
    const prior = cost.estimate(12);
    for (let i = 0; i < 5; i++) cost.observe(12, 3);
    expect(cost.estimate(12)).toBe(3);
    expect(prior).toBeGreaterThan(3);
  });
});
