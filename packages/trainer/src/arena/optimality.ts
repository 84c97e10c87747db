/**
 * Did a move keep the game-theoretic value? A move at position P keeps it if the position
 * after it is as good for the mover as P was: the same class — win, draw or loss — of exact
 * value (a slower win still counts as a win). An error is a move that throws a win away (to
 * a draw or a loss) or a draw away (to a loss).
 *
 *     keeps(P, c)  ⇔  class(P) = −class(P + c)          (class: the side to move's view)
 *
 * A move that wins at once, or fills the board, always keeps it. In a position already lost
 * every move "keeps" the value, so such moves are not counted at all (`alreadyLost`):
 * otherwise a player that blunders early would be credited with every move after.
 *
 * Phases, by the ply of the move (stones on the board before it):
 *
 *     opening 0-13    middle 14-27    end 28-41
 */
import type { Position } from '@c4/engine';
import type { Analyst } from './analyst.ts';

export const PHASES = ['opening', 'middle', 'end'] as const;
export type Phase = (typeof PHASES)[number];
export const PHASE_PLIES: Record<Phase, readonly [number, number]> = { opening: [0, 13], middle: [14, 27], end: [28, 41] };

export function phaseOf(ply: number): Phase {
  return ply < 14 ? 'opening' : ply < 28 ? 'middle' : 'end';
}

/** Per phase: moves checked, and how many of them kept the value. */
export type PhaseCounts = Record<Phase, { checked: number; kept: number }>;

export function emptyPhaseCounts(): PhaseCounts {
  return { opening: { checked: 0, kept: 0 }, middle: { checked: 0, kept: 0 }, end: { checked: 0, kept: 0 } };
}

export function addPhaseCounts(into: PhaseCounts, from: PhaseCounts): void {
  for (const phase of PHASES) {
    into[phase].checked += from[phase].checked;
    into[phase].kept += from[phase].kept;
  }
}

/**
 * The verdict on playing `col` in `position`: it keeps the value, loses it (an error), or the
 * position was lost already. Precondition: `col` is legal, the game is not over.
 */
export function judgeMove(analyst: Analyst, position: Position, col: number): 'kept' | 'error' | 'lost' {
  if (position.isWinningMove(col)) return 'kept';
  const after = position.clone().play(col);
  if (after.isOver()) return 'kept'; // the board is full: the move was the only one
  // The child first: a move that keeps a win needs no second solve (nothing beats a win),
  // and when the solver agent moved next, its analysis of the child is remembered.
  const moverClass = -analyst.valueClass(after);
  if (moverClass === 1) return 'kept';
  const before = analyst.valueClass(position);
  if (before === -1) return 'lost';
  return before === moverClass ? 'kept' : 'error';
}

/** Whether playing `col` in `position` keeps its value (true in a lost position). */
export function keepsValue(analyst: Analyst, position: Position, col: number): boolean {
  return judgeMove(analyst, position, col) !== 'error';
}

export interface MoveCheck {
  /** Moves checked (in positions not already lost) and kept, by phase. */
  counts: PhaseCounts;
  /** Moves made in positions already lost, not counted. */
  alreadyLost: number;
  /** Plies at which a checked move lost value, ascending. */
  errors: number[];
}

/**
 * Checks the moves of player `side` (1 first, 2 second) among `columns`, the moves played
 * from `start`: those made at ply `fromPly` or later.
 */
export function checkMoves(analyst: Analyst, start: Position, columns: readonly number[], side: 1 | 2, fromPly: number): MoveCheck {
  const counts = emptyPhaseCounts();
  const errors: number[] = [];
  let alreadyLost = 0;
  const position = start.clone();
  for (const col of columns) {
    const ply = position.plies;
    if (position.currentPlayer === side && ply >= fromPly) {
      const verdict = judgeMove(analyst, position, col);
      if (verdict === 'lost') {
        alreadyLost++;
      } else {
        const phase = counts[phaseOf(ply)];
        phase.checked++;
        if (verdict === 'kept') phase.kept++;
        else errors.push(ply);
      }
    }
    position.play(col);
  }
  return { counts, alreadyLost, errors };
}
