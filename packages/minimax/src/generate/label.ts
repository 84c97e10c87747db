/**
 * The labelling step: the exact score of every move of a position, from the solver.
 *
 * This is the one place the generator calls the solver, so a faster solver (or an
 * opening book) changes this file only. There is no time limit here: the pool enforces
 * `--max-ms` from outside (it stops a worker whose position runs too long and skips the
 * position), so a label is always the solver's complete answer.
 */
import type { Position } from '@c4/engine';
import { Solver } from '../index.ts';

export interface Labels {
  /** Exact score of each column for the side to move; null for a full column. */
  readonly scores: (number | null)[];
  /** Solver nodes spent. */
  readonly nodes: number;
}

export interface Labeller {
  /** Exact labels. Precondition: the game is not over. */
  label(position: Position): Labels;
}

/** A labeller around one solver, whose transposition table lives as long as the labeller. */
export function createLabeller(solver: Solver = new Solver()): Labeller {
  return {
    label(position) {
      // `+ 0` turns a -0 (a negated draw) into 0, so that scores compare and clone plainly
      const scores = solver.analyze(position).map((s) => (s === null ? null : s + 0));
      return { scores, nodes: solver.nodes };
    },
  };
}
