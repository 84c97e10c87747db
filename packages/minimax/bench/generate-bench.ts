/**
 * `pnpm bench:generate`: how fast `generate` labels positions.
 *
 *   tsx bench/generate-bench.ts [--count 10000] [--workers N]
 *       labelled positions/s with 1 worker and with N (default: every core) on the
 *       default sampling, each run into a fresh temp file, the scaling ratio, and the
 *       projected time of the default 100 000-position run. The count is large enough
 *       that the workers' start (about a second each: loading, the book, the table) does
 *       not decide the ratio, as it did at 3 000 (1.69-1.74× there, 1.88× at 10 000).
 *
 *   tsx bench/generate-bench.ts --per-ply [--plies 8-40] [--per 10] [--ply-budget 20]
 *       the cost of exact labels (all 7 moves) by ply: up to `per` positions per ply
 *       (and at most `ply-budget` seconds) drawn from the default game mix, labelled by
 *       one solver whose table is kept from one position to the next (as in a worker):
 *       mean / median / max ms and mean nodes, and what the default spread costs.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { Position } from '@c4/engine';
import { createLabeller } from '../src/generate/label.ts';
import { sampleCandidate } from '../src/generate/sampler.ts';
import { DEFAULT_SAMPLING, type SamplingOptions } from '../src/generate/sampling-options.ts';
import { plyShares } from '../src/generate/ply-spread.ts';
import { WHOLE } from '../src/generate/shard.ts';
import { runGenerate } from '../src/node/generate-run.ts';
import { loadDefaultOpeningBook, DEFAULT_OPENING_BOOK_PATH } from '../src/node/opening-book-file.ts';
import { Solver } from '../src/index.ts';
import { tuneV8ForSearch } from '../src/node/v8-tuning.ts';

tuneV8ForSearch();

interface BenchOptions {
  count: number;
  workers: number;
  perPly: boolean;
  plies: string;
  per: number;
  plyBudget: number;
  seed: number;
}

const program = new Command('generate-bench')
  .option('--count <n>', 'positions per scaling run', (v) => Number(v), 10_000)
  .option('--workers <n>', 'workers of the parallel run', (v) => Number(v), availableParallelism())
  .option('--seed <n>', 'seed of the sample stream', (v) => Number(v), 7)
  .option('--per-ply', 'measure the cost of exact labels by ply instead')
  .option('--plies <list>', 'plies to measure with --per-ply, e.g. 8-40 or 10,12,14', '8-40')
  .option('--per <n>', 'positions per ply with --per-ply', (v) => Number(v), 10)
  .option('--ply-budget <s>', 'stop measuring a ply after this many seconds', (v) => Number(v), 20)
  .parse();
const options = program.opts<BenchOptions>();

if (options.perPly) perPly(options);
else await scaling(options);

function perPly(o: BenchOptions): void {
  const book = loadDefaultOpeningBook();
  const labeller = createLabeller(new Solver({ book }));
  console.log(book ? `opening book: ${book.size} positions up to ply ${book.maxPly}` : 'no opening book');
  const shares = plyShares(DEFAULT_SAMPLING.plies);
  console.log(`exact labels (all 7 moves) by ply: up to ${o.per} positions per ply (at most ${o.plyBudget} s per ply),`);
  console.log('drawn from the default game mix, one solver whose table is kept from one position to the next');
  console.log(`load average at start: ${loadavg()[0]!.toFixed(2)} (${availableParallelism()} cores); CPU ms is this process's CPU time`);
  console.log('ply | positions | mean ms | mean CPU ms | median ms | max ms | mean nodes | default share | ms per default position');
  let projected = 0;
  let projectedCpu = 0;
  let covered = 0;
  for (const ply of parsePlyList(o.plies)) {
    // A seed per ply: with one seed, game k at ply p+1 would extend game k at ply p, whose
    // analysis already solved it — a saving the generator's unrelated positions never get.
    const seed = (o.seed * 1009 + ply) >>> 0;
    const sampling: SamplingOptions = { ...DEFAULT_SAMPLING, seed, plies: [{ from: ply, to: ply, weight: 1 }] };
    const seen = new Set<number>();
    const times: number[] = [];
    let nodes = 0;
    let total = 0;
    let cpuTotal = 0;
    for (let k = 0; times.length < o.per && total < o.plyBudget * 1000 && k < 100_000; k++) {
      const c = sampleCandidate(k, sampling);
      if (!c || seen.has(c.key)) continue;
      seen.add(c.key);
      const start = performance.now();
      const cpuStart = process.cpuUsage();
      nodes += labeller.label(Position.fromMoves(c.moves)).nodes;
      const ms = performance.now() - start;
      const cpu = process.cpuUsage(cpuStart);
      cpuTotal += (cpu.user + cpu.system) / 1000;
      times.push(ms);
      total += ms;
    }
    times.sort((a, b) => a - b);
    const mean = total / times.length;
    const cpuMean = cpuTotal / times.length;
    const share = shares[ply] ?? 0;
    projected += share * mean;
    projectedCpu += share * cpuMean;
    covered += share;
    console.log(
      [
        String(ply).padStart(3),
        String(times.length).padStart(9),
        mean.toFixed(1).padStart(7),
        cpuMean.toFixed(1).padStart(10),
        times[times.length >> 1]!.toFixed(1).padStart(9),
        times[times.length - 1]!.toFixed(1).padStart(6),
        String(Math.round(nodes / times.length)).padStart(10),
        `${(share * 100).toFixed(2).padStart(6)} %`.padStart(13),
        (share * mean).toFixed(2).padStart(6),
      ].join(' | '),
    );
  }
  const minutes = (ms: number): string => ((ms * 100_000) / 1000 / 60).toFixed(1);
  console.log(
    `default spread: ${(covered * 100).toFixed(1)} % of its positions at the measured plies; per position ` +
      `${projected.toFixed(2)} ms wall, ${projectedCpu.toFixed(2)} ms CPU → 100 000 positions ≈ ` +
      `${minutes(projected)} min wall / ${minutes(projectedCpu)} min CPU on 1 worker; ` +
      `${minutes(projectedCpu / o.workers)} min on ${o.workers} idle cores at perfect scaling`,
  );
  console.log(`load average at end: ${loadavg()[0]!.toFixed(2)}`);
}

/** "8-12,16,20" → [8, 9, 10, 11, 12, 16, 20]. */
function parsePlyList(list: string): number[] {
  return list.split(',').flatMap((part) => {
    const [from, to = from] = part.split('-').map(Number) as [number, number?];
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  });
}

async function scaling(o: BenchOptions): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'c4-generate-bench-'));
  try {
    console.log(`load average at start: ${loadavg()[0]!.toFixed(2)} (${availableParallelism()} cores); ${o.count} positions per run, default sampling, seed ${o.seed}`);
    const rates: number[] = [];
    for (const workers of [1, o.workers]) {
      const cpuStart = process.cpuUsage();
      const summary = await runGenerate({
        count: o.count,
        out: join(dir, `w${workers}.jsonl`),
        workers,
        shard: WHOLE,
        sampling: { ...DEFAULT_SAMPLING, seed: o.seed },
        maxMs: Infinity,
        book: existsSync(DEFAULT_OPENING_BOOK_PATH) ? DEFAULT_OPENING_BOOK_PATH : null,
        batchSize: 32,
      });
      const cpu = process.cpuUsage(cpuStart);
      const cpuS = (cpu.user + cpu.system) / 1e6;
      rates.push(summary.positionsPerSecond);
      console.log(
        `${workers} worker(s): ${summary.labelled} positions in ${(summary.elapsedMs / 1000).toFixed(1)} s = ` +
          `${summary.positionsPerSecond.toFixed(1)} positions/s; CPU ${cpuS.toFixed(1)} s ` +
          `(${(cpuS / (summary.elapsedMs / 1000)).toFixed(2)} cores busy, ${(summary.labelled / cpuS).toFixed(1)} positions per CPU-second); ` +
          `load average ${loadavg()[0]!.toFixed(2)}`,
      );
    }
    const ratio = rates[1]! / rates[0]!;
    console.log(`scaling 1 → ${o.workers} workers: ${ratio.toFixed(2)}× (goal ≥ 1.8× for 2)`);
    const projected = 100_000 / rates[1]!;
    console.log(`projected default run (100 000 positions, ${o.workers} workers): ${(projected / 60).toFixed(1)} min (goal ≤ 30, ambition 10)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
