/**
 * One labelled position of the dataset: a JSON object per line of a .jsonl file.
 *
 *   {"moves":"4453","grid":[[0,…],…],"ply":4,"player":1,"score":2,
 *    "scores":[-1,0,2,1,null,…],"best":2}
 *
 * grid: 6 rows × 7, top row first (0 empty, 1 first player, 2 second player);
 * scores: exact score of each column for the side to move (null: full column);
 * best: the class label, the highest score with ties broken towards the centre.
 */
import { CENTRE_ORDER, MoveStringError, positionFromMoves } from './moves.ts';
import { WIDTH } from './position.ts';

export interface PositionRecord {
  moves: string;
  grid: number[][];
  ply: number;
  player: 1 | 2;
  score: number;
  scores: (number | null)[];
  best: number;
}

export class RecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordError';
  }
}

/** The column with the highest score, ties broken towards the centre. Precondition: some score is not null. */
export function bestFromScores(scores: readonly (number | null)[]): number {
  let best = -1;
  for (const c of CENTRE_ORDER) {
    const s = scores[c];
    if (s === null || s === undefined) continue;
    if (best < 0 || s > scores[best]!) best = c;
  }
  return best;
}

/** Parses one dataset line and checks it against its own move string. Throws `RecordError`. */
export function parseRecord(line: string): PositionRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new RecordError('not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RecordError('not a JSON object');
  const r = value as Record<string, unknown>;
  if (typeof r.moves !== 'string') throw new RecordError('"moves" is not a string');
  let position;
  try {
    position = positionFromMoves(r.moves).position;
  } catch (e) {
    throw new RecordError(e instanceof MoveStringError ? e.message : String(e));
  }
  if (position.isOver()) throw new RecordError(`"moves" ${r.moves} is a finished game`);
  if (r.ply !== position.plies) throw new RecordError(`"ply" is ${String(r.ply)}, the moves give ${position.plies}`);
  if (r.player !== position.currentPlayer) {
    throw new RecordError(`"player" is ${String(r.player)}, the moves give ${position.currentPlayer}`);
  }
  if (JSON.stringify(r.grid) !== JSON.stringify(position.grid())) throw new RecordError('"grid" does not match "moves"');
  const scores = r.scores;
  if (!Array.isArray(scores) || scores.length !== WIDTH) throw new RecordError('"scores" is not an array of 7');
  for (let c = 0; c < WIDTH; c++) {
    const s = scores[c];
    const playable = position.canPlay(c);
    if (playable && !Number.isInteger(s)) throw new RecordError(`"scores"[${c}] is not an integer`);
    if (!playable && s !== null) throw new RecordError(`"scores"[${c}] should be null: the column is full`);
  }
  const best = bestFromScores(scores as (number | null)[]);
  if (r.best !== best) throw new RecordError(`"best" is ${String(r.best)}, the scores give ${best}`);
  if (r.score !== scores[best]) throw new RecordError(`"score" is ${String(r.score)}, the best move scores ${scores[best]}`);
  return r as unknown as PositionRecord;
}

/** Builds the record of a position from its move string and move scores. */
export function makeRecord(moves: string, scores: readonly (number | null)[]): PositionRecord {
  const { position } = positionFromMoves(moves);
  const best = bestFromScores(scores);
  return {
    moves,
    grid: position.grid(),
    ply: position.plies,
    player: position.currentPlayer,
    score: scores[best]!,
    scores: [...scores],
    best,
  };
}
