/**
 * What labelling a position is expected to cost, by ply: a prior from measurement
 * (GENERATE.md, `pnpm bench:generate --per-ply`), replaced by the mean of what this run
 * has observed once a ply has a few positions. Used only to order and size batches,
 * never to decide which positions are in the dataset.
 */

/** Rough mean ms per position by ply (index), measured with the exact solver; later plies ~0.5 ms. */
const PRIOR_MS = [
  60_000, 60_000, 60_000, 60_000, 60_000, 30_000, 20_000, 10_000, 5_000, 3_000, // 0-9
  1_500, 1_500, 600, 400, 70, 90, 10, 30, 20, 12, // 10-19
  8, 2, 2, 1, 2, // 20-24
];
const LATE_MS = 0.5;
const MIN_OBSERVED = 5;

export class LabelCostModel {
  private readonly count = new Array<number>(42).fill(0);
  private readonly total = new Array<number>(42).fill(0);

  /** Expected ms to label a position with this many stones. */
  estimate(ply: number): number {
    const n = this.count[ply]!;
    if (n >= MIN_OBSERVED) return this.total[ply]! / n;
    return PRIOR_MS[ply] ?? LATE_MS;
  }

  observe(ply: number, ms: number): void {
    this.count[ply]!++;
    this.total[ply]! += ms;
  }
}
