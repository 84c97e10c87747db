/**
 * Shards split the candidate stream by position, not by index: a position belongs to
 * shard `hash(canonical key) mod n`. A position and its mirror therefore always land in
 * the same shard, so shards are disjoint, and each shard keeps the first occurrence of
 * its positions exactly as a single run would.
 */
import { hashKey } from '@c4/engine';

export interface Shard {
  /** 0-based shard index, below `count`. */
  readonly index: number;
  readonly count: number;
}

export const WHOLE: Shard = { index: 0, count: 1 };

/** Salt of the shard hash, fixed so that shard membership never changes between versions. */
const SHARD_SALT = 0x5a4d;

export class ShardError extends Error {
  constructor(spec: string) {
    super(`bad shard "${spec}": expected i/n with 0 <= i < n, e.g. 0/4`);
    this.name = 'ShardError';
  }
}

/** Parses "i/n" (0-based i). Throws `ShardError`. */
export function parseShard(spec: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(spec.trim());
  if (!m) throw new ShardError(spec);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!(count >= 1 && index < count && Number.isSafeInteger(count))) throw new ShardError(spec);
  return { index, count };
}

export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}

/** Index of the shard that owns the position with this canonical key. */
export function shardOf(canonicalKey: number, count: number): number {
  return count === 1 ? 0 : hashKey(canonicalKey, SHARD_SALT) % count;
}
