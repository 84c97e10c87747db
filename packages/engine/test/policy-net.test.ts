import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { Position } from '../src/position.ts';
import { makeRng } from '../src/rng.ts';
import { encodeBatch } from '../src/encoding.ts';
import { createPolicyModel, maskIllegal, pickColumn, PolicyNet, REFERENCE_POLICY_CONFIG } from '../src/policy/index.ts';

/** A network that ignores the board and always outputs `probabilities`. */
function fixedNet(probabilities: number[]): PolicyNet {
  const model = createPolicyModel({ ...REFERENCE_POLICY_CONFIG, conv: [], dense: [] });
  const [kernel] = model.getWeights(); // the variable itself: not ours to dispose
  const weights = [tf.zerosLike(kernel), tf.tensor1d(probabilities.map(Math.log))];
  model.setWeights(weights);
  tf.dispose(weights);
  return new PolicyNet(model);
}

const RAW = [0.05, 0.1, 0.15, 0.4, 0.1, 0.12, 0.08];

describe('PolicyNet.probabilities', () => {
  it('returns the mean of the network output for the position and its mirror image', () => {
    const net = fixedNet(RAW);
    net.probabilities(Position.empty()).forEach((p, c) => expect(p).toBeCloseTo((RAW[c] + RAW[6 - c]) / 2, 6));
    net.dispose();
  });

  it('answers a position and its mirror image alike, even for a network that is not symmetric', () => {
    const net = new PolicyNet(createPolicyModel({ ...REFERENCE_POLICY_CONFIG, seed: 5 }));
    for (const moves of ['1', '4453', '1122353', '7766521']) {
      const position = Position.fromMoves(moves);
      const p = net.probabilities(position);
      const q = net.probabilities(position.mirror());
      p.forEach((value, c) => expect(q[6 - c]).toBeCloseTo(value, 6));
    }
    // …while the raw network is not symmetric (else this test would prove nothing)
    const raw = (moves: string) => tf.tidy(() => Array.from((net.model.predict(tf.tensor4d(encodeBatch([Position.fromMoves(moves)]), [1, 6, 7, 2])) as tf.Tensor).dataSync()));
    const [a, b] = [raw('1'), raw('7')];
    expect(Math.max(...a.map((v, c) => Math.abs(v - b[6 - c])))).toBeGreaterThan(1e-4);
    net.dispose();
  });

  it('gives full columns probability 0 and renormalises the rest', () => {
    const net = fixedNet(RAW);
    const position = Position.fromMoves('444444'); // column 4 (index 3) is full
    const p = net.probabilities(position);
    expect(p[3]).toBe(0);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(p[0] / p[1]).toBeCloseTo((RAW[0] + RAW[6]) / (RAW[1] + RAW[5]), 5);
    expect(net.chooseMove(position)).not.toBe(3);
    net.dispose();
  });

  it('computes a batch exactly as one position at a time', () => {
    const net = new PolicyNet(createPolicyModel(REFERENCE_POLICY_CONFIG));
    const positions = ['', '4', '4453', '444444', '1234567'].map((m) => Position.fromMoves(m));
    const batch = net.probabilitiesBatch(positions);
    positions.forEach((pos, i) => {
      const single = net.probabilities(pos);
      single.forEach((p, c) => expect(batch[i][c]).toBeCloseTo(p, 6));
    });
    expect(batch[3][3]).toBe(0);
    net.dispose();
  });

  it('refuses a finished game', () => {
    const net = fixedNet(RAW);
    expect(() => net.probabilities(Position.fromMoves('1212121'))).toThrow(/game is over/);
    net.dispose();
  });
});

describe('move choice', () => {
  it('is greedy at temperature 0, ties towards the centre', () => {
    expect(pickColumn(RAW)).toBe(3);
    expect(pickColumn([0.3, 0, 0.2, 0, 0.2, 0, 0.3])).toBe(0);
    expect(pickColumn([0, 0.25, 0.25, 0, 0.25, 0.25, 0])).toBe(2);
  });

  it('never picks a zero-probability column', () => {
    const rng = makeRng(3);
    const p = maskIllegal(RAW, Position.fromMoves('444444'));
    for (let i = 0; i < 500; i++) expect(pickColumn(p, { temperature: 5, rng })).not.toBe(3);
  });

  it('samples deterministically for a seed', () => {
    const draw = (seed: number) => {
      const rng = makeRng(seed);
      return Array.from({ length: 50 }, () => pickColumn(RAW, { temperature: 1, rng }));
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('follows p at temperature 1 and flattens towards uniform as T grows', () => {
    const frequencies = (temperature: number) => {
      const rng = makeRng(7);
      const counts = new Array(7).fill(0);
      const n = 20_000;
      for (let i = 0; i < n; i++) counts[pickColumn(RAW, { temperature, rng })]++;
      return counts.map((c) => c / n);
    };
    frequencies(1).forEach((f, c) => expect(Math.abs(f - RAW[c])).toBeLessThan(0.015));
    const hot = frequencies(100);
    hot.forEach((f) => expect(Math.abs(f - 1 / 7)).toBeLessThan(0.02));
  });

  it('is all but greedy at a tiny temperature, without overflow', () => {
    const rng = makeRng(1);
    for (let i = 0; i < 100; i++) expect(pickColumn(RAW, { temperature: 1e-4, rng })).toBe(3);
  });

  it('needs an rng to sample and rejects a bad temperature', () => {
    expect(() => pickColumn(RAW, { temperature: 1 })).toThrow(/rng/);
    expect(() => pickColumn(RAW, { temperature: -1 })).toThrow(/temperature/);
  });

  it('chooseMove samples through the network with a seed', () => {
    const net = fixedNet(RAW);
    const moves = (seed: number) => {
      const rng = makeRng(seed);
      return Array.from({ length: 30 }, () => net.chooseMove(Position.empty(), { temperature: 1, rng }));
    };
    expect(moves(5)).toEqual(moves(5));
    expect(new Set(moves(5)).size).toBeGreaterThan(1);
    net.dispose();
  });
});
