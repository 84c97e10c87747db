/**
 * A list of positions to label instead of sampled games (`generate --positions <file>`):
 * one move string per line (its first word, so a benchmark file `<moves> <score>` works;
 * `-` alone is the empty board), blank lines and `#` comments ignored — the format of
 * `arena --openings` and of `arena --save-positions`, so the positions a network met in
 * its own games can be labelled and trained on.
 *
 * Candidate k is the list's line k; repeats (mirrors included) are dropped downstream as
 * for sampled games, so the dataset holds each listed position once, in list order.
 */
import { MoveStringError, moveStringLines, Position } from '@c4/engine';
import type { Candidate } from './sampler.ts';

export class PositionListError extends Error {
  constructor(readonly file: string, readonly line: number, reason: string) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'PositionListError';
  }
}

export interface PositionList {
  readonly file: string;
  /** Candidates in file order (repeats still in). */
  readonly candidates: readonly Candidate[];
  /** Positions counting a position and its mirror once. */
  readonly distinct: number;
}

/** Parses a position list. Throws `PositionListError` naming the first bad line: an unplayable move string or a finished game. */
export function parsePositionList(text: string, file: string): PositionList {
  const candidates: Candidate[] = [];
  const keys = new Set<number>();
  for (const { line, moves } of moveStringLines(text)) {
    let position: Position;
    try {
      position = Position.fromMoves(moves);
    } catch (e) {
      throw new PositionListError(file, line, e instanceof MoveStringError ? e.message : String(e));
    }
    if (position.isOver()) throw new PositionListError(file, line, `"${moves}" is a finished game: there is no move to label`);
    const key = position.canonicalKey();
    keys.add(key);
    candidates.push({ index: candidates.length, moves, key, ply: position.plies, guided: false });
  }
  if (candidates.length === 0) throw new PositionListError(file, 1, 'the file lists no position');
  return { file, candidates, distinct: keys.size };
}
