import type * as tf from '@tensorflow/tfjs';
import { INPUT_SIZE } from '@c4/engine';
import type { PolicyConfig } from '@c4/engine/policy';
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
   * One optimiser step on `n` samples: `x` holds n × INPUT_SIZE encoded positions (`encodePosition`
   * layout), `y` the n best columns (0–6) as floats, at the configured learning rate times
   * `lrScale` (default 1; a schedule's factor). The arrays may be reused once the promise
   * resolves.
   */
  trainBatch(x: Float32Array, y: Float32Array, n: number, lrScale?: number): Promise<BatchResult>;
  /** Column probabilities, n × 7, for n encoded positions (no masking of full columns). */
  predict(x: Float32Array, n: number): Promise<Float32Array>;
  /** The network with the current weights (owned by the trainer: do not dispose). */
  model(): tf.LayersModel;
  /** Copies all weights from `model` (same architecture) into every replica. */
  setWeightsFrom(model: tf.LayersModel): Promise<void>;
  /** Every replica's weights (this thread's first): a diagnostic, they should be identical. */
  replicaWeights(): Promise<Float32Array[][]>;
  /** Ends worker threads and frees tensors. */
  dispose(): Promise<void>;
}

/** Builds a trainer for `config`'s network on the current backend; see `BatchTrainerOptions`. */
export async function createBatchTrainer(options: BatchTrainerOptions): Promise<BatchTrainer> {
  const threads = options.threads ?? 1;
  if (!Number.isInteger(threads) || threads < 1) throw new Error(`threads must be a positive integer (got ${threads})`);
  if (threads === 1) {
    const main = new PolicyReplica(options.config);
    startFrom(main, options.initialModel);
    return singleThreadTrainer(main);
  }
  const probe = new PolicyReplica(options.config);
  const bytes = probe.parameterCount * Float32Array.BYTES_PER_ELEMENT;
  probe.dispose();
  const weights = new SharedArrayBuffer(bytes);
  const gradients = Array.from({ length: threads }, () => new SharedArrayBuffer(bytes));
  const main = new PolicyReplica(options.config, { weights: new Float32Array(weights), gradients: new Float32Array(gradients[0]) });
  startFrom(main, options.initialModel);
  const pool = await createWorkerPool({ config: options.config, backend: options.backend, workers: threads - 1, weights, gradients });
  return dataParallelTrainer(main, pool, gradients.map((b) => new Float32Array(b)));
}

/** Fills the replica's flat weights from `model`, or from its own fresh initialisation. */
function startFrom(main: PolicyReplica, model: tf.LayersModel | undefined): void {
  if (model) main.setWeights(model.getWeights().map((w) => w.dataSync() as Float32Array));
  else main.storeWeights();
}

function singleThreadTrainer(main: PolicyReplica): BatchTrainer {
  const all = [main.gradients];
  return {
    threads: 1,
    async trainBatch(x, y, n, lrScale = 1) {
      checkBatch(x, y, n);
      const { lossSum, correct } = await main.computeGradients(x, y, n, n);
      main.update(all, 0, main.parameterCount, lrScale);
      main.loadWeights();
      return { loss: lossSum / n, accuracy: correct / n };
    },
    predict: (x, n) => main.predict(x, n),
    model: () => main.model,
    async setWeightsFrom(model) {
      main.setWeights(model.getWeights().map((w) => w.dataSync() as Float32Array));
    },
    replicaWeights: async () => [main.readWeights()],
    async dispose() {
      main.dispose();
    },
  };
}

/**
 * Each batch is cut into one shard per thread (this thread takes the first); each replica
 * writes its shard's gradient into shared memory. Then the parameter vector is cut the same
 * way and each thread applies the optimiser to its part, with the sum of all gradients,
 * in the shared weights; every replica loads them before its next use.
 */
function dataParallelTrainer(main: PolicyReplica, pool: WorkerPool, gradients: Float32Array[]): BatchTrainer {
  const threads = pool.size + 1;
  const ranges = shardBounds(main.parameterCount, threads);
  return {
    threads,
    async trainBatch(x, y, n, lrScale = 1) {
      checkBatch(x, y, n);
      const shards = shardBounds(n, threads);
      const workerStats = pool.computeGradients(x, y, shards.slice(1), n);
      workerStats.catch(() => {}); // awaited below; this only stops an early throw here leaving it unhandled
      const [start, end] = shards[0];
      const own = await main.computeGradients(x.subarray(start * INPUT_SIZE), y.subarray(start), end - start, n);
      const others = await workerStats;
      const updated = pool.update(ranges.slice(1), lrScale);
      updated.catch(() => {});
      main.update(gradients, ...ranges[0], lrScale);
      await updated;
      main.loadWeights();
      let { lossSum, correct } = own;
      for (const s of others) {
        lossSum += s.lossSum;
        correct += s.correct;
      }
      return { loss: lossSum / n, accuracy: correct / n };
    },
    predict: (x, n) => main.predict(x, n),
    model: () => main.model,
    async setWeightsFrom(model) {
      main.setWeights(model.getWeights().map((w) => w.dataSync() as Float32Array));
      await pool.reload();
    },
    async replicaWeights() {
      const others = await Promise.all(Array.from({ length: pool.size }, (_, i) => pool.readWeights(i)));
      return [main.readWeights(), ...others];
    },
    async dispose() {
      await pool.close();
      main.dispose();
    },
  };
}

/** [start, end) of each thread's shard: sizes differ by at most one, larger first (so only trailing shards are empty). */
export function shardBounds(n: number, parts: number): [number, number][] {
  const bounds: [number, number][] = [];
  let start = 0;
  for (let i = 0; i < parts; i++) {
    const size = Math.floor(n / parts) + (i < n % parts ? 1 : 0);
    bounds.push([start, start + size]);
    start += size;
  }
  return bounds;
}

function checkBatch(x: Float32Array, y: Float32Array, n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new Error(`batch size must be a positive integer (got ${n})`);
  if (x.length < n * INPUT_SIZE) throw new Error(`x holds ${x.length} floats, fewer than ${n} positions × ${INPUT_SIZE}`);
  if (y.length < n) throw new Error(`y holds ${y.length} labels, fewer than ${n}`);
}
