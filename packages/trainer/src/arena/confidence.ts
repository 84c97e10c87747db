/**
 * The Wilson score interval of a proportion: of `n` trials with observed share `p`, the
 * shares p₀ that a two-sided test at confidence 1 − α would not reject,
 *
 *     centre = (p + z²/2n) / (1 + z²/n)
 *     half   = z / (1 + z²/n) · √( p(1 − p)/n + z²/4n² )
 *
 * Unlike the normal approximation p ± z√(p(1−p)/n) it stays inside [0, 1] and is not of
 * width 0 at p = 0 or 1 — exactly where the arena's goals sit (every game won, 99 %).
 *
 * The arena applies it to the score (win 1, draw ½, loss 0) over n games. A score with
 * draws varies less than a win/loss proportion of the same mean, so there the interval is
 * conservative (a little wide); without draws it is the exact Wilson interval.
 */

/** z of a two-sided 95 % interval. */
export const Z95 = 1.959963984540054;

/** [low, high] of the Wilson interval; [0, 1] when n = 0. Precondition: 0 ≤ p ≤ 1. */
export function wilsonInterval(p: number, n: number, z = Z95): [number, number] {
  if (n <= 0) return [0, 1];
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
