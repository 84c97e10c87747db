/**
 * Simple players measured with the network's own test metrics on the same test positions,
 * so the report says what the network adds over them:
 *
 *   random       a legal column uniformly at random (seeded)
 *   centre       the legal column closest to the centre (3, 2, 4, 1, 5, 0, 6)
 *   minimax:4    depth-4 minimax with @c4/minimax's heuristic evaluation (ties seeded)
 */
import { CENTRE_ORDER, makeRng, Position, randomInt } from '@c4/engine';
import { minimaxMove } from '@c4/minimax';
import { evaluateMoves } from './metrics.ts';
import type { MoveMetrics } from './metrics.ts';
import type { ExampleSet } from './dataset.ts';

export interface Baseline {
  name: string;
  /** A column to play. Precondition: the game is not over. */
  chooseMove(position: Position, rng: () => number): number;
}

export const RANDOM_BASELINE: Baseline = {
  name: 'random',
  chooseMove(position, rng) {
    const legal = position.legalMoves();
    return legal[randomInt(rng, legal.length)];
  },
};

export const CENTRE_BASELINE: Baseline = {
  name: 'centre',
  chooseMove(position) {
    return CENTRE_ORDER.find((c) => position.canPlay(c))!;
  },
};

export function minimaxBaseline(depth: number): Baseline {
  return { name: `minimax:${depth}`, chooseMove: (position, rng) => minimaxMove(position, depth, rng) };
}

export const STANDARD_BASELINES: readonly Baseline[] = [RANDOM_BASELINE, CENTRE_BASELINE, minimaxBaseline(4)];

export interface BaselineResult {
  name: string;
  metrics: MoveMetrics;
  seconds: number;
}

/** Each baseline's metrics on `set` (positions rebuilt from their move strings). */
export function evaluateBaselines(set: ExampleSet, seed: number, baselines: readonly Baseline[] = STANDARD_BASELINES): BaselineResult[] {
  const positions = set.moves.map((m) => Position.fromMoves(m));
  return baselines.map((baseline) => {
    const started = performance.now();
    const rng = makeRng(seed);
    const moves = positions.map((p) => baseline.chooseMove(p, rng));
    return { name: baseline.name, metrics: evaluateMoves(set, moves), seconds: (performance.now() - started) / 1000 };
  });
}
