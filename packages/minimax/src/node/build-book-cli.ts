/**
 * Builds the opening book: the exact score of every position with at most `--depth`
 * stones (positions where the game is already over excluded), one per mirror pair.
 *
 *     pnpm exec tsx packages/minimax/src/node/build-book-cli.ts --depth 3
 *
 * The deepest level is solved position by position (the expensive part: its cost grows
 * ~5-10× per ply); each shallower position is then the best of its children, read from
 * the level below. Solved scores are appended to `<out>.partial` as they come, so an
 * interrupted run resumes where it stopped; the book itself is written atomically.
 * `--partial` writes a book of what is solved so far (every score in it is exact; the
 * search looks up whatever it holds).
 */
import { appendFileSync, existsSync, readFileSync, unlinkSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import cliProgress from 'cli-progress';
import { Position } from '@c4/engine';
import { Solver } from '../solver.ts';
import { OpeningBook, canonicalKey, type BookEntry } from '../opening-book.ts';
import { winNowScore } from '../scores.ts';
import { DEFAULT_OPENING_BOOK_PATH, writeOpeningBook } from './opening-book-file.ts';
import { tuneV8ForSearch } from './v8-tuning.ts';

tuneV8ForSearch();

interface Options {
  depth: number;
  partial?: boolean;
  out: string;
  ttLog2: number;
}

const keyOf = (p: Position): string => {
  const k = canonicalKey(p.curLo + p.maskLo, p.curHi + p.maskHi);
  return `${k.lo} ${k.hi}`;
};

/**
 * Positions by ply, 0..depth, one per mirror pair, in depth-first move order (so that
 * consecutive positions share most of their search trees).
 */
function enumeratePositions(depth: number): Position[][] {
  const levels: Position[][] = Array.from({ length: depth + 1 }, () => []);
  const seen = new Set<string>();
  const visit = (p: Position): void => {
    const key = keyOf(p);
    if (seen.has(key)) return;
    seen.add(key);
    levels[p.plies]!.push(p);
    if (p.plies === depth) return;
    for (let c = 0; c < 7; c++) {
      if (p.canPlay(c) && !p.isWinningMove(c)) visit(p.clone().play(c));
    }
  };
  visit(Position.empty());
  return levels;
}

/** Score of a position from its children's scores; undefined if one is not known. */
function scoreFromChildren(p: Position, scores: Map<string, number>): number | undefined {
  let best = -Infinity;
  for (let c = 0; c < 7; c++) {
    if (!p.canPlay(c)) continue;
    if (p.isWinningMove(c)) return winNowScore(p.plies);
    const child = scores.get(keyOf(p.clone().play(c)));
    if (child === undefined) return undefined;
    best = Math.max(best, 0 - child);
  }
  return best;
}

function readPartial(path: string): Map<string, number> {
  const done = new Map<string, number>();
  if (!existsSync(path)) return done;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const [lo, hi, score] = line.trim().split(' ');
    if (score !== undefined) done.set(`${lo} ${hi}`, Number(score));
  }
  return done;
}

function build(options: Options): void {
  const started = performance.now();
  const levels = enumeratePositions(options.depth);
  const deepest = levels[options.depth]!;
  const partial = `${options.out}.partial`;
  const scores = readPartial(partial);
  const todo = deepest.filter((p) => !scores.has(keyOf(p)));
  process.stderr.write(
    `build-book: ${levels.map((l) => l.length).join(' + ')} positions (ply 0..${options.depth}); ` +
      `${deepest.length - todo.length} of ply ${options.depth} already solved in ${partial}\n`,
  );
  if (!options.partial) solveAll(todo, scores, partial, options);
  for (let ply = options.depth - 1; ply >= 0; ply--) {
    for (const p of levels[ply]!) {
      const score = scoreFromChildren(p, scores);
      if (score !== undefined) scores.set(keyOf(p), score);
    }
  }
  const entries: BookEntry[] = [];
  for (const level of levels) {
    for (const p of level) {
      const score = scores.get(keyOf(p));
      if (score !== undefined) entries.push({ keyLo: p.curLo + p.maskLo, keyHi: p.curHi + p.maskHi, score });
    }
  }
  const total = levels.reduce((n, l) => n + l.length, 0);
  const book = OpeningBook.fromEntries(entries, options.depth);
  writeOpeningBook(options.out, book);
  if (book.size === total) unlinkSync(partial);
  const minutes = ((performance.now() - started) / 60000).toFixed(1);
  process.stderr.write(
    `build-book: wrote ${book.size} of ${total} positions (ply <= ${options.depth}, ${book.encode().length} bytes) ` +
      `to ${options.out} in ${minutes} min${book.size < total ? `; incomplete: run again without --partial to finish (${partial} is kept)` : ''}\n`,
  );
}

/** Solves the deepest level, appending each score to the partial file as it comes. */
function solveAll(todo: Position[], scores: Map<string, number>, partial: string, options: Options): void {
  const solver = new Solver({ ttLog2: options.ttLog2 });
  const bar = new cliProgress.SingleBar(
    { format: 'ply {ply} [{bar}] {value}/{total} | {eta_formatted} left | {rate} s/position', stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  bar.start(todo.length, 0, { ply: options.depth, rate: '-' });
  const t0 = performance.now();
  todo.forEach((p, i) => {
    const score = solver.solve(p);
    scores.set(keyOf(p), score);
    appendFileSync(partial, `${keyOf(p)} ${score}\n`);
    bar.update(i + 1, { rate: ((performance.now() - t0) / 1000 / (i + 1)).toFixed(1) });
  });
  bar.stop();
}

function parseDepth(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 12) throw new InvalidArgumentError('must be an integer 0-12');
  return n;
}

new Command()
  .name('build-book')
  .description('Compute the opening book: exact scores of every position with at most --depth stones.')
  .option('--depth <n>', 'deepest ply stored (cost grows ~5-10x per ply: 3 takes ~30 min of one core)', parseDepth, 3)
  .option('--out <file>', 'output book file', DEFAULT_OPENING_BOOK_PATH)
  .option('--partial', 'solve nothing: write a book of what <out>.partial holds so far (and what follows from it)')
  .option('--tt-log2 <n>', 'log2 of the transposition table entries', (v) => Number(v), 24)
  .action((options: Options) => build(options))
  .parse();
