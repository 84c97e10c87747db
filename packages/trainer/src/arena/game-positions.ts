/**
 * The positions the agents met in a run's games, for `arena --save-positions`: label them
 * with `generate --positions` and train on them, so that the network learns from the
 * positions its own play leads to (the data-aggregation idea of DAgger) rather than only
 * from sampled games.
 */
import { Position } from '@c4/engine';
import { subjectPlaysFirst } from './match.ts';
import type { ArenaReport } from './report.ts';

/** Whose moves' positions to list: both agents', or the subject's only (the net being trained). */
export type SavedMover = 'all' | 'subject';
export const SAVED_MOVERS: readonly SavedMover[] = ['all', 'subject'];

export interface GamePosition {
  /** The moves of its first occurrence. */
  moves: string;
  /** How many times an agent moved in it (or its mirror) over the run's games. */
  visits: number;
}

/**
 * Every position at which an agent chose a move (from the end of the opening up to the
 * position before the last move), once each counting mirrors as one, in game order. The
 * empty board is left out: a move string cannot be empty on a line. With `mover:
 * 'subject'` only the positions where the subject moved are listed and counted: the ones
 * whose labels can correct the net, where exact labels in the opening are dear.
 *
 * Visits matter from the empty board: a greedy net meets the same few early positions in
 * every game, so weighting them by visits (as DAgger's aggregated data does) is what makes
 * them count against thousands of positions met once.
 */
export function gamePositions(report: ArenaReport, mover: SavedMover = 'all'): GamePosition[] {
  const byKey = new Map<number, GamePosition>();
  for (const pairing of report.pairings) {
    for (const game of pairing.games) {
      const position = Position.fromMoves(game.opening);
      const subjectParity = subjectPlaysFirst(game.game) ? 0 : 1;
      for (let ply = game.opening.length; ply < game.moves.length; ply++) {
        if (mover === 'all' || ply % 2 === subjectParity) {
          const key = position.canonicalKey();
          const known = byKey.get(key);
          if (known) known.visits++;
          else if (ply > 0) byKey.set(key, { moves: game.moves.slice(0, ply), visits: 1 });
        }
        position.play(Number(game.moves[ply]) - 1);
      }
    }
  }
  return [...byKey.values()];
}

/** The `--save-positions` file: `moves visits` per line (readers of position lists take the first word). */
export function formatGamePositions(positions: readonly GamePosition[]): string {
  return positions.map((p) => `${p.moves} ${p.visits}\n`).join('');
}
