/**
 * `pnpm train`: fits the policy network to a dataset and writes the best model, its report
 * and learning curves. Run with --help for the options. Exit codes: 0 done, 2 bad arguments
 * or files, 130 interrupted (the best model so far stays in --out), 1 anything else.
 */
import { readFile } from 'node:fs/promises';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_POLICY_CONFIG, ModelFileError, OPTIMIZER_NAMES, PolicyConfigError, validatePolicyConfig, withPolicyOverrides } from '@c4/engine/policy';
import type { OptimizerName, PolicyConfig } from '@c4/engine/policy';
import { BACKEND_CHOICES, BackendUnavailableError } from '../backend/select-backend.ts';
import type { BackendChoice } from '../backend/select-backend.ts';
import { SplitError } from '../split.ts';
import { LR_SCHEDULES, MONITORS, TARGETS } from '../train.ts';
import type { LrSchedule, Monitor, Targets, TrainOptions } from '../train.ts';
import { CheckpointError, readState } from './checkpoint.ts';
import type { TrainingState } from './checkpoint.ts';
import { DatasetError } from './read-dataset.ts';
import { runTraining } from './run-training.ts';
import type { RunSettings } from './run-training.ts';
import { listenForStop, runIfEntry } from './cli-entry.ts';

/** A mistake in the command line or an input file: one line, exit code 2. */
class UsageError extends Error {}

const USER_ERRORS = [UsageError, DatasetError, SplitError, PolicyConfigError, ModelFileError, CheckpointError, BackendUnavailableError];

interface CliOptions {
  data: string;
  out: string;
  epochs: number;
  batch: number;
  lr?: number;
  lrSchedule: LrSchedule;
  optimizer?: OptimizerName;
  seed: number;
  patience: number;
  monitor: Monitor;
  targets: Targets;
  val: number;
  test: number;
  splitSeed: number;
  backend: BackendChoice;
  threads?: number;
  config?: string;
  skipBad: boolean;
  resume: boolean;
  init?: string;
  limit?: number;
  progress: boolean;
}

function integer(min: number) {
  return (text: string): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`expected an integer ≥ ${min}`);
    return n;
  };
}

function positiveNumber(text: string): number {
  const n = Number(text);
  if (!(Number.isFinite(n) && n > 0)) throw new InvalidArgumentError('expected a positive number');
  return n;
}

function countOrFraction(text: string): number {
  const n = Number(text);
  if (!(Number.isFinite(n) && n >= 0 && (n < 1 || Number.isInteger(n)))) {
    throw new InvalidArgumentError('expected a count (integer ≥ 1) or a fraction in [0, 1)');
  }
  return n;
}

export function buildProgram(): Command {
  return new Command('train')
    .description('Train the c4 policy network on solver-labelled positions and write the best model, report.json and curves.svg.')
    .option('--data <file>', 'dataset: JSONL of position records from the generator', 'data/positions.jsonl')
    .option('--out <dir>', 'model directory (model.json, weights.bin, report.json, curves.svg, training-state.json)', 'models/latest')
    .option('--epochs <n>', 'last epoch to train', integer(1), 20)
    .option('--batch <n>', 'batch size', integer(1), 64)
    .option('--lr <rate>', `learning rate (default ${DEFAULT_POLICY_CONFIG.learningRate}, or the --config file's)`, positiveNumber)
    .addOption(new Option('--lr-schedule <kind>', 'learning rate over the run: constant, or cosine (falls to 0 by the last epoch\'s end)').choices(LR_SCHEDULES).default('constant'))
    .addOption(new Option('--optimizer <name>', `optimiser (default ${DEFAULT_POLICY_CONFIG.optimizer}, or the --config file's)`).choices(OPTIMIZER_NAMES))
    .option('--seed <n>', 'seed of weight initialisation, shuffling and the random baseline', integer(0), 1)
    .option('--patience <n>', 'stop after this many epochs without improvement (0: never)', integer(0), 3)
    .addOption(new Option('--monitor <metric>', 'validation metric for the best model and early stopping').choices(MONITORS).default('optimal-rate'))
    .addOption(new Option('--targets <kind>', 'what each position teaches: all-best (a tied best move drawn each epoch) or centre-best (the record\'s best, ties towards the centre)').choices(TARGETS).default('all-best'))
    .option('--val <size>', 'validation split: a count, or a fraction below 1', countOrFraction, 0.05)
    .option('--test <size>', 'test split: a count, or a fraction below 1', countOrFraction, 0.05)
    .option('--split-seed <n>', 'seed of the split (kept apart from --seed so the test set stays put)', integer(0), 1)
    .addOption(new Option('--backend <name>', 'tfjs backend').choices(BACKEND_CHOICES).default('auto'))
    .option('--threads <n>', 'gradient threads (default: every core on wasm/cpu, 1 on tensorflow)', integer(1))
    .option('--config <file>', 'JSON file with the network architecture (a partial PolicyConfig over the default)')
    .option('--skip-bad', 'skip malformed dataset lines (counted) instead of stopping at the first', false)
    .option('--resume', 'continue the run whose best model is in --out', false)
    .option('--init <dir>', 'start from this model\'s weights (same architecture) instead of fresh ones: a warm start, e.g. on a grown dataset')
    .option('--limit <n>', 'use only the first n records (quick runs)', integer(1))
    .option('--no-progress', 'no progress bar (on a terminal a bar; in a log a line every 30 s)')
    .addHelpText('after', '\nExample:\n  pnpm train --data data/positions.jsonl --out models/latest --epochs 20\n  pnpm train --limit 5000 --epochs 2 --out /tmp/quick')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text.split('\n')[0] + '\n') });
}

async function readConfigFile(file: string): Promise<Partial<PolicyConfig>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(`--config ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  try {
    const value = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object');
    return value;
  } catch (e) {
    throw new UsageError(`--config ${file}: ${(e as Error).message}`);
  }
}

/** Settings for a fresh run from the command line. */
async function freshSettings(o: CliOptions): Promise<Omit<RunSettings, 'log' | 'shouldStop'>> {
  const fromFile = o.config ? await readConfigFile(o.config) : {};
  const overrides: Partial<PolicyConfig> = { seed: o.seed, ...fromFile };
  if (o.lr !== undefined) overrides.learningRate = o.lr;
  if (o.optimizer !== undefined) overrides.optimizer = o.optimizer;
  const config = withPolicyOverrides(DEFAULT_POLICY_CONFIG, overrides);
  return {
    init: o.init, data: o.data, out: o.out, limit: o.limit ?? null, skipBad: o.skipBad,
    split: { validation: o.val, test: o.test, seed: o.splitSeed },
    config,
    training: { epochs: o.epochs, batch: o.batch, seed: o.seed, patience: o.patience, monitor: o.monitor, targets: o.targets, lrSchedule: o.lrSchedule },
    backend: o.backend, threads: o.threads,
  };
}

/**
 * Settings to resume the run saved in --out: the architecture and the split come from the
 * saved state (changing them is refused); training options given on the command line
 * (e.g. more --epochs, another --lr) override the saved ones. --data may name the dataset
 * by another path (spelt differently, or moved): the run checks that its records are the
 * saved run's (`dataMismatch`), since the split depends on them, not on the file's name.
 */
function resumeSettings(o: CliOptions, state: TrainingState, given: (name: string) => boolean): Omit<RunSettings, 'log' | 'shouldStop'> {
  if (o.config) throw new UsageError('--config cannot change the architecture of a resumed run (it comes from training-state.json)');
  if (o.init) throw new UsageError('--init and --resume both choose the starting weights: pass one');
  const d = state.data;
  const fixed: [string, unknown, unknown][] = [
    ['limit', o.limit ?? null, d.limit], ['val', o.val, d.validationSize],
    ['test', o.test, d.testSize], ['splitSeed', o.splitSeed, d.splitSeed],
  ];
  for (const [name, mine, saved] of fixed) {
    if (given(name) && mine !== saved) {
      throw new UsageError(`--resume: the saved run used --${name.replace('splitSeed', 'split-seed')} ${JSON.stringify(saved)}; a different split would leak test positions`);
    }
  }
  const pick = <K extends keyof TrainOptions>(key: K, cli: TrainOptions[K]): TrainOptions[K] => (given(key) ? cli : state.training[key]);
  const training: TrainOptions = {
    epochs: pick('epochs', o.epochs), batch: pick('batch', o.batch), seed: pick('seed', o.seed),
    patience: pick('patience', o.patience), monitor: pick('monitor', o.monitor),
    // runs saved before --targets existed taught the record's best move
    targets: given('targets') ? o.targets : (state.training.targets ?? 'centre-best'),
    lrSchedule: given('lrSchedule') ? o.lrSchedule : (state.training.lrSchedule ?? 'constant'),
  };
  const config = validatePolicyConfig({
    ...state.config,
    learningRate: o.lr ?? state.config.learningRate,
    optimizer: o.optimizer ?? state.config.optimizer,
  });
  if (training.epochs <= state.bestEpoch) {
    throw new UsageError(`--resume: the saved model is from epoch ${state.bestEpoch}; pass --epochs above it to train further`);
  }
  return {
    data: given('data') ? o.data : d.file, out: o.out, limit: d.limit, skipBad: o.skipBad,
    split: { validation: d.validationSize, test: d.testSize, seed: d.splitSeed },
    config, training, backend: o.backend, threads: o.threads, resume: state,
  };
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    program.parse(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    throw e;
  }
  const o = program.opts<CliOptions>();
  const stop = listenForStop('stopping after this batch');
  try {
    const base = o.resume
      ? resumeSettings(o, await readState(o.out), (name) => program.getOptionValueSource(name) === 'cli')
      : await freshSettings(o);
    const outcome = await runTraining({ ...base, log: (line) => console.log(line), shouldStop: () => stop.requested, progress: o.progress });
    console.log(outcome.summary);
    return outcome.interrupted ? 130 : 0;
  } catch (e) {
    if (USER_ERRORS.some((type) => e instanceof type)) {
      process.stderr.write(`train: ${(e as Error).message}\n`);
      return 2;
    }
    throw e;
  } finally {
    stop.dispose();
  }
}

runIfEntry(import.meta.url, 'train', main);
