/**
 * The exact Connect Four solver: the public face of the search.
 *
 * Scores follow the convention of scores.ts (positive: the side to move wins, the sooner
 * the higher; 0: draw; negative: it loses). `nodes` counts the negamax calls of the last
 * request, the measure the reference solver reports.
 */
import { bestFromScores, type Position } from '@c4/engine';
import { BOARD_HI, BOARD_LO, BOTTOM_HI, BOTTOM_LO, columnCells, winningHi, winningLo } from './bitboard.ts';
import { lossNextScore, outcome, winNowScore } from './scores.ts';
import { NOT_IN_BOOK, type OpeningBook } from './opening-book.ts';
import { Search } from './search.ts';

export interface SolverOptions {
  /** log2 of the big transposition table's entries (default 24: 16 M entries × 8 bytes = 128 MB; in a browser use ~20, 8 MB). A fixed 2 MB table comes on top. */
  ttLog2?: number;
  /** Exact scores of early positions (see opening-book.ts); null or absent: none. */
  book?: OpeningBook | null;
}

export interface SolveOptions {
  /** Only the sign of the score: 1 win, 0 draw, -1 loss. Much cheaper. */
  weak?: boolean;
}

export const DEFAULT_TT_LOG2 = 24;

export class Solver {
  /** Nodes explored by the last solve / analyze / bestMove. */
  nodes = 0;
  private readonly search: Search;

  constructor(options: SolverOptions = {}) {
    this.search = new Search(options.ttLog2 ?? DEFAULT_TT_LOG2, options.book ?? null);
  }

  /** Forgets everything learnt (clears the transposition table). */
  reset(): void {
    this.search.clear();
  }

  /** Exact score of the position (or its sign with `weak`). Precondition: the game is not over. */
  solve(position: Position, options: SolveOptions = {}): number {
    assertPlayable(position);
    this.search.nodes = 0;
    const p = position;
    const score = this.solveWords(p.curLo, p.curHi, p.maskLo, p.maskHi, p.plies, options.weak === true);
    this.nodes = this.search.nodes;
    return score;
  }

  /**
   * Exact score of each column for the side to move (null: full column); with `weak`, its
   * sign. A move that wins at once scores winNowScore(plies); any other move scores
   * -solve(position after it). Precondition: the game is not over.
   */
  analyze(position: Position, options: SolveOptions = {}): (number | null)[] {
    const weak = options.weak === true;
    assertPlayable(position);
    this.search.nodes = 0;
    const { curLo, curHi, maskLo, maskHi, plies } = position;
    const scores: (number | null)[] = [];
    const winLo = winningLo(curLo, curHi) & (BOARD_LO ^ maskLo);
    const winHi = winningHi(curLo, curHi) & (BOARD_HI ^ maskHi);
    const possLo = (maskLo + BOTTOM_LO) & BOARD_LO;
    const possHi = (maskHi + BOTTOM_HI) & BOARD_HI;
    for (let c = 0; c < 7; c++) {
      const lo = c < 4;
      const m = (lo ? possLo : possHi) & columnCells(c);
      if (m === 0) {
        scores.push(null);
      } else if (((lo ? winLo : winHi) & m) !== 0) {
        scores.push(weak ? 1 : winNowScore(plies));
      } else {
        const childMaskLo = lo ? maskLo | m : maskLo;
        const childMaskHi = lo ? maskHi : maskHi | m;
        scores.push(0 - this.solveWords(curLo ^ maskLo, curHi ^ maskHi, childMaskLo, childMaskHi, plies + 1, weak));
      }
    }
    this.nodes = this.search.nodes;
    return scores;
  }

  /** The best column (0-6), ties towards the centre. Precondition: the game is not over. */
  bestMove(position: Position): number {
    return bestFromScores(this.analyze(position));
  }

  /** Null-window iterative deepening: a binary search on the score. */
  private solveWords(curLo: number, curHi: number, maskLo: number, maskHi: number, plies: number, weak: boolean): number {
    if (plies >= 42) return 0;
    const winLo = winningLo(curLo, curHi) & (BOARD_LO ^ maskLo) & ((maskLo + BOTTOM_LO) & BOARD_LO);
    const winHi = winningHi(curLo, curHi) & (BOARD_HI ^ maskHi) & ((maskHi + BOTTOM_HI) & BOARD_HI);
    if ((winLo | winHi) !== 0) return weak ? 1 : winNowScore(plies);
    if (plies <= this.search.bookMaxPly) {
      const known = this.search.bookScore(curLo, curHi, maskLo, maskHi);
      if (known !== NOT_IN_BOOK) return weak ? outcome(known) : known;
    }
    this.search.setRoot(plies);
    let min = weak ? -1 : lossNextScore(plies);
    let max = weak ? 1 : winNowScore(plies);
    // start from what the table already knows of this position (e.g. from an earlier analysis)
    this.search.readBounds(curLo, curHi, maskLo, maskHi, plies);
    if (this.search.storedLower > min) min = this.search.storedLower;
    if (this.search.storedUpper < max) max = this.search.storedUpper;
    while (min < max) {
      let med = min + ((max - min) >> 1);
      // probe near zero first: most positions are close to a draw
      if (med <= 0 && ((min / 2) | 0) < med) med = (min / 2) | 0;
      else if (med >= 0 && ((max / 2) | 0) > med) med = (max / 2) | 0;
      const r = this.search.negamax(curLo, curHi, maskLo, maskHi, plies, med, med + 1);
      if (r <= med) max = r;
      else min = r;
    }
    return weak ? outcome(min) : min;
  }
}

function assertPlayable(position: Position): void {
  if (position.isOver()) {
    const w = position.winner();
    throw new Error(w === 0 ? 'the game is over: the board is full (draw)' : `the game is over: player ${w} has won`);
  }
}
