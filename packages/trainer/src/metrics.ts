/**
 * How good a move choice is, measured on labelled positions.
 *
 * accuracy           the chosen move is the label (the best move, ties towards the centre)
 * optimal-move rate  the chosen move keeps the position's game-theoretic value: its exact
 *                    score has the same sign class (win > 0, draw = 0, loss < 0) as the best
 *                    move's. A quicker or slower win still counts as a win.
 *
 * Positions where every legal move is in the same class (all win, all draw or all lose)
 * cannot tell a good choice from a bad one, so they are left out of the optimal-move rate
 * and counted in `leftOut`; accuracy still covers every position.
 *
 * Example: scores [-2, 0, 1, 1, null, -5, 0] → best class win; choosing column 2 or 3 is
 * optimal, column 1 (draw) or 0 (loss) is not, column 4 is illegal (never optimal).
 */
import { CENTRE_ORDER, INPUT_SIZE, WIDTH } from '@c4/engine';
import { FULL_COLUMN } from './dataset.ts';
import type { ExampleSet } from './dataset.ts';

export interface PlyRate {
  ply: number;
  /** Positions of this ply counted in the optimal-move rate. */
  counted: number;
  optimal: number;
  /** optimal / counted (null when nothing is counted). */
  rate: number | null;
}

export interface MoveMetrics {
  positions: number;
  accuracy: number;
  /** Optimal moves / counted positions (null if every position was left out). */
  optimalRate: number | null;
  counted: number;
  optimal: number;
  /** Positions left out of the rate: every legal move in the same class. */
  leftOut: number;
  /** Chosen moves into a full column (a policy masks these, a bug would not). */
  illegal: number;
  byPly: PlyRate[];
}

export interface PolicyMetrics extends MoveMetrics {
  /** Mean sparse categorical cross-entropy of the raw (unmasked) probabilities. */
  loss: number;
}

/** Same tolerance as tfjs-layers' cross-entropy, so losses agree with training. */
const EPSILON = 1e-7;

/** −1 loss, 0 draw, 1 win. */
export function scoreClass(score: number): number {
  return Math.sign(score);
}

/** Metrics of choosing `moves[i]` in position i of `set`. */
export function evaluateMoves(set: ExampleSet, moves: ArrayLike<number>): MoveMetrics {
  let correct = 0, counted = 0, optimal = 0, leftOut = 0, illegal = 0;
  const perPly = new Map<number, { counted: number; optimal: number }>();
  for (let i = 0; i < set.size; i++) {
    const move = moves[i];
    if (move === set.labels[i]) correct++;
    const scores = set.scores.subarray(i * WIDTH, (i + 1) * WIDTH);
    const chosen = scores[move];
    if (chosen === undefined || chosen === FULL_COLUMN) illegal++;
    let best = -2, worst = 2;
    for (const s of scores) {
      if (s === FULL_COLUMN) continue;
      best = Math.max(best, scoreClass(s));
      worst = Math.min(worst, scoreClass(s));
    }
    if (best === worst) {
      leftOut++;
      continue;
    }
    const ok = chosen !== undefined && chosen !== FULL_COLUMN && scoreClass(chosen) === best;
    counted++;
    if (ok) optimal++;
    const ply = set.plies[i];
    const entry = perPly.get(ply) ?? { counted: 0, optimal: 0 };
    entry.counted++;
    if (ok) entry.optimal++;
    perPly.set(ply, entry);
  }
  const byPly = [...perPly.entries()]
    .sort(([a], [b]) => a - b)
    .map(([ply, e]) => ({ ply, counted: e.counted, optimal: e.optimal, rate: e.counted > 0 ? e.optimal / e.counted : null }));
  return {
    positions: set.size,
    accuracy: set.size > 0 ? correct / set.size : 0,
    optimalRate: counted > 0 ? optimal / counted : null,
    counted, optimal, leftOut, illegal, byPly,
  };
}

/**
 * The move a greedy policy plays in each position: the most probable legal column, ties
 * towards the centre (as `PolicyNet.chooseMove` with temperature 0).
 */
export function greedyMoves(set: ExampleSet, probabilities: Float32Array): Int8Array {
  const moves = new Int8Array(set.size);
  for (let i = 0; i < set.size; i++) {
    let best = -1;
    for (const c of CENTRE_ORDER) {
      if (set.scores[i * WIDTH + c] === FULL_COLUMN) continue;
      if (best < 0 || probabilities[i * WIDTH + c] > probabilities[i * WIDTH + best]) best = c;
    }
    moves[i] = best;
  }
  return moves;
}

/** Mean cross-entropy of the labels under `probabilities` (n × 7). */
export function crossEntropy(set: ExampleSet, probabilities: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < set.size; i++) {
    const p = probabilities[i * WIDTH + set.labels[i]];
    sum -= Math.log(Math.min(1 - EPSILON, Math.max(EPSILON, p)));
  }
  return set.size > 0 ? sum / set.size : 0;
}

/** Column probabilities (n × 7) of n encoded positions, e.g. `BatchTrainer.predict`. */
export type PredictFn = (x: Float32Array, n: number) => Promise<Float32Array>;

/** Probabilities of every position of `set`, predicted `batch` at a time. */
export async function predictAll(predict: PredictFn, set: ExampleSet, batch = 1024): Promise<Float32Array> {
  const out = new Float32Array(set.size * WIDTH);
  for (let start = 0; start < set.size; start += batch) {
    const n = Math.min(batch, set.size - start);
    const probs = await predict(set.x.subarray(start * INPUT_SIZE, (start + n) * INPUT_SIZE), n);
    out.set(probs.subarray(0, n * WIDTH), start * WIDTH);
  }
  return out;
}

/** Loss, accuracy and optimal-move rate of a network on `set`, playing greedily. */
export async function evaluatePolicy(predict: PredictFn, set: ExampleSet): Promise<PolicyMetrics> {
  const probabilities = await predictAll(predict, set);
  return { loss: crossEntropy(set, probabilities), ...evaluateMoves(set, greedyMoves(set, probabilities)) };
}
