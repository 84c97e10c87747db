/**
 * The standard solver benchmark sets (../shared/data/solver-benchmarks, beside the repo
 * root; never copied into the repo) and the reference figures of the data README.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const BENCHMARK_SETS = ['Test_L3_R1', 'Test_L2_R1', 'Test_L2_R2', 'Test_L1_R1', 'Test_L1_R2'] as const;
export type BenchmarkSet = (typeof BENCHMARK_SETS)[number];

/** Mean nodes and C++ time per position of the best public solver (data README). */
export const REFERENCE: Record<BenchmarkSet, { nodes: number; microseconds: number }> = {
  Test_L3_R1: { nodes: 51.3, microseconds: 12 },
  Test_L2_R1: { nodes: 449, microseconds: 85 },
  Test_L2_R2: { nodes: 39_807, microseconds: 8_000 },
  Test_L1_R1: { nodes: 3_296, microseconds: 560 },
  Test_L1_R2: { nodes: 1_187_923, microseconds: 231_000 },
};

export interface BenchmarkPosition {
  moves: string;
  score: number;
}

/** <repo root>/../shared/data/solver-benchmarks (this file is packages/minimax/src/node/). */
export function benchmarkDir(): string {
  return fileURLToPath(new URL('../../../../../shared/data/solver-benchmarks/', import.meta.url));
}

/** The positions of a set: "<move string> <score>" per line. */
export function readBenchmarkSet(name: BenchmarkSet): BenchmarkPosition[] {
  const path = benchmarkDir() + name;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`benchmark set not found: ${path} (the shared data must sit beside the repo root)`);
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const [moves, score] = line.trim().split(/\s+/);
      if (moves === undefined || score === undefined || !/^-?\d+$/.test(score)) {
        throw new Error(`${path}:${i + 1}: expected "<moves> <score>", got "${line}"`);
      }
      return { moves, score: Number(score) };
    });
}
