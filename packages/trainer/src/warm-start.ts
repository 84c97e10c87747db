/**
 * Where a warm start (`pnpm train --init <dir>`) takes its weights from: the given model's,
 * for a network of the same architecture, or for one grown from it by residual blocks.
 *
 * A residual block's second convolution starts at zero, so a block the given model does
 * not have adds nothing at first (see `ConvLayerConfig.residual`): the grown network
 * starts out computing what the given one computes, and training goes on from there
 * instead of from scratch. Everything else (each plain convolution, dense layer and the
 * output) must be in the given model, in order, with the same shapes.
 *
 *   config:  conv 4×4 ─ conv 3×3 ─ conv 3×3 ─ [block 3×3] ─ [block 3×3] ─ dense ─ out
 *   given:   conv 4×4 ─ conv 3×3 ─ conv 3×3 ─────────────────────────────── dense ─ out
 */
import type { PolicyConfig } from '@c4/engine/policy';

/** The shape of each weight of a network, in `model.getWeights()` order. */
export type WeightShapes = readonly (readonly number[])[];

/** What a warm start does with each weight of the new network. */
export interface WarmStartPlan {
  /** For each weight of the new network: the index of the given model's weight it starts from, or null (a new block: its fresh initial value). */
  source: (number | null)[];
  /** Residual blocks of `config` that the given model lacks. */
  newBlocks: number;
}

/** A run of consecutive weights that come as one: a layer, or a residual block's two convolutions. */
interface Unit {
  size: number;
  /** May be missing from the given model (then it starts afresh). */
  optional: boolean;
}

/** The units of a network built from `config` (createPolicyModel's order: conv, flatten, dense, output). */
function unitsOf(config: PolicyConfig): Unit[] {
  return [
    ...config.conv.map((c) => (c.residual ? { size: 4, optional: true } : { size: 2, optional: false })),
    ...config.dense.map(() => ({ size: 2, optional: false })),
    { size: 2, optional: false }, // the output layer
  ];
}

/**
 * How to fill a network built from `config` (weight shapes `fresh`) from a model with
 * weight shapes `given`; null when it cannot be done (another architecture). Precondition:
 * `fresh` are the shapes of `createPolicyModel(config)`.
 */
export function planWarmStart(config: PolicyConfig, fresh: WeightShapes, given: WeightShapes): WarmStartPlan | null {
  const units = unitsOf(config);
  const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);
  const source: (number | null)[] = [];
  // Depth-first: a block whose shapes match the given model's next weights is taken from
  // it if the rest still fits; otherwise it is new. Few units, so the search is instant.
  const align = (unit: number, at: number, from: number): boolean => {
    if (unit === units.length) return from === given.length;
    const { size, optional } = units[unit];
    const fits = from + size <= given.length && Array.from({ length: size }, (_, k) => same(fresh[at + k], given[from + k])).every(Boolean);
    if (fits) {
      for (let k = 0; k < size; k++) source[at + k] = from + k;
      if (align(unit + 1, at + size, from + size)) return true;
    }
    if (!optional) return false;
    for (let k = 0; k < size; k++) source[at + k] = null;
    return align(unit + 1, at + size, from);
  };
  if (!align(0, 0, 0)) return null;
  return { source, newBlocks: countNewBlocks(units, source) };
}

function countNewBlocks(units: readonly Unit[], source: readonly (number | null)[]): number {
  let at = 0;
  let count = 0;
  for (const unit of units) {
    if (source[at] === null) count++;
    at += unit.size;
  }
  return count;
}

/** The starting weights: each taken from `given` where the plan says, else from `fresh`. */
export function warmStartWeights<T>(plan: WarmStartPlan, fresh: readonly T[], given: readonly T[]): T[] {
  return plan.source.map((from, i) => (from === null ? fresh[i] : given[from]));
}
