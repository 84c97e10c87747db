/**
 * `pnpm solve <moves>`: the exact score of a position and of each of its moves.
 *
 *     pnpm solve 4453            board, score in words, every move's score
 *     pnpm solve 4453 --json     {"moves","score","scores","bestMove","nodes","ms"}
 */
import { Command, InvalidArgumentError } from 'commander';
import { MoveStringError, Position } from '@c4/engine';
import { analyzeMoves } from '../analysis.ts';
import { Solver } from '../solver.ts';
import { describeScore } from '../scores.ts';
import { loadDefaultOpeningBook, readOpeningBook } from './opening-book-file.ts';
import { tuneV8ForSearch } from './v8-tuning.ts';

tuneV8ForSearch();

interface CliOptions {
  json?: boolean;
  weak?: boolean;
  ttLog2: number;
  book: string | boolean;
}

function parseTtLog2(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 17 || n > 27) throw new InvalidArgumentError('must be an integer 17-27');
  return n;
}

/** One line on stderr, exit code 2: the user's input is wrong. */
function fail(message: string): never {
  process.stderr.write(`solve: ${message}\n`);
  process.exit(2);
}

const program = new Command()
  .name('solve')
  .description('Solve a Connect Four position exactly: its score and the score of each move.')
  .addHelpText(
    'after',
    `
Scores are for the side to move: positive = it wins (22 - s if it wins with its
s-th stone: the sooner, the higher), 0 = draw, negative = it loses. A move that
wins at once scores (43 - n) div 2 with n stones on the board.
The move string is 1-based (columns 1-7); bestMove in --json is a 0-based column
(0-6, like the dataset's "best" field).

Examples:
  pnpm solve 4453
  pnpm solve 52753311433677442422121 --json`,
  )
  .argument('[moves]', 'the 1-based columns played from the empty board, e.g. 4453 (empty: the start)', '')
  .option('--json', 'print one JSON object {"moves","score","scores","bestMove","nodes","ms"}')
  .option('--weak', 'only win / draw / loss (1 / 0 / -1): much faster')
  .option('--tt-log2 <n>', 'log2 of the transposition table entries', parseTtLog2, 24)
  .option('--book <file>', 'opening book file (default: the one shipped in packages/minimax/data)')
  .option('--no-book', 'do not use an opening book')
  .exitOverride((err) => {
    // commander has printed its one-line message; wrong usage is exit code 2, as for a bad position
    process.exit(err.code === 'commander.helpDisplayed' || err.code === 'commander.help' ? 0 : 2);
  })
  .action((moves: string, options: CliOptions) => run(moves.trim(), options));

function run(moves: string, options: CliOptions): void {
  let position: Position;
  try {
    position = Position.fromMoves(moves);
  } catch (e) {
    fail(e instanceof MoveStringError ? e.message : String(e));
  }
  if (position.isOver()) {
    const w = position.winner();
    fail(`the game "${moves}" is over (${w === 0 ? 'draw: the board is full' : `player ${w} has won`}): nothing to solve`);
  }
  let book;
  try {
    book = options.book === false ? null : typeof options.book === 'string' ? readOpeningBook(options.book) : loadDefaultOpeningBook();
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
  }
  const solver = new Solver({ ttLog2: options.ttLog2, book });
  const weak = options.weak === true;
  const analysis = analyzeMoves(solver, moves, { weak });
  const { score, scores, bestMove, nodes, ms } = analysis;
  if (options.json) {
    process.stdout.write(JSON.stringify(analysis) + '\n');
    return;
  }
  const side = position.currentPlayer === 1 ? 'X (first player)' : 'O (second player)';
  const lines = [
    position.toString(),
    '',
    `moves "${moves}", ${position.plies} stones, ${side} to move`,
    weak
      ? `outcome: ${score > 0 ? 'the side to move wins' : score < 0 ? 'the side to move loses' : 'draw'} with best play`
      : `score ${score}: ${describeScore(score, position.plies)}`,
    `move scores (column 1-7): ${scores.map((s, c) => `${c + 1}:${s === null ? '-' : s}`).join('  ')}`,
    `best move: column ${bestMove + 1} (0-based ${bestMove})`,
    `${nodes} nodes in ${ms} ms${book ? ' (with the opening book)' : ''}`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

program.parse();
