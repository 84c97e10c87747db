/**
 * The test's stand-in for a casual person: takes an immediate win only half the time (so games
 * against a weak network last long enough to time many replies), otherwise keeps to moves
 * after which the opponent cannot win at once (that blocks its threats and sets none up),
 * chosen at random by a seeded rng. Every game still ends: the board fills up.
 */
import { Position } from '@c4/engine';

export function humanMove(moves: string, rng: () => number): number {
  const position = Position.fromMoves(moves);
  const legal = position.legalMoves();
  const win = legal.find((c) => position.isWinningMove(c));
  if (win !== undefined && rng() < 0.5) return win;
  const opponentCanWin = (p: Position) => p.legalMoves().some((c) => p.isWinningMove(c));
  const safe = legal.filter((c) => !position.isWinningMove(c) && !opponentCanWin(position.clone().play(c)));
  const pool = safe.length > 0 ? safe : legal;
  return pool[Math.floor(rng() * pool.length)];
}
