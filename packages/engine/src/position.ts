/**
 * A Connect Four position as a pair of bitboards.
 *
 * One bit per cell, 7 bits per column: 6 playable cells and a sentinel on top that is
 * never set. Bit index = 7 * column + row (row 0 = bottom):
 *
 *     .  .  .  .  .  .  .     <- sentinel row (always 0)
 *     5 12 19 26 33 40 47     <- top row
 *     4 11 18 25 32 39 46
 *     3 10 17 24 31 38 45
 *     2  9 16 23 30 37 44
 *     1  8 15 22 29 36 43
 *     0  7 14 21 28 35 42     <- bottom row
 *
 * Two boards describe a position: `current`, the stones of the side to move, and
 * `mask`, every stone. The opponent's stones are `current ^ mask`. Playing a move
 * swaps the roles: `current ^= mask; mask |= mask + bottom(col)`.
 *
 * The 49 bits do not fit JavaScript's 32-bit integer operators, and BigInt is about 20×
 * slower, so each board is split into two int32 words: `lo` holds columns 0-3
 * (global bits 0-27) and `hi` holds columns 4-6 (global bits 28-48, stored from bit 0).
 * Shifts across the split are done by `shl`/`shr` below.
 *
 * Example, moves "4453" (columns 4, 4, 5, 3; the first player X to move again):
 *
 *     . . . . . . .      current (X)      mask
 *     . . . . . . .      . . . . . . .    . . . . . . .
 *     . . . . . . .      ...              ...
 *     . . . O . . .      . . . 0 . . .    . . . 1 . . .
 *     . . O X X . .      . . 0 1 1 . .    . . 1 1 1 . .
 *
 * Unique key: `current + mask` adds, per column, a 1 just above the top stone, so every
 * position has a distinct value below 2^49 (see `key()`).
 */

import { positionFromMoves } from './moves.ts';

export const WIDTH = 7;
export const HEIGHT = 6;
/** Bits per column: HEIGHT cells plus the sentinel. */
export const COLUMN_BITS = HEIGHT + 1;
/** Number of columns held in the `lo` word. */
export const LO_COLUMNS = 4;
export const LO_BITS = LO_COLUMNS * COLUMN_BITS; // 28
export const LO_FULL = (1 << LO_BITS) - 1;
export const HI_FULL = (1 << ((WIDTH - LO_COLUMNS) * COLUMN_BITS)) - 1;

/** Bottom cell of every column, per word. */
const BOTTOM_LO = 0x204081; // bits 0, 7, 14, 21
const BOTTOM_HI = 0x4081; // bits 0, 7, 14
/** All playable cells (sentinels excluded), per word. */
export const BOARD_LO = BOTTOM_LO * 63;
export const BOARD_HI = BOTTOM_HI * 63;

/** Bit of the bottom cell of `col` within its word. */
export function bottomBit(col: number): number {
  return 1 << (COLUMN_BITS * (col < LO_COLUMNS ? col : col - LO_COLUMNS));
}
/** Bit of the top playable cell of `col` within its word. */
export function topBit(col: number): number {
  return 1 << (COLUMN_BITS * (col < LO_COLUMNS ? col : col - LO_COLUMNS) + HEIGHT - 1);
}
/** The 6 playable cells of `col` within its word. */
export function columnMask(col: number): number {
  return 63 << (COLUMN_BITS * (col < LO_COLUMNS ? col : col - LO_COLUMNS));
}

/** Result registers of the two-word shifts, to avoid allocating pairs. */
let rLo = 0;
let rHi = 0;
function shl(lo: number, hi: number, s: number): void {
  rLo = (lo << s) & LO_FULL;
  rHi = ((hi << s) | (lo >>> (LO_BITS - s))) & HI_FULL;
}
function shr(lo: number, hi: number, s: number): void {
  rLo = ((lo >>> s) | (hi << (LO_BITS - s))) & LO_FULL;
  rHi = hi >>> s;
}

/** Whether the stones `(lo, hi)` hold four in a row in some direction. */
export function hasFour(lo: number, hi: number): boolean {
  for (const s of [1, COLUMN_BITS - 1, COLUMN_BITS, COLUMN_BITS + 1]) {
    shr(lo, hi, s);
    const mLo = lo & rLo;
    const mHi = hi & rHi;
    shr(mLo, mHi, 2 * s);
    if ((mLo & rLo) | (mHi & rHi)) return true;
  }
  return false;
}

/** Empty cells that would complete four for the owner of `(pLo, pHi)`; set into `winLo`/`winHi`. */
export let winLo = 0;
export let winHi = 0;
export function computeWinningCells(pLo: number, pHi: number, maskLo: number, maskHi: number): void {
  // vertical: three stones directly below
  shl(pLo, pHi, 1);
  let aLo = rLo, aHi = rHi;
  shl(pLo, pHi, 2);
  aLo &= rLo; aHi &= rHi;
  shl(pLo, pHi, 3);
  let outLo = aLo & rLo;
  let outHi = aHi & rHi;
  // horizontal and both diagonals: a gap at any of the four places of a line
  for (const s of [COLUMN_BITS - 1, COLUMN_BITS, COLUMN_BITS + 1]) {
    shl(pLo, pHi, s); const l1Lo = rLo, l1Hi = rHi;
    shl(pLo, pHi, 2 * s); const l2Lo = rLo, l2Hi = rHi;
    shl(pLo, pHi, 3 * s); const l3Lo = rLo, l3Hi = rHi;
    shr(pLo, pHi, s); const r1Lo = rLo, r1Hi = rHi;
    shr(pLo, pHi, 2 * s); const r2Lo = rLo, r2Hi = rHi;
    shr(pLo, pHi, 3 * s); const r3Lo = rLo, r3Hi = rHi;
    const lLo = l1Lo & l2Lo, lHi = l1Hi & l2Hi;
    outLo |= (lLo & l3Lo) | (lLo & r1Lo);
    outHi |= (lHi & l3Hi) | (lHi & r1Hi);
    const gLo = r1Lo & r2Lo, gHi = r1Hi & r2Hi;
    outLo |= (gLo & l1Lo) | (gLo & r3Lo);
    outHi |= (gHi & l1Hi) | (gHi & r3Hi);
  }
  winLo = outLo & (BOARD_LO ^ maskLo);
  winHi = outHi & (BOARD_HI ^ maskHi);
}

export class Position {
  /** Stones of the side to move, columns 0-3 / 4-6 (see the file comment). */
  curLo = 0;
  curHi = 0;
  /** Every stone, columns 0-3 / 4-6. */
  maskLo = 0;
  maskHi = 0;
  /** Stones on the board. */
  plies = 0;

  static empty(): Position {
    return new Position();
  }

  /** The position after a move string like "4453". Throws `MoveStringError` on an illegal string. */
  static fromMoves(moves: string): Position {
    return positionFromMoves(moves).position;
  }

  clone(): Position {
    const p = new Position();
    p.curLo = this.curLo;
    p.curHi = this.curHi;
    p.maskLo = this.maskLo;
    p.maskHi = this.maskHi;
    p.plies = this.plies;
    return p;
  }

  /** 1 if the first player is to move, 2 otherwise. */
  get currentPlayer(): 1 | 2 {
    return (this.plies & 1) === 0 ? 1 : 2;
  }

  canPlay(col: number): boolean {
    return col < LO_COLUMNS ? (this.maskLo & topBit(col)) === 0 : (this.maskHi & topBit(col)) === 0;
  }

  /** Drops a stone of the side to move in `col`. Precondition: `canPlay(col)` and the game is not over. */
  play(col: number): this {
    if (col < LO_COLUMNS) {
      this.curLo ^= this.maskLo;
      this.curHi ^= this.maskHi;
      this.maskLo |= this.maskLo + bottomBit(col);
    } else {
      this.curLo ^= this.maskLo;
      this.curHi ^= this.maskHi;
      this.maskHi |= this.maskHi + bottomBit(col);
    }
    this.plies++;
    return this;
  }

  /** Whether playing `col` makes four for the side to move. Precondition: `canPlay(col)`. */
  isWinningMove(col: number): boolean {
    computeWinningCells(this.curLo, this.curHi, this.maskLo, this.maskHi);
    if (col < LO_COLUMNS) {
      const landing = (this.maskLo + bottomBit(col)) & columnMask(col);
      return (winLo & landing) !== 0;
    }
    const landing = (this.maskHi + bottomBit(col)) & columnMask(col);
    return (winHi & landing) !== 0;
  }

  /** Playable columns, ascending. Empty once the game is over. */
  legalMoves(): number[] {
    if (this.isOver()) return [];
    const moves: number[] = [];
    for (let c = 0; c < WIDTH; c++) if (this.canPlay(c)) moves.push(c);
    return moves;
  }

  /** The player who has four in a row (only the last mover can), or 0. */
  winner(): 0 | 1 | 2 {
    if (this.plies === 0) return 0;
    const lastMover = (this.plies & 1) === 1 ? 1 : 2;
    return hasFour(this.curLo ^ this.maskLo, this.curHi ^ this.maskHi) ? lastMover : 0;
  }

  isDraw(): boolean {
    return this.plies === WIDTH * HEIGHT && this.winner() === 0;
  }

  isOver(): boolean {
    return this.plies === WIDTH * HEIGHT || this.winner() !== 0;
  }

  /** Stones in `col`. */
  height(col: number): number {
    const bits = this.columnBits(this.maskLo, this.maskHi, col);
    return 31 - Math.clz32(bits + 1);
  }

  /** Owner of a cell: 0 empty, 1 first player, 2 second player. Row 0 is the bottom. */
  cell(row: number, col: number): 0 | 1 | 2 {
    const bit = 1 << row;
    if ((this.columnBits(this.maskLo, this.maskHi, col) & bit) === 0) return 0;
    const mine = (this.columnBits(this.curLo, this.curHi, col) & bit) !== 0;
    const toMove = this.currentPlayer;
    return mine ? toMove : toMove === 1 ? 2 : 1;
  }

  /** 6 rows × 7 columns, top row first: 0 empty, 1 first player, 2 second player. */
  grid(): number[][] {
    const rows: number[][] = [];
    for (let r = HEIGHT - 1; r >= 0; r--) {
      const row: number[] = [];
      for (let c = 0; c < WIDTH; c++) row.push(this.cell(r, c));
      rows.push(row);
    }
    return rows;
  }

  /** The left-right mirror image (column c becomes 6 - c). */
  mirror(): Position {
    const m = new Position();
    m.plies = this.plies;
    for (let c = 0; c < WIDTH; c++) {
      const to = WIDTH - 1 - c;
      const cur = this.columnBits(this.curLo, this.curHi, c);
      const mask = this.columnBits(this.maskLo, this.maskHi, c);
      const shift = COLUMN_BITS * (to < LO_COLUMNS ? to : to - LO_COLUMNS);
      if (to < LO_COLUMNS) {
        m.curLo |= cur << shift;
        m.maskLo |= mask << shift;
      } else {
        m.curHi |= cur << shift;
        m.maskHi |= mask << shift;
      }
    }
    return m;
  }

  /** A number unique to this position, below 2^49 (exact in a double). */
  key(): number {
    return (this.curHi + this.maskHi) * 2 ** LO_BITS + (this.curLo + this.maskLo);
  }

  /** Equal for a position and its mirror: the smaller of the two keys. */
  canonicalKey(): number {
    return Math.min(this.key(), this.mirror().key());
  }

  equals(other: Position): boolean {
    return this.key() === other.key();
  }

  /** A text board: X first player, O second player, columns numbered 1-7 underneath. */
  toString(): string {
    const symbols = ['.', 'X', 'O'];
    const lines = this.grid().map((row) => row.map((v) => symbols[v]).join(' '));
    lines.push('1 2 3 4 5 6 7');
    return lines.join('\n');
  }

  private columnBits(lo: number, hi: number, col: number): number {
    return col < LO_COLUMNS
      ? (lo >>> (COLUMN_BITS * col)) & 127
      : (hi >>> (COLUMN_BITS * (col - LO_COLUMNS))) & 127;
  }
}
