/**
 * Where arena games start. Games come in pairs: games 2k and 2k + 1 of every pairing start
 * from the same opening k, each agent playing first in one of them, so neither colour nor a
 * lucky opening favours either side. Opening k is the same in every pairing of a run.
 *
 * - random (default): 2-4 uniformly random plies, opening k a pure function of (seed, k);
 *   no ply makes four, and an opening that two moves decide (see `decidedInTwo`) is drawn
 *   again, so the random plies, which stand in for both agents, do not decide the game
 *   before the agents play. Openings are distinct up to mirroring while that is easy to
 *   find (50 tries each).
 * - a list (`--openings file`): one move string per line, used in order and cycled.
 * - the empty board (`--from-empty`).
 */
import { formatMoves, hashKey, makeRng, MoveStringError, moveStringLines, Position, randomInt } from '@c4/engine';

export type OpeningSource =
  | { kind: 'random'; minPlies: number; maxPlies: number }
  | { kind: 'list'; moves: readonly string[]; source: string }
  | { kind: 'empty' };

export const DEFAULT_OPENING_PLIES = { minPlies: 2, maxPlies: 4 } as const;

/** An opening that cannot be used; the message says which and why. */
export class OpeningError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OpeningError';
  }
}

const DISTINCT_TRIES = 50;

/** The move strings of openings 0 … count − 1. */
export function chooseOpenings(source: OpeningSource, count: number, seed: number): string[] {
  switch (source.kind) {
    case 'empty':
      return new Array<string>(count).fill('');
    case 'list':
      if (source.moves.length === 0) throw new OpeningError(`${source.source}: no openings`);
      return Array.from({ length: count }, (_, k) => source.moves[k % source.moves.length]);
    case 'random': {
      const seen = new Set<number>();
      return Array.from({ length: count }, (_, k) => {
        const rng = makeRng(hashKey(k, seed));
        let moves = '';
        for (let attempt = 0; attempt < DISTINCT_TRIES; attempt++) {
          moves = randomOpening(rng, source.minPlies, source.maxPlies);
          const key = Position.fromMoves(moves).canonicalKey();
          if (!seen.has(key)) {
            seen.add(key);
            break;
          }
        }
        return moves;
      });
    }
  }
}

/** `minPlies`–`maxPlies` random plies, none making four, leaving a position two moves do not decide. */
export function randomOpening(rng: () => number, minPlies: number, maxPlies: number): string {
  const plies = minPlies + randomInt(rng, maxPlies - minPlies + 1);
  for (;;) {
    const position = Position.empty();
    const columns: number[] = [];
    while (columns.length < plies) {
      const quiet = position.legalMoves().filter((c) => !position.isWinningMove(c));
      if (quiet.length === 0) break;
      const c = quiet[randomInt(rng, quiet.length)];
      position.play(c);
      columns.push(c);
    }
    if (columns.length === plies && !position.isOver() && !decidedInTwo(position)) return formatMoves(columns);
  }
}

/**
 * Whether the game is decided within the next two moves of the side to move: it wins at
 * once; or it has a move after which every reply leaves it a winning move (a double threat,
 * an open three on the bottom row); or every move it has lets the opponent win at once.
 * Any agent that looks two plies ahead settles such a game, so it measures the opening's
 * dice rather than the agents (a 4-ply random opening can hand `random` an open three).
 */
export function decidedInTwo(position: Position): boolean {
  const moves = position.legalMoves();
  if (moves.some((c) => position.isWinningMove(c))) return true;
  const after = moves.map((c) => position.clone().play(c));
  const opponentWinsAtOnce = (p: Position) => p.legalMoves().some((r) => p.isWinningMove(r));
  if (after.every(opponentWinsAtOnce)) return true;
  return after.some((p) => {
    const replies = p.legalMoves();
    return replies.length > 0 && replies.every((r) => {
      if (p.isWinningMove(r)) return false;
      const next = p.clone().play(r);
      return next.legalMoves().some((w) => next.isWinningMove(w));
    });
  });
}

/**
 * Parses `min-max` (or one number) of random opening plies. A random opening must leave the
 * game open, which deep random play rarely does: at most 20 plies.
 */
export function parseOpeningPlies(text: string): { minPlies: number; maxPlies: number } {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  const minPlies = match ? Number(match[1]) : NaN;
  const maxPlies = match ? Number(match[2] ?? match[1]) : NaN;
  if (!(minPlies >= 0 && maxPlies >= minPlies && maxPlies <= 20)) {
    throw new OpeningError(`bad opening plies "${text}": expected min-max with 0 ≤ min ≤ max ≤ 20, e.g. 2-4`);
  }
  return { minPlies, maxPlies };
}

/**
 * The openings of a file: the first word of each line is a move string (so the solver's
 * benchmark files, `<moves> <score>`, work as they are); blank lines and lines starting with
 * '#' are skipped; a line that is `-` alone is the empty board. Throws `OpeningError`
 * naming the line of a bad or finished position.
 */
export function parseOpeningsText(text: string, source: string): string[] {
  const openings: string[] = [];
  for (const { line, moves } of moveStringLines(text)) {
    let position: Position;
    try {
      position = Position.fromMoves(moves);
    } catch (e) {
      if (e instanceof MoveStringError) throw new OpeningError(`${source}:${line}: ${e.message}`);
      throw e;
    }
    if (position.isOver()) throw new OpeningError(`${source}:${line}: opening "${moves}" is already finished`);
    openings.push(moves);
  }
  if (openings.length === 0) throw new OpeningError(`${source}: no openings (one move string per line)`);
  return openings;
}
