/**
 * Arena games: the plan (which agents meet, from which opening, with which colours and
 * seeds) and the playing of one game.
 *
 * A run pits the subject (the first agent named) against each opponent: one pairing per
 * opponent, `games` games each. Game g of a pairing starts from opening ⌊g/2⌋; the subject
 * plays first in the even games and second in the odd ones. Each side draws its random
 * choices from its own generator, seeded by (seed, pairing, game, side), so a game is the
 * same whoever plays it, in whatever order, on however many workers.
 */
import { formatMoves, hashKey, makeRng, Position } from '@c4/engine';
import { createAgent } from './agents.ts';
import type { AgentContext, AgentSpec } from './agents.ts';
import type { Analyst } from './analyst.ts';
import { checkMoves } from './optimality.ts';
import type { MoveCheck } from './optimality.ts';

export interface GameTask {
  pairing: number;
  /** Index of the game in its pairing. */
  game: number;
  opening: string;
  first: AgentSpec;
  second: AgentSpec;
  /** Whether the pairing's subject is `first` (else it is `second`). */
  subjectFirst: boolean;
  seed: number;
  /** Check the moves of net agents made at this ply or later; null: no check. */
  checkFrom: number | null;
}

export interface SideRecord {
  agent: string;
  moves: number;
  /** Thinking time, milliseconds, all its moves together. */
  ms: number;
  /** Only for a net agent, when moves are checked. */
  check?: MoveCheck;
}

export interface GameRecord {
  pairing: number;
  game: number;
  opening: string;
  /** The whole game from the empty board, 1-based columns: replay it with `?pos=<moves>`. */
  moves: string;
  subjectFirst: boolean;
  /** 1 the first player won, 2 the second, 0 draw. */
  winner: 0 | 1 | 2;
  first: SideRecord;
  second: SideRecord;
  /** Milliseconds spent checking moves with the solver. */
  checkMs: number;
}

/** Whether the subject plays first in game `game` of a pairing (the even games). */
export function subjectPlaysFirst(game: number): boolean {
  return game % 2 === 0;
}

/** The games of a run, pairing by pairing. `openings[k]` starts games 2k and 2k + 1. */
export function planGames(subject: AgentSpec, opponents: readonly AgentSpec[], games: number, openings: readonly string[], seed: number, checkFrom: number | null): GameTask[] {
  if (openings.length < Math.ceil(games / 2)) throw new Error(`${games} games need ${Math.ceil(games / 2)} openings, got ${openings.length}`);
  const tasks: GameTask[] = [];
  opponents.forEach((opponent, pairing) => {
    for (let game = 0; game < games; game++) {
      const subjectFirst = subjectPlaysFirst(game);
      tasks.push({
        pairing, game, opening: openings[game >> 1], seed, checkFrom, subjectFirst,
        first: subjectFirst ? subject : opponent,
        second: subjectFirst ? opponent : subject,
      });
    }
  });
  return tasks;
}

/** Plays one game to its end. Nets are checked with `context.analyst()` when the task asks. */
export function playGame(task: GameTask, context: AgentContext): GameRecord {
  const agents = [createAgent(task.first, context), createAgent(task.second, context)];
  const rngs = [1, 2].map((side) => makeRng(hashKey((task.pairing * 2 ** 21 + task.game) * 2 + side, task.seed)));
  const start = Position.fromMoves(task.opening);
  const position = start.clone();
  const columns: number[] = [];
  const sides: SideRecord[] = agents.map((a) => ({ agent: a.spec.name, moves: 0, ms: 0 }));
  while (!position.isOver()) {
    const turn = position.currentPlayer - 1;
    const began = performance.now();
    const col = agents[turn].chooseMove(position, rngs[turn]);
    sides[turn].ms += performance.now() - began;
    sides[turn].moves++;
    if (!(Number.isInteger(col) && col >= 0 && col < 7 && position.canPlay(col))) {
      throw new Error(`${agents[turn].spec.name} chose column ${col} in position "${task.opening}${formatMoves(columns)}", which is not playable`);
    }
    position.play(col);
    columns.push(col);
  }
  const checkStarted = performance.now();
  if (task.checkFrom !== null) {
    const analyst: Analyst = context.analyst();
    agents.forEach((agent, turn) => {
      if (agent.spec.kind === 'net') sides[turn].check = checkMoves(analyst, start, columns, (turn + 1) as 1 | 2, task.checkFrom!);
    });
  }
  return {
    pairing: task.pairing, game: task.game, opening: task.opening, moves: task.opening + formatMoves(columns),
    subjectFirst: task.subjectFirst, winner: position.winner(), first: sides[0], second: sides[1],
    checkMs: performance.now() - checkStarted,
  };
}
