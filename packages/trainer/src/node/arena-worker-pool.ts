/**
 * The pool of arena workers: piscina threads running arena-worker.ts, one game per task.
 *
 * The workers are TypeScript, so they need the tsx loader. Under `tsx` (how the CLI runs)
 * worker threads inherit it through `execArgv`; elsewhere (e.g. a test runner) `--import tsx`
 * is added so the pool still works.
 */
import { Piscina } from 'piscina';
import type { ArenaWorkerTask, PlayedGame } from './arena-worker.ts';

export type ArenaPool = Piscina<ArenaWorkerTask, PlayedGame>;

export function createArenaPool(workers: number): ArenaPool {
  const inherited = process.execArgv;
  // The loader itself, not any path that mentions tsx (a test runner's may: pnpm puts peers in directory names).
  const hasTsx = inherited.some((arg) => arg === 'tsx' || /[/\\]tsx[/\\]dist[/\\]loader\.m?js$/.test(arg));
  return new Piscina<ArenaWorkerTask, PlayedGame>({
    filename: new URL('./arena-worker.ts', import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
    // Keep each thread (its nets, its solver's table and memory) for the whole run.
    idleTimeout: 60 * 60 * 1000,
    execArgv: hasTsx ? inherited : [...inherited, '--import', import.meta.resolve('tsx')],
  });
}
