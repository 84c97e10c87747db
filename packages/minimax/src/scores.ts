/**
 * The score convention (see ../shared/data/README.md), for the side to move:
 *
 *     win with its s-th stone      22 - s      (sooner = higher; at most 18 on a 7×6 board)
 *     draw                         0
 *     loss                         -(opponent's win score)
 *
 * With n stones on the board the side to move has played floor(n / 2) stones, so
 *
 *     win on the next move         (43 - n) div 2      = winNowScore(n)
 *     win on its move after that   (41 - n) div 2      = the best a side can hope for
 *                                                        when it cannot win at once
 *     loss on the opponent's next  -(42 - n) div 2     = lossNextScore(n)
 *
 *       n: 0  1  2  3 ... 40 41
 *   win now: 21 21 20 20 ... 1  1
 */

export const BOARD_CELLS = 42;
/** Lowest and highest score any position can have. */
export const MIN_SCORE = -18;
export const MAX_SCORE = 18;

/** Score of winning with the next move when `plies` stones are on the board. */
export function winNowScore(plies: number): number {
  return (BOARD_CELLS + 1 - plies) >> 1;
}

/** Score of losing to the opponent's next move when `plies` stones are on the board. */
export function lossNextScore(plies: number): number {
  return 0 - ((BOARD_CELLS - plies) >> 1);
}

/** Sign of a score: 1 win, 0 draw, -1 loss (the weak-solver result). */
export function outcome(score: number): number {
  return score > 0 ? 1 : score < 0 ? -1 : 0;
}

/**
 * A score in words, e.g. "X (to move) wins with its 12th stone, its 3rd move from now".
 * `plies` = stones on the board (X, the first player, moves when it is even); the
 * winner's last stone is its (22 - |score|)-th.
 */
export function describeScore(score: number, plies: number): string {
  if (score === 0) return 'draw with best play';
  const mover = plies % 2 === 0 ? 'X' : 'O';
  const other = mover === 'X' ? 'O' : 'X';
  const stone = 22 - Math.abs(score);
  const playedByWinner = score > 0 ? plies >> 1 : (plies + 1) >> 1;
  const when = `with its ${ordinal(stone)} stone, its ${ordinal(stone - playedByWinner)} move from now`;
  return score > 0 ? `${mover} (to move) wins ${when}` : `${mover} (to move) loses: ${other} wins ${when}`;
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}
