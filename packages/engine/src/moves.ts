/**
 * Move strings: the 1-based columns played from the empty board, e.g. "4453" — the
 * notation of the standard solver benchmark sets.
 */
import { HEIGHT, Position, WIDTH } from './position.ts';

/** A move string that cannot be played; the message names the move and the reason. */
const COLUMN_DIGITS = '1234567';

export class MoveStringError extends Error {
  /** 1-based index of the offending character. */
  readonly index: number;
  constructor(moves: string, index: number, reason: string) {
    super(`bad move string "${moves}": move ${index} ${reason}`);
    this.name = 'MoveStringError';
    this.index = index;
  }
}

/**
 * Replays a move string from the empty board, refusing any character that is not a
 * column 1-7, a move into a full column and a move after the game was won.
 */
export function positionFromMoves(moves: string): { position: Position; columns: number[] } {
  const position = Position.empty();
  const columns: number[] = [];
  for (let i = 0; i < moves.length; i++) {
    const ch = moves[i]!;
    const col = COLUMN_DIGITS.indexOf(ch);
    if (col < 0) {
      throw new MoveStringError(moves, i + 1, `('${ch}') is not a column 1-7`);
    }
    const winner = position.winner();
    if (winner !== 0) {
      throw new MoveStringError(moves, i + 1, `('${ch}') comes after player ${winner} has already won`);
    }
    if (position.plies === WIDTH * HEIGHT) {
      throw new MoveStringError(moves, i + 1, `('${ch}') comes after the board is full`);
    }
    if (!position.canPlay(col)) {
      throw new MoveStringError(moves, i + 1, `('${ch}') is played into column ${ch}, which is full`);
    }
    position.play(col);
    columns.push(col);
  }
  return { position, columns };
}

/** 0-based columns of a valid move string. Throws `MoveStringError` otherwise. */
export function parseMoves(moves: string): number[] {
  return positionFromMoves(moves).columns;
}

/** The move string of 0-based columns. */
export function formatMoves(columns: readonly number[]): string {
  return columns.map((c) => String(c + 1)).join('');
}

/** The column a player of the mirrored position plays for `col`. */
export function mirrorColumn(col: number): number {
  return WIDTH - 1 - col;
}

/** Columns from the centre outwards: the order in which ties are broken and moves tried. */
export const CENTRE_ORDER: readonly number[] = [3, 2, 4, 1, 5, 0, 6];

/**
 * The move strings of a position-list file (`arena --openings`, `generate --positions`),
 * with their 1-based line numbers: the first word of each line (so a benchmark file
 * `<moves> <score>` works), `-` alone for the empty board; `#` comments and blank lines
 * skipped. The strings are not checked here: callers report bad ones with their line.
 */
export function moveStringLines(text: string): { line: number; moves: string }[] {
  const out: { line: number; moves: string }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const content = raw.replace(/#.*/, '').trim();
    if (content === '') return;
    const word = content.split(/\s+/)[0];
    out.push({ line: i + 1, moves: word === '-' ? '' : word });
  });
  return out;
}
