/**
 * A tiny end-to-end run: a few hundred solver-labelled positions, two epochs on whatever
 * backend `selectBackend('auto')` gives, then the saved model is loaded back and checked
 * against the report; interruption and --resume on the same data.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '@c4/engine/policy';
import { loadModelFromDir } from '@c4/engine/node';
import { CENTRE_BASELINE, RANDOM_BASELINE } from '../src/baselines.ts';
import { evaluatePolicy } from '../src/metrics.ts';
import type { TrainingReport } from '../src/report.ts';
import { splitExamples } from '../src/split.ts';
import { epochLabels, epochOrder, improves, lrScale } from '../src/train.ts';
import { examplesFromRecords } from '../src/dataset.ts';
import { makeRecord } from '@c4/engine';
import type { EpochMetrics } from '../src/train.ts';
import { readState } from '../src/node/checkpoint.ts';
import { readDataset } from '../src/node/read-dataset.ts';
import { runTraining } from '../src/node/run-training.ts';
import type { RunSettings } from '../src/node/run-training.ts';
import { solvedRecords, toJsonl } from './fixtures.ts';

const SMALL_CONFIG = {
  conv: [{ filters: 16, kernel: 4, padding: 'same' as const, activation: 'relu' as const }],
  dense: [{ units: 32, activation: 'relu' as const }],
  optimizer: 'adam' as const,
  learningRate: 0.003,
  seed: 1,
};

let dir: string;
let data: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'c4-train-'));
  data = join(dir, 'positions.jsonl');
  await writeFile(data, toJsonl(solvedRecords(400, 21)));
});

function settings(out: string, overrides: Partial<RunSettings> = {}): RunSettings {
  return {
    data, out, limit: null, skipBad: false,
    split: { validation: 40, test: 60, seed: 1 },
    config: SMALL_CONFIG,
    training: { epochs: 2, batch: 32, seed: 1, patience: 3, monitor: 'optimal-rate', targets: 'centre-best', lrSchedule: 'constant' },
    backend: 'auto', threads: 1,
    baselines: [RANDOM_BASELINE, CENTRE_BASELINE],
    log: () => {},
    ...overrides,
  };
}

describe('runTraining', () => {
  it('writes a model that loads and predicts what the report measured, with a report and curves', async () => {
    const out = join(dir, 'model');
    const outcome = await runTraining(settings(out));
    expect(outcome.interrupted).toBe(false);
    const report: TrainingReport = JSON.parse(await readFile(join(out, 'report.json'), 'utf8'));
    expect(report.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(report.data.split).toMatchObject({ train: 300, validation: 40, test: 60, trainAugmented: 600 });
    expect(report.test.positions).toBe(60);
    expect(report.test.counted + report.test.leftOut).toBe(60);
    expect(report.baselines.map((b) => b.name)).toEqual(['random', 'centre']);
    expect(report.bestEpoch).toBe(report.epochs.filter((e) => e.improved).at(-1)!.epoch);
    for (const e of report.epochs) {
      expect(Number.isFinite(e.train.loss) && Number.isFinite(e.validation.loss)).toBe(true);
      expect(e.validation.optimalRate).toBeGreaterThanOrEqual(0);
    }
    const state = await readState(out);
    expect(state.history.map((e) => e.epoch)).toEqual(Array.from({ length: report.bestEpoch }, (_, i) => i + 1));
    expect(await readFile(join(out, 'curves.svg'), 'utf8')).toMatch(/^<svg[\s\S]*Optimal-move rate[\s\S]*<\/svg>\n$/);

    // The model on disk is the one the report's test figures come from.
    const model = await loadModelFromDir(out);
    const { examples } = await readDataset(data);
    const test = splitExamples(examples, settings(out).split).test;
    const predict = async (x: Float32Array, n: number) => tf.tidy(() => model.predict(tf.tensor4d(x.subarray(0, n * 84), [n, 6, 7, 2])) as tf.Tensor).dataSync() as Float32Array;
    const again = await evaluatePolicy(predict, test);
    expect(again.optimal).toBe(report.test.optimal);
    expect(again.accuracy).toBe(report.test.accuracy);
    expect(again.loss).toBeCloseTo(report.test.loss, 5);
    model.dispose();
  });

  it('when interrupted keeps the best model so far, and --resume continues from it', async () => {
    const out = join(dir, 'interrupted');
    let epochsDone = 0;
    const first = await runTraining(settings(out, {
      training: { epochs: 4, batch: 32, seed: 1, patience: 0, monitor: 'loss', targets: 'all-best', lrSchedule: 'constant' },
      log: (line) => { if (line.startsWith('epoch ')) epochsDone++; },
      shouldStop: () => epochsDone >= 2,
    }));
    expect(first.interrupted).toBe(true);
    const state = await readState(out);
    // Validation loss of this small run falls in both epochs, so the checkpoint is epoch 2's.
    expect(first.bestEpoch).toBe(2);
    expect(state.bestEpoch).toBe(2);
    expect(state.history.map((e) => e.epoch)).toEqual([1, 2]);
    await expect(loadModelFromDir(out)).resolves.toBeDefined();

    const resumed = await runTraining(settings(out, {
      training: { ...state.training, epochs: 3 }, config: state.config, resume: state,
    }));
    expect(resumed.interrupted).toBe(false);
    const report: TrainingReport = JSON.parse(await readFile(join(out, 'report.json'), 'utf8'));
    expect(report.training.resumedAfterEpoch).toBe(2);
    expect(report.epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
    expect(report.epochs.slice(0, 2)).toEqual(state.history);
  });

  it('refuses to resume on a different dataset or split', async () => {
    const out = join(dir, 'interrupted');
    const state = await readState(out);
    await expect(runTraining(settings(out, { resume: state, limit: 300, training: { ...state.training, epochs: 5 } })))
      .rejects.toThrow(/used limit null, this one 300/);
  });

  it('with init starts from that model\'s weights: at a vanishing learning rate it writes the model it started from', async () => {
    const from = join(dir, 'model');
    const out = join(dir, 'warm');
    const outcome = await runTraining(settings(out, {
      init: from, config: { ...SMALL_CONFIG, learningRate: 1e-12, seed: 77 },
      training: { epochs: 1, batch: 32, seed: 1, patience: 0, monitor: 'loss', targets: 'all-best', lrSchedule: 'cosine' },
    }));
    expect(outcome.interrupted).toBe(false);
    const [start, written] = [await loadModelFromDir(from), await loadModelFromDir(out)];
    const values = (m: tf.LayersModel) => m.getWeights().flatMap((w) => Array.from(w.dataSync()));
    const a = values(start), b = values(written);
    expect(b.length).toBe(a.length);
    expect(Math.max(...a.map((v, i) => Math.abs(v - b[i])))).toBeLessThan(1e-6);
    const report: TrainingReport = JSON.parse(await readFile(join(out, 'report.json'), 'utf8'));
    expect(report.training).toMatchObject({ initFrom: from, lrSchedule: 'cosine' });
    start.dispose();
    written.dispose();
  });

  it('refuses init from a model of another architecture, naming both', async () => {
    const config = { ...SMALL_CONFIG, dense: [{ units: 5, activation: 'relu' as const }] };
    await expect(runTraining(settings(join(dir, 'warm-bad'), { init: join(dir, 'model'), config })))
      .rejects.toThrow(/--init: its layers \(.*\) differ from the architecture trained \(.*5.*\)/);
  });
});

describe('training loop pieces', () => {
  it('shuffles each epoch differently, and the same way for the same seed and epoch', () => {
    expect(epochOrder(100, 1, 3)).toEqual(epochOrder(100, 1, 3));
    expect(epochOrder(100, 1, 3)).not.toEqual(epochOrder(100, 1, 4));
    expect([...epochOrder(100, 1, 3)].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('selects on the optimal-move rate, ties by loss; or on loss alone', () => {
    const m = (optimalRate: number | null, loss: number) => ({ optimalRate, loss }) as EpochMetrics;
    expect(improves(m(0.8, 1), m(0.7, 0.5), 'optimal-rate')).toBe(true);
    expect(improves(m(0.7, 0.4), m(0.7, 0.5), 'optimal-rate')).toBe(true);
    expect(improves(m(0.7, 0.6), m(0.7, 0.5), 'optimal-rate')).toBe(false);
    expect(improves(m(0.8, 0.6), m(0.7, 0.5), 'loss')).toBe(false);
    expect(improves(m(null, 9), undefined, 'optimal-rate')).toBe(true);
  });
});

describe('lrScale', () => {
  it('is 1 throughout when constant; cosine falls from 1 through ½ at the middle to 0 at the end', () => {
    expect([0, 0.3, 0.99].map((p) => lrScale('constant', p))).toEqual([1, 1, 1]);
    expect(lrScale('cosine', 0)).toBe(1);
    expect(lrScale('cosine', 0.5)).toBeCloseTo(0.5, 12);
    expect(lrScale('cosine', 1)).toBeCloseTo(0, 12);
    const falling = Array.from({ length: 11 }, (_, i) => lrScale('cosine', i / 10));
    expect(falling.every((v, i) => i === 0 || v < falling[i - 1])).toBe(true);
  });
});

describe('epochLabels', () => {
  const set = examplesFromRecords([
    makeRecord('4', [-2, -1, 0, 0, 0, -1, -2]), // three tied best moves: 2, 3, 4
    makeRecord('44', [1, -3, 2, -1, -2, -4, 1]), // one best move: 2
  ]);
  const options = { epochs: 1, batch: 1, seed: 5, patience: 0, monitor: 'loss' as const, lrSchedule: 'constant' as const };

  it('centre-best always teaches the record\'s best move', () => {
    for (let epoch = 1; epoch <= 20; epoch++) {
      const label = epochLabels(set, { ...options, targets: 'centre-best' }, epoch);
      expect([label(0), label(1)]).toEqual([3, 2]);
    }
  });

  it('all-best draws each tied best move over the epochs, and only those, the same for the same seed', () => {
    const seen = new Set<number>();
    for (let epoch = 1; epoch <= 40; epoch++) {
      const label = epochLabels(set, { ...options, targets: 'all-best' }, epoch);
      const again = epochLabels(set, { ...options, targets: 'all-best' }, epoch);
      const a = label(0);
      expect(again(0)).toBe(a);
      seen.add(a);
      expect(label(1)).toBe(2);
    }
    expect([...seen].sort()).toEqual([2, 3, 4]);
  });
});
