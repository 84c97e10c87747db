/**
 * The game as the page plays it: who is who, whose turn it is, which input is accepted now,
 * what undo takes back, and the position written in the address. Everything but drawing and
 * inference: no DOM, no Pixi, no tfjs — the page asks it what to do and tells it what
 * happened, so it is tested in Node.
 *
 *   mode 'versus'    the person plays `human`, the network the other colour;
 *   mode 'analysis'  the network is off and the person moves for both sides.
 *
 * `busy` is set by the page while a piece falls or the network thinks; every action is
 * refused meanwhile, so a click can never slip in between the network's choice and its move.
 */
import { Game, MoveStringError, WIDTH } from '@c4/engine';
import { pickColumn } from '@c4/engine/policy';
import type { Cell } from '@c4/engine';
import { PLAYERS, playerOfMove } from './players.ts';
import type { Player } from './players.ts';

export type Mode = 'versus' | 'analysis';

/** A move just made, with what the page needs to animate and announce it. */
export interface PlayedMove {
  /** 0-based column. */
  col: number;
  /** Row the piece came to rest in, 0 = bottom. */
  row: number;
  player: Player;
  by: 'human' | 'network';
  /** The move string after the move. */
  moves: string;
}

export type Refusal = 'busy' | 'over' | 'not-your-turn' | 'no-column' | 'full';

export type MoveAttempt = { ok: true; move: PlayedMove } | { ok: false; reason: Refusal; message: string };

/** The URL parameter that holds the move string. */
export const POSITION_PARAM = 'pos';

export interface ControllerOptions {
  /** Source of randomness for the network's sampling (e.g. `makeRng(seed)`). */
  rng: () => number;
}

export class GameController {
  game: Game = Game.empty();
  mode: Mode = 'versus';
  /** The colour the person plays in 'versus' mode. */
  human: Player = 1;
  /** Sampling temperature of the network's choice; 0 = always its most probable column. */
  temperature = 0;
  /** True while a piece falls or the network thinks: all input is refused. */
  busy = false;
  /** False once the model failed to load: only 'analysis' (two people) remains possible. */
  networkAvailable = true;
  /** Why the position asked for could not be set up (a bad `?pos=`), or null. */
  loadError: string | null = null;
  private readonly rng: () => number;

  constructor(options: ControllerOptions) {
    this.rng = options.rng;
  }

  get moves(): string {
    return this.game.moves;
  }

  get toMove(): Player {
    return this.game.position.currentPlayer;
  }

  get isOver(): boolean {
    return this.game.isOver;
  }

  /** The winner, 0 if none (yet, or a draw). */
  get winner(): 0 | Player {
    return this.game.winner;
  }

  get isDraw(): boolean {
    return this.game.position.isDraw();
  }

  winningCells(): Cell[] {
    return this.game.winningCells();
  }

  /** Whether the network is due to move now (it may still be loading: see `networkAvailable`). */
  isNetworkTurn(): boolean {
    return this.mode === 'versus' && !this.isOver && this.toMove !== this.human;
  }

  /**
   * Sets up the position of a move string, e.g. from `?pos=`. A bad string leaves an empty
   * board and a readable `loadError`. The person takes the side to move, so a shared game
   * resumes with them to play.
   */
  loadMoves(moves: string): void {
    this.loadError = null;
    try {
      this.game = Game.fromMoves(moves);
    } catch (e) {
      if (!(e instanceof MoveStringError)) throw e;
      this.game = Game.empty();
      this.loadError = `The address holds a position that cannot be played: ${e.message.replace(/^bad move string /, '')}. Starting from an empty board.`;
    }
    this.human = this.toMove;
  }

  /** Why the person cannot drop a piece in `col` (0-based) now, or null if they can. */
  refusal(col: number): { reason: Refusal; message: string } | null {
    if (this.busy) return { reason: 'busy', message: 'Wait a moment: a piece is still moving.' };
    if (this.isOver) return { reason: 'over', message: 'The game is over: start a new game or undo.' };
    if (this.isNetworkTurn()) return { reason: 'not-your-turn', message: 'It is the network’s turn.' };
    if (!Number.isInteger(col) || col < 0 || col >= WIDTH) return { reason: 'no-column', message: `There is no column ${col + 1}.` };
    if (!this.game.canPlay(col)) return { reason: 'full', message: `Column ${col + 1} is full: choose another one.` };
    return null;
  }

  /** The person drops a piece in `col` (0-based), if allowed now. */
  playHuman(col: number): MoveAttempt {
    const refused = this.refusal(col);
    if (refused) return { ok: false, ...refused };
    return { ok: true, move: this.play(col, 'human') };
  }

  /**
   * The network plays, choosing from its column `probabilities` (illegal columns already at
   * 0) with the current temperature. Precondition: `isNetworkTurn()`.
   */
  playNetwork(probabilities: readonly number[]): PlayedMove {
    if (!this.isNetworkTurn()) throw new Error('playNetwork: it is not the network’s turn');
    const col = pickColumn(probabilities, { temperature: this.temperature, rng: this.rng });
    if (!this.game.canPlay(col)) throw new Error(`playNetwork: the network chose column ${col + 1}, which cannot be played`);
    return this.play(col, 'network');
  }

  private play(col: number, by: PlayedMove['by']): PlayedMove {
    const player = this.toMove;
    const row = this.game.position.height(col);
    this.game.play(col);
    return { col, row, player, by, moves: this.moves };
  }

  /**
   * Whether `undo` would take anything back: in 'versus' mode there must be a move of the
   * person's to take back (the network's opening move alone is not undone, it would simply
   * be played again).
   */
  canUndo(): boolean {
    if (this.busy) return false;
    const count = this.game.columns.length;
    if (this.mode === 'analysis') return count > 0;
    for (let i = count - 1; i >= 0; i--) if (playerOfMove(i) === this.human) return true;
    return false;
  }

  /**
   * Takes back the last move; in 'versus' mode also the network's reply(ies) after the
   * person's last move, so it is the person's turn again. Returns how many moves went.
   */
  undo(): number {
    if (!this.canUndo()) return 0;
    if (this.mode === 'analysis') {
      this.game.undo();
      return 1;
    }
    let taken = 0;
    for (;;) {
      const mover = playerOfMove(this.game.columns.length - 1);
      this.game.undo();
      taken++;
      if (mover === this.human) return taken;
    }
  }

  /** An empty board; in 'versus' mode the person plays first if `humanStarts`. */
  newGame(humanStarts: boolean): void {
    if (this.busy) return;
    this.game = Game.empty();
    this.loadError = null;
    this.human = humanStarts ? 1 : 2;
  }

  /**
   * Switches the network on ('versus') or off ('analysis'). Switched on mid-game, the
   * person keeps the side to move and the network takes the other.
   */
  setMode(mode: Mode): void {
    if (mode === 'versus' && !this.networkAvailable) return;
    if (mode === 'versus' && this.mode !== 'versus' && !this.isOver) this.human = this.toMove;
    this.mode = mode;
  }

  /** The model could not be loaded: from now on two people play. */
  disableNetwork(): void {
    this.networkAvailable = false;
    this.mode = 'analysis';
  }

  /** Name of a player for messages, saying who is who in 'versus' mode. */
  nameOf(player: Player): string {
    if (this.mode === 'analysis') return PLAYERS[player].name;
    return player === this.human ? `You (${PLAYERS[player].name})` : `The network (${PLAYERS[player].name})`;
  }

  /** One line saying whose turn it is, or how the game ended. */
  status(): string {
    if (this.isOver) {
      const winner = this.winner;
      if (winner === 0) return 'Draw: the board is full.';
      if (this.mode === 'analysis') return `${PLAYERS[winner].name} wins.`;
      return winner === this.human ? `You win! (${PLAYERS[winner].name})` : `The network wins (${PLAYERS[winner].name}).`;
    }
    const player = this.toMove;
    if (this.mode === 'analysis') return `${PLAYERS[player].name} to move (two players, network off).`;
    if (player === this.human) return `Your turn (${PLAYERS[player].name}).`;
    return `The network is thinking (${PLAYERS[player].name})…`;
  }

  /** A sentence announcing `move` and, if it ended the game, the result. */
  describe(move: PlayedMove): string {
    const who = move.by === 'network' ? `The network (${PLAYERS[move.player].name})` : this.nameOf(move.player);
    const verb = who.startsWith('You (') ? 'play' : 'plays';
    const sentence = `${who} ${verb} column ${move.col + 1}.`;
    return this.isOver ? `${sentence} ${this.status()}` : sentence;
  }

  /**
   * The board in words for screen readers, column by column from the bottom, e.g.
   * "Column 1 empty. Column 4: Yellow ◯, Red ✕. …".
   */
  describeBoard(): string {
    const position = this.game.position;
    const columns: string[] = [];
    for (let col = 0; col < WIDTH; col++) {
      const stones: string[] = [];
      for (let row = 0; row < position.height(col); row++) stones.push(PLAYERS[position.cell(row, col) as Player].name);
      columns.push(stones.length === 0 ? `Column ${col + 1} empty.` : `Column ${col + 1}, from the bottom: ${stones.join(', ')}.`);
    }
    return columns.join(' ');
  }

  /** `search` (a URL query string) with `pos` set to the current move string, other parameters kept. */
  searchWithPosition(search: string): string {
    const params = new URLSearchParams(search);
    params.set(POSITION_PARAM, this.moves);
    return `?${params.toString()}`;
  }
}
