/**
 * Histograms of a dataset: what the stats file beside it reports and what a reader
 * checks before training (is every stage of the game covered? are best moves balanced?).
 */
import type { PositionRecord } from '@c4/engine';

export interface DatasetHistograms {
  /** Records per ply (index = ply, 0-41). */
  readonly plies: number[];
  /** Records per best move (index = column 0-6). */
  readonly bestMoves: number[];
  /** Records per score of the best move: [score, records] pairs, ascending by score. */
  readonly scores: [number, number][];
  /** Records by outcome under perfect play for the side to move. */
  readonly outcomes: { win: number; draw: number; loss: number };
  /** Records by side to move. */
  readonly players: { first: number; second: number };
}

/** The fields of a record the histograms read (kept per position while a run goes, instead of whole records). */
export type RecordFacts = Pick<PositionRecord, 'moves' | 'ply' | 'player' | 'score' | 'best'>;

export function recordFacts(r: PositionRecord): RecordFacts {
  return { moves: r.moves, ply: r.ply, player: r.player, score: r.score, best: r.best };
}

export function datasetHistograms(records: Iterable<RecordFacts>): DatasetHistograms {
  const plies = new Array<number>(42).fill(0);
  const bestMoves = new Array<number>(7).fill(0);
  const scoreCounts = new Map<number, number>();
  const outcomes = { win: 0, draw: 0, loss: 0 };
  const players = { first: 0, second: 0 };
  for (const r of records) {
    plies[r.ply]!++;
    bestMoves[r.best]!++;
    scoreCounts.set(r.score, (scoreCounts.get(r.score) ?? 0) + 1);
    if (r.score > 0) outcomes.win++;
    else if (r.score < 0) outcomes.loss++;
    else outcomes.draw++;
    if (r.player === 1) players.first++;
    else players.second++;
  }
  const scores = [...scoreCounts.entries()].sort((a, b) => a[0] - b[0]);
  return { plies, bestMoves, scores, outcomes, players };
}
