/**
 * The pool of labelling workers: piscina threads running label-worker.ts, entered
 * through label-worker-loader.mjs (which says why it exists: the solver runs 4.9×
 * slower when tsx compiles the worker to CommonJS).
 */
import { Piscina } from 'piscina';
import type { LabelledPosition, LabelTask } from './label-worker.ts';

export type LabelPool = Piscina<LabelTask, LabelledPosition[]>;

export function createLabelPool(workers: number): LabelPool {
  return new Piscina<LabelTask, LabelledPosition[]>({
    filename: new URL('./label-worker-loader.mjs', import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
    // Keep threads (and their transposition tables) for the whole run.
    idleTimeout: 60 * 60 * 1000,
  });
}
