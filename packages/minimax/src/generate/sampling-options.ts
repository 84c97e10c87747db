/**
 * What the sampler draws from, in one place. The defaults are the ones `pnpm generate`
 * uses; GENERATE.md says how they were chosen (the cost of exact labels by ply).
 */
import { parsePlySpread, type PlySpread } from './ply-spread.ts';

export interface SamplingOptions {
  /** Seed of the whole candidate stream. */
  readonly seed: number;
  /** Where games stop (see ply-spread.ts). */
  readonly plies: PlySpread;
  /** Share of games that are guided (each move strong with probability `skill`); the rest are uniformly random. */
  readonly guided: number;
  /** In a guided game, probability that a move is the strong move rather than a random one. */
  readonly skill: number;
}

export const DEFAULT_PLY_SPREAD = '8-9:0.1,10-11:0.6,12-13:2.5,14-15:6,16-19:18,20-27:45.3,28-35:22,36-40:5.5';

export const DEFAULT_SAMPLING: SamplingOptions = {
  seed: 1,
  plies: parsePlySpread(DEFAULT_PLY_SPREAD),
  guided: 0.5,
  skill: 0.8,
};
