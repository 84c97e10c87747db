import * as tf from './tf.ts';
import { encodeBatch, INPUT_SHAPE } from '../encoding.ts';
import { WIDTH } from '../position.ts';
import type { Position } from '../position.ts';
import { CENTRE_ORDER, mirrorColumn } from '../moves.ts';

export interface ChooseMoveOptions {
  /**
   * 0 (default): the most probable legal column (ties towards the centre). T > 0: a column
   * drawn with probability ∝ p^(1/T) — 1 samples the network's own distribution, larger is
   * wilder, towards 0 is greedier.
   */
  temperature?: number;
  /** Source of randomness, e.g. `makeRng(seed)`; required when temperature > 0. */
  rng?: () => number;
}

/**
 * A trained policy network that plays: column probabilities for positions, with full
 * columns (and every column, once the game is over) given probability 0 and the rest
 * renormalised, and a move choice on top.
 *
 * The probabilities are the mean of the network's output for the position and its mirror
 * image (read back mirrored): the game is symmetric and the network was trained on both
 * images, but it is not exactly symmetric itself, and a network that answers a position and
 * its mirror differently is wrong on at least one of them. Measured in README "Playing
 * strength". One forward pass over both images.
 */
export class PolicyNet {
  constructor(readonly model: tf.LayersModel) {}

  /** Probabilities of the 7 columns for one position. Precondition: the game is not over. */
  probabilities(position: Position): number[] {
    return this.probabilitiesBatch([position])[0];
  }

  /** `probabilities` for each position, in one forward pass. */
  probabilitiesBatch(positions: readonly Position[]): number[][] {
    if (positions.length === 0) return [];
    const n = positions.length;
    const both = [...positions, ...positions.map((p) => p.mirror())];
    const raw = tf.tidy(() => {
      const input = tf.tensor4d(encodeBatch(both), [2 * n, ...INPUT_SHAPE]);
      return (this.model.predict(input) as tf.Tensor).dataSync();
    });
    return positions.map((p, i) => {
      const mean = Array.from({ length: WIDTH }, (_, c) => (raw[i * WIDTH + c] + raw[(n + i) * WIDTH + mirrorColumn(c)]) / 2);
      return maskIllegal(mean, p);
    });
  }

  /** A column to play; see `ChooseMoveOptions`. Precondition: the game is not over. */
  chooseMove(position: Position, options: ChooseMoveOptions = {}): number {
    return pickColumn(this.probabilities(position), options);
  }

  dispose(): void {
    this.model.dispose();
  }
}

/**
 * Zeroes the columns `position` cannot play and renormalises. If the network gives every
 * legal column (numerically) zero, they share the mass equally.
 */
export function maskIllegal(raw: ArrayLike<number>, position: Position): number[] {
  const legal = position.legalMoves();
  if (legal.length === 0) throw new Error('no legal move: the game is over');
  const masked = new Array<number>(WIDTH).fill(0);
  let total = 0;
  for (const c of legal) {
    masked[c] = Math.max(0, raw[c]);
    total += masked[c];
  }
  for (const c of legal) masked[c] = total > 0 ? masked[c] / total : 1 / legal.length;
  return masked;
}

/** Chooses among columns with non-zero probability; see `ChooseMoveOptions`. */
export function pickColumn(probabilities: readonly number[], options: ChooseMoveOptions = {}): number {
  const temperature = options.temperature ?? 0;
  if (!(temperature >= 0 && Number.isFinite(temperature))) throw new Error(`temperature must be a finite number >= 0 (got ${temperature})`);
  let best = -1;
  for (const c of CENTRE_ORDER) if (probabilities[c] > 0 && (best < 0 || probabilities[c] > probabilities[best])) best = c;
  if (best < 0) throw new Error('no column has a positive probability');
  if (temperature === 0) return best;
  if (!options.rng) throw new Error('chooseMove with temperature > 0 needs an rng (e.g. makeRng(seed))');
  // p^(1/T) relative to the best column, in log space so small T neither overflows nor underflows.
  const logBest = Math.log(probabilities[best]);
  const weights = probabilities.map((p) => (p > 0 ? Math.exp((Math.log(p) - logBest) / temperature) : 0));
  const total = weights.reduce((a, b) => a + b, 0);
  let u = options.rng() * total;
  for (let c = 0; c < weights.length; c++) {
    if (weights[c] === 0) continue;
    u -= weights[c];
    if (u < 0) return c;
  }
  return best; // only reached through rounding when u ≈ total
}
