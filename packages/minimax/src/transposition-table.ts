/**
 * Transposition table: a direct-mapped cache of what the search learnt about positions.
 *
 * Key. A position's key is `current + mask` (see @c4/engine Position), 49 bits, held
 * as two words kLo (28 bits, columns 0-3) and kHi (21 bits, columns 4-6). The table
 * splits the key by a bijection into a slot and a check word, so that the check word
 * together with the slot identifies the position exactly (no false hits):
 *
 *     x     = kLo ^ (hash(kHi) >>> 4)           28 bits, invertible given kHi
 *     y     = (x * ODD) mod 2^28                invertible (ODD is odd)
 *     slot  = y >>> (28 - log2)                 the top log2 bits: depend on every key bit
 *     check = kHi << (28 - log2) | y mod 2^(28 - log2)     21 + 28 - log2 <= 32 bits
 *
 * Entry. Two int32 side by side (one cache line per probe: memory, not arithmetic, is
 * what a probe costs): the check word, then
 *
 *     bit  15..12      11..6                 5..0
 *          move + 1    31 - upper bound      lower bound + 32
 *
 * so that an all-zero data word means "nothing known" (lower -32, upper +31, no move).
 * Bounds are on the exact score; `move` is the column that last proved a bound.
 */
const ODD = 0x2545f491 | 1;
const KEY_MIX = 0x9e3779b1;

export const LOWER_BIAS = 32;
export const UPPER_BIAS = 31;
export const MOVE_SHIFT = 12;

export class TranspositionTable {
  readonly log2: number;
  /** 28 - log2: the key bits kept in the check word below kHi. */
  readonly shift: number;
  readonly lowMask: number;
  /** [check, data] per slot. */
  readonly entries: Int32Array;
  /** Slots written since the last clear, while few: lets `clear` skip a full wipe. */
  private readonly touched: Int32Array;
  private touchedCount = 0;

  /** Precondition: 17 <= log2 <= 27 (the check word must fit 32 bits: 21 + 28 - log2). */
  constructor(log2: number) {
    if (!Number.isInteger(log2) || log2 < 17 || log2 > 27) throw new Error(`ttLog2 must be an integer 17-27, got ${log2}`);
    this.log2 = log2;
    this.shift = 28 - log2;
    this.lowMask = (1 << this.shift) - 1;
    this.entries = new Int32Array(2 << log2);
    this.touched = new Int32Array(Math.max(1024, 1 << (log2 - 6)));
  }

  /** Bytes of memory held. */
  get bytes(): number {
    return this.entries.byteLength + this.touched.byteLength;
  }

  clear(): void {
    if (this.touchedCount <= this.touched.length) {
      for (let i = 0; i < this.touchedCount; i++) this.entries[this.touched[i]! + 1] = 0;
    } else {
      this.entries.fill(0);
    }
    this.touchedCount = 0;
  }

  /** The mixed key y of the file comment; slot and check derive from it. */
  static mix(kLo: number, kHi: number): number {
    return Math.imul(kLo ^ (Math.imul(kHi, KEY_MIX) >>> 4), ODD) & 0xfffffff;
  }

  /** Index of the slot's check word in `entries` (the data word follows). */
  index(y: number): number {
    return (y >>> this.shift) << 1;
  }

  check(y: number, kHi: number): number {
    return (kHi << this.shift) | (y & this.lowMask);
  }

  /** Records a newly written slot, for a cheap `clear`. */
  touch(index: number): void {
    if (this.touchedCount < this.touched.length) this.touched[this.touchedCount] = index;
    this.touchedCount++;
  }
}
