/**
 * A game in progress: a position plus the moves that led to it, so it can be undone,
 * written as a move string and shown with its winning line.
 */
import { formatMoves, positionFromMoves } from './moves.ts';
import { HEIGHT, Position, WIDTH } from './position.ts';

export type Cell = readonly [row: number, col: number];

const DIRECTIONS: readonly Cell[] = [[0, 1], [1, 0], [1, 1], [1, -1]];

export class Game {
  private history: number[];
  private current: Position;

  private constructor(position: Position, history: number[]) {
    this.current = position;
    this.history = history;
  }

  static empty(): Game {
    return new Game(Position.empty(), []);
  }

  /** Throws `MoveStringError` on an illegal move string. */
  static fromMoves(moves: string): Game {
    const { position, columns } = positionFromMoves(moves);
    return new Game(position, columns);
  }

  /** The current position (do not mutate; `play` and `undo` go through the game). */
  get position(): Position {
    return this.current;
  }

  /** The 1-based move string of the game so far. */
  get moves(): string {
    return formatMoves(this.history);
  }

  get columns(): readonly number[] {
    return this.history;
  }

  get winner(): 0 | 1 | 2 {
    return this.current.winner();
  }

  get isOver(): boolean {
    return this.current.isOver();
  }

  canPlay(col: number): boolean {
    return !this.isOver && col >= 0 && col < WIDTH && this.current.canPlay(col);
  }

  /** Plays `col` (0-based). Throws if the game is over or the column is full. */
  play(col: number): void {
    if (!this.canPlay(col)) {
      throw new Error(this.isOver ? 'the game is over' : `column ${col + 1} is not playable`);
    }
    this.current.play(col);
    this.history.push(col);
  }

  /** Takes back the last move; returns its column, or undefined at the start. */
  undo(): number | undefined {
    const col = this.history.pop();
    if (col === undefined) return undefined;
    this.current = positionFromMoves(this.moves).position;
    return col;
  }

  /** Cells of every four-in-a-row of the winner (row 0 = bottom); empty if nobody won. */
  winningCells(): Cell[] {
    const winner = this.winner;
    if (winner === 0) return [];
    const cells = new Map<string, Cell>();
    const owns = (r: number, c: number) =>
      r >= 0 && r < HEIGHT && c >= 0 && c < WIDTH && this.current.cell(r, c) === winner;
    for (let r = 0; r < HEIGHT; r++) {
      for (let c = 0; c < WIDTH; c++) {
        for (const [dr, dc] of DIRECTIONS) {
          const line: Cell[] = [0, 1, 2, 3].map((k) => [r + k * dr, c + k * dc] as const);
          if (line.every(([lr, lc]) => owns(lr, lc))) {
            for (const cell of line) cells.set(`${cell[0]},${cell[1]}`, cell);
          }
        }
      }
    }
    return [...cells.values()];
  }
}
