export { Solver, DEFAULT_TT_LOG2, type SolverOptions, type SolveOptions } from './solver.ts';
export { MIN_SCORE, MAX_SCORE, winNowScore, lossNextScore, outcome, describeScore } from './scores.ts';
export { minimaxScores, minimaxMove, WIN as MINIMAX_WIN } from './minimax.ts';
export { evaluate } from './heuristic.ts';
export { OpeningBook, NOT_IN_BOOK, fetchOpeningBook, type BookEntry } from './opening-book.ts';
export {
  analyzeMoves, handleSolverRequest, type Analysis, type SolverRequest, type SolverResponse,
} from './analysis.ts';
