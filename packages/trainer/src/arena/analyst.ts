/**
 * The exact solver with a memory, shared by the `solver` agent and the optimality check of
 * a game.
 *
 * Exact analysis is by far the dearest thing the arena does (measured on this project's
 * solver: ~0.1 s at ply 12, ~25 s at ply 7, ~4 min at ply 6, all 7 columns), and games
 * meet the same positions again: both colours start from the same opening, a greedy net
 * repeats itself, the check asks about positions the solver agent has just analysed. So
 * every answer is remembered, keyed by the position up to mirroring, together with what
 * it implies:
 *
 *     analyze(P) = scores s₀…s₆   ⇒   value(P) = max sᵢ,   value(P + i) = −sᵢ
 *
 * `valueClass` (win / draw / loss) is answered from that memory when it can, else by a
 * weak solve (only the sign: about 10× cheaper than an exact score in the opening).
 */
import type { Position } from '@c4/engine';
import { Solver } from '@c4/minimax';

/** −1 the side to move loses, 0 draw, 1 it wins (with perfect play on both sides). */
export type ValueClass = -1 | 0 | 1;

interface Known {
  /** Exact scores of the 7 columns, for the canonical orientation (see `orient`). */
  scores?: (number | null)[];
  /** Exact score of the position for the side to move. */
  value?: number;
  valueClass?: ValueClass;
}

/** Past this many remembered positions the memory starts afresh (under 100 MB per worker: 64 MB measured for 500 000 analyses). */
const MAX_KNOWN = 500_000;

export class Analyst {
  /** Solver calls made (cache misses), by kind. */
  readonly calls = { analyze: 0, weak: 0 };
  /** Milliseconds spent in the solver. */
  solverMs = 0;
  private readonly known = new Map<number, Known>();

  constructor(private readonly solver: Solver = new Solver()) {}

  /**
   * Exact score of each column for the side to move, `null` for a full column (as
   * `Solver.analyze`). Precondition: the game is not over.
   */
  analyze(position: Position): (number | null)[] {
    const { key, mirrored } = orient(position);
    const entry = this.known.get(key);
    if (entry?.scores) return mirrored ? [...entry.scores].reverse() : [...entry.scores];
    const started = performance.now();
    // The solver may answer -0 for a draw (a negated 0): normalise, JSON has no -0.
    const scores = this.solver.analyze(position).map((s) => (s === null ? null : s + 0));
    this.solverMs += performance.now() - started;
    this.calls.analyze++;
    this.learnAnalysis(position, scores);
    return scores;
  }

  /** Win / draw / loss for the side to move. Precondition: the game is not over. */
  valueClass(position: Position): ValueClass {
    const { key } = orient(position);
    const entry = this.known.get(key);
    if (entry?.valueClass !== undefined) return entry.valueClass;
    const started = performance.now();
    const cls = (Math.sign(this.solver.solve(position, { weak: true })) + 0) as ValueClass;
    this.solverMs += performance.now() - started;
    this.calls.weak++;
    this.remember(key, { valueClass: cls });
    return cls;
  }

  /** Positions remembered. */
  get size(): number {
    return this.known.size;
  }

  private learnAnalysis(position: Position, scores: (number | null)[]): void {
    const { key, mirrored } = orient(position);
    const value = Math.max(...scores.filter((s): s is number => s !== null));
    this.remember(key, { scores: mirrored ? [...scores].reverse() : scores, value, valueClass: Math.sign(value) as ValueClass });
    for (let c = 0; c < scores.length; c++) {
      const s = scores[c];
      if (s === null || position.isWinningMove(c)) continue; // a won child is over: no value to store
      const child = position.clone().play(c);
      if (child.isOver()) continue; // the last cell: a draw
      const childValue = -s + 0;
      this.remember(orient(child).key, { value: childValue, valueClass: Math.sign(childValue) as ValueClass });
    }
  }

  private remember(key: number, facts: Known): void {
    if (this.known.size >= MAX_KNOWN) this.known.clear();
    this.known.set(key, { ...this.known.get(key), ...facts });
  }
}

/**
 * The key of a position up to mirroring, and whether the position is the mirror of the
 * orientation stored (then column c of the stored scores is column 6 − c of this one).
 */
function orient(position: Position): { key: number; mirrored: boolean } {
  const own = position.key();
  const mirror = position.mirror().key();
  return own <= mirror ? { key: own, mirrored: false } : { key: mirror, mirrored: true };
}
