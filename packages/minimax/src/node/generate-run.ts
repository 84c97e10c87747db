/**
 * One generate run: plan the positions, label them in the worker pool, append them to
 * the output file as batches come back, then finish the file and write its stats.
 *
 *   WorkPlan ──batches of move strings──▶ piscina workers (one solver each)
 *      ▲                                          │ exact scores
 *      └──── more while done + in flight < target ◀┴──▶ one writer: append the lines
 *
 * Crashed workers, retries and the time limit are the dispatcher's (generate-dispatch.ts):
 * a skipped or given-up position is reported and replaced by the plan's next one.
 * Stopping (the abort signal) drops the batches in flight: their positions are not in
 * the file, and a rerun labels them.
 */
import { makeRecord } from '@c4/engine';
import { recordFacts } from '../generate/dataset-stats.ts';
import { LabelCostModel } from '../generate/label-cost.ts';
import type { Candidate } from '../generate/sampler.ts';
import type { SamplingOptions } from '../generate/sampling-options.ts';
import type { PositionList } from '../generate/position-list.ts';
import { formatShard, shardOf, type Shard } from '../generate/shard.ts';
import { SamplingExhaustedError, WorkPlan } from '../generate/work-plan.ts';
import { GenerateError, UsageError } from './generate-errors.ts';
import { DatasetAppender, statsPathFor, writeDatasetAtomic, type DatasetLine } from './generate-file.ts';
import { GenerateTimings, writeGenerateStats, type GenerateSummary } from './generate-stats.ts';
import { dispatch, LabellingStalledError, type DispatchCounters } from './generate-dispatch.ts';
import { createLabelPool, type LabelPool } from './label-pool.ts';
import { readOpeningBook } from './opening-book-file.ts';
import type { LabelledPosition } from './label-worker.ts';

export interface GenerateOptions {
  /** Positions in the whole dataset (all shards together). */
  readonly count: number;
  readonly out: string;
  readonly workers: number;
  readonly shard: Shard;
  readonly sampling: SamplingOptions;
  /** Label these positions instead of sampling games (`sampling` is then unused). */
  readonly positions?: PositionList;
  /** Per-position time limit in ms; Infinity for none. */
  readonly maxMs: number;
  /** Opening book file for the solver (exact scores of early positions: faster, same labels), or null. */
  readonly book: string | null;
  /** Most positions per batch sent to a worker. */
  readonly batchSize: number;
  /** Aborting stops the run cleanly (see the file comment). */
  readonly signal?: AbortSignal;
  readonly onStart?: (progress: GenerateProgress) => void;
  readonly onProgress?: (progress: GenerateProgress) => void;
  /** Test hooks: make the first batch's worker die or throw; delay every batch. */
  readonly hooks?: { readonly crash?: 'exit' | 'throw'; readonly delayMs?: number };
}

export interface GenerateProgress {
  /** Positions of this shard in the file. */
  readonly done: number;
  readonly target: number;
  /** Positions labelled by this run so far. */
  readonly labelled: number;
  readonly skipped: number;
  readonly elapsedMs: number;
}

const SKIPPED_LISTED = 100;

/** Runs (or resumes) a generation. Throws `UsageError` / `GenerateError` for what a user can fix. */
export async function runGenerate(options: GenerateOptions): Promise<GenerateSummary> {
  const start = performance.now();
  const book = describeBook(options.book);
  const file = DatasetAppender.open(options.out);
  try {
    return await generateInto(file, options, start, book);
  } finally {
    file.release();
  }
}

async function generateInto(
  file: DatasetAppender,
  options: GenerateOptions,
  start: number,
  book: GenerateSummary['book'],
): Promise<GenerateSummary> {
  const lines = new Map<number, DatasetLine>(file.existing.lines);
  let plan: WorkPlan;
  try {
    checkShardMembership(lines, options);
    plan = new WorkPlan(options.positions ?? options.sampling, options.count, options.shard, new Set(lines.keys()));
  } catch (e) {
    if (e instanceof SamplingExhaustedError) throw new UsageError(e.message);
    throw e;
  }
  const target = plan.target;
  const resumed = lines.size;
  if (resumed > target) {
    throw new UsageError(
      `${options.out} already holds ${resumed} positions, more than the ${target} this run makes: use another --out or the --count that wrote it`,
    );
  }

  const timings = new GenerateTimings();
  const cost = new LabelCostModel();
  const counters: DispatchCounters = { workerCrashes: 0, retries: 0, givenUp: 0, skipped: [] };
  let labelled = 0;
  const progress = (): GenerateProgress => ({
    done: lines.size,
    target,
    labelled,
    skipped: counters.skipped.length,
    elapsedMs: performance.now() - start,
  });
  options.onStart?.(progress());

  const write = (results: LabelledPosition[], candidates: readonly Candidate[]): void => {
    const keyOf = new Map(candidates.map((c) => [c.moves, c.key]));
    const added: string[] = [];
    for (const p of results) {
      const record = makeRecord(p.moves, p.scores);
      const line = JSON.stringify(record);
      const key = keyOf.get(p.moves)!;
      lines.set(key, { key, line, record: recordFacts(record) });
      added.push(line);
      timings.add(record.ply, p.ms, p.nodes);
      cost.observe(record.ply, p.ms);
    }
    file.append(added);
    labelled += added.length;
    options.onProgress?.(progress());
  };

  // a listed position that is skipped has no next one to take its place: the run makes fewer
  const unreplaced = (): number => (options.positions ? counters.skipped.length : 0);
  let interrupted = false;
  let pool: LabelPool | null = null;
  try {
    const source = { remaining: () => target - lines.size - unreplaced(), next: () => plan.next() };
    const pool$ = (): LabelPool => (pool ??= createLabelPool(options.workers));
    interrupted = await dispatch(pool$, source, { ...options, cost }, write, counters);
  } catch (e) {
    if (e instanceof SamplingExhaustedError) throw new UsageError(e.message);
    if (e instanceof LabellingStalledError) throw new GenerateError(e.message);
    throw e;
  } finally {
    file.close();
    await (pool as LabelPool | null)?.destroy().catch(() => undefined);
  }

  const complete = !interrupted && lines.size + unreplaced() >= target;
  if (complete) writeDatasetAtomic(options.out, lines.values());
  const elapsedMs = performance.now() - start;
  const summary: GenerateSummary = {
    out: options.out,
    stats: statsPathFor(options.out),
    complete,
    interrupted,
    count: lines.size,
    target,
    datasetCount: options.count,
    shard: formatShard(options.shard),
    resumed,
    tornBytesDropped: file.existing.tornBytes,
    labelled,
    skipped: counters.skipped.length,
    skippedPositions: counters.skipped.slice(0, SKIPPED_LISTED).map((c) => c.moves),
    maxMs: options.maxMs,
    givenUp: counters.givenUp,
    workerCrashes: counters.workerCrashes,
    retries: counters.retries,
    workers: options.workers,
    elapsedMs,
    positionsPerSecond: labelled / (elapsedMs / 1000),
    candidates: { tried: plan.candidatesTried, endedEarly: plan.candidatesEnded, repeated: plan.candidatesRepeated },
    book,
  };
  writeGenerateStats(summary, options.positions ? { positions: options.positions.file } : options.sampling, [...lines.values()].map((l) => l.record), timings);
  return summary;
}

/** Reads the book once here, so that a bad file is reported before any worker starts. */
function describeBook(path: string | null): GenerateSummary['book'] {
  if (path === null) return null;
  try {
    const book = readOpeningBook(path);
    return { path, positions: book.size, maxPly: book.maxPly };
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

function checkShardMembership(lines: ReadonlyMap<number, DatasetLine>, options: GenerateOptions): void {
  for (const l of lines.values()) {
    if (shardOf(l.key, options.shard.count) !== options.shard.index) {
      throw new GenerateError(
        `${options.out} holds ${l.record.moves}, a position of another shard than ${formatShard(options.shard)}: use another --out`,
      );
    }
  }
}
