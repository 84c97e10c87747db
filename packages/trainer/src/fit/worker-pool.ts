/**
 * The helper threads of a data-parallel batch trainer: one gradient worker per extra thread,
 * each with its own replica of the network. Weights and gradients live in shared memory;
 * per step only the shard's inputs and a few numbers are copied.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { INPUT_SIZE } from '@c4/engine';
import type { PolicyConfig } from '@c4/engine/policy';
import type { BackendName } from '../backend/select-backend.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import type { ShardStats } from './replica.ts';

export interface WorkerPoolOptions {
  config: PolicyConfig;
  backend: BackendName;
  workers: number;
  /** The shared parameters, already holding the initial weights. */
  weights: SharedArrayBuffer;
  /** One shared gradient buffer per replica; [0] is the trainer's own. */
  gradients: SharedArrayBuffer[];
}

export interface WorkerPool {
  readonly size: number;
  /** Starts worker i on the [start, end) shard `shards[i]` of the batch; resolves with their statistics. */
  computeGradients(x: Float32Array, y: Float32Array, shards: [number, number][], batchSize: number): Promise<ShardStats[]>;
  /** Starts worker i updating parameters `ranges[i]` (learning rate times `lrScale`); resolves when all are done. */
  update(ranges: [number, number][], lrScale: number): Promise<void>;
  /** Tells the workers the shared weights were rewritten. */
  reload(): Promise<void>;
  /** A worker's current weights (for checking replicas agree). */
  readWeights(worker: number): Promise<Float32Array[]>;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);
const WORKER_URL = new URL('./gradient-worker.ts', import.meta.url).href;
/**
 * Workers are plain Node threads whatever started us (tsx, Vitest): a one-line bootstrap
 * registers tsx's TypeScript loader in the thread, then imports the worker module.
 */
// tsx's exports map 'tsx/esm/api' to this file for import; require.resolve would pick the CommonJS one.
const TSX_API = pathToFileURL(join(dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
const BOOTSTRAP = `import(${JSON.stringify(TSX_API)}).then(({ register }) => { register(); return import(${JSON.stringify(WORKER_URL)}); });`;

class GradientWorker {
  private readonly worker: Worker;
  private readonly waiting: { resolve: (m: FromWorker) => void; reject: (e: Error) => void }[] = [];
  private failure: Error | undefined;

  constructor() {
    this.worker = new Worker(BOOTSTRAP, { eval: true });
    this.worker.on('message', (m: FromWorker) => {
      const next = this.waiting.shift();
      if (!next) return;
      if (m.kind === 'failed') next.reject(new Error(`gradient worker: ${m.message}`));
      else next.resolve(m);
    });
    const fail = (e: Error) => {
      this.failure = e;
      for (const w of this.waiting.splice(0)) w.reject(e);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`gradient worker exited (code ${code})`)));
  }

  request(message: ToWorker): Promise<FromWorker> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.worker.postMessage(message);
    });
  }

  async terminate(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

export async function createWorkerPool(options: WorkerPoolOptions): Promise<WorkerPool> {
  const workers = Array.from({ length: options.workers }, () => new GradientWorker());
  const gradients = options.gradients.map((buffer) => new Float32Array(buffer));
  try {
    await Promise.all(workers.map((w, i) => w.request({
      kind: 'init', config: options.config, backend: options.backend, index: i + 1,
      weights: options.weights, gradients: options.gradients,
    })));
  } catch (e) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw e;
  }

  return {
    size: workers.length,
    computeGradients(x, y, shards, batchSize) {
      return Promise.all(shards.map(async ([start, end], i): Promise<ShardStats> => {
        if (end === start) {
          // An empty shard contributes nothing; the worker is idle, so its buffer is ours to clear.
          gradients[i + 1].fill(0);
          return { lossSum: 0, correct: 0 };
        }
        const m = await workers[i].request({
          kind: 'compute', x: x.slice(start * INPUT_SIZE, end * INPUT_SIZE), y: y.slice(start, end), n: end - start, batchSize,
        });
        return (m as Extract<FromWorker, { kind: 'computed' }>).stats;
      }));
    },
    async update(ranges, lrScale) {
      await Promise.all(ranges.map(([from, to], i) => workers[i].request({ kind: 'update', from, to, lrScale })));
    },
    async reload() {
      await Promise.all(workers.map((w) => w.request({ kind: 'reload' })));
    },
    async readWeights(i) {
      const m = await workers[i].request({ kind: 'getWeights' });
      return (m as Extract<FromWorker, { kind: 'weights' }>).weights;
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
