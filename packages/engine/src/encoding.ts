/**
 * The network's view of a position: two 6×7 planes, NHWC, from the side to move's
 * point of view, so one network serves both players.
 *
 *   index = (r * 7 + c) * 2 + plane      r = 0 is the TOP row
 *   plane 0: stones of the side to move   plane 1: stones of the opponent
 *
 * Training and play use this one function, so they cannot disagree.
 */
import { HEIGHT, Position, WIDTH } from './position.ts';

export const INPUT_SHAPE: readonly [number, number, number] = [HEIGHT, WIDTH, 2];
export const INPUT_SIZE = HEIGHT * WIDTH * 2;

/** Writes the planes of `p` into `out` at `offset` (a fresh array by default). */
export function encodePosition(p: Position, out = new Float32Array(INPUT_SIZE), offset = 0): Float32Array {
  const toMove = p.currentPlayer;
  for (let r = 0; r < HEIGHT; r++) {
    const row = HEIGHT - 1 - r;
    for (let c = 0; c < WIDTH; c++) {
      const owner = p.cell(row, c);
      const i = offset + (r * WIDTH + c) * 2;
      out[i] = owner === toMove ? 1 : 0;
      out[i + 1] = owner !== 0 && owner !== toMove ? 1 : 0;
    }
  }
  return out;
}

/** N positions as one N × 6 × 7 × 2 block. */
export function encodeBatch(positions: readonly Position[]): Float32Array {
  const out = new Float32Array(positions.length * INPUT_SIZE);
  positions.forEach((p, i) => encodePosition(p, out, i * INPUT_SIZE));
  return out;
}
