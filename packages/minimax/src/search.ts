/**
 * The exact search: negamax with alpha-beta on raw bitboard words.
 *
 * A position is passed as five ints (curLo, curHi, maskLo, maskHi, plies); see
 * bitboard.ts for the layout. Nothing is allocated during a search: move lists live in
 * per-ply slices of preallocated typed arrays.
 *
 * Per node, in order (each measured when added, see the README):
 *   1. moves that lose at once are dropped; a single forced block is the only move; two
 *      opponent threats to block = lost;
 *   2. score bounds from the stones left, then from the transposition table;
 *   3. the opening book, for early positions;
 *   4. the table's best move first (it often refutes at once, before any sorting);
 *   5. enhanced transposition cutoff: a child whose stored bound already refutes;
 *   6. the other moves, most winning cells created first, ties towards the centre.
 *
 * Two transposition tables: a small one (2^18 entries, 2 MB) that stays in the CPU
 * cache, and a big one. A lookup in a 100 MB table costs a cache and TLB miss, which with
 * one big table made most of the time per node. So a search starts with the small table
 * only; once it has explored SMALL_SEARCH_NODES nodes it is a big search, and from then
 * on its top FAR_DEPTH plies (few nodes, big subtrees: the entries worth keeping) use the
 * big table, the many nodes below them the small one.
 */
import {
  BOARD_LO, BOARD_HI, BOTTOM_LO, BOTTOM_HI, columnCells, mirrorLo, mirroredHi, popcount, winningHi, winningLo,
} from './bitboard.ts';
import { NOT_IN_BOOK, type OpeningBook } from './opening-book.ts';
import { LOWER_BIAS, MOVE_SHIFT, TranspositionTable, UPPER_BIAS } from './transposition-table.ts';

/** Columns from the centre outwards. */
const ORDER = [3, 2, 4, 1, 5, 0, 6];
const COLUMN_CELLS = [0, 1, 2, 3, 4, 5, 6].map(columnCells);

/** Below this many stones, a position and its mirror share a table entry. */
export const SYMMETRY_PLIES = 12;
/** Plies from the root of a search that use the big table. */
export const FAR_DEPTH = 12;
/** log2 of the small table's entries: 2^18 × 8 bytes = 2 MB, the size of a core's L2 cache. */
export const NEAR_LOG2 = 18;
/** A search uses only the small table until it has explored this many nodes: most searches stay small. */
export const SMALL_SEARCH_NODES = 1 << 16;

export class Search {
  nodes = 0;
  /** The big table, for nodes near the root. */
  readonly far: TranspositionTable;
  /** The small, cache-resident table, for the nodes deep in the tree. */
  readonly near: TranspositionTable;
  /** Nodes with fewer stones than this use `far`: set by `setRoot`, raised once the search proves big. */
  private farUntil = 0;
  private rootPlies = 0;
  /** Node count at which the current search starts using the big table. */
  private farFrom = 0;
  /** Exact scores of early positions, consulted up to `bookMaxPly` stones (-1: no book). */
  private readonly book: OpeningBook | null;
  readonly bookMaxPly: number;
  /** Per ply: up to 7 candidate columns and their ordering scores. */
  private readonly moveCols = new Int32Array(44 * 8);
  private readonly moveScores = new Int32Array(44 * 8);

  constructor(farLog2: number, book: OpeningBook | null = null) {
    this.far = new TranspositionTable(farLog2);
    this.near = new TranspositionTable(Math.min(NEAR_LOG2, farLog2));
    this.book = book;
    this.bookMaxPly = book ? book.maxPly : -1;
  }

  clear(): void {
    this.far.clear();
    this.near.clear();
  }

  /** Call before searching from a root with `plies` stones. */
  setRoot(plies: number): void {
    this.rootPlies = plies;
    this.farUntil = 0;
    this.farFrom = this.nodes + SMALL_SEARCH_NODES;
  }

  /** Bounds on the score of a root position stored in the big table: set by `readBounds`. */
  storedLower = -LOWER_BIAS;
  storedUpper = UPPER_BIAS;

  /** Reads what the tables know of a position into storedLower / storedUpper. */
  readBounds(curLo: number, curHi: number, maskLo: number, maskHi: number, plies: number): void {
    let kLo = curLo + maskLo;
    let kHi = curHi + maskHi;
    if (plies < SYMMETRY_PLIES) {
      const mLo = mirrorLo(kLo, kHi);
      const mHi = mirroredHi;
      if (mHi < kHi || (mHi === kHi && mLo < kLo)) {
        kLo = mLo;
        kHi = mHi;
      }
    }
    const y = TranspositionTable.mix(kLo, kHi);
    this.storedLower = -LOWER_BIAS;
    this.storedUpper = UPPER_BIAS;
    for (const tt of [this.far, this.near]) {
      const at = tt.index(y);
      if (tt.entries[at] !== tt.check(y, kHi)) continue;
      const d = tt.entries[at + 1]!;
      this.storedLower = Math.max(this.storedLower, (d & 63) - LOWER_BIAS);
      this.storedUpper = Math.min(this.storedUpper, UPPER_BIAS - ((d >>> 6) & 63));
    }
  }

  /** The book's score of a position, or NOT_IN_BOOK. */
  bookScore(curLo: number, curHi: number, maskLo: number, maskHi: number): number {
    return this.book ? this.book.get(curLo + maskLo, curHi + maskHi) : NOT_IN_BOOK;
  }

  /**
   * Score of the position if it lies within (alpha, beta); otherwise a bound beyond the
   * window on that side (fail-soft). Preconditions: alpha < beta; the side to move cannot
   * win at once; plies < 42. Negations are written `0 - x` so that a 0 never becomes -0
   * (a double, which would push V8 off its integer fast path).
   */
  negamax(curLo: number, curHi: number, maskLo: number, maskHi: number, plies: number, alpha: number, beta: number): number {
    if (++this.nodes === this.farFrom) this.farUntil = this.rootPlies + FAR_DEPTH;
    let possLo = (maskLo + BOTTOM_LO) & BOARD_LO;
    let possHi = (maskHi + BOTTOM_HI) & BOARD_HI;
    const oppLo = curLo ^ maskLo;
    const oppHi = curHi ^ maskHi;
    const threatLo = winningLo(oppLo, oppHi) & (BOARD_LO ^ maskLo);
    const threatHi = winningHi(oppLo, oppHi) & (BOARD_HI ^ maskHi);
    const forcedLo = possLo & threatLo;
    const forcedHi = possHi & threatHi;
    if ((forcedLo | forcedHi) !== 0) {
      // two places to block: lost on the opponent's next move
      if ((forcedLo & (forcedLo - 1)) !== 0 || (forcedHi & (forcedHi - 1)) !== 0 || (forcedLo !== 0 && forcedHi !== 0)) {
        return 0 - ((42 - plies) >> 1);
      }
      possLo = forcedLo;
      possHi = forcedHi;
    }
    // never play right below an opponent's winning cell
    possLo &= ~(threatLo >>> 1);
    possHi &= ~(threatHi >>> 1);
    if ((possLo | possHi) === 0) return 0 - ((42 - plies) >> 1);
    if (plies >= 40) return 0;

    // the opponent cannot win on its next move, and neither can we on this one
    const min = 0 - ((40 - plies) >> 1);
    if (alpha < min) {
      alpha = min;
      if (alpha >= beta) return alpha;
    }
    const max = (41 - plies) >> 1;
    if (beta > max) {
      beta = max;
      if (alpha >= beta) return beta;
    }

    let kLo = curLo + maskLo;
    let kHi = curHi + maskHi;
    let flip = false;
    if (plies < SYMMETRY_PLIES) {
      const mLo = mirrorLo(kLo, kHi);
      const mHi = mirroredHi;
      if (mHi < kHi || (mHi === kHi && mLo < kLo)) {
        kLo = mLo;
        kHi = mHi;
        flip = true;
      }
    }
    const tt = plies < this.farUntil ? this.far : this.near;
    const y = TranspositionTable.mix(kLo, kHi);
    const at = tt.index(y);
    const check = tt.check(y, kHi);
    const entries = tt.entries;
    let ttMove = -1;
    if (entries[at] === check) {
      const d = entries[at + 1]!;
      const lower = (d & 63) - LOWER_BIAS;
      if (alpha < lower) {
        alpha = lower;
        if (alpha >= beta) return alpha;
      }
      const upper = UPPER_BIAS - ((d >>> 6) & 63);
      if (beta > upper) {
        beta = upper;
        if (alpha >= beta) return beta;
      }
      ttMove = (d >>> MOVE_SHIFT) - 1;
      if (flip && ttMove >= 0) ttMove = 6 - ttMove;
    }

    if (plies <= this.bookMaxPly) {
      const known = this.book!.get(curLo + maskLo, curHi + maskHi);
      if (known !== NOT_IN_BOOK) return known;
    }

    let bestScore = -64;
    let bestMove = -1;
    if (ttMove >= 0) {
      const m = (ttMove < 4 ? possLo : possHi) & COLUMN_CELLS[ttMove]!;
      if (m !== 0) {
        const score = ttMove < 4
          ? 0 - this.negamax(oppLo, oppHi, maskLo | m, maskHi, plies + 1, 0 - beta, 0 - alpha)
          : 0 - this.negamax(oppLo, oppHi, maskLo, maskHi | m, plies + 1, 0 - beta, 0 - alpha);
        if (score >= beta) {
          this.store(tt, at, check, score, UPPER_BIAS, flip ? 6 - ttMove : ttMove);
          return score;
        }
        bestScore = score;
        bestMove = ttMove;
        if (score > alpha) alpha = score;
      } else {
        ttMove = -1;
      }
    }

    const cut = this.childCutoff(oppLo, oppHi, maskLo, maskHi, possLo, possHi, plies + 1, 0 - beta);
    if (cut >= beta) {
      this.store(tt, at, check, cut, UPPER_BIAS, -1);
      return cut;
    }

    // the other moves: most winning cells created first, ties towards the centre
    const base = plies << 3;
    const cols = this.moveCols;
    const scores = this.moveScores;
    let n = 0;
    for (let i = 6; i >= 0; i--) {
      const c = ORDER[i]!;
      if (c === ttMove) continue;
      let score: number;
      if (c < 4) {
        const m = possLo & COLUMN_CELLS[c]!;
        if (m === 0) continue;
        const pLo = curLo | m;
        score = popcount(winningLo(pLo, curHi) & (BOARD_LO ^ maskLo)) + popcount(winningHi(pLo, curHi) & (BOARD_HI ^ maskHi));
      } else {
        const m = possHi & COLUMN_CELLS[c]!;
        if (m === 0) continue;
        const pHi = curHi | m;
        score = popcount(winningLo(curLo, pHi) & (BOARD_LO ^ maskLo)) + popcount(winningHi(curLo, pHi) & (BOARD_HI ^ maskHi));
      }
      // insertion sort, best last; on equal scores the later (more central) column stays last
      let j = base + n++;
      while (j > base && scores[j - 1]! > score) {
        scores[j] = scores[j - 1]!;
        cols[j] = cols[j - 1]!;
        j--;
      }
      scores[j] = score;
      cols[j] = c;
    }

    for (let i = base + n - 1; i >= base; i--) {
      const c = cols[i]!;
      let score: number;
      if (c < 4) {
        const m = possLo & COLUMN_CELLS[c]!;
        score = 0 - this.negamax(oppLo, oppHi, maskLo | m, maskHi, plies + 1, 0 - beta, 0 - alpha);
      } else {
        const m = possHi & COLUMN_CELLS[c]!;
        score = 0 - this.negamax(oppLo, oppHi, maskLo, maskHi | m, plies + 1, 0 - beta, 0 - alpha);
      }
      if (score >= beta) {
        this.store(tt, at, check, score, UPPER_BIAS, flip ? 6 - c : c);
        return score;
      }
      if (score > bestScore) {
        bestScore = score;
        bestMove = c;
      }
      if (score > alpha) alpha = score;
    }
    // every move failed low: the best of their bounds bounds this position from above
    this.store(tt, at, check, -LOWER_BIAS, bestScore, flip ? 6 - bestMove : bestMove);
    return bestScore;
  }

  /**
   * Enhanced transposition cutoff: the best score the side to move is sure of from the
   * tables' upper bounds on its children (the opponent's view), if one of them reaches
   * -childAlpha (else -64). The children are the moves `poss` on `mask`, the opponent's
   * stones `opp` being the side to move there.
   */
  private childCutoff(
    oppLo: number, oppHi: number, maskLo: number, maskHi: number, possLo: number, possHi: number,
    childPlies: number, childAlpha: number,
  ): number {
    const tt = childPlies < this.farUntil ? this.far : this.near;
    const entries = tt.entries;
    let best = -64;
    for (let c = 0; c < 7; c++) {
      let kLo: number;
      let kHi: number;
      if (c < 4) {
        const m = possLo & COLUMN_CELLS[c]!;
        if (m === 0) continue;
        kLo = oppLo + (maskLo | m);
        kHi = oppHi + maskHi;
      } else {
        const m = possHi & COLUMN_CELLS[c]!;
        if (m === 0) continue;
        kLo = oppLo + maskLo;
        kHi = oppHi + (maskHi | m);
      }
      if (childPlies < SYMMETRY_PLIES) {
        const mLo = mirrorLo(kLo, kHi);
        const mHi = mirroredHi;
        if (mHi < kHi || (mHi === kHi && mLo < kLo)) {
          kLo = mLo;
          kHi = mHi;
        }
      }
      const y = TranspositionTable.mix(kLo, kHi);
      const at = tt.index(y);
      if (entries[at] !== tt.check(y, kHi)) continue;
      const upper = UPPER_BIAS - ((entries[at + 1]! >>> 6) & 63);
      if (upper <= childAlpha && 0 - upper > best) best = 0 - upper;
    }
    return best;
  }

  /** Merges bounds into the slot if it holds the same position, else replaces it. */
  private store(tt: TranspositionTable, at: number, check: number, lower: number, upper: number, move: number): void {
    const entries = tt.entries;
    if (entries[at] === check) {
      const d = entries[at + 1]!;
      const oldLower = (d & 63) - LOWER_BIAS;
      const oldUpper = UPPER_BIAS - ((d >>> 6) & 63);
      if (oldLower > lower) lower = oldLower;
      if (oldUpper < upper) upper = oldUpper;
      if (move < 0) move = (d >>> MOVE_SHIFT) - 1;
    } else {
      entries[at] = check;
      tt.touch(at);
    }
    entries[at + 1] = ((move + 1) << MOVE_SHIFT) | ((UPPER_BIAS - upper) << 6) | (lower + LOWER_BIAS);
  }
}
