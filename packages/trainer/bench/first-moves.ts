/**
 * `pnpm exec tsx packages/trainer/bench/first-moves.ts <model dir>…`: the network's first two
 * moves as the first player, checked against the opening book — its move on the empty board,
 * then its answer to each of the seven replies. Every position involved has at most three
 * stones, so the book scores them all without a search (instant, exact).
 *
 * This is the start of the "first player from the empty board against the solver"
 * test, the part that costs nothing: a net that fails here loses every such game.
 *
 * `--at <moves…> --labels <jsonl…>` also judges the net's move at deeper positions from
 * their labels (`pnpm generate` output: searching them here would take minutes each), e.g.
 * the positions at ply 6 that every game against the solver passes through.
 */
import { Command } from 'commander';
import { Position } from '@c4/engine';
import { PolicyNet } from '@c4/engine/policy';
import { loadModelFromDir } from '@c4/engine/node';
import { Solver } from '@c4/minimax';
import { loadDefaultOpeningBook } from '@c4/minimax/node';
import { selectBackend } from '../src/backend/index.ts';
import { scoresOf } from '../src/dataset.ts';
import { readDataset } from '../src/node/read-dataset.ts';

const program = new Command('first-moves')
  .argument('<models...>', 'model directories')
  .option('--at <moves...>', 'also judge the move at these positions (needs --labels)', [])
  .option('--labels <files...>', 'labelled positions (generate JSONL) holding the --at positions', [])
  .parse();
const options = program.opts<{ at: string[]; labels: string[] }>();

/** Exact move scores by position key, each orientation of a labelled position. */
const labelled = new Map<number, (number | null)[]>();
for (const file of options.labels) {
  const { examples } = await readDataset(file);
  for (let i = 0; i < examples.size; i++) {
    const position = Position.fromMoves(examples.moves[i]);
    const scores = scoresOf(examples, i);
    labelled.set(position.key(), scores);
    labelled.set(position.mirror().key(), [...scores].reverse());
  }
}
const unlabelled = options.at.filter((moves) => !labelled.has(Position.fromMoves(moves).key()));
if (unlabelled.length > 0) throw new Error(`no label for ${unlabelled.join(', ')} in --labels`);

const book = loadDefaultOpeningBook();
if (!book) throw new Error('first-moves needs the shipped opening book (packages/minimax/data/opening-book.bin)');
const solver = new Solver({ book, ttLog2: 17 });
/** The move's exact score and the best score (the mover's view), from the book. */
function judge(moves: string, column: number): { score: number; best: number } {
  const scores = solver.analyze(Position.fromMoves(moves)).map((s) => s ?? -Infinity);
  return { score: scores[column], best: Math.max(...scores) };
}
const describe = ({ score, best }: { score: number; best: number }) =>
  `${score === best ? 'best' : Math.sign(score) === Math.sign(best) ? 'keeps the value' : 'LOSES the value'} (score ${score}, best ${best})`;

await selectBackend('auto');
for (const dir of program.args) {
  const net = new PolicyNet(await loadModelFromDir(dir));
  const first = net.chooseMove(Position.empty());
  console.log(`${dir}\n  empty board: plays ${first + 1}, ${describe(judge('', first))}`);
  let kept = 0;
  for (let reply = 0; reply < 7; reply++) {
    const moves = `${first + 1}${reply + 1}`;
    const answer = net.chooseMove(Position.fromMoves(moves));
    const verdict = judge(moves, answer);
    if (Math.sign(verdict.score) === Math.sign(verdict.best)) kept++;
    console.log(`  after ${moves}: plays ${answer + 1}, ${describe(verdict)}`);
  }
  console.log(`  second move keeps the value after ${kept} of 7 replies`);
  for (const moves of options.at) {
    const column = net.chooseMove(Position.fromMoves(moves));
    const scores = labelled.get(Position.fromMoves(moves).key())!.map((s) => s ?? -Infinity);
    console.log(`  at ${moves}: plays ${column + 1}, ${describe({ score: scores[column], best: Math.max(...scores) })}`);
  }
  net.dispose();
}
