/**
 * @c4/trainer: turns the generator's labelled positions into a trained policy network.
 * Browser-safe parts here; file IO, the training run and the CLI are in `@c4/trainer/node`.
 */
export { FULL_COLUMN, ExampleSetBuilder, examplesFromRecords, selectExamples, scoresOf, type ExampleSet } from './dataset.ts';
export {
  DEFAULT_SPLIT, SplitError, resolveSplitSize, splitIndices, splitExamples,
  type SplitOptions, type SplitIndices, type Split, type SplitSize,
} from './split.ts';
export { withMirrors, mirrorEncoded, mirrorMoves } from './augment.ts';
export {
  scoreClass, evaluateMoves, greedyMoves, crossEntropy, predictAll, evaluatePolicy,
  type MoveMetrics, type PolicyMetrics, type PlyRate, type PredictFn,
} from './metrics.ts';
export {
  RANDOM_BASELINE, CENTRE_BASELINE, minimaxBaseline, STANDARD_BASELINES, evaluateBaselines,
  type Baseline, type BaselineResult,
} from './baselines.ts';
export {
  MONITORS, trainPolicy, epochOrder, improves, monitorValue,
  type Monitor, type TrainOptions, type TrainData, type EpochRecord, type EpochMetrics, type TrainProgress,
  type TrainHooks, type TrainResult, type StopReason,
} from './train.ts';
export {
  REPORT_FILE, CURVES_FILE, renderCurves, formatRate, formatEpochLine,
  type TrainingReport, type DataSummary, type TrainingSettings,
} from './report.ts';
export { renderPanels, ticks, type Panel, type Series } from './plot-svg.ts';
export * from './arena/index.ts';
