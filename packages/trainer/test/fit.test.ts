import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { makeRng } from '@c4/engine';
import { createPolicyModel, REFERENCE_POLICY_CONFIG } from '@c4/engine/policy';
import type { PolicyConfig } from '@c4/engine/policy';
import { selectBackend } from '../src/backend/select-backend.ts';
import { createBatchTrainer, shardBounds } from '../src/fit/index.ts';
import type { BatchTrainer } from '../src/fit/index.ts';

/** Small enough to be quick, with every kind of layer the trainer must handle. */
const CONFIG: PolicyConfig = {
  ...REFERENCE_POLICY_CONFIG,
  conv: [
    { filters: 8, kernel: 4, padding: 'same', activation: 'relu' },
    { filters: 8, kernel: 3, padding: 'valid', activation: 'relu' },
  ],
  dense: [{ units: 16, activation: 'relu' }],
  seed: 4,
};

function randomBatch(seed: number, n: number): { x: Float32Array; y: Float32Array } {
  const rng = makeRng(seed);
  return {
    x: Float32Array.from({ length: n * 84 }, () => (rng() < 0.25 ? 1 : 0)),
    y: Float32Array.from({ length: n }, () => Math.floor(rng() * 7)),
  };
}

function flat(weights: Float32Array[]): Float32Array {
  const out = new Float32Array(weights.reduce((n, w) => n + w.length, 0));
  let offset = 0;
  for (const w of weights) {
    out.set(w, offset);
    offset += w.length;
  }
  return out;
}

function maxDifference(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

const weightsOf = (model: tf.LayersModel) => flat(model.getWeights().map((w) => w.dataSync() as Float32Array));

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('shardBounds', () => {
  it('cuts a batch into near-equal contiguous shards, larger first', () => {
    expect(shardBounds(64, 2)).toEqual([[0, 32], [32, 64]]);
    expect(shardBounds(7, 3)).toEqual([[0, 3], [3, 5], [5, 7]]);
    expect(shardBounds(1, 2)).toEqual([[0, 1], [1, 1]]);
  });
});

describe('single-thread batch trainer', () => {
  let trainer: BatchTrainer;
  beforeAll(async () => {
    trainer = await createBatchTrainer({ config: CONFIG, backend: 'wasm' });
  });
  afterAll(() => trainer.dispose());

  it.each(['adam', 'sgd', 'momentum', 'rmsprop', 'adagrad'] as const)('takes the same %s steps as tfjs-layers trainOnBatch', async (optimizer) => {
    const config: PolicyConfig = { ...CONFIG, optimizer, learningRate: optimizer === 'sgd' ? 0.05 : 0.01 };
    const ours = await createBatchTrainer({ config, backend: 'wasm' });
    const reference = createPolicyModel(config);
    expect(maxDifference(weightsOf(ours.model()), weightsOf(reference))).toBe(0);
    for (let step = 0; step < 4; step++) {
      const { x, y } = randomBatch(step, 64);
      const xs = tf.tensor4d(x, [64, 6, 7, 2]);
      const ys = tf.tensor1d(y);
      const [loss, accuracy] = (await reference.trainOnBatch(xs, ys)) as number[];
      tf.dispose([xs, ys]);
      const result = await ours.trainBatch(x, y, 64);
      expect(result.loss).toBeCloseTo(loss, 5);
      expect(result.accuracy).toBeCloseTo(accuracy, 6);
    }
    const fresh = createPolicyModel(config);
    const moved = maxDifference(weightsOf(reference), weightsOf(fresh));
    fresh.dispose();
    expect(moved).toBeGreaterThan(1e-3); // the steps did change the weights…
    expect(maxDifference(weightsOf(ours.model()), weightsOf(reference))).toBeLessThan(2e-5); // …identically
    reference.dispose();
    await ours.dispose();
  });

  it('scales the learning rate by lrScale: with SGD half the scale moves the weights half as far, 0 not at all', async () => {
    const config: PolicyConfig = { ...CONFIG, optimizer: 'sgd', learningRate: 0.05 };
    const { x, y } = randomBatch(3, 64);
    const moved = async (lrScale: number) => {
      const t = await createBatchTrainer({ config, backend: 'wasm' });
      const before = weightsOf(t.model());
      await t.trainBatch(x, y, 64, lrScale);
      const after = weightsOf(t.model());
      await t.dispose();
      return after.map((w, i) => w - before[i]);
    };
    const [full, half, none] = [await moved(1), await moved(0.5), await moved(0)];
    expect(maxDifference(full, new Float32Array(full.length))).toBeGreaterThan(1e-3);
    expect(maxDifference(half.map((d) => d * 2), full)).toBeLessThan(1e-6);
    expect(maxDifference(none, new Float32Array(none.length))).toBe(0);
  });

  it('predicts what its model predicts', async () => {
    const { x } = randomBatch(9, 10);
    const expected = tf.tidy(() => (trainer.model().predict(tf.tensor4d(x, [10, 6, 7, 2])) as tf.Tensor).dataSync());
    expect(Array.from(await trainer.predict(x, 10))).toEqual(Array.from(expected));
  });

  it('learns: the loss on a fixed batch falls', async () => {
    const { x, y } = randomBatch(11, 64);
    const first = await trainer.trainBatch(x, y, 64);
    let last = first;
    for (let i = 0; i < 150; i++) last = await trainer.trainBatch(x, y, 64);
    expect(last.loss).toBeLessThan(first.loss * 0.5);
  });

  it('rejects a batch larger than its arrays', async () => {
    const { x, y } = randomBatch(1, 4);
    await expect(trainer.trainBatch(x, y, 5)).rejects.toThrow(/fewer than 5/);
  });
});

describe('two-thread (data-parallel) batch trainer', () => {
  let parallel: BatchTrainer;
  let single: BatchTrainer;
  beforeAll(async () => {
    parallel = await createBatchTrainer({ config: CONFIG, backend: 'wasm', threads: 2 });
    single = await createBatchTrainer({ config: CONFIG, backend: 'wasm', threads: 1 });
  });
  afterAll(async () => {
    await parallel.dispose();
    await single.dispose();
  });

  it('computes the same steps as one thread on the whole batch', async () => {
    expect(parallel.threads).toBe(2);
    for (let step = 0; step < 4; step++) {
      const n = [64, 64, 33, 1][step]; // uneven shards and one empty shard too
      const lrScale = [1, 0.5, 0.25, 1][step]; // the workers get the schedule's factor too
      const { x, y } = randomBatch(100 + step, n);
      const a = await parallel.trainBatch(x, y, n, lrScale);
      const b = await single.trainBatch(x, y, n, lrScale);
      expect(a.loss).toBeCloseTo(b.loss, 5);
      expect(a.accuracy).toBeCloseTo(b.accuracy, 6);
    }
    expect(maxDifference(weightsOf(parallel.model()), weightsOf(single.model()))).toBeLessThan(1e-5);
  });

  it('keeps every replica identical', async () => {
    const [main, worker] = await parallel.replicaWeights();
    expect(maxDifference(flat(worker), flat(main))).toBe(0);
  });

  it('setWeightsFrom reaches the workers', async () => {
    const source = createPolicyModel({ ...CONFIG, seed: 99 });
    await parallel.setWeightsFrom(source);
    const [main, worker] = await parallel.replicaWeights();
    expect(maxDifference(flat(main), weightsOf(source))).toBe(0);
    expect(maxDifference(flat(worker), weightsOf(source))).toBe(0);
    source.dispose();
  });
});
