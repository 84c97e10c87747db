/**
 * `pnpm arena`: whole games between the first agent named and each of the others, with a
 * report of results, confidence intervals and (for a net) solver-checked move quality.
 * See ARENA.md. Exit codes: 0 done, 2 bad arguments or files, 130 interrupted (the games
 * played so far are reported), 1 anything else.
 */
import { constants } from 'node:fs';
import { access, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ModelFileError, MODEL_FILE } from '@c4/engine/policy';
import { AGENT_SYNTAX, AgentSpecError, parseAgentSpec } from '../arena/agents.ts';
import type { AgentSpec } from '../arena/agents.ts';
import { DEFAULT_OPENING_PLIES, OpeningError, parseOpeningPlies, parseOpeningsText } from '../arena/openings.ts';
import type { OpeningSource } from '../arena/openings.ts';
import { formatReport, summaryLine } from '../arena/report.ts';
import { formatGamePositions, gamePositions, SAVED_MOVERS } from '../arena/game-positions.ts';
import type { SavedMover } from '../arena/game-positions.ts';
import { BACKEND_CHOICES, BackendUnavailableError } from '../backend/select-backend.ts';
import type { BackendChoice } from '../backend/select-backend.ts';
import { runArena } from './arena-run.ts';
import type { PlayedGame } from './arena-worker.ts';
import { listenForStop, runIfEntry } from './cli-entry.ts';

/** A mistake in the command line or an input file: one line, exit code 2. */
class UsageError extends Error {}

const USER_ERRORS = [UsageError, AgentSpecError, OpeningError, ModelFileError, BackendUnavailableError];

/** Where `net` (no directory) looks for a model, first found wins. */
export const DEFAULT_NET_DIRS = ['models/c4-policy', 'models/latest'] as const;
/** Net moves are checked from this ply on unless --check-from says otherwise (see ARENA.md). */
export const DEFAULT_CHECK_FROM = 14;

interface CliOptions {
  games: number;
  seed: number;
  workers: number;
  openings?: string;
  openingPlies: string;
  fromEmpty: boolean;
  checkFrom: number;
  check: boolean;
  json?: string;
  savePositions?: string;
  saveOf: SavedMover;
  backend: BackendChoice;
  progress: boolean;
}

function integer(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (text: string): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(max === Number.MAX_SAFE_INTEGER ? `expected an integer ≥ ${min}` : `expected an integer ${min}-${max}`);
    }
    return n;
  };
}

function evenGames(text: string): number {
  const n = Number(text);
  if (!(Number.isInteger(n) && n >= 2 && n % 2 === 0 && n <= 1_000_000)) {
    throw new InvalidArgumentError('expected an even number of games ≥ 2 (half are played with each colour)');
  }
  return n;
}

export function buildProgram(): Command {
  return new Command('arena')
    .description('Play whole games between the first agent and each of the others; report wins/draws/losses per colour with 95% intervals, and how often a net keeps the game-theoretic value.')
    .argument('<agents...>', `the agent measured, then its opponents (${AGENT_SYNTAX})`)
    .option('-n, --games <n>', 'games per pairing, half with each colour', evenGames, 200)
    .option('--seed <n>', 'seed of openings and of every random choice', integer(0, 2 ** 32 - 1), 1)
    .option('-w, --workers <n>', 'game threads (1: play in this thread)', integer(1), availableParallelism())
    .option('--opening-plies <min-max>', 'random plies before the agents play', `${DEFAULT_OPENING_PLIES.minPlies}-${DEFAULT_OPENING_PLIES.maxPlies}`)
    .option('--openings <file>', 'start from these positions instead (one move string per line, used in order)')
    .option('--from-empty', 'start every game from the empty board', false)
    .option('--check-from <ply>', 'check net moves with the solver from this ply on (0: every move; the opening is slow)', integer(0, 41), DEFAULT_CHECK_FROM)
    .option('--no-check', 'do not check net moves')
    .option('--json <file>', 'also write the report, every game included, as JSON')
    .option('--save-positions <file>', 'also write every position the agents moved in, once each, as "moves visits" lines (label them with generate --positions)')
    .addOption(new Option('--save-of <agents>', 'whose positions --save-positions writes: all, or the subject\'s (where it moved)').choices(SAVED_MOVERS).default('all'))
    .addOption(new Option('--backend <name>', 'tfjs backend for nets').choices(BACKEND_CHOICES).default('auto'))
    .option('--no-progress', 'no progress bar')
    .addHelpText('after', [
      '',
      'Examples:',
      '  pnpm arena net random --games 200',
      '  pnpm arena net minimax:4 minimax:6 centre      # net against each',
      '  pnpm arena net:models/latest@0.5 net           # a sampling net against the greedy shipped one',
      '  pnpm arena net solver --opening-plies 10-12 --games 20 --json out.json',
      '  pnpm arena net solver --from-empty --games 2   # slow: see ARENA.md',
    ].join('\n'))
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text.split('\n')[0] + '\n') });
}

async function hasModel(dir: string): Promise<boolean> {
  try {
    await access(join(dir, MODEL_FILE), constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** Gives `net` its directory: the first of DEFAULT_NET_DIRS (under `base`) holding a model. */
export async function resolveNet(spec: AgentSpec, base = '.'): Promise<AgentSpec> {
  if (spec.kind !== 'net' || spec.dir !== null) return spec;
  for (const dir of DEFAULT_NET_DIRS) if (await hasModel(join(base, dir))) return { ...spec, dir: join(base, dir) };
  throw new UsageError(`${spec.name}: no model in ${DEFAULT_NET_DIRS.join(' or ')} (train one with pnpm train, or name one: net:<dir>)`);
}

async function openingSource(o: CliOptions, given: (name: string) => boolean): Promise<OpeningSource> {
  const chosen = [o.openings !== undefined && '--openings', o.fromEmpty && '--from-empty', given('openingPlies') && '--opening-plies'].filter(Boolean);
  if (chosen.length > 1) throw new UsageError(`${chosen.join(' and ')} cannot be combined: choose one way to start games`);
  if (o.fromEmpty) return { kind: 'empty' };
  if (o.openings !== undefined) {
    let text: string;
    try {
      text = await readFile(o.openings, 'utf8');
    } catch (e) {
      throw new UsageError(`--openings ${o.openings}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
    }
    return { kind: 'list', moves: parseOpeningsText(text, o.openings), source: o.openings };
  }
  return { kind: 'random', ...parseOpeningPlies(o.openingPlies) };
}

/** Below this ply an exact analysis takes seconds to hours with @c4/minimax's solver (ARENA.md, Cost). */
const SOLVER_FAST_FROM_PLY = 10;

function warnIfSolverSlow(openings: OpeningSource): void {
  const shallowest = openings.kind === 'empty' ? 0
    : openings.kind === 'random' ? openings.minPlies
    : Math.min(...openings.moves.map((m) => m.length));
  if (shallowest < SOLVER_FAST_FROM_PLY) {
    process.stderr.write(`arena: note: games start at ply ${shallowest}; the solver agent needs seconds to hours per move at plies 3-9 (the opening book ends at 3 stones), e.g. --opening-plies 10-12 is fast\n`);
  }
}

async function checkWritable(file: string, option: string): Promise<void> {
  try {
    await access(dirname(resolve(file)), constants.W_OK);
  } catch {
    throw new UsageError(`${option} ${file}: cannot write into ${dirname(resolve(file))}`);
  }
}

/** Writes through a temporary file and a rename: never a half-written report. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = join(dirname(resolve(file)), `.${Date.now()}-${process.pid}.arena.tmp`);
  try {
    await writeFile(temp, text);
    await rename(temp, file);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}

/** cli-progress on a terminal; a line every 30 s otherwise (logs); nothing with --no-progress. */
function progressReporter(enabled: boolean) {
  let bar: cliProgress.SingleBar | undefined;
  let started = 0;
  let lastLine = 0;
  const rate = (done: number) => {
    const s = (performance.now() - started) / 1000;
    return s > 0 ? (done / s).toFixed(2) : '-';
  };
  return {
    start(total: number) {
      started = performance.now();
      lastLine = started;
      if (!enabled || !process.stderr.isTTY) return;
      bar = new cliProgress.SingleBar({
        stream: process.stderr,
        format: 'arena |{bar}| {value}/{total} games | {rate} games/s | ETA {eta_formatted} | {last}',
        barsize: 24,
        etaBuffer: 50,
        hideCursor: true,
        clearOnComplete: true,
      }, cliProgress.Presets.shades_classic);
      bar.start(total, 0, { rate: '-', last: '' });
    },
    game(done: number, total: number, game: PlayedGame) {
      const r = game.record;
      const opponent = r.subjectFirst ? r.second.agent : r.first.agent;
      const result = r.winner === 0 ? 'draw' : (r.winner === 1) === r.subjectFirst ? 'win' : 'loss';
      const last = `last: ${result} vs ${opponent} as ${r.subjectFirst ? 'first' : 'second'}`;
      if (bar) {
        bar.update(done, { rate: rate(done), last });
      } else if (enabled && (performance.now() - lastLine > 30_000 || done === total)) {
        lastLine = performance.now();
        process.stderr.write(`arena: ${done}/${total} games, ${rate(done)} games/s\n`);
      }
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    program.parse(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    throw e;
  }
  const o = program.opts<CliOptions>();
  const given = (name: string) => program.getOptionValueSource(name) === 'cli';
  const stop = listenForStop('stopping: games under way are dropped, the rest is reported');
  const progress = progressReporter(o.progress);
  try {
    const specs = program.args.map(parseAgentSpec);
    if (specs.length < 2) throw new UsageError('name at least two agents: the one measured, then its opponents (e.g. arena net random)');
    if (!o.check && given('checkFrom')) throw new UsageError('--check-from and --no-check cannot be combined');
    const [subject, ...opponents] = await Promise.all(specs.map((spec) => resolveNet(spec)));
    const names = opponents.map((s) => s.name);
    const repeated = names.find((n, i) => names.indexOf(n) !== i);
    if (repeated !== undefined) throw new UsageError(`opponent ${repeated} is named twice`);
    const openings = await openingSource(o, given);
    const asksSolver = (s: AgentSpec) => s.kind === 'solver' || (s.kind === 'net' && s.keepValueFrom !== null);
    if (opponents.some(asksSolver) || asksSolver(subject)) warnIfSolverSlow(openings);
    if (o.json !== undefined) await checkWritable(o.json, '--json');
    if (o.savePositions !== undefined) await checkWritable(o.savePositions, '--save-positions');
    progress.start(o.games * opponents.length);
    const outcome = await runArena({
      subject, opponents, games: o.games, seed: o.seed, openings,
      checkFrom: o.check ? o.checkFrom : null, workers: o.workers, backend: o.backend,
      onGame: (done, total, game) => progress.game(done, total, game),
      shouldStop: () => stop.requested,
    });
    progress.stop();
    console.log(formatReport(outcome.report));
    const outputs: string[] = [];
    if (o.json !== undefined) {
      await writeAtomically(o.json, JSON.stringify(outcome.report, null, 1) + '\n');
      outputs.push(o.json);
    }
    if (o.savePositions !== undefined) {
      const positions = gamePositions(outcome.report, o.saveOf);
      await writeAtomically(o.savePositions, formatGamePositions(positions));
      outputs.push(`${o.savePositions} (${positions.length} positions)`);
    }
    console.log(`${summaryLine(outcome.report, outputs)}${outcome.interrupted ? ' (interrupted)' : ''}`);
    return outcome.interrupted ? 130 : 0;
  } catch (e) {
    progress.stop();
    if (USER_ERRORS.some((type) => e instanceof type)) {
      process.stderr.write(`arena: ${(e as Error).message}\n`);
      return 2;
    }
    throw e;
  } finally {
    stop.dispose();
  }
}

runIfEntry(import.meta.url, 'arena', main);
