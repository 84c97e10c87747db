/**
 * Deterministic train / validation / test split by position.
 *
 * Every example gets a rank: the hash of its canonical key (`hashKey(canonicalKey, seed)`),
 * ties by key. The lowest ranks go to test, the next to validation, the rest to training:
 *
 *   sorted by hash ─▶ [ test: nTest ][ validation: nValidation ][ train: the rest ]
 *
 * - Exact sizes: 5 000 / 5 000 / 90 000 for the default fractions of 100 000 records.
 * - No leakage: a position and its mirror share the canonical key, hence the hash, hence the
 *   side; a boundary never cuts through a group of equal keys (the group finishes on the
 *   earlier side, so that side may hold one or two more than asked).
 * - Deterministic: depends only on the keys present and the seed, not on the file's order.
 *   (Adding records to a dataset can move a few positions across a boundary: sizes are
 *   exact at the price of a position's side depending on the others' hashes.)
 */
import { hashKey } from '@c4/engine';
import { selectExamples } from './dataset.ts';
import type { ExampleSet } from './dataset.ts';

/** A count of positions (an integer ≥ 1) or a fraction of the dataset (0 ≤ f < 1). */
export type SplitSize = number;

export interface SplitOptions {
  validation: SplitSize;
  test: SplitSize;
  seed: number;
}

export const DEFAULT_SPLIT: SplitOptions = { validation: 0.05, test: 0.05, seed: 1 };

export interface SplitIndices {
  train: number[];
  validation: number[];
  test: number[];
}

export interface Split {
  train: ExampleSet;
  validation: ExampleSet;
  test: ExampleSet;
}

/** Thrown for sizes that do not fit the dataset. */
export class SplitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SplitError';
  }
}

/** The number of positions `size` asks for out of `total`. */
export function resolveSplitSize(size: SplitSize, total: number, what: string): number {
  if (!(Number.isFinite(size) && size >= 0)) throw new SplitError(`${what} size must be a count or a fraction ≥ 0 (got ${size})`);
  if (size < 1) return Math.round(size * total);
  if (!Number.isInteger(size)) throw new SplitError(`${what} size ${size} is neither a fraction below 1 nor a whole count`);
  return size;
}

/** Indices (ascending) of each side for examples with canonical `keys`. */
export function splitIndices(keys: ArrayLike<number>, options: SplitOptions): SplitIndices {
  const total = keys.length;
  const nTest = resolveSplitSize(options.test, total, 'test');
  const nValidation = resolveSplitSize(options.validation, total, 'validation');
  if (nTest + nValidation >= total) {
    throw new SplitError(`test (${nTest}) and validation (${nValidation}) leave no training positions out of ${total}`);
  }
  const hashes = new Uint32Array(total);
  for (let i = 0; i < total; i++) hashes[i] = hashKey(keys[i], options.seed);
  const order = Array.from({ length: total }, (_, i) => i);
  order.sort((a, b) => hashes[a] - hashes[b] || keys[a] - keys[b]);

  const sides: number[][] = [[], [], []]; // test, validation, train
  const quota = [nTest, nValidation, Infinity];
  let side = 0;
  for (let j = 0; j < total; j++) {
    const i = order[j];
    const sameGroup = j > 0 && keys[order[j - 1]] === keys[i];
    while (!sameGroup && sides[side].length >= quota[side]) side++;
    sides[side].push(i);
  }
  const ascending = (a: number, b: number) => a - b;
  return { test: sides[0].sort(ascending), validation: sides[1].sort(ascending), train: sides[2].sort(ascending) };
}

/** `set` cut into its three sides; see the module comment. */
export function splitExamples(set: ExampleSet, options: SplitOptions): Split {
  const indices = splitIndices(set.keys, options);
  return {
    train: selectExamples(set, indices.train),
    validation: selectExamples(set, indices.validation),
    test: selectExamples(set, indices.test),
  };
}
