/**
 * Random-playout speed of the bitboard engine: plays seeded random games to the end,
 * choosing among legal moves, and prints plies per second.
 *   pnpm bench:engine [--games N]
 */
import { Position, WIDTH, makeRng } from '../src/index.ts';
import { NaiveBoard } from '../test/naive-board.ts';

const gamesArg = process.argv.indexOf('--games');
const games = gamesArg > 0 ? Number(process.argv[gamesArg + 1]) : 200_000;
if (!Number.isInteger(games) || games <= 0) {
  console.error('--games takes a positive integer');
  process.exit(2);
}

function bitboardPlayouts(n: number, seed: number): number {
  const rng = makeRng(seed);
  const legal = new Int8Array(WIDTH);
  let plies = 0;
  for (let g = 0; g < n; g++) {
    const p = Position.empty();
    while (true) {
      let count = 0;
      for (let c = 0; c < WIDTH; c++) if (p.canPlay(c)) legal[count++] = c;
      if (count === 0) break;
      const col = legal[Math.floor(rng() * count)]!;
      const wins = p.isWinningMove(col);
      p.play(col);
      plies++;
      if (wins) break;
    }
  }
  return plies;
}

function naivePlayouts(n: number, seed: number): number {
  const rng = makeRng(seed);
  let plies = 0;
  for (let g = 0; g < n; g++) {
    const b = new NaiveBoard();
    while (b.winner === 0 && b.plies < 42) {
      const legal = [0, 1, 2, 3, 4, 5, 6].filter((c) => b.canPlay(c));
      b.play(legal[Math.floor(rng() * legal.length)]!);
      plies++;
    }
  }
  return plies;
}

function measure(name: string, run: (n: number, seed: number) => number, n: number): number {
  run(Math.max(1, Math.floor(n / 10)), 1); // warm-up for the JIT
  const start = performance.now();
  const plies = run(n, 42);
  const seconds = (performance.now() - start) / 1000;
  const rate = plies / seconds;
  console.log(`${name.padEnd(28)} ${n} games, ${plies} plies in ${seconds.toFixed(2)} s: ${(rate / 1e6).toFixed(2)} M plies/s`);
  return rate;
}

const fast = measure('bitboard (win test per move)', bitboardPlayouts, games);
const naive = measure('naive grid (reference)', naivePlayouts, Math.max(1, Math.floor(games / 20)));
console.log(`bitboard / naive: ${(fast / naive).toFixed(1)}x`);
