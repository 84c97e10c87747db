/**
 * `pnpm bench:solver`: the exact solver on the five standard benchmark sets.
 *
 * Per set: positions, mean time per position (wall and CPU), mean nodes per position,
 * nodes/s, and the reference solver's mean nodes and C++ time (../shared/data/README.md)
 * with our ratio. Every score is checked against the file: a mismatch fails the run.
 * The transposition table is cleared before each position, as in the reference; the
 * clearing is not timed. The JIT is warmed up on positions outside the sets first.
 * No opening book unless --with-book (the reference has none).
 */
import { Command, InvalidArgumentError } from 'commander';
import { Position, makeRng } from '@c4/engine';
import { Solver } from '../src/solver.ts';
import { BENCHMARK_SETS, REFERENCE, readBenchmarkSet, type BenchmarkSet } from '../src/node/benchmark-sets.ts';
import { loadDefaultOpeningBook, readOpeningBook } from '../src/node/opening-book-file.ts';
import type { OpeningBook } from '../src/opening-book.ts';
import { tuneV8ForSearch } from '../src/node/v8-tuning.ts';

tuneV8ForSearch();

interface Options {
  sets: BenchmarkSet[];
  limit: number;
  ttLog2: number;
  withBook?: string | boolean;
  weak?: boolean;
  warmup: boolean;
}

interface SetResult {
  set: BenchmarkSet;
  positions: number;
  meanNodes: number;
  meanMicros: number;
  meanCpuMicros: number;
}

function parseSets(value: string): BenchmarkSet[] {
  const names = value.split(',').map((s) => s.trim()).map((s) => (s.startsWith('Test_') ? s : `Test_${s}`));
  for (const n of names) {
    if (!(BENCHMARK_SETS as readonly string[]).includes(n)) {
      throw new InvalidArgumentError(`unknown set "${n}" (choose from ${BENCHMARK_SETS.join(', ')})`);
    }
  }
  return names as BenchmarkSet[];
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

/** Positions of random games (not in the sets), solved until the JIT has optimised the search. */
function warmUp(solver: Solver): void {
  const rng = makeRng(12345);
  const until = performance.now() + 1500;
  while (performance.now() < until) {
    const p = Position.empty();
    const plies = 16 + Math.floor(rng() * 20);
    while (p.plies < plies && !p.isOver()) {
      const moves = p.legalMoves();
      p.play(moves[Math.floor(rng() * moves.length)]!);
    }
    if (p.isOver()) continue;
    solver.reset();
    solver.solve(p);
  }
}

function runSet(solver: Solver, set: BenchmarkSet, options: Options): SetResult {
  const positions = readBenchmarkSet(set).slice(0, options.limit);
  let nodes = 0;
  let micros = 0;
  let cpuMicros = 0;
  const progressEvery = Math.max(1, Math.floor(positions.length / 10));
  positions.forEach(({ moves, score }, i) => {
    const position = Position.fromMoves(moves);
    solver.reset();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const got = solver.solve(position, { weak: options.weak });
    micros += (performance.now() - t0) * 1000;
    const cpu = process.cpuUsage(cpu0);
    cpuMicros += cpu.user + cpu.system;
    nodes += solver.nodes;
    const expected = options.weak ? Math.sign(score) : score;
    if (got !== expected) {
      process.stderr.write(`\n${set} line ${i + 1}: ${moves}: solver says ${got}, the file says ${expected}\n`);
      process.exit(1);
    }
    if ((i + 1) % progressEvery === 0) process.stderr.write(`\r${set}: ${i + 1}/${positions.length}`);
  });
  process.stderr.write('\r' + ' '.repeat(40) + '\r');
  const n = positions.length;
  return { set, positions: n, meanNodes: nodes / n, meanMicros: micros / n, meanCpuMicros: cpuMicros / n };
}

function formatTime(micros: number): string {
  if (micros >= 1e6) return `${(micros / 1e6).toFixed(2)} s`;
  if (micros >= 1e3) return `${(micros / 1e3).toFixed(2)} ms`;
  return `${micros.toFixed(1)} µs`;
}

function formatRow(r: SetResult, weak: boolean): string {
  const ref = REFERENCE[r.set];
  const nodesPerSec = r.meanNodes / (r.meanMicros / 1e6);
  const cells = [
    r.set, String(r.positions), formatTime(r.meanMicros), formatTime(r.meanCpuMicros),
    r.meanNodes.toFixed(1), `${(nodesPerSec / 1e6).toFixed(2)} M`,
  ];
  if (weak) cells.push('-', '-', '-', '-');
  else {
    cells.push(String(ref.nodes), (r.meanNodes / ref.nodes).toFixed(2), formatTime(ref.microseconds), (r.meanMicros / ref.microseconds).toFixed(2));
  }
  return `| ${cells.join(' | ')} |`;
}

function main(options: Options): void {
  let book: OpeningBook | null = null;
  if (options.withBook) {
    book = typeof options.withBook === 'string' ? readOpeningBook(options.withBook) : loadDefaultOpeningBook();
    if (!book) throw new Error('--with-book: no opening book shipped (packages/minimax/data/opening-book.bin)');
  }
  const solver = new Solver({ ttLog2: options.ttLog2, book });
  const started = performance.now();
  if (options.warmup) warmUp(solver);
  console.log(`solver benchmark: TT 2^${options.ttLog2}, ${book ? `opening book (${book.size} positions, ply <= ${book.maxPly})` : 'no opening book'}${options.weak ? ', weak' : ''}`);
  console.log('| set | positions | mean time | mean CPU | mean nodes | nodes/s | ref nodes | nodes ratio | ref C++ time | time ratio |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const set of options.sets) console.log(formatRow(runSet(solver, set, options), options.weak === true));
  if (options.limit < 1000) console.log(`note: --limit ${options.limit}: the reference figures are means over all 1000 positions of a set`);
  console.log(`all scores match the files; ${((performance.now() - started) / 1000).toFixed(1)} s in all`);
}

new Command()
  .name('solver-bench')
  .description('Exact solver on the standard benchmark sets (../shared/data/solver-benchmarks), checked against their scores.')
  .option('--sets <list>', 'comma-separated sets, e.g. L2_R1,L1_R1', parseSets, [...BENCHMARK_SETS])
  .option('--limit <n>', 'only the first n positions of each set', parsePositive, 1000)
  .option('--tt-log2 <n>', 'log2 of transposition table entries', parsePositive, 24)
  .option('--with-book [file]', 'use an opening book (default file: the shipped one); without: none, as the reference')
  .option('--weak', 'weak solve (sign of the score only)')
  .option('--no-warmup', 'skip the JIT warm-up')
  .action((options: Options) => main(options))
  .parse();
