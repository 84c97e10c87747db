/**
 * Bitboard arithmetic for the solver's hot path, on raw int32 words.
 *
 * Same layout as `Position` in @c4/engine: 7 bits per column (6 cells + an empty
 * sentinel on top), bit = 7 * column + row, split into two words:
 *
 *           lo word (columns 0-3)        hi word (columns 4-6)
 *     row   c0  c1  c2  c3               c4  c5  c6
 *      s     6  13  20  27               6  13  20     <- sentinel, always 0
 *      5     5  12  19  26               5  12  19
 *      ...
 *      0     0   7  14  21               0   7  14
 *
 * A shift of the 49-bit board by s becomes two word shifts plus the bits carried
 * across the seam (lo bit 28 - s ... 27 <-> hi bit 0 ... s - 1):
 *
 *     left  by s:  lo' = lo << s                   hi' = hi << s | lo >>> (28 - s)
 *     right by s:  lo' = lo >>> s | hi << (28 - s) hi' = hi >>> s
 *
 * Bits pushed above a word's 28 / 21 cells are garbage; callers mask the result with the
 * empty cells, so no intermediate masking is needed. Every function here is a pure
 * function of int32 arguments: no allocation, monomorphic, small enough to inline.
 */

export const LO_BITS = 28;
/** Bottom cell of every column. */
export const BOTTOM_LO = 0x204081;
export const BOTTOM_HI = 0x4081;
/** The 42 playable cells (sentinels excluded). */
export const BOARD_LO = BOTTOM_LO * 63;
export const BOARD_HI = BOTTOM_HI * 63;

/** Cells that complete a four for the stones `p`, in the lo word (garbage outside the board). */
export function winningLo(pLo: number, pHi: number): number {
  // vertical: three stones right below
  let r = (pLo << 1) & (pLo << 2) & (pLo << 3);
  // horizontal (7), diagonal / (8), diagonal \ (6): a cell between or beside three stones
  let l1 = pLo << 7, l2 = pLo << 14;
  let r1 = (pLo >>> 7) | (pHi << 21), r2 = (pLo >>> 14) | (pHi << 14);
  r |= (l1 & l2 & ((pLo << 21) | r1)) | (r1 & r2 & (l1 | (pLo >>> 21) | (pHi << 7)));
  l1 = pLo << 8; l2 = pLo << 16;
  r1 = (pLo >>> 8) | (pHi << 20); r2 = (pLo >>> 16) | (pHi << 12);
  r |= (l1 & l2 & ((pLo << 24) | r1)) | (r1 & r2 & (l1 | (pLo >>> 24) | (pHi << 4)));
  l1 = pLo << 6; l2 = pLo << 12;
  r1 = (pLo >>> 6) | (pHi << 22); r2 = (pLo >>> 12) | (pHi << 16);
  r |= (l1 & l2 & ((pLo << 18) | r1)) | (r1 & r2 & (l1 | (pLo >>> 18) | (pHi << 10)));
  return r;
}

/** Cells that complete a four for the stones `p`, in the hi word (garbage outside the board). */
export function winningHi(pLo: number, pHi: number): number {
  let r = (pHi << 1) & (pHi << 2) & (pHi << 3);
  let l1 = (pHi << 7) | (pLo >>> 21), l2 = (pHi << 14) | (pLo >>> 14);
  let r1 = pHi >>> 7, r2 = pHi >>> 14;
  r |= (l1 & l2 & ((pHi << 21) | (pLo >>> 7) | r1)) | (r1 & r2 & (l1 | (pHi >>> 21)));
  l1 = (pHi << 8) | (pLo >>> 20); l2 = (pHi << 16) | (pLo >>> 12);
  r1 = pHi >>> 8; r2 = pHi >>> 16;
  r |= (l1 & l2 & ((pHi << 24) | (pLo >>> 4) | r1)) | (r1 & r2 & (l1 | (pHi >>> 24)));
  l1 = (pHi << 6) | (pLo >>> 22); l2 = (pHi << 12) | (pLo >>> 16);
  r1 = pHi >>> 6; r2 = pHi >>> 12;
  r |= (l1 & l2 & ((pHi << 18) | (pLo >>> 10) | r1)) | (r1 & r2 & (l1 | (pHi >>> 18)));
  return r;
}

/** Number of set bits of a 32-bit word. */
export function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** The cells of column `col` within its word (lo for 0-3, hi for 4-6). */
export function columnCells(col: number): number {
  return 63 << (7 * (col < 4 ? col : col - 4));
}

/**
 * Mirror (column c <-> 6 - c) of a 49-bit key given as its two words; returns the lo
 * word and leaves the hi word in `mirroredHi`. Used for symmetric transposition keys.
 */
export let mirroredHi = 0;
export function mirrorLo(kLo: number, kHi: number): number {
  mirroredHi = ((kLo >>> 14) & 0x7f) | (kLo & 0x3f80) | ((kLo & 0x7f) << 14);
  return ((kHi >>> 14) & 0x7f) | (((kHi >>> 7) & 0x7f) << 7) | ((kHi & 0x7f) << 14) | (kLo & 0xfe00000);
}
