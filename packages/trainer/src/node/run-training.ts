/**
 * One training run from a dataset file to a model directory — what `pnpm train` does:
 *
 *   read JSONL ─▶ split by key ─▶ mirror the training side ─▶ train (checkpoint the best
 *   model after each improving epoch) ─▶ test once ─▶ baselines ─▶ model + report + curves
 *
 * The output directory always holds a complete model: each checkpoint replaces it atomically
 * (`saveModel`), so an interrupted run leaves the best model so far, with the
 * `training-state.json` that `--resume` continues from.
 */
import { availableParallelism } from 'node:os';
import { hashKey } from '@c4/engine';
import { createPolicyModel, MODEL_FILE, ModelFileError, tf } from '@c4/engine/policy';
import type { PolicyConfig } from '@c4/engine/policy';
import { loadModelFromDir, saveModel } from '@c4/engine/node';
import { selectBackend } from '../backend/select-backend.ts';
import type { BackendChoice, BackendName } from '../backend/select-backend.ts';
import { createBatchTrainer, modelPredict } from '../fit/index.ts';
import type { BatchTrainer } from '../fit/index.ts';
import { withMirrors } from '../augment.ts';
import { evaluateBaselines, STANDARD_BASELINES } from '../baselines.ts';
import type { Baseline } from '../baselines.ts';
import { selectExamples } from '../dataset.ts';
import type { ExampleSet } from '../dataset.ts';
import { evaluatePolicy } from '../metrics.ts';
import { CURVES_FILE, formatEpochLine, formatRate, renderCurves, REPORT_FILE } from '../report.ts';
import type { TrainingReport } from '../report.ts';
import { splitExamples } from '../split.ts';
import type { SplitOptions } from '../split.ts';
import { trainPolicy } from '../train.ts';
import type { EpochRecord, TrainOptions, TrainProgress } from '../train.ts';
import { CheckpointError, dataMismatch, serializeState, STATE_FILE } from './checkpoint.ts';
import type { DataIdentity, TrainingState } from './checkpoint.ts';
import { epochProgressBar } from './progress.ts';
import { planWarmStart, warmStartWeights } from '../warm-start.ts';
import { readDataset } from './read-dataset.ts';

/** Training positions (no mirrors) evaluated after each epoch for the train optimal-move rate. */
const TRAIN_SAMPLE = 5000;

export interface RunSettings {
  data: string;
  out: string;
  limit: number | null;
  skipBad: boolean;
  split: SplitOptions;
  config: PolicyConfig;
  training: TrainOptions;
  backend: BackendChoice;
  /** Gradient threads; undefined: every core for wasm/cpu, 1 for native TensorFlow (which threads itself). */
  threads?: number;
  /** Start from the weights of the model in this directory (a warm start; same architecture as `config`). */
  init?: string;
  /** Continue from this state (and the model saved beside it in `out`). */
  resume?: TrainingState;
  baselines?: readonly Baseline[];
  /** Checked after every batch (e.g. set by SIGINT). */
  shouldStop?: () => boolean;
  /** Progress lines (stdout in the CLI). */
  log: (line: string) => void;
  /** Draw the per-epoch progress bar on stderr (default true). */
  progress?: boolean;
}

export interface RunOutcome {
  interrupted: boolean;
  report?: TrainingReport;
  /** Epoch of the model in `out` (0: none saved). */
  bestEpoch: number;
  summary: string;
}

export async function runTraining(s: RunSettings): Promise<RunOutcome> {
  const runStarted = performance.now();
  const loadStarted = performance.now();
  const read = await readDataset(s.data, { skipBad: s.skipBad, limit: s.limit ?? undefined });
  const all = read.examples;
  const split = splitExamples(all, s.split);
  const train = withMirrors(split.train);
  const trainSample = selectExamples(split.train, evenlySpaced(split.train.size, TRAIN_SAMPLE));
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  s.log(`data: ${s.data}: ${all.size} positions${read.skippedCount ? ` (${read.skippedCount} bad lines skipped, first at line ${read.skipped[0].line}: ${read.skipped[0].reason})` : ''}`
    + ` → train ${split.train.size} (${train.size} with mirrors) / validation ${split.validation.size} / test ${split.test.size}`);

  // The data is read first so that a bad file fails before the backend spends time starting.
  const backend = await selectBackend(s.backend);
  const threads = s.threads ?? defaultThreads(backend.name);
  s.log(`backend: ${backend.detail}; ${threads} thread${threads > 1 ? 's' : ''}`);

  const identity: DataIdentity = {
    file: s.data, limit: s.limit, records: all.size, fingerprint: keyFingerprint(all),
    splitSeed: s.split.seed, validationSize: s.split.validation, testSize: s.split.test,
  };
  const start: TrainProgress = s.resume ? { history: s.resume.history, bestEpoch: s.resume.bestEpoch } : { history: [], bestEpoch: 0 };
  let initialModel: tf.LayersModel | undefined;
  if (s.resume) {
    const mismatch = dataMismatch(s.resume.data, identity);
    if (mismatch) throw new CheckpointError(`${s.out}/${STATE_FILE}`, mismatch);
    initialModel = await loadModelFromDir(s.out);
    s.log(`resuming after epoch ${s.resume.bestEpoch} (best so far: validation optimal ${formatRate(s.resume.history.at(-1)?.validation.optimalRate ?? null)}); optimiser moments restart`);
  }

  if (s.init) {
    const given = await loadModelFromDir(s.init);
    const { model, newBlocks } = warmStartModel(given, s.config, s.init);
    initialModel = model;
    s.log(`starting from the weights of ${s.init}${newBlocks > 0 ? ` (+${newBlocks} new residual block${newBlocks > 1 ? 's' : ''}, starting as the identity)` : ''}`);
  }

  const trainer = await createBatchTrainer({ config: s.config, backend: backend.name, threads, initialModel });
  initialModel?.dispose();
  const stateOf = (history: EpochRecord[], bestEpoch: number): TrainingState => ({
    format: 'c4-training-state', version: 1, config: s.config, data: identity, training: s.training,
    history: history.filter((e) => e.epoch <= bestEpoch), bestEpoch,
  });

  const bar = epochProgressBar(s.training.epochs, s.progress ?? true);
  let savedEpoch = start.bestEpoch;
  const epochsSoFar = [...start.history];
  let result;
  try {
    result = await trainPolicy(trainer, { train, trainSample, validation: split.validation }, s.training, {
      onEpochStart: bar.onEpochStart,
      async onBatch(done, total, running) {
        bar.onBatch!(done, total, running);
        // Let signal handlers run: a training step may never yield to the event loop by itself.
        await new Promise((resolve) => setImmediate(resolve));
      },
      async onEpochEnd(record, t: BatchTrainer) {
        bar.stop();
        epochsSoFar.push(record);
        if (record.improved) {
          await saveModel(t.model(), s.out, { [STATE_FILE]: serializeState(stateOf(epochsSoFar, record.epoch)) });
          savedEpoch = record.epoch;
        }
        s.log(formatEpochLine(record, s.training.epochs));
      },
      shouldStop: s.shouldStop,
    }, start);
  } finally {
    bar.stop();
  }
  const trainSeconds = result.history.slice(start.history.length).reduce((t, e) => t + e.trainSeconds, 0);
  const evalSeconds = result.history.slice(start.history.length).reduce((t, e) => t + e.evalSeconds, 0);
  await trainer.dispose();

  if (result.stopReason === 'interrupted') {
    const summary = savedEpoch > 0
      ? `interrupted: the best model so far (epoch ${savedEpoch}) is in ${s.out}; continue with --resume`
      : `interrupted before the first epoch ended: nothing saved to ${s.out}`;
    return { interrupted: true, bestEpoch: savedEpoch, summary };
  }

  const best = createPolicyModel(s.config);
  const weights = result.bestWeights.map((w, i) => tf.tensor(w, best.getWeights()[i].shape, 'float32'));
  best.setWeights(weights);
  tf.dispose(weights);
  const testStarted = performance.now();
  const test = await evaluatePolicy(modelPredict(best), split.test);
  const testSeconds = (performance.now() - testStarted) / 1000;
  const baselineStarted = performance.now();
  const baselines = evaluateBaselines(split.test, s.training.seed, s.baselines ?? STANDARD_BASELINES);
  const baselineSeconds = (performance.now() - baselineStarted) / 1000;

  const report: TrainingReport = {
    format: 'c4-training-report',
    version: 1,
    createdAt: new Date().toISOString(),
    config: s.config,
    training: { ...s.training, threads, resumedAfterEpoch: s.resume ? s.resume.bestEpoch : null, initFrom: s.init ?? null },
    backend: { name: backend.name, detail: backend.detail },
    data: {
      file: s.data, lines: read.lines, records: all.size, limit: s.limit, skippedLines: read.skippedCount,
      split: {
        seed: s.split.seed, validationSize: s.split.validation, testSize: s.split.test,
        train: split.train.size, validation: split.validation.size, test: split.test.size,
        trainAugmented: train.size, trainSample: trainSample.size,
      },
    },
    timings: {
      loadSeconds, trainSeconds, evalSeconds, testSeconds, baselineSeconds,
      totalSeconds: (performance.now() - runStarted) / 1000,
    },
    stopReason: result.stopReason,
    bestEpoch: result.bestEpoch,
    epochs: result.history,
    test,
    baselines,
  };
  await saveModel(best, s.out, {
    [STATE_FILE]: serializeState(stateOf(result.history, result.bestEpoch)),
    [REPORT_FILE]: `${JSON.stringify(report, null, 1)}\n`,
    [CURVES_FILE]: renderCurves(report),
  });
  best.dispose();
  for (const b of baselines) s.log(`baseline ${b.name}: test optimal ${formatRate(b.metrics.optimalRate)}, accuracy ${formatRate(b.metrics.accuracy)}`);
  const rate = result.history.reduce((t, e) => t + e.samplesPerSecond * e.trainSeconds, 0) / Math.max(trainSeconds, 1e-9);
  const summary = `wrote ${s.out} (epoch ${result.bestEpoch} of ${result.history.length}, stopped: ${result.stopReason}): `
    + `test optimal-move rate ${formatRate(test.optimalRate)} (${test.counted} positions, ${test.leftOut} left out), accuracy ${formatRate(test.accuracy)}; `
    + `${report.timings.totalSeconds.toFixed(0)} s, ${Math.round(rate)} samples/s on ${backend.name}×${threads}`;
  return { interrupted: false, report, bestEpoch: result.bestEpoch, summary };
}

/**
 * The network a warm start begins with: `config` built afresh and filled with `given`'s
 * weights (see warm-start.ts). `given` is disposed. Another architecture is a user error,
 * reported here rather than deep in the trainer.
 */
function warmStartModel(given: tf.LayersModel, config: PolicyConfig, dir: string): { model: tf.LayersModel; newBlocks: number } {
  const model = createPolicyModel(config);
  const fresh = model.getWeights();
  const givenWeights = given.getWeights();
  const plan = planWarmStart(config, fresh.map((w) => w.shape), givenWeights.map((w) => w.shape));
  if (!plan) {
    const shapes = (ws: tf.Tensor[]) => ws.map((w) => w.shape.join('×')).join(', ');
    const message = `--init: its layers (${shapes(givenWeights)}) differ from the architecture trained (${shapes(fresh)}); `
      + 'pass the --config it was trained with (only residual blocks may be added)';
    model.dispose();
    given.dispose();
    throw new ModelFileError(`${dir}/${MODEL_FILE}`, message);
  }
  model.setWeights(warmStartWeights(plan, fresh, givenWeights));
  given.dispose();
  return { model, newBlocks: plan.newBlocks };
}

function defaultThreads(backend: BackendName): number {
  return backend === 'tensorflow' ? 1 : availableParallelism();
}

/** `count` indices spread evenly over [0, size) (all of them if size ≤ count). */
function evenlySpaced(size: number, count: number): number[] {
  if (size <= count) return Array.from({ length: size }, (_, i) => i);
  return Array.from({ length: count }, (_, k) => Math.floor((k * size) / count));
}

/** Order-independent checksum of a set's canonical keys: tells two datasets apart. */
function keyFingerprint(set: ExampleSet): number {
  let sum = 0;
  for (let i = 0; i < set.size; i++) sum = (sum + hashKey(set.keys[i], 0x5eed)) >>> 0;
  return sum;
}

