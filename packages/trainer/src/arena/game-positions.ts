/**
 * The positions the agents met in a run's games, for `arena --save-positions`: label them
 * with `generate --positions` and train on them, so that the network learns from the
 * positions its own play leads to (the data-aggregation idea of DAgger) rather than only
 * from sampled games.
 */
import { Position } from '@c4/engine';
import type { ArenaReport } from './report.ts';

/**
 * Every position at which an agent chose a move (from the end of the opening up to the
 * position before the last move), once each counting mirrors as one, in game order, as
 * move strings. The empty board is left out: a move string cannot be empty on a line.
 */
export function gamePositions(report: ArenaReport): string[] {
  const seen = new Set<number>();
  const out: string[] = [];
  for (const pairing of report.pairings) {
    for (const game of pairing.games) {
      const position = Position.fromMoves(game.opening);
      for (let ply = game.opening.length; ply < game.moves.length; ply++) {
        const key = position.canonicalKey();
        if (ply > 0 && !seen.has(key)) {
          seen.add(key);
          out.push(game.moves.slice(0, ply));
        }
        position.play(Number(game.moves[ply]) - 1);
      }
    }
  }
  return out;
}
