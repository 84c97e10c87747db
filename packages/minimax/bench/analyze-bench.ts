/**
 * Cost of `analyze` (the exact score of all 7 moves) by ply, on positions reached by
 * uniformly random play: the generator's workload. One solver for the whole run, its
 * transposition table kept from one position to the next (as the generator does), the
 * reference measurement of ../shared/data/README.md ("Cost of exact analysis by ply").
 *
 *     pnpm exec tsx packages/minimax/bench/analyze-bench.ts --plies 30,24,20,16,14,12,10,8 --per-ply 20
 */
import { Command, InvalidArgumentError } from 'commander';
import { Position, makeRng } from '@c4/engine';
import { Solver } from '../src/solver.ts';
import { loadDefaultOpeningBook, readOpeningBook } from '../src/node/opening-book-file.ts';
import type { OpeningBook } from '../src/opening-book.ts';
import { tuneV8ForSearch } from '../src/node/v8-tuning.ts';

tuneV8ForSearch();

interface Options {
  plies: number[];
  perPly: number;
  seed: number;
  ttLog2: number;
  book: string | boolean;
  solve?: boolean;
}

function parseList(value: string): number[] {
  const plies = value.split(',').map(Number);
  if (plies.some((p) => !Number.isInteger(p) || p < 0 || p > 41)) throw new InvalidArgumentError('plies are integers 0-41');
  return plies;
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

/** A position after `plies` uniformly random moves, the game not over (replayed until so). */
function randomPosition(plies: number, rng: () => number): Position {
  for (;;) {
    const p = Position.empty();
    while (p.plies < plies && !p.isOver()) {
      const moves = p.legalMoves();
      p.play(moves[Math.floor(rng() * moves.length)]!);
    }
    if (!p.isOver()) return p;
  }
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(2)} ms`;
}

function main(options: Options): void {
  let book: OpeningBook | null = null;
  if (options.book !== false) book = typeof options.book === 'string' ? readOpeningBook(options.book) : loadDefaultOpeningBook();
  const solver = new Solver({ ttLog2: options.ttLog2, book });
  const rng = makeRng(options.seed);
  console.log(`analyze cost by ply: ${options.perPly} random-play positions per ply, seed ${options.seed}, TT 2^${options.ttLog2} kept across positions, ${book ? `opening book (ply <= ${book.maxPly})` : 'no opening book'}`);
  console.log(`| plies | mean analyze time | max | mean nodes |${options.solve ? ' mean solve time | mean solve nodes |' : ''}`);
  console.log(`|---|---|---|---|${options.solve ? '---|---|' : ''}`);
  for (const plies of options.plies) {
    let ms = 0;
    let maxMs = 0;
    let nodes = 0;
    let solveMs = 0;
    let solveNodes = 0;
    for (let i = 0; i < options.perPly; i++) {
      const p = randomPosition(plies, rng);
      if (options.solve) {
        // a fresh table, so that the solve does not profit from the analysis or vice versa
        const single = new Solver({ ttLog2: 20, book });
        const s0 = performance.now();
        single.solve(p);
        solveMs += performance.now() - s0;
        solveNodes += single.nodes;
      }
      const t0 = performance.now();
      solver.analyze(p);
      const t = performance.now() - t0;
      ms += t;
      maxMs = Math.max(maxMs, t);
      nodes += solver.nodes;
      process.stderr.write(`\rply ${plies}: ${i + 1}/${options.perPly}`);
    }
    process.stderr.write('\r' + ' '.repeat(30) + '\r');
    const n = options.perPly;
    const solveCells = options.solve ? ` ${formatMs(solveMs / n)} | ${Math.round(solveNodes / n)} |` : '';
    console.log(`| ${plies} | ${formatMs(ms / n)} | ${formatMs(maxMs)} | ${Math.round(nodes / n)} |${solveCells}`);
  }
}

new Command()
  .name('analyze-bench')
  .description('Mean cost of Solver.analyze by ply on uniformly random positions (TT kept across positions).')
  .option('--plies <list>', 'comma-separated plies', parseList, [30, 24, 20, 16, 14, 12, 10])
  .option('--per-ply <n>', 'positions per ply', parsePositive, 20)
  .option('--seed <n>', 'seed of the random games', parsePositive, 1)
  .option('--tt-log2 <n>', 'log2 of the big transposition table', parsePositive, 24)
  .option('--book <file>', 'opening book file (default: the shipped one, if any)')
  .option('--no-book', 'no opening book')
  .option('--solve', 'also time a single solve of each position (fresh table)')
  .action((options: Options) => main(options))
  .parse();
