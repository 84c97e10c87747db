/**
 * Cuts the plan's positions into batches for the workers.
 *
 * Positions are pulled a window at a time (up to `window` of them, never more than the
 * run still needs, so the set labelled stays exactly the plan's). Windows go out in
 * stream order, plies mixed, so the rate the progress bar shows is the run's rate; the
 * last window — the one that reaches the end of the run — is sorted costliest first
 * (lowest ply first), so that its slow early positions start while there is plenty of
 * cheap work to balance them and the run does not end waiting on one of them.
 * A batch holds at most `batchSize` positions and, unless it is a single position, at
 * most `batchMs` of expected work: a ply-8 position (a second or more) travels alone,
 * late positions (under a millisecond) by the dozen, so messaging stays a small share
 * of the work and a stop drops little.
 */
import type { LabelCostModel } from './label-cost.ts';
import type { Candidate } from './sampler.ts';

export interface BatcherOptions {
  readonly batchSize: number;
  /** Positions pulled and sorted at a time. */
  readonly window: number;
  /** Expected work (ms) after which a batch is closed. */
  readonly batchMs: number;
}

export const DEFAULT_WINDOW = 4096;
export const DEFAULT_BATCH_MS = 250;

export class Batcher {
  private held: Candidate[] = [];
  private cursor = 0;

  constructor(
    private readonly next: () => Candidate,
    private readonly cost: LabelCostModel,
    private readonly options: BatcherOptions,
  ) {}

  /** Positions pulled from the plan and not yet handed out. */
  get holding(): number {
    return this.held.length - this.cursor;
  }

  /**
   * The next batch, or null if none: when the window is empty, at most `allowance`
   * more positions are pulled from the plan (the number the run still needs that are
   * neither in flight nor waiting).
   */
  nextBatch(allowance: number): Candidate[] | null {
    if (this.holding === 0) {
      const n = Math.min(this.options.window, allowance);
      if (n <= 0) return null;
      this.held = [];
      this.cursor = 0;
      for (let i = 0; i < n; i++) this.held.push(this.next());
      const last = n === allowance;
      if (last) this.held.sort((a, b) => a.ply - b.ply || a.index - b.index);
    }
    const batch: Candidate[] = [];
    let ms = 0;
    while (this.cursor < this.held.length && batch.length < this.options.batchSize) {
      const c = this.held[this.cursor]!;
      const cost = this.cost.estimate(c.ply);
      if (batch.length > 0 && ms + cost > this.options.batchMs) break;
      batch.push(c);
      this.cursor++;
      ms += cost;
    }
    return batch;
  }
}
