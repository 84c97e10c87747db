/**
 * Hands batches of positions to the worker pool until enough are labelled.
 *
 *   plan ─▶ Batcher ──batch──▶ pool.run ──labelled──▶ onLabelled (the one writer)
 *                   ▲          │ worker died / threw: same batch again (≤ MAX_ATTEMPTS)
 *                   │          │ a position ran past maxMs: worker stopped, position
 *                   └──────────┘   skipped, the rest of its batch sent again
 *
 * At most 2 batches per worker are out at a time, so a worker always has the next one
 * queued and a stop drops little. The time limit is enforced from here: each task
 * shares one Int32 with its worker saying which position it is on; a watchdog that sees
 * the same position running longer than maxMs aborts the task, which makes piscina
 * terminate that worker thread (and start a fresh one).
 */
import { Batcher, DEFAULT_BATCH_MS, DEFAULT_WINDOW } from '../generate/batcher.ts';
import type { LabelCostModel } from '../generate/label-cost.ts';
import type { Candidate } from '../generate/sampler.ts';
import type { LabelPool } from './label-pool.ts';
import type { LabelledPosition, LabelTask } from './label-worker.ts';

export interface DispatchOptions {
  readonly workers: number;
  readonly batchSize: number;
  /** Expected labelling cost by ply, to order and size batches (see batcher.ts). */
  readonly cost: LabelCostModel;
  /** Per-position time limit in ms; Infinity for none. */
  readonly maxMs: number;
  /** Opening book file for the workers' solvers, or null. */
  readonly book: string | null;
  readonly signal?: AbortSignal;
  readonly hooks?: { readonly crash?: 'exit' | 'throw'; readonly delayMs?: number };
}

export interface DispatchSource {
  /** Positions still to label, not counting those in flight. */
  remaining(): number;
  next(): Candidate;
}

export interface DispatchCounters {
  workerCrashes: number;
  retries: number;
  /** Positions of batches that failed MAX_ATTEMPTS times. */
  givenUp: number;
  skipped: Candidate[];
}

interface Batch {
  readonly candidates: Candidate[];
  attempts: number;
}

interface Running {
  readonly batch: Batch;
  readonly progress: Int32Array;
  readonly abort: AbortController;
  position: number;
  since: number;
  timedOut: number;
}

const MAX_ATTEMPTS = 3;
/** Failed batches in a row (no batch succeeding in between) after which the workers are deemed broken. */
const MAX_FAILURES_IN_A_ROW = 10;
/** Skipped positions in a row (none labelled in between) after which the time limit is deemed impossible. */
const MAX_SKIPS_IN_A_ROW = 200;

export class LabellingStalledError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabellingStalledError';
  }
}

/**
 * Runs until `source.remaining()` is 0 with nothing in flight (resolves false) or the
 * signal fires (resolves true: interrupted). `pool` is called at the first batch (so
 * that a plan failing at once starts no threads). `onLabelled` is called once per finished
 * batch; an exception from it or from the source rejects the promise.
 */
export function dispatch(
  pool: () => LabelPool,
  source: DispatchSource,
  options: DispatchOptions,
  onLabelled: (labelled: LabelledPosition[], candidates: readonly Candidate[]) => void,
  counters: DispatchCounters,
): Promise<boolean> {
  return new Promise<boolean>((resolve, reject) => {
    const queue: Batch[] = [];
    const running = new Set<Running>();
    let pending = 0;
    let stopped = false;
    const batcher = new Batcher(() => source.next(), options.cost, {
      batchSize: options.batchSize,
      window: DEFAULT_WINDOW,
      batchMs: DEFAULT_BATCH_MS,
    });
    let failuresInARow = 0;
    let skipsInARow = 0;
    let crashHookUsed = false;
    const watchdog = Number.isFinite(options.maxMs)
      ? setInterval(() => checkTimes(), Math.max(5, Math.min(100, options.maxMs / 4)))
      : undefined;

    const finish = (interrupted: boolean, error?: unknown): void => {
      if (stopped) return;
      stopped = true;
      clearInterval(watchdog);
      if (error !== undefined) reject(error);
      else resolve(interrupted);
    };

    const checkTimes = (): void => {
      const now = performance.now();
      for (const r of running) {
        const position = Atomics.load(r.progress, 0);
        if (position !== r.position) {
          r.position = position;
          r.since = now;
        } else if (position >= 0 && r.timedOut < 0 && now - r.since > options.maxMs) {
          r.timedOut = position;
          r.abort.abort();
        }
      }
    };

    const send = (batch: Batch): void => {
      batch.attempts++;
      let crash: 'exit' | 'throw' | undefined;
      if (options.hooks?.crash && !crashHookUsed) {
        crash = options.hooks.crash;
        crashHookUsed = true;
      }
      const progress = new Int32Array(new SharedArrayBuffer(4));
      progress[0] = -1;
      const r: Running = { batch, progress, abort: new AbortController(), position: -1, since: 0, timedOut: -1 };
      running.add(r);
      pending += batch.candidates.length;
      const task: LabelTask = {
        moves: batch.candidates.map((c) => c.moves),
        book: options.book,
        progress: Number.isFinite(options.maxMs) ? progress : undefined,
        crash,
        delayMs: options.hooks?.delayMs,
      };
      pool().run(task, { signal: r.abort.signal }).then(
        (labelled) =>
          settle(r, () => {
            failuresInARow = 0;
            if (labelled.length > 0) skipsInARow = 0;
            onLabelled(labelled, batch.candidates);
          }),
        (error: unknown) => settle(r, () => failed(r, error)),
      );
    };

    const settle = (r: Running, then: () => void): void => {
      running.delete(r);
      pending -= r.batch.candidates.length;
      if (stopped) return;
      try {
        then();
        fill();
      } catch (e) {
        finish(false, e);
      }
    };

    const failed = (r: Running, error: unknown): void => {
      const { batch } = r;
      if (r.timedOut >= 0) {
        counters.skipped.push(batch.candidates[r.timedOut]!);
        if (++skipsInARow >= MAX_SKIPS_IN_A_ROW) {
          throw new LabellingStalledError(
            `${skipsInARow} positions in a row ran over --max-ms ${options.maxMs}: raise the limit or sample later plies`,
          );
        }
        const rest = batch.candidates.filter((_, i) => i !== r.timedOut);
        if (rest.length > 0) queue.push({ candidates: rest, attempts: batch.attempts - 1 });
        return;
      }
      counters.workerCrashes++;
      if (++failuresInARow >= MAX_FAILURES_IN_A_ROW) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new LabellingStalledError(`the labelling workers failed ${failuresInARow} times in a row; last: ${reason}`);
      }
      if (batch.attempts < MAX_ATTEMPTS) {
        counters.retries++;
        queue.push(batch);
      } else {
        counters.givenUp += batch.candidates.length;
      }
    };

    const fill = (): void => {
      while (!stopped && running.size < 2 * options.workers) {
        let batch = queue.shift();
        if (!batch) {
          const queued = queue.reduce((n, b) => n + b.candidates.length, 0);
          const candidates = batcher.nextBatch(source.remaining() - pending - queued - batcher.holding);
          if (candidates === null) break;
          batch = { candidates, attempts: 0 };
        }
        send(batch);
      }
      if (running.size === 0 && queue.length === 0 && batcher.holding === 0 && source.remaining() <= 0) finish(false);
    };

    if (options.signal?.aborted) return finish(true);
    options.signal?.addEventListener('abort', () => finish(true));
    try {
      fill();
    } catch (e) {
      finish(false, e);
    }
  });
}
