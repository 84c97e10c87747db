/**
 * The `generate` command: arguments, progress bar, summary line and exit code, around
 * `runGenerate` and `mergeDatasets`. generate-cli.ts is the executable entry.
 */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { Presets, SingleBar } from 'cli-progress';
import { parsePlySpread, PlySpreadError, type PlySpread } from '../generate/ply-spread.ts';
import { DEFAULT_PLY_SPREAD, DEFAULT_SAMPLING } from '../generate/sampling-options.ts';
import { parsePositionList, PositionListError, type PositionList } from '../generate/position-list.ts';
import { parseShard, ShardError, WHOLE, type Shard } from '../generate/shard.ts';
import { GenerateError, UsageError } from './generate-errors.ts';
import { mergeDatasets } from './generate-merge.ts';
import { runGenerate, type GenerateProgress } from './generate-run.ts';
import { DEFAULT_OPENING_BOOK_PATH } from './opening-book-file.ts';
import type { GenerateSummary } from './generate-stats.ts';

export const DEFAULT_COUNT = 100_000;
export const DEFAULT_OUT = 'data/positions.jsonl';
export const DEFAULT_MAX_MS = 60_000;
export const DEFAULT_BATCH = 32;
const SECOND_SIGNAL_MS = 1000;

interface CliOptions {
  count: number;
  out: string;
  workers: number;
  seed: number;
  shard: Shard;
  maxMs: number;
  plies: PlySpread;
  guided: number;
  skill: number;
  batch: number;
  book: string | false;
  progress: boolean;
  positions?: string;
}

function positiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
      throw new InvalidArgumentError(`${name} must be a positive integer.`);
    }
    return n;
  };
}

function nonNegativeNumber(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`${name} must be a number >= 0.`);
    return n;
  };
}

function share(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !(n >= 0 && n <= 1)) throw new InvalidArgumentError(`${name} must be a number from 0 to 1.`);
    return n;
  };
}

function seed(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > 0xffffffff) throw new InvalidArgumentError('seed must be an integer from 0 to 4294967295.');
  return n;
}

function shard(value: string): Shard {
  try {
    return parseShard(value);
  } catch (e) {
    throw new InvalidArgumentError(e instanceof ShardError ? e.message.replace(/^bad shard "[^"]*": /, '') + '.' : String(e));
  }
}

function plies(value: string): PlySpread {
  try {
    return parsePlySpread(value);
  } catch (e) {
    throw new InvalidArgumentError(e instanceof PlySpreadError ? e.message + '.' : String(e));
  }
}

function buildProgram(writeErr: (text: string) => void, exit: (code: number) => void): Command {
  const program = new Command('generate')
    .description('Label Connect Four positions with the exact solver: one JSON record per line (see GENERATE.md).')
    .enablePositionalOptions()
    .option('-n, --count <n>', 'positions in the dataset (all shards together)', positiveInt('count'), DEFAULT_COUNT)
    .option('-o, --out <file>', 'output file (.jsonl); rerunning the same command resumes it', DEFAULT_OUT)
    .addOption(
      new Option('-w, --workers <n>', 'worker threads')
        .argParser(positiveInt('workers'))
        .default(availableParallelism(), `every core: ${availableParallelism()}`),
    )
    .option('--seed <n>', 'seed of the sample stream', seed, DEFAULT_SAMPLING.seed)
    .addOption(
      new Option('--shard <i/n>', 'make shard i of n (0-based) of the same dataset; join them with `merge`')
        .argParser(shard)
        .default(WHOLE, '0/1'),
    )
    .option('--max-ms <ms>', 'skip (never guess) a position whose labelling takes longer; 0: no limit', nonNegativeNumber('max-ms'), DEFAULT_MAX_MS)
    .addOption(
      new Option('--plies <spread>', 'where games stop: "from-to:weight,…"')
        .argParser(plies)
        .default(DEFAULT_SAMPLING.plies, DEFAULT_PLY_SPREAD),
    )
    .option('--guided <share>', 'share of games played by the strong policy (the rest uniformly random)', share('guided'), DEFAULT_SAMPLING.guided)
    .option('--skill <p>', 'in a guided game, chance that a move is the strong move rather than a random one', share('skill'), DEFAULT_SAMPLING.skill)
    .option('--positions <file>', 'label the positions listed in this file (one move string per line) instead of sampling games; --count defaults to all of them')
    .option('--batch <n>', 'most positions sent to a worker at once', positiveInt('batch'), DEFAULT_BATCH)
    .addOption(
      new Option('--book <file>', 'opening book for the solver (faster early plies; labels are exact either way)').default(
        existsSync(DEFAULT_OPENING_BOOK_PATH) ? DEFAULT_OPENING_BOOK_PATH : false,
        existsSync(DEFAULT_OPENING_BOOK_PATH) ? 'the shipped book' : 'none: the package ships none',
      ),
    )
    .option('--no-book', 'do not use an opening book')
    .option('--no-progress', 'no progress bar')
    .addHelpText('after', `\nExamples:\n  generate\n  generate --count 20000 --out data/small.jsonl --workers 2\n  generate --shard 0/4 --out data/part-0.jsonl   (then: generate merge data/part-*.jsonl --out data/positions.jsonl)\n  generate --positions data/net-games.txt --out data/net-games.jsonl   (positions from arena --save-positions)`)
    .action(async (options: CliOptions, command: Command) => {
      const list = options.positions === undefined ? undefined : readPositionList(options.positions);
      if (list && command.getOptionValueSource('count') !== 'cli') options.count = list.distinct;
      exit(await generate(options, list, writeErr));
    });
  program
    .command('merge')
    .description('combine shard files into the dataset a single run would have written')
    .argument('<files...>', 'shard files (.jsonl)')
    .requiredOption('-o, --out <file>', 'merged output file')
    .action((files: string[], options: { out: string }) => {
      const summary = mergeDatasets(files, options.out);
      const unfinished = summary.inputs.filter((i) => i.complete === false).map((i) => i.file);
      if (unfinished.length > 0) writeErr(`generate merge: warning: unfinished shard(s): ${unfinished.join(', ')}\n`);
      writeErr(
        `generate merge: ${summary.count} positions from ${files.length} file(s) into ${summary.out} ` +
          `(${summary.repeated} repeated, stats: ${summary.stats}) in ${formatDuration(summary.elapsedMs)}\n`,
      );
    });
  return program;
}

/** The `--positions` file, or a UsageError naming the file (and line) that cannot be used. */
function readPositionList(file: string): PositionList {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read --positions ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return parsePositionList(text, file);
  } catch (e) {
    if (e instanceof PositionListError) throw new UsageError(e.message);
    throw e;
  }
}

async function generate(options: CliOptions, positions: PositionList | undefined, writeErr: (text: string) => void): Promise<number> {
  const controller = new AbortController();
  let firstSignal = 0;
  const onSignal = (): void => {
    // Under `pnpm generate` one Ctrl-C arrives twice (from the terminal, and relayed by
    // tsx): only a signal a second or more after the first means "stop now".
    if (firstSignal > 0 && performance.now() - firstSignal > SECOND_SIGNAL_MS) process.exit(130);
    if (firstSignal === 0) firstSignal = performance.now();
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const bar = new ProgressBar(options.progress);
  try {
    const summary = await runGenerate({
      count: options.count,
      out: options.out,
      workers: options.workers,
      shard: options.shard,
      sampling: { seed: options.seed, plies: options.plies, guided: options.guided, skill: options.skill },
      positions,
      maxMs: options.maxMs > 0 ? options.maxMs : Infinity,
      book: options.book === false ? null : options.book,
      batchSize: options.batch,
      signal: controller.signal,
      onStart: (p) => bar.start(p),
      onProgress: (p) => bar.update(p),
      hooks: testHooks(),
    });
    bar.stop();
    writeErr(summaryLine(summary) + '\n');
    return summary.interrupted ? 130 : 0;
  } finally {
    bar.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** Hidden test hooks (GENERATE.md): C4_CRASH_WORKER_ONCE=1|exit|throw, C4_BATCH_DELAY_MS=n. */
function testHooks(): { crash?: 'exit' | 'throw'; delayMs?: number } {
  const crash = process.env.C4_CRASH_WORKER_ONCE;
  const delay = Number(process.env.C4_BATCH_DELAY_MS ?? 0);
  return {
    crash: crash === 'throw' ? 'throw' : crash === '1' || crash === 'exit' ? 'exit' : undefined,
    delayMs: delay > 0 ? delay : undefined,
  };
}

class ProgressBar {
  private bar: SingleBar | null = null;
  constructor(private readonly enabled: boolean) {}

  start(p: GenerateProgress): void {
    if (!this.enabled) return;
    this.bar = new SingleBar(
      {
        stream: process.stderr,
        format: 'generate |{bar}| {value}/{total} positions | {rate} pos/s | ETA {eta_formatted} | skipped {skipped}',
        etaBuffer: 200,
        fps: 5,
        noTTYOutput: true,
        notTTYSchedule: 30_000,
        hideCursor: true,
      },
      Presets.shades_classic,
    );
    this.bar.start(p.target, p.done, { rate: '0.0', skipped: 0 });
  }

  update(p: GenerateProgress): void {
    this.bar?.update(p.done, { rate: (p.labelled / (p.elapsedMs / 1000)).toFixed(1), skipped: p.skipped });
  }

  stop(): void {
    this.bar?.stop();
    this.bar = null;
  }
}

function summaryLine(s: GenerateSummary): string {
  const what = s.shard === '0/1' ? '' : ` (shard ${s.shard} of a ${s.datasetCount}-position dataset)`;
  const limit = Number.isFinite(s.maxMs) ? ` (> ${s.maxMs} ms)` : '';
  const crashes = s.workerCrashes === 0 ? '0 worker crashes' : `${s.workerCrashes} worker crash(es), ${s.retries} batch(es) retried, ${s.givenUp} position(s) given up`;
  const tail = `${s.labelled} labelled in ${formatDuration(s.elapsedMs)}, ${s.positionsPerSecond.toFixed(1)} positions/s, ${s.workers} worker(s); ${s.resumed} resumed; ${s.skipped} skipped${limit}; ${crashes}`;
  if (s.interrupted) {
    return `generate: stopped — ${s.count}/${s.target} positions in ${s.out}${what}; ${tail}. Run the same command again to resume.`;
  }
  return `generate: ${s.count} positions in ${s.out}${what}, stats in ${s.stats}; ${tail}`;
}

function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/**
 * Runs the command with these arguments (without "node script"); resolves to the exit
 * code. Messages go to `writeErr` (default: stderr), help to stdout.
 */
export async function runGenerateCommand(
  argv: readonly string[],
  writeErr: (text: string) => void = (text) => process.stderr.write(text),
): Promise<number> {
  let code = 0;
  const program = buildProgram(writeErr, (c) => (code = c));
  const firstLine = (text: string, write: (s: string) => void): void => write(text.split('\n')[0]! + '\n');
  for (const command of [program, ...program.commands]) {
    command.exitOverride();
    command.configureOutput({ writeErr, outputError: firstLine });
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof UsageError || e instanceof GenerateError) {
      writeErr(`generate: ${e.message}\n`);
      return e.exitCode;
    }
    writeErr(`generate: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

