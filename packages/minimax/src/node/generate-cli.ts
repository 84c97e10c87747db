/**
 * `pnpm generate`: label Connect Four positions with the exact solver (see GENERATE.md).
 *
 *   generate [--count 100000] [--out data/positions.jsonl] [--workers N] [--seed 1]
 *            [--shard i/n] [--max-ms ms] [--plies spread] [--guided share] [--skill p]
 *   generate merge <files…> --out <file>
 *
 * Exit codes: 0 done, 1 bad dataset file, a run that cannot go on or an internal error,
 * 2 bad arguments,
 * 130 stopped by Ctrl-C / SIGTERM (run the same command again to resume).
 */
import { runGenerateCommand } from './generate-command.ts';

process.exitCode = await runGenerateCommand(process.argv.slice(2));
