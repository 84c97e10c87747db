/**
 * The candidate stream: an endless, deterministic sequence of positions, candidate k
 * depending only on (seed, k) — never on workers, shards or timing:
 *
 *   k ──hash(k, seed)──▶ rng ──▶ game kind (random | guided) and target ply
 *                              └▶ play moves from the empty board up to the target ply
 *
 * A game is stopped at its target ply, and a game that ends (a four) before it is
 * replayed, so no candidate is ever a finished position (the target is at most 41, so
 * the board is never full). Duplicates, counting a position and its mirror as one, are
 * removed downstream (work-plan.ts).
 */
import { formatMoves, hashKey, makeRng, Position } from '@c4/engine';
import { drawPly } from './ply-spread.ts';
import { randomMove, strongMove } from './playout-policy.ts';
import type { SamplingOptions } from './sampling-options.ts';

export interface Candidate {
  /** Index in the stream. */
  readonly index: number;
  /** Move string of the position (1-based columns). */
  readonly moves: string;
  /** Canonical key: equal for a position and its mirror. */
  readonly key: number;
  readonly ply: number;
  /** Whether the game was guided (else uniformly random). */
  readonly guided: boolean;
}

/** Games tried per candidate before giving up on its target ply. */
const MAX_GAMES = 20;

/**
 * Candidate `index` of the stream. A game that ends before the target ply is replaced by
 * another (same kind, same target, the random numbers going on), so the plies of the
 * candidates follow the spread; null only if MAX_GAMES games all ended early.
 */
export function sampleCandidate(index: number, options: SamplingOptions): Candidate | null {
  const rng = makeRng(hashKey(index, options.seed));
  const guided = rng() < options.guided;
  const target = drawPly(options.plies, rng);
  for (let game = 0; game < MAX_GAMES; game++) {
    const moves = playTo(target, guided ? options.skill : 0, rng);
    if (moves === null) continue;
    const position = Position.fromMoves(moves);
    return { index, moves, key: position.canonicalKey(), ply: target, guided };
  }
  return null;
}

/** Move string of a game played to `ply`, each move strong with probability `skill`; null if it ends earlier. */
function playTo(ply: number, skill: number, rng: () => number): string | null {
  const position = Position.empty();
  const columns: number[] = [];
  while (position.plies < ply) {
    const strong = skill > 0 && rng() < skill;
    const col = strong ? strongMove(position, rng) : randomMove(position, rng);
    if (position.isWinningMove(col)) return null;
    position.play(col);
    columns.push(col);
  }
  return formatMoves(columns);
}
