/**
 * How the sides move in the games the sampler plays.
 *
 * `randomMove`: a uniformly random legal column.
 *
 * `strongMove`: a cheap stand-in for perfect play, used by "guided" games. A perfect
 * move needs the exact solver, which costs 0.1-5 s per move before ply 14 (see
 * ../../GENERATE.md) — more than labelling the position itself — so guided games use
 * the tactical rules every decent player follows, in this order:
 *   1. win now if a column wins;
 *   2. otherwise block the opponent's immediate win (one of them, if there are several);
 *   3. otherwise never play under a cell where the opponent would then win;
 *   4. among the remaining columns, prefer the centre: weights 1 2 3 4 3 2 1.
 * This only shapes which positions are sampled; every label is exact.
 */
import type { Position } from '@c4/engine';

const CENTRE_WEIGHT = [1, 2, 3, 4, 3, 2, 1];

/** A uniformly random legal column. Precondition: the game is not over. */
export function randomMove(position: Position, rng: () => number): number {
  const moves = position.legalMoves();
  return moves[Math.floor(rng() * moves.length)]!;
}

/** The same stones with the other side to move (the opponent's view; `plies` is left as is). */
function opponentView(position: Position): Position {
  const view = position.clone();
  view.curLo = position.curLo ^ position.maskLo;
  view.curHi = position.curHi ^ position.maskHi;
  return view;
}

/** Win, else block, else a safe centre-leaning move (see the file comment). Precondition: not over. */
export function strongMove(position: Position, rng: () => number): number {
  const moves = position.legalMoves();
  for (const c of moves) if (position.isWinningMove(c)) return c;
  const opponent = opponentView(position);
  const blocks = moves.filter((c) => opponent.isWinningMove(c));
  if (blocks.length > 0) return blocks[Math.floor(rng() * blocks.length)]!;
  const safe = moves.filter((c) => {
    const after = position.clone().play(c);
    return !after.canPlay(c) || !after.isWinningMove(c);
  });
  return weightedPick(safe.length > 0 ? safe : moves, rng);
}

function weightedPick(columns: readonly number[], rng: () => number): number {
  let total = 0;
  for (const c of columns) total += CENTRE_WEIGHT[c]!;
  let u = rng() * total;
  for (const c of columns) {
    u -= CENTRE_WEIGHT[c]!;
    if (u < 0) return c;
  }
  return columns[columns.length - 1]!;
}
