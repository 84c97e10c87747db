/**
 * The technique ladder of the README: the classic solver techniques added one at a time,
 * each row measured on the benchmark sets, ending with the real `Solver`.
 *
 *     pnpm exec tsx packages/minimax/bench/technique-ladder.ts --limit 200
 *
 * Rows 1-7 run a deliberately plain, flag-driven negamax written here (the real search
 * in src/search.ts has no flags; this one keeps its table in a Map), so their times show
 * the trend only: compare nodes. A row gives up on a set once a position needs more than
 * --budget nodes ("-" in the table). Clearing the table is not timed.
 */
import { Command } from 'commander';
import { Position } from '@c4/engine';
import { BOARD_HI, BOARD_LO, BOTTOM_HI, BOTTOM_LO, columnCells, popcount, winningHi, winningLo } from '../src/bitboard.ts';
import { Solver } from '../src/solver.ts';
import { BENCHMARK_SETS, readBenchmarkSet, type BenchmarkSet } from '../src/node/benchmark-sets.ts';

interface Features {
  name: string;
  centre: boolean;
  nonLosing: boolean;
  tt: 0 | 1 | 2; // none, upper bounds, upper and lower bounds
  nullWindow: boolean;
  threats: boolean;
}

const LADDER: Features[] = [
  { name: '1. negamax + alpha-beta on bitboards, columns left to right', centre: false, nonLosing: false, tt: 0, nullWindow: false, threats: false },
  { name: '2. + centre-first move order', centre: true, nonLosing: false, tt: 0, nullWindow: false, threats: false },
  { name: '3. + drop moves that lose at once, forced blocks', centre: true, nonLosing: true, tt: 0, nullWindow: false, threats: false },
  { name: '4. + transposition table (upper bounds)', centre: true, nonLosing: true, tt: 1, nullWindow: false, threats: false },
  { name: '5. + null-window iterative deepening', centre: true, nonLosing: true, tt: 1, nullWindow: true, threats: false },
  { name: '6. + move order by winning cells created', centre: true, nonLosing: true, tt: 1, nullWindow: true, threats: true },
  { name: '7. + lower bounds in the table (= the reference solver)', centre: true, nonLosing: true, tt: 2, nullWindow: true, threats: true },
];

const CENTRE = [3, 2, 4, 1, 5, 0, 6];
const LEFT = [0, 1, 2, 3, 4, 5, 6];
const CELLS = LEFT.map(columnCells);

class BudgetExceeded extends Error {}

/** A plain negamax whose techniques are switched by `f`: the ladder's rows 1-7. */
class LadderSearch {
  nodes = 0;
  budget = 0;
  private readonly table = new Map<number, number>();
  constructor(private readonly f: Features) {}

  reset(): void {
    this.table.clear();
  }

  solve(p: Position): number {
    this.nodes = 0;
    const { curLo, curHi, maskLo, maskHi, plies } = p;
    const possLo = (maskLo + BOTTOM_LO) & BOARD_LO;
    const possHi = (maskHi + BOTTOM_HI) & BOARD_HI;
    if (((winningLo(curLo, curHi) & possLo) | (winningHi(curLo, curHi) & possHi)) !== 0) return (43 - plies) >> 1;
    if (!this.f.nullWindow) return this.negamax(curLo, curHi, maskLo, maskHi, plies, -21, 21);
    let min = 0 - ((42 - plies) >> 1);
    let max = (43 - plies) >> 1;
    while (min < max) {
      let med = min + ((max - min) >> 1);
      if (med <= 0 && ((min / 2) | 0) < med) med = (min / 2) | 0;
      else if (med >= 0 && ((max / 2) | 0) > med) med = (max / 2) | 0;
      const r = this.negamax(curLo, curHi, maskLo, maskHi, plies, med, med + 1);
      if (r <= med) max = r;
      else min = r;
    }
    return min;
  }

  /** Precondition: the side to move cannot win at once. */
  private negamax(curLo: number, curHi: number, maskLo: number, maskHi: number, plies: number, alpha: number, beta: number): number {
    if (++this.nodes > this.budget) throw new BudgetExceeded();
    if (plies === 42) return 0;
    let possLo = (maskLo + BOTTOM_LO) & BOARD_LO;
    let possHi = (maskHi + BOTTOM_HI) & BOARD_HI;
    const oppLo = curLo ^ maskLo;
    const oppHi = curHi ^ maskHi;
    const f = this.f;
    if (f.nonLosing) {
      const tLo = winningLo(oppLo, oppHi) & (BOARD_LO ^ maskLo);
      const tHi = winningHi(oppLo, oppHi) & (BOARD_HI ^ maskHi);
      const fLo = possLo & tLo;
      const fHi = possHi & tHi;
      if ((fLo | fHi) !== 0) {
        if ((fLo & (fLo - 1)) !== 0 || (fHi & (fHi - 1)) !== 0 || (fLo !== 0 && fHi !== 0)) return 0 - ((42 - plies) >> 1);
        possLo = fLo;
        possHi = fHi;
      }
      possLo &= ~(tLo >>> 1);
      possHi &= ~(tHi >>> 1);
      if ((possLo | possHi) === 0) return 0 - ((42 - plies) >> 1);
      if (plies >= 40) return 0;
      const min = 0 - ((40 - plies) >> 1);
      if (alpha < min) {
        alpha = min;
        if (alpha >= beta) return alpha;
      }
    }
    let max = (41 - plies) >> 1;
    const key = (curHi + maskHi) * 2 ** 28 + (curLo + maskLo);
    if (f.tt > 0) {
      const v = this.table.get(key);
      if (v !== undefined) {
        if (v >= 100) {
          const lower = v - 200;
          if (alpha < lower) {
            alpha = lower;
            if (alpha >= beta) return alpha;
          }
        } else max = v;
      }
    }
    if (beta > max) {
      beta = max;
      if (alpha >= beta) return beta;
    }
    // a win now ends the game (only checked here when moves that lose are not pruned)
    if (!f.nonLosing && (((winningLo(curLo, curHi) & possLo) | (winningHi(curLo, curHi) & possHi)) !== 0)) {
      return (43 - plies) >> 1;
    }
    const cols: number[] = [];
    const scores: number[] = [];
    for (const c of f.centre ? CENTRE : LEFT) {
      const m = (c < 4 ? possLo : possHi) & CELLS[c]!;
      if (m === 0) continue;
      let score = 0;
      if (f.threats) {
        const pLo = c < 4 ? curLo | m : curLo;
        const pHi = c < 4 ? curHi : curHi | m;
        score = popcount(winningLo(pLo, pHi) & (BOARD_LO ^ maskLo)) + popcount(winningHi(pLo, pHi) & (BOARD_HI ^ maskHi));
      }
      let j = cols.length;
      while (j > 0 && scores[j - 1]! < score) j--;
      cols.splice(j, 0, c);
      scores.splice(j, 0, score);
    }
    for (const c of cols) {
      const m = (c < 4 ? possLo : possHi) & CELLS[c]!;
      const childLo = c < 4 ? maskLo | m : maskLo;
      const childHi = c < 4 ? maskHi : maskHi | m;
      let score: number;
      // without pruning, a child where the opponent wins at once is scored here
      const oLo = winningLo(oppLo, oppHi) & ((childLo + BOTTOM_LO) & BOARD_LO);
      const oHi = winningHi(oppLo, oppHi) & ((childHi + BOTTOM_HI) & BOARD_HI);
      if (!f.nonLosing && ((oLo | oHi) !== 0)) score = 0 - ((42 - plies) >> 1);
      else score = 0 - this.negamax(oppLo, oppHi, childLo, childHi, plies + 1, 0 - beta, 0 - alpha);
      if (score >= beta) {
        if (f.tt === 2) this.table.set(key, 200 + score);
        return score;
      }
      if (score > alpha) alpha = score;
    }
    if (f.tt > 0) this.table.set(key, alpha);
    return alpha;
  }
}

interface Options {
  limit: number;
  budget: number;
  sets: string;
}

function main(options: Options): void {
  const sets = options.sets.split(',').map((s) => (s.startsWith('Test_') ? s : `Test_${s}`)) as BenchmarkSet[];
  for (const s of sets) if (!(BENCHMARK_SETS as readonly string[]).includes(s)) throw new Error(`unknown set ${s}`);
  console.log(`technique ladder: first ${options.limit} positions per set; mean nodes / mean time per position`);
  console.log(`| technique | ${sets.join(' | ')} |`);
  console.log(`|---|${sets.map(() => '---|').join('')}`);
  const rows: [string, (p: Position) => { score: number; nodes: number }, () => void][] = LADDER.map((f) => {
    const s = new LadderSearch(f);
    s.budget = options.budget;
    return [f.name, (p) => ({ score: s.solve(p), nodes: s.nodes }), () => s.reset()];
  });
  const solver = new Solver();
  rows.push(['8. this solver (see the table below)', (p) => ({ score: solver.solve(p), nodes: solver.nodes }), () => solver.reset()]);
  for (const [name, solve, reset] of rows) {
    const cells: string[] = [];
    for (const set of sets) {
      const positions = readBenchmarkSet(set).slice(0, options.limit);
      let nodes = 0;
      let ms = 0;
      let failed = false;
      for (const { moves, score } of positions) {
        reset();
        const position = Position.fromMoves(moves);
        const t0 = performance.now();
        try {
          const r = solve(position);
          if (r.score !== score) throw new Error(`${name}: ${moves} scored ${r.score}, expected ${score}`);
          nodes += r.nodes;
        } catch (e) {
          if (!(e instanceof BudgetExceeded)) throw e;
          failed = true;
          break;
        }
        ms += performance.now() - t0;
      }
      cells.push(failed ? `- (> ${options.budget.toExponential(0)} nodes)` : `${(nodes / positions.length).toFixed(1)} / ${formatMs(ms / positions.length)}`);
      process.stderr.write('.');
    }
    process.stderr.write('\r');
    console.log(`| ${name} | ${cells.join(' | ')} |`);
  }
}

function formatMs(ms: number): string {
  return ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(0)} µs`;
}

new Command()
  .name('technique-ladder')
  .option('--limit <n>', 'positions per set', (v) => Number(v), 100)
  .option('--budget <n>', 'give up on a set past this many nodes for one position', (v) => Number(v), 2e7)
  .option('--sets <list>', 'sets', 'L3_R1,L2_R1,L1_R1,L2_R2')
  .action((options: Options) => main(options))
  .parse();
