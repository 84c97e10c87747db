/**
 * The stats file written beside a dataset (data/positions.stats.json): what the run did
 * (counts, time, throughput, skips, crashes), how it sampled, how long labels took by
 * ply, and histograms of the dataset's plies, best moves and scores.
 */
import { datasetHistograms, type RecordFacts } from '../generate/dataset-stats.ts';
import { formatPlySpread } from '../generate/ply-spread.ts';
import type { SamplingOptions } from '../generate/sampling-options.ts';
import { writeFileAtomic } from './generate-file.ts';

export interface GenerateSummary {
  readonly out: string;
  readonly stats: string;
  /** The file holds all `target` positions and has been put in dataset order. */
  readonly complete: boolean;
  /** Stopped by a signal before completion. */
  readonly interrupted: boolean;
  /** Positions in the file now. */
  readonly count: number;
  /** Positions this shard makes (the whole --count for an unsharded run). */
  readonly target: number;
  /** The --count of the whole dataset. */
  readonly datasetCount: number;
  readonly shard: string;
  /** Positions found in the file at the start (a resumed run). */
  readonly resumed: number;
  /** Bytes of a torn last line cut off at the start. */
  readonly tornBytesDropped: number;
  /** Positions labelled by this run. */
  readonly labelled: number;
  /** Positions skipped by the time limit (never written; replaced by others). */
  readonly skipped: number;
  /** The first skipped positions' move strings. */
  readonly skippedPositions: string[];
  readonly maxMs: number;
  /** Positions of batches that failed every attempt (replaced by others). */
  readonly givenUp: number;
  readonly workerCrashes: number;
  readonly retries: number;
  readonly workers: number;
  readonly elapsedMs: number;
  /** Labelled positions per second of this run. */
  readonly positionsPerSecond: number;
  readonly candidates: { readonly tried: number; readonly endedEarly: number; readonly repeated: number };
  /** The opening book the solvers used, or null. */
  readonly book: { readonly path: string; readonly positions: number; readonly maxPly: number } | null;
}

/** Labelling cost by ply, summed over this run's positions. */
export class GenerateTimings {
  private readonly count = new Array<number>(42).fill(0);
  private readonly ms = new Array<number>(42).fill(0);
  private readonly nodes = new Array<number>(42).fill(0);

  add(ply: number, ms: number, nodes: number): void {
    this.count[ply]!++;
    this.ms[ply]! += ms;
    this.nodes[ply]! += nodes;
  }

  /** Per ply with positions: mean ms and nodes per position. */
  byPly(): { ply: number; positions: number; meanMs: number; meanNodes: number; totalS: number }[] {
    const rows = [];
    for (let ply = 0; ply < 42; ply++) {
      const n = this.count[ply]!;
      if (n === 0) continue;
      rows.push({
        ply,
        positions: n,
        meanMs: round(this.ms[ply]! / n, 3),
        meanNodes: Math.round(this.nodes[ply]! / n),
        totalS: round(this.ms[ply]! / 1000, 1),
      });
    }
    return rows;
  }
}

export function writeGenerateStats(
  summary: GenerateSummary,
  sampling: SamplingOptions | { positions: string },
  records: RecordFacts[],
  timings: GenerateTimings,
): void {
  const stats = {
    ...summary,
    maxMs: Number.isFinite(summary.maxMs) ? summary.maxMs : null,
    elapsedMs: Math.round(summary.elapsedMs),
    positionsPerSecond: round(summary.positionsPerSecond, 2),
    sampling: 'positions' in sampling ? sampling : {
      seed: sampling.seed,
      plies: formatPlySpread(sampling.plies),
      guided: sampling.guided,
      skill: sampling.skill,
    },
    histograms: datasetHistograms(records),
    labelCostByPly: timings.byPly(),
  };
  writeFileAtomic(summary.stats, formatStats(stats) + '\n');
}

/** JSON with two-space indentation, but arrays of numbers (the histograms) kept on one line. */
export function formatStats(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\[\s*(-?[\d.]+(?:,\s*-?[\d.]+)*)\s*\]/g, (_, items: string) =>
    `[${items.split(/,\s*/).join(', ')}]`,
  );
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
