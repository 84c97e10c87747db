/**
 * A static evaluation of a position for depth-limited minimax: how promising the board
 * looks for the side to move, without search.
 *
 * Each of the 69 lines of four cells that one side could still complete (no opponent
 * stone in it) is worth LINE_VALUE[stones of that side in it]; the opponent's lines
 * count against. Stones in the centre column, which lies on the most lines, add a
 * little more. Values stay far below the win scores of minimax.ts.
 */
import { popcount } from './bitboard.ts';

/** Worth of an open line holding 0..3 of one side's stones (4 is a win, never evaluated). */
const LINE_VALUE = [0, 1, 4, 16];
const CENTRE_VALUE = 3;
/** Column 3 (lo word bits 21-26). */
const CENTRE_LO = 63 << 21;

/** The 69 lines of four, as (lo, hi) cell masks (layout of bitboard.ts). */
const LINES: Int32Array = buildLines();

function buildLines(): Int32Array {
  const masks: number[] = [];
  const directions = [
    [0, 1], // vertical
    [1, 0], // horizontal
    [1, 1], // diagonal /
    [1, -1], // diagonal \
  ];
  for (let col = 0; col < 7; col++) {
    for (let row = 0; row < 6; row++) {
      for (const [dc, dr] of directions) {
        const endCol = col + 3 * dc!;
        const endRow = row + 3 * dr!;
        if (endCol > 6 || endRow < 0 || endRow > 5) continue;
        let lo = 0;
        let hi = 0;
        for (let k = 0; k < 4; k++) {
          const c = col + k * dc!;
          const r = row + k * dr!;
          if (c < 4) lo |= 1 << (7 * c + r);
          else hi |= 1 << (7 * (c - 4) + r);
        }
        masks.push(lo, hi);
      }
    }
  }
  return Int32Array.from(masks);
}

/** Number of lines of four on the board (69). */
export const LINE_COUNT = LINES.length / 2;

/**
 * Evaluation for the side to move whose stones are `cur`, all stones `mask` (raw words).
 * Positive: good for the side to move. Precondition: nobody has four.
 */
export function evaluate(curLo: number, curHi: number, maskLo: number, maskHi: number): number {
  const oppLo = curLo ^ maskLo;
  const oppHi = curHi ^ maskHi;
  let value = 0;
  for (let i = 0; i < LINES.length; i += 2) {
    const lo = LINES[i]!;
    const hi = LINES[i + 1]!;
    const mine = popcount(curLo & lo) + popcount(curHi & hi);
    const theirs = popcount(oppLo & lo) + popcount(oppHi & hi);
    if (theirs === 0) value += LINE_VALUE[mine]!;
    else if (mine === 0) value -= LINE_VALUE[theirs]!;
  }
  return value + CENTRE_VALUE * (popcount(curLo & CENTRE_LO) - popcount(oppLo & CENTRE_LO));
}
