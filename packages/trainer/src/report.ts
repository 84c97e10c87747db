/**
 * What a training run writes beside its model: `report.json` (everything measured) and
 * `curves.svg` (the learning curves and the test optimal-move rate by ply).
 */
import type { PolicyConfig } from '@c4/engine/policy';
import type { BaselineResult } from './baselines.ts';
import type { PolicyMetrics } from './metrics.ts';
import { renderPanels } from './plot-svg.ts';
import type { Panel } from './plot-svg.ts';
import type { EpochRecord, LrSchedule, Monitor, StopReason, Targets } from './train.ts';

export const REPORT_FILE = 'report.json';
export const CURVES_FILE = 'curves.svg';

export interface DataSummary {
  file: string;
  /** Lines read from the file. */
  lines: number;
  /** Records used (after `limit` and skipped lines). */
  records: number;
  limit: number | null;
  skippedLines: number;
  split: {
    seed: number;
    /** As asked: counts or fractions. */
    validationSize: number;
    testSize: number;
    train: number;
    validation: number;
    test: number;
    /** Training examples once mirrors are added. */
    trainAugmented: number;
    trainSample: number;
  };
}

export interface TrainingSettings {
  epochs: number;
  batch: number;
  seed: number;
  patience: number;
  monitor: Monitor;
  targets: Targets;
  lrSchedule: LrSchedule;
  threads: number;
  /** The model a warm start (`--init`) began from, if any. */
  initFrom: string | null;
  /** Epochs (numbers) this report's history was resumed from, if any. */
  resumedAfterEpoch: number | null;
}

export interface TrainingReport {
  format: 'c4-training-report';
  version: 1;
  createdAt: string;
  config: PolicyConfig;
  training: TrainingSettings;
  backend: { name: string; detail: string };
  data: DataSummary;
  timings: { loadSeconds: number; trainSeconds: number; evalSeconds: number; testSeconds: number; baselineSeconds: number; totalSeconds: number };
  stopReason: StopReason;
  bestEpoch: number;
  epochs: EpochRecord[];
  /** The best model on the test split, evaluated once at the end. */
  test: PolicyMetrics;
  /** The same metrics for simple players on the same test positions. */
  baselines: BaselineResult[];
}

const COLORS = { train: '#1f77b4', validation: '#d62728', test: '#2ca02c', random: '#7f7f7f', centre: '#ff7f0e', minimax: '#9467bd' };
const percent = (y: number) => `${Math.round(y * 100)}%`;

/** The learning curves (loss, accuracy, optimal-move rate per epoch) and test rate by ply. */
export function renderCurves(report: TrainingReport): string {
  const epochs = report.epochs;
  const per = (pick: (e: EpochRecord) => number | null) => epochs.map((e): [number, number | null] => [e.epoch, pick(e)]);
  const panels: Panel[] = [
    {
      title: 'Loss (cross-entropy)',
      xLabel: 'epoch',
      series: [
        { name: 'train (batch mean)', color: COLORS.train, points: per((e) => e.train.loss) },
        { name: 'validation', color: COLORS.validation, points: per((e) => e.validation.loss) },
      ],
    },
    {
      title: 'Accuracy (best move)',
      xLabel: 'epoch',
      yFormat: percent,
      series: [
        { name: 'train (batch mean)', color: COLORS.train, points: per((e) => e.train.accuracy) },
        { name: 'validation', color: COLORS.validation, points: per((e) => e.validation.accuracy) },
      ],
    },
    {
      title: 'Optimal-move rate',
      xLabel: 'epoch',
      yFormat: percent,
      series: [
        { name: `train sample (${report.data.split.trainSample})`, color: COLORS.train, points: per((e) => e.trainSample.optimalRate) },
        { name: 'validation', color: COLORS.validation, points: per((e) => e.validation.optimalRate) },
      ],
    },
    {
      title: `Test optimal-move rate by ply (network: ${formatRate(report.test.optimalRate)})`,
      xLabel: 'ply (stones on the board)',
      yRange: [0, 1],
      yFormat: percent,
      series: [
        { name: 'network', color: COLORS.test, points: report.test.byPly.map((p): [number, number | null] => [p.ply, p.rate]) },
        ...report.baselines.map((b) => ({
          name: b.name,
          color: COLORS[b.name.split(':')[0] as keyof typeof COLORS] ?? '#000',
          dashed: true,
          points: b.metrics.byPly.map((p): [number, number | null] => [p.ply, p.rate]),
        })),
      ],
    },
  ];
  return renderPanels(panels);
}

export function formatRate(rate: number | null): string {
  return rate === null ? 'n/a' : `${(rate * 100).toFixed(1)}%`;
}

/** The one line printed after each epoch. */
export function formatEpochLine(e: EpochRecord, epochs: number): string {
  return `epoch ${e.epoch}/${epochs}: train loss ${e.train.loss.toFixed(4)} acc ${formatRate(e.train.accuracy)}`
    + ` | val loss ${e.validation.loss.toFixed(4)} acc ${formatRate(e.validation.accuracy)}`
    + ` optimal ${formatRate(e.validation.optimalRate)}`
    + ` | ${e.trainSeconds.toFixed(1)} s, ${Math.round(e.samplesPerSecond)} samples/s${e.improved ? '  * best, saved' : ''}`;
}
