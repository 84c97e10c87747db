/**
 * Which positions a run labels, decided before any labelling and independent of the
 * number of workers:
 *
 *   1. Walk the candidate stream, dropping a candidate whose position (or its mirror)
 *      came earlier, until `count` distinct positions are found: the dataset of a single
 *      run is exactly these (when nothing is skipped).
 *   2. A shard's `target` is how many of them it owns (shard.ts); its work is its own
 *      positions in stream order. The shards of a run thus split that same set.
 *   3. Positions already in the output file (a resumed run) count as done and are not
 *      handed out again. If the file holds a prefix-subset of the plan — what an
 *      interrupted run leaves — the finished file is the same as an uninterrupted run's.
 *   4. A position skipped by the time limit is replaced by the next distinct position of
 *      the shard beyond the first `count` (so skips make the set depend on timing).
 */
import type { PositionList } from './position-list.ts';
import { sampleCandidate, type Candidate } from './sampler.ts';
import type { SamplingOptions } from './sampling-options.ts';
import { shardOf, type Shard } from './shard.ts';

/** How many candidates in a row may bring no new position before the sampling is declared exhausted. */
const MAX_BARREN_RUN = 200_000;

export class SamplingExhaustedError extends Error {
  constructor(found: number, wanted: number, tried: number, list?: PositionList) {
    super(
      list
        ? `${list.file} lists ${found} distinct positions (mirrors counted once), fewer than the ${wanted} asked for (lower --count)`
        : `the sampling options cannot produce ${wanted} distinct positions: ${found} found in ${tried} candidates ` +
          `(allow more plies with --plies)`,
    );
    this.name = 'SamplingExhaustedError';
  }
}

export class WorkPlan {
  /** Positions of this shard among the first `count` distinct positions of the stream. */
  readonly target: number;
  /** Candidates the stream walk has looked at so far. */
  candidatesTried = 0;
  /** Candidates dropped because their game ended early. */
  candidatesEnded = 0;
  /** Candidates dropped as repeats of an earlier position (or its mirror). */
  candidatesRepeated = 0;

  private readonly seen = new Set<number>();
  private readonly mine: Candidate[] = [];
  private nextIndex = 0;
  private cursor = 0;

  /**
   * `source`: the sampled game stream, or a list of positions (used in its order, then
   * exhausted). An unsharded plan walks the stream lazily (its target is `count`); a shard
   * walks the first `count` distinct positions up front to learn its target (about 80 ms
   * per 1000 positions). Throws `SamplingExhaustedError` when the source cannot produce
   * them (a list is checked at once, since it knows how many it holds).
   */
  constructor(
    private readonly source: SamplingOptions | PositionList,
    private readonly count: number,
    private readonly shard: Shard,
    private readonly done: ReadonlySet<number> = new Set(),
  ) {
    if ('candidates' in source && count > source.distinct) {
      throw new SamplingExhaustedError(source.distinct, count, source.candidates.length, source);
    }
    if (shard.count === 1) {
      this.target = count;
      return;
    }
    let found = 0;
    while (found < count) {
      const candidate = this.nextDistinct(found, count);
      found++;
      if (shardOf(candidate.key, shard.count) === shard.index) this.mine.push(candidate);
    }
    this.target = this.mine.length;
  }

  /**
   * The next position of this shard to label: not already done, in stream order; beyond
   * the first `count` when replacing skipped positions. Throws `SamplingExhaustedError`.
   */
  next(): Candidate {
    for (;;) {
      while (this.cursor === this.mine.length) {
        const candidate = this.nextDistinct(this.seen.size, Math.max(this.count, this.seen.size + 1));
        if (shardOf(candidate.key, this.shard.count) === this.shard.index) this.mine.push(candidate);
      }
      const candidate = this.mine[this.cursor++]!;
      if (!this.done.has(candidate.key)) return candidate;
    }
  }

  private nextDistinct(found: number, wanted: number): Candidate {
    let barren = 0;
    for (;;) {
      const source = this.source;
      if ('candidates' in source && this.nextIndex === source.candidates.length) {
        throw new SamplingExhaustedError(found, wanted, this.candidatesTried, source);
      }
      const candidate = 'candidates' in source ? source.candidates[this.nextIndex++]! : sampleCandidate(this.nextIndex++, source);
      this.candidatesTried++;
      if (candidate === null) this.candidatesEnded++;
      else if (this.seen.has(candidate.key)) this.candidatesRepeated++;
      else {
        this.seen.add(candidate.key);
        return candidate;
      }
      if (++barren > MAX_BARREN_RUN) throw new SamplingExhaustedError(found, wanted, this.candidatesTried);
    }
  }
}
