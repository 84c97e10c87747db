/**
 * The training loop, as a plain function: a batch trainer and the data in, the history out.
 *
 * Each epoch:
 *   1. the (augmented) training set in a fresh order — seeded by (seed, epoch), so a resumed
 *      run shuffles as the uninterrupted one would have;
 *   2. one optimiser step per batch (the last batch may be smaller); train loss and accuracy
 *      are the mean over the epoch's batches, each measured just before its update (as Keras
 *      reports them);
 *   3. evaluation, in inference mode, on a fixed sample of training positions and on the
 *      whole validation split: loss, accuracy, optimal-move rate.
 *
 * Targets: with `centre-best` an example's label is always its record's `best` (the best
 * move, ties towards the centre); with `all-best` each epoch draws one of its tied best
 * moves (seeded by seed and epoch), so over the epochs the network is taught every best
 * move rather than an arbitrary tie-break: in expectation the same gradient as a
 * cross-entropy against the uniform distribution over the best moves, while the loss
 * stays tfjs' sparse categorical cross-entropy.
 *
 * Learning rate: constant, or with `lrSchedule: 'cosine'` scaled by ½(1 + cos πt) where t runs
 * from 0 to 1 over all the run's samples (the last epoch's last steps are nearly still), so a
 * run ends by settling into a minimum rather than bouncing around it at the full rate.
 *
 * Model selection and early stopping watch the validation **optimal-move rate** (the goal of
 * the project; equal rates are split by the lower validation loss), or with
 * `monitor: 'loss'` the validation loss. `patience` epochs without improvement stop the run.
 */
import { hashKey, INPUT_SIZE, makeRng, shuffle } from '@c4/engine';
import type { BatchTrainer } from './fit/index.ts';
import { evaluatePolicy } from './metrics.ts';
import type { PolicyMetrics } from './metrics.ts';
import { bestMoves, type ExampleSet } from './dataset.ts';

export type Monitor = 'optimal-rate' | 'loss';
export const MONITORS: readonly Monitor[] = ['optimal-rate', 'loss'];

export type Targets = 'all-best' | 'centre-best';
export const TARGETS: readonly Targets[] = ['all-best', 'centre-best'];

export type LrSchedule = 'constant' | 'cosine';
export const LR_SCHEDULES: readonly LrSchedule[] = ['constant', 'cosine'];

export interface TrainOptions {
  /** Last epoch to train (epochs are numbered from 1; a resumed run continues up to this). */
  epochs: number;
  batch: number;
  seed: number;
  /** Epochs without improvement before stopping; 0 never stops early. */
  patience: number;
  monitor: Monitor;
  /** What each example is taught (see above). */
  targets: Targets;
  /** How the learning rate changes over the run (see above). */
  lrSchedule: LrSchedule;
}

export interface TrainData {
  /** Training examples, augmentation included. */
  train: ExampleSet;
  /** A fixed subset of the training positions (no mirrors) evaluated after each epoch. */
  trainSample: ExampleSet;
  validation: ExampleSet;
}

/** Metrics without the per-ply table (kept for the test split only). */
export type EpochMetrics = Omit<PolicyMetrics, 'byPly'>;

export interface EpochRecord {
  epoch: number;
  /** Seconds of optimiser steps (evaluation excluded). */
  trainSeconds: number;
  evalSeconds: number;
  samplesPerSecond: number;
  /** Mean over the epoch's batches, each before its update. */
  train: { loss: number; accuracy: number };
  trainSample: EpochMetrics;
  validation: EpochMetrics;
  /** This epoch's model is the best so far. */
  improved: boolean;
}

/** Where a run stands: what `--resume` needs besides the weights. */
export interface TrainProgress {
  history: EpochRecord[];
  /** Epoch of the best model (0: none yet). */
  bestEpoch: number;
}

export interface TrainHooks {
  onEpochStart?(epoch: number, samples: number): void;
  /** After each batch; awaited, so a hook can yield to the event loop (e.g. to see SIGINT). */
  onBatch?(done: number, total: number, running: { loss: number; accuracy: number }): void | Promise<void>;
  /** After each epoch's evaluation; awaited before the next epoch (save the model here when `record.improved`). */
  onEpochEnd?(record: EpochRecord, trainer: BatchTrainer): void | Promise<void>;
  /** Checked after every batch: true ends the run (the unfinished epoch is dropped). */
  shouldStop?(): boolean;
}

export type StopReason = 'epochs' | 'patience' | 'interrupted';

export interface TrainResult extends TrainProgress {
  stopReason: StopReason;
  /** Weights of the best epoch (`model.getWeights()` order), or the starting weights if none improved. */
  bestWeights: Float32Array[];
}

/** The validation figure a run selects on, as "higher is better". */
export function monitorValue(metrics: EpochMetrics, monitor: Monitor): number {
  return monitor === 'loss' ? -metrics.loss : (metrics.optimalRate ?? -Infinity);
}

/** True when `candidate` beats `best` on the monitor (ties on the rate broken by lower loss). */
export function improves(candidate: EpochMetrics, best: EpochMetrics | undefined, monitor: Monitor): boolean {
  if (!best) return true;
  const a = monitorValue(candidate, monitor);
  const b = monitorValue(best, monitor);
  return a > b || (a === b && monitor === 'optimal-rate' && candidate.loss < best.loss);
}

/**
 * Trains `trainer`'s network on `data` from epoch `start.history.length + 1` to `options.epochs`.
 * Precondition: the trainer holds the weights of `start`'s best epoch (or fresh ones).
 */
export async function trainPolicy(
  trainer: BatchTrainer,
  data: TrainData,
  options: TrainOptions,
  hooks: TrainHooks = {},
  start: TrainProgress = { history: [], bestEpoch: 0 },
): Promise<TrainResult> {
  checkOptions(options, data);
  const history = [...start.history];
  let bestEpoch = start.bestEpoch;
  let bestWeights = readWeights(trainer);
  const xBatch = new Float32Array(options.batch * INPUT_SIZE);
  const yBatch = new Float32Array(options.batch);

  for (let epoch = history.length + 1; epoch <= options.epochs; epoch++) {
    if (options.patience > 0 && bestEpoch > 0 && epoch - 1 - bestEpoch >= options.patience) {
      return { history, bestEpoch, bestWeights, stopReason: 'patience' };
    }
    hooks.onEpochStart?.(epoch, data.train.size);
    const order = epochOrder(data.train.size, options.seed, epoch);
    const label = epochLabels(data.train, options, epoch);
    const started = performance.now();
    let lossSum = 0, correctSum = 0, done = 0;
    for (let first = 0; first < order.length; first += options.batch) {
      const n = Math.min(options.batch, order.length - first);
      for (let k = 0; k < n; k++) {
        const i = order[first + k];
        xBatch.set(data.train.x.subarray(i * INPUT_SIZE, (i + 1) * INPUT_SIZE), k * INPUT_SIZE);
        yBatch[k] = label(i);
      }
      const progress = ((epoch - 1) * order.length + first) / (options.epochs * order.length);
      const { loss, accuracy } = await trainer.trainBatch(xBatch, yBatch, n, lrScale(options.lrSchedule, progress));
      lossSum += loss * n;
      correctSum += accuracy * n;
      done += n;
      await hooks.onBatch?.(done, order.length, { loss: lossSum / done, accuracy: correctSum / done });
      if (hooks.shouldStop?.()) return { history, bestEpoch, bestWeights, stopReason: 'interrupted' };
    }
    const trainSeconds = (performance.now() - started) / 1000;

    const evalStarted = performance.now();
    const predict = trainer.predict.bind(trainer);
    const trainSample = withoutPlies(await evaluatePolicy(predict, data.trainSample));
    const validation = withoutPlies(await evaluatePolicy(predict, data.validation));
    const best = history.find((r) => r.epoch === bestEpoch)?.validation;
    const improved = improves(validation, best, options.monitor);
    const record: EpochRecord = {
      epoch,
      trainSeconds,
      evalSeconds: (performance.now() - evalStarted) / 1000,
      samplesPerSecond: done / trainSeconds,
      train: { loss: lossSum / done, accuracy: correctSum / done },
      trainSample,
      validation,
      improved,
    };
    history.push(record);
    if (improved) {
      bestEpoch = epoch;
      bestWeights = readWeights(trainer);
    }
    await hooks.onEpochEnd?.(record, trainer);
    if (hooks.shouldStop?.()) return { history, bestEpoch, bestWeights, stopReason: 'interrupted' };
  }
  return { history, bestEpoch, bestWeights, stopReason: 'epochs' };
}

/** The factor on the learning rate `progress` (0 to 1) of the way through a run. */
export function lrScale(schedule: LrSchedule, progress: number): number {
  return schedule === 'cosine' ? 0.5 * (1 + Math.cos(Math.PI * progress)) : 1;
}

/** The order of the training examples in `epoch`: a permutation seeded by (seed, epoch). */
export function epochOrder(size: number, seed: number, epoch: number): number[] {
  const order = Array.from({ length: size }, (_, i) => i);
  return shuffle(order, makeRng(hashKey(epoch, seed)));
}

/** The label of each training example in `epoch`. */
export function epochLabels(set: ExampleSet, options: TrainOptions, epoch: number): (i: number) => number {
  if (options.targets === 'centre-best') return (i) => set.labels[i];
  // a stream apart from the shuffle's: hashKey(epoch, seed) seeds the order
  const rng = makeRng(hashKey(epoch, options.seed ^ 0x5bd1e995));
  return (i) => {
    const best = bestMoves(set, i);
    return best.length === 1 ? best[0] : best[Math.floor(rng() * best.length)];
  };
}

function readWeights(trainer: BatchTrainer): Float32Array[] {
  return trainer.model().getWeights().map((w) => (w.dataSync() as Float32Array).slice());
}

function withoutPlies(metrics: PolicyMetrics): EpochMetrics {
  const { byPly: _byPly, ...rest } = metrics;
  return rest;
}

function checkOptions(options: TrainOptions, data: TrainData): void {
  if (!(Number.isInteger(options.epochs) && options.epochs >= 1)) throw new Error(`epochs must be a positive integer (got ${options.epochs})`);
  if (!(Number.isInteger(options.batch) && options.batch >= 1)) throw new Error(`batch must be a positive integer (got ${options.batch})`);
  if (!(Number.isInteger(options.patience) && options.patience >= 0)) throw new Error(`patience must be an integer ≥ 0 (got ${options.patience})`);
  if (!MONITORS.includes(options.monitor)) throw new Error(`monitor must be one of ${MONITORS.join(', ')}`);
  if (!TARGETS.includes(options.targets)) throw new Error(`targets must be one of ${TARGETS.join(', ')}`);
  if (!LR_SCHEDULES.includes(options.lrSchedule)) throw new Error(`lrSchedule must be one of ${LR_SCHEDULES.join(', ')}`);
  if (data.train.size === 0) throw new Error('no training positions');
  if (data.validation.size === 0) throw new Error('no validation positions');
}
