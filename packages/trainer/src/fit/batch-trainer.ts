import type * as tf from '@tensorflow/tfjs';
import type { PolicyConfig } from '@c4/engine';
import { PolicyReplica } from './replica.ts';
import { createWorkerPool } from './worker-pool.ts';
import type { WorkerPool } from './worker-pool.ts';
import type { BackendName } from '../backend/select-backend.ts';

export interface BatchTrainerOptions {
  /** Architecture, optimiser, learning rate and initialisation seed. */
  config: PolicyConfig;
  /**
   * The backend this thread already runs on (from `selectBackend`); helper threads select the
   * same one.
   */
  backend: BackendName;
  /**
   * Threads computing gradients: 1 = this thread only; n > 1 splits each batch over this
   * thread and n - 1 worker threads, sums the gradients and applies them once (the same maths
   * as one batch). Default 1.
   */
  threads?: number;
  /** Start from these weights (e.g. `--resume`) instead of `config`'s fresh initialisation. */
  initialModel?: tf.LayersModel;
}

export interface BatchResult {
  /** Mean cross-entropy over the batch (before the update). */
  loss: number;
  /** Fraction of the batch whose most probable column was the label (before the update). */
  accuracy: number;
}

export interface BatchTrainer {
  readonly threads: number;
  /**
   * One optimiser step on `n` samples: `x` holds n × 84 encoded positions (`encodePosition`
   * layout), `y` the n best columns (0–6) as floats. The arrays may be reused once the promise
   * resolves.
   */
  trainBatch(x: Float32Array, y: Float32Array, n: number): Promise<BatchResult>;
  /** Column probabilities, n × 7, for n encoded positions (no masking of full columns). */
  predict(x: Float32Array, n: number): Promise<Float32Array>;
  /** The network with the current weights (owned by the trainer: do not dispose). */
  model(): tf.LayersModel;
  /** Copies all weights from `model` (same architecture) into every replica. */
  setWeightsFrom(model: tf.LayersModel): Promise<void>;
  /** Ends worker threads and frees tensors. */
  dispose(): Promise<void>;
}

/** Builds a trainer for `config`'s network on the current backend; see `BatchTrainerOptions`. */
export async function createBatchTrainer(options: BatchTrainerOptions): Promise<BatchTrainer> {
  const threads = options.threads ?? 1;
  if (!Number.isInteger(threads) || threads < 1) throw new Error(`threads must be a positive integer (got ${threads})`);
  const main = new PolicyReplica(options.config);
  if (options.initialModel) main.writeWeights(options.initialModel.getWeights().map((w) => w.dataSync() as Float32Array));
  const pool = threads > 1
    ? await createWorkerPool({ config: options.config, backend: options.backend, workers: threads - 1, weights: main.readWeights(), parameterCount: main.parameterCount })
    : undefined;
  return pool ? dataParallelTrainer(main, pool) : singleThreadTrainer(main);
}

function singleThreadTrainer(main: PolicyReplica): BatchTrainer {
  return {
    threads: 1,
    async trainBatch(x, y, n) {
      checkBatch(x, y, n);
      const { grads, stats } = main.computeGradients(x, y, n, n);
      main.applyGradients(grads);
      const { lossSum, correct } = await stats;
      return { loss: lossSum / n, accuracy: correct / n };
    },
    predict: (x, n) => main.predict(x, n),
    model: () => main.model,
    async setWeightsFrom(model) {
      main.writeWeights(model.getWeights().map((w) => w.dataSync() as Float32Array));
    },
    async dispose() {
      main.dispose();
    },
  };
}

/**
 * Each batch is cut into one shard per thread (this thread takes the first). Workers write
 * their gradients into shared memory; this thread adds them to its own, then every replica
 * applies the same sum, so all stay identical.
 */
function dataParallelTrainer(main: PolicyReplica, pool: WorkerPool): BatchTrainer {
  const threads = pool.size + 1;
  const ownFlat = new Float32Array(main.parameterCount);
  return {
    threads,
    async trainBatch(x, y, n) {
      checkBatch(x, y, n);
      const shards = shardBounds(n, threads);
      const workerDone = pool.computeGradients(x, y, shards.slice(1), n);
      const [start, end] = shards[0];
      const { grads, stats } = main.computeGradients(x.subarray(start * 84), y.subarray(start), end - start, n);
      main.flatten(grads, ownFlat);
      const workerStats = await workerDone;
      const sum = pool.sumGradients(ownFlat);
      pool.applySummed();
      main.applyGradients(main.unflatten(sum));
      tfDispose(grads);
      let { lossSum, correct } = await stats;
      for (const s of workerStats) {
        lossSum += s.lossSum;
        correct += s.correct;
      }
      return { loss: lossSum / n, accuracy: correct / n };
    },
    predict: (x, n) => main.predict(x, n),
    model: () => main.model,
    async setWeightsFrom(model) {
      const weights = model.getWeights().map((w) => w.dataSync() as Float32Array);
      main.writeWeights(weights);
      await pool.setWeights(weights);
    },
    async dispose() {
      await pool.close();
      main.dispose();
    },
  };
}

function tfDispose(grads: tf.NamedTensorMap): void {
  for (const t of Object.values(grads)) t.dispose();
}

/** [start, end) of each thread's shard; sizes differ by at most one. */
export function shardBounds(n: number, parts: number): [number, number][] {
  const bounds: [number, number][] = [];
  for (let i = 0; i < parts; i++) bounds.push([Math.floor((i * n) / parts), Math.floor(((i + 1) * n) / parts)]);
  return bounds;
}

function checkBatch(x: Float32Array, y: Float32Array, n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new Error(`batch size must be a positive integer (got ${n})`);
  if (x.length < n * 84) throw new Error(`x holds ${x.length} floats, fewer than ${n} positions × 84`);
  if (y.length < n) throw new Error(`y holds ${y.length} labels, fewer than ${n}`);
}
