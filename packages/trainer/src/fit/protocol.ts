import type { PolicyConfig } from '@c4/engine/policy';
import type { BackendName } from '../backend/select-backend.ts';
import type { ShardStats } from './replica.ts';

/**
 * Messages from the batch trainer to a gradient worker; each gets one answer, in order.
 *
 * Shared memory (all float32, parameterCount long, laid out as `PolicyReplica.weights`):
 * `weights`, the parameters every replica loads; `gradients[r]`, replica r's latest shard
 * gradient (replica 0 is the trainer's own thread).
 */
export type ToWorker =
  | { kind: 'init'; config: PolicyConfig; backend: BackendName; index: number; weights: SharedArrayBuffer; gradients: SharedArrayBuffer[] }
  /** Load `weights` if they changed, then write this shard's gradient into `gradients[index]`. */
  | { kind: 'compute'; x: Float32Array; y: Float32Array; n: number; batchSize: number }
  /** Apply the optimiser to `weights[from, to)` with the sum of all `gradients`, the learning rate times `lrScale`. */
  | { kind: 'update'; from: number; to: number; lrScale: number }
  /** `weights` were rewritten by the trainer: load them. */
  | { kind: 'reload' }
  | { kind: 'getWeights' };

export type FromWorker =
  | { kind: 'ready' }
  | { kind: 'computed'; stats: ShardStats }
  | { kind: 'updated' }
  | { kind: 'reloaded' }
  | { kind: 'weights'; weights: Float32Array[] }
  | { kind: 'failed'; message: string };
