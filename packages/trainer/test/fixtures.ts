/**
 * Small labelled datasets for the trainer's tests: positions from seeded random play, each
 * scored exactly by @c4/minimax's solver (plies ≥ 16, where a solve takes milliseconds).
 */
import { formatMoves, makeRecord, makeRng, Position, randomInt } from '@c4/engine';
import type { PositionRecord } from '@c4/engine';
import { Solver } from '@c4/minimax';

/** A random, unfinished game of `plies` stones (none of them an immediate win), or undefined. */
function randomGame(plies: number, rng: () => number): string | undefined {
  const p = Position.empty();
  const cols: number[] = [];
  while (cols.length < plies) {
    const legal = p.legalMoves().filter((c) => !p.isWinningMove(c));
    if (legal.length === 0) return undefined;
    const c = legal[randomInt(rng, legal.length)];
    p.play(c);
    cols.push(c);
  }
  return formatMoves(cols);
}

let solver: Solver | undefined;

/** `count` distinct (up to mirroring) solver-labelled records, plies in [minPly, maxPly]. */
export function solvedRecords(count: number, seed = 1, minPly = 16, maxPly = 32): PositionRecord[] {
  solver ??= new Solver({ ttLog2: 20 });
  const rng = makeRng(seed);
  const seen = new Set<number>();
  const records: PositionRecord[] = [];
  while (records.length < count) {
    const moves = randomGame(minPly + randomInt(rng, maxPly - minPly + 1), rng);
    if (moves === undefined) continue;
    const key = Position.fromMoves(moves).canonicalKey();
    if (seen.has(key)) continue;
    seen.add(key);
    // The solver may return -0 for a draw (a negated 0); JSON has no -0, so store what a file would give.
    const scores = solver.analyze(Position.fromMoves(moves)).map((s) => (s === null ? null : s + 0));
    records.push(makeRecord(moves, scores));
  }
  return records;
}

export function toJsonl(records: readonly PositionRecord[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n') + '\n';
}
