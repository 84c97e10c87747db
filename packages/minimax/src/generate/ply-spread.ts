/**
 * The spread of plies at which sampled games stop: weighted ranges of plies.
 *
 *   "8-11:1,12-17:4,18-29:10,30-40:5"
 *
 * reads "a game stops at a ply of 8-11 with weight 1, 12-17 with weight 4, …"; within a
 * range every ply is equally likely. A range's weight is its total share, so widening a
 * range does not change how much of the dataset it covers. A lone ply is written "20:3".
 *
 * Plies run 0-41: a position with 42 stones is a finished (drawn) game.
 */
export interface PlyRange {
  /** Lowest ply of the range, inclusive. */
  readonly from: number;
  /** Highest ply of the range, inclusive. */
  readonly to: number;
  /** Relative share of the positions that stop in this range (> 0). */
  readonly weight: number;
}

export type PlySpread = readonly PlyRange[];

export const MAX_SAMPLE_PLY = 41;

export class PlySpreadError extends Error {
  constructor(spec: string, reason: string) {
    super(`bad ply spread "${spec}": ${reason}`);
    this.name = 'PlySpreadError';
  }
}

/** Parses "from-to:weight,…" (see the file comment). Throws `PlySpreadError`. */
export function parsePlySpread(spec: string): PlySpread {
  const ranges: PlyRange[] = [];
  const parts = spec.split(',').map((s) => s.trim());
  for (const part of parts) {
    const m = /^(\d+)(?:-(\d+))?(?::(\d+(?:\.\d+)?))?$/.exec(part);
    if (!m) throw new PlySpreadError(spec, `"${part}" is not "from-to:weight"`);
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    const weight = m[3] === undefined ? 1 : Number(m[3]);
    if (to < from) throw new PlySpreadError(spec, `range ${part} ends before it starts`);
    if (to > MAX_SAMPLE_PLY) throw new PlySpreadError(spec, `ply ${to} is past ${MAX_SAMPLE_PLY} (42 stones end the game)`);
    if (!(weight > 0)) throw new PlySpreadError(spec, `range ${part} has no weight`);
    ranges.push({ from, to, weight });
  }
  return ranges;
}

export function formatPlySpread(spread: PlySpread): string {
  return spread.map((r) => `${r.from === r.to ? r.from : `${r.from}-${r.to}`}:${r.weight}`).join(',');
}

/** Draws a ply: one random number picks the range, a second the ply within it. */
export function drawPly(spread: PlySpread, rng: () => number): number {
  const total = spread.reduce((sum, r) => sum + r.weight, 0);
  let u = rng() * total;
  let range = spread[spread.length - 1]!;
  for (const r of spread) {
    if (u < r.weight) {
      range = r;
      break;
    }
    u -= r.weight;
  }
  return range.from + Math.floor(rng() * (range.to - range.from + 1));
}

/** Share of the positions each ply gets under the spread (index = ply). */
export function plyShares(spread: PlySpread): number[] {
  const shares = new Array<number>(MAX_SAMPLE_PLY + 1).fill(0);
  const total = spread.reduce((sum, r) => sum + r.weight, 0);
  for (const r of spread) {
    const each = r.weight / total / (r.to - r.from + 1);
    for (let p = r.from; p <= r.to; p++) shares[p]! += each;
  }
  return shares;
}
