/**
 * `@c4/minimax/node`: the Node-only parts of the package — the dataset generator (its
 * worker pool and files), opening book files and the solver benchmark sets. Browser
 * code imports `@c4/minimax` instead.
 */
export { runGenerate, type GenerateOptions, type GenerateProgress } from './generate-run.ts';
export { mergeDatasets, type MergeSummary } from './generate-merge.ts';
export type { GenerateSummary } from './generate-stats.ts';
export { readDatasetFile, statsPathFor } from './generate-file.ts';
export { UsageError, GenerateError } from './generate-errors.ts';
export { createLabelPool, type LabelPool } from './label-pool.ts';
export { DEFAULT_SAMPLING, DEFAULT_PLY_SPREAD, type SamplingOptions } from '../generate/sampling-options.ts';
export { parsePlySpread, formatPlySpread, type PlySpread, type PlyRange } from '../generate/ply-spread.ts';
export { parseShard, formatShard, shardOf, WHOLE, type Shard } from '../generate/shard.ts';
export { sampleCandidate, type Candidate } from '../generate/sampler.ts';
export { WorkPlan } from '../generate/work-plan.ts';
export { createLabeller, type Labeller, type Labels } from '../generate/label.ts';
export { tuneV8ForSearch } from './v8-tuning.ts';
export { DEFAULT_OPENING_BOOK_PATH, readOpeningBook, loadDefaultOpeningBook, writeOpeningBook } from './opening-book-file.ts';
export {
  BENCHMARK_SETS, REFERENCE, benchmarkDir, readBenchmarkSet, type BenchmarkSet, type BenchmarkPosition,
} from './benchmark-sets.ts';
