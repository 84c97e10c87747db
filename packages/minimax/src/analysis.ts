/**
 * A position's full analysis as plain data, and a message protocol around it for a Web
 * Worker (the web app's worker is two lines: build a Solver, answer each request with
 * `handleSolverRequest`). The same shape is what `pnpm solve --json` prints.
 */
import { Position, bestFromScores } from '@c4/engine';
import type { SolveOptions, Solver } from './solver.ts';

export interface Analysis {
  /** The move string analysed (1-based columns). */
  moves: string;
  /** Exact score of the position for the side to move (sign only with `weak`). */
  score: number;
  /** Score of each column 0-6 for the side to move; null = full column. */
  scores: (number | null)[];
  /** The best column, 0-6 (ties towards the centre), as the dataset's `best`. */
  bestMove: number;
  /** Solver nodes spent. */
  nodes: number;
  /** Milliseconds spent. */
  ms: number;
}

/**
 * Analyses the position of a move string. Throws MoveStringError (@c4/engine) for an
 * illegal string, and an Error for a finished game.
 */
export function analyzeMoves(solver: Solver, moves: string, options: SolveOptions = {}): Analysis {
  const position = Position.fromMoves(moves);
  const start = performance.now();
  const scores = solver.analyze(position, options);
  const ms = Math.round((performance.now() - start) * 10) / 10;
  const bestMove = bestFromScores(scores);
  return { moves, score: scores[bestMove]!, scores, bestMove, nodes: solver.nodes, ms };
}

/** What a page posts to a solver worker. */
export interface SolverRequest {
  id: number;
  moves: string;
  weak?: boolean;
}

/** What the worker posts back: the analysis, or the reason there is none. */
export type SolverResponse = { id: number; analysis: Analysis } | { id: number; error: string };

/** Answers one request; never throws (errors become `{ id, error }`). */
export function handleSolverRequest(solver: Solver, request: SolverRequest): SolverResponse {
  try {
    return { id: request.id, analysis: analyzeMoves(solver, request.moves, { weak: request.weak === true }) };
  } catch (e) {
    return { id: request.id, error: e instanceof Error ? e.message : String(e) };
  }
}
