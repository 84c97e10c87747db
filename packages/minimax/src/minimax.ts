/**
 * Depth-limited minimax (negamax, alpha-beta) with the heuristic evaluation of
 * heuristic.ts: the adjustable-strength opponent `minimax:N` and a cheap baseline.
 * Never a substitute for the exact solver's labels.
 *
 * Depth N looks N plies ahead: at depth 1 a move is judged by the position it makes
 * (so an immediate win is always taken); from depth 2 the opponent's reply is seen too
 * (so an immediate threat is always blocked when it can be).
 *
 * Values: a win is worth WIN minus the plies until it (sooner is better), far above any
 * evaluation; a draw (full board) 0.
 */
import { CENTRE_ORDER, type Position } from '@c4/engine';
import { BOARD_HI, BOARD_LO, BOTTOM_HI, BOTTOM_LO, columnCells, winningHi, winningLo } from './bitboard.ts';
import { evaluate } from './heuristic.ts';

export const WIN = 1_000_000;
const INFINITY = 2 * WIN;
const COLUMN_CELLS = [0, 1, 2, 3, 4, 5, 6].map(columnCells);

/**
 * The minimax value of each column for the side to move, `depth` plies deep (null: full
 * column). Precondition: the game is not over; depth >= 1.
 */
export function minimaxScores(position: Position, depth: number): (number | null)[] {
  if (position.isOver()) throw new Error('minimax: the game is over');
  if (!Number.isInteger(depth) || depth < 1) throw new Error(`minimax: depth must be an integer >= 1, got ${depth}`);
  const { curLo, curHi, maskLo, maskHi, plies } = position;
  const scores: (number | null)[] = [];
  for (let c = 0; c < 7; c++) {
    if (!position.canPlay(c)) {
      scores.push(null);
    } else if (position.isWinningMove(c)) {
      scores.push(WIN - 1);
    } else {
      const lo = c < 4;
      const m = ((lo ? maskLo : maskHi) + (lo ? BOTTOM_LO : BOTTOM_HI)) & COLUMN_CELLS[c]!;
      const childMaskLo = lo ? maskLo | m : maskLo;
      const childMaskHi = lo ? maskHi : maskHi | m;
      const child = negamax(curLo ^ maskLo, curHi ^ maskHi, childMaskLo, childMaskHi, plies + 1, depth - 1, -INFINITY, INFINITY, 1);
      scores.push(0 - child);
    }
  }
  return scores;
}

/**
 * The column minimax prefers at `depth`; ties broken at random by `rng` (floats in
 * [0, 1), e.g. makeRng(seed)) or, without one, towards the centre.
 */
export function minimaxMove(position: Position, depth: number, rng?: () => number): number {
  const scores = minimaxScores(position, depth);
  let best = -Infinity;
  for (const s of scores) if (s !== null && s > best) best = s;
  const tied = CENTRE_ORDER.filter((c) => scores[c] === best);
  return rng ? tied[Math.floor(rng() * tied.length)]! : tied[0]!;
}

/** Value for the side to move; `distance` = plies from the root to this position. */
function negamax(
  curLo: number, curHi: number, maskLo: number, maskHi: number, plies: number,
  depth: number, alpha: number, beta: number, distance: number,
): number {
  if (plies === 42) return 0;
  const possLo = (maskLo + BOTTOM_LO) & BOARD_LO;
  const possHi = (maskHi + BOTTOM_HI) & BOARD_HI;
  // a win now ends the line: worth more the sooner it comes
  if (((winningLo(curLo, curHi) & possLo) | (winningHi(curLo, curHi) & possHi)) !== 0) return WIN - distance - 1;
  if (depth === 0) return evaluate(curLo, curHi, maskLo, maskHi);
  let best = -INFINITY;
  for (const c of CENTRE_ORDER) {
    const lo = c < 4;
    const m = (lo ? possLo : possHi) & COLUMN_CELLS[c]!;
    if (m === 0) continue;
    const score = 0 - negamax(
      curLo ^ maskLo, curHi ^ maskHi, lo ? maskLo | m : maskLo, lo ? maskHi : maskHi | m,
      plies + 1, depth - 1, 0 - beta, 0 - alpha, distance + 1,
    );
    if (score > best) {
      best = score;
      if (score > alpha) {
        alpha = score;
        if (alpha >= beta) break;
      }
    }
  }
  return best;
}
