/**
 * One arena run: plan the games, play them (on the worker pool, or in this thread with one
 * worker), gather the report. The command line (arena-cli.ts) only parses and prints.
 */
import { loadModelFromDir } from '@c4/engine/node';
import type { AgentSpec } from '../arena/agents.ts';
import { planGames } from '../arena/match.ts';
import type { GameRecord } from '../arena/match.ts';
import { chooseOpenings } from '../arena/openings.ts';
import type { OpeningSource } from '../arena/openings.ts';
import { pairingReport } from '../arena/report.ts';
import type { ArenaReport } from '../arena/report.ts';
import { selectBackend } from '../backend/select-backend.ts';
import type { BackendChoice } from '../backend/select-backend.ts';
import { createArenaPool } from './arena-worker-pool.ts';
import { GamePlayer } from './arena-worker.ts';
import type { PlayedGame, SolverWork } from './arena-worker.ts';

export interface ArenaOptions {
  /** The agent measured, and those it meets (one pairing each). Net specs have their `dir` resolved. */
  subject: AgentSpec;
  opponents: readonly AgentSpec[];
  /** Games per pairing, half with each colour. Precondition: even, ≥ 2. */
  games: number;
  seed: number;
  openings: OpeningSource;
  /** Check net moves from this ply on; null: no check. */
  checkFrom: number | null;
  workers: number;
  backend: BackendChoice;
  /** After each game, with the games done so far and in all. */
  onGame?: (done: number, total: number, game: PlayedGame) => void;
  /** Asked between games: true stops the run (games under way are dropped). */
  shouldStop?: () => boolean;
}

export interface ArenaOutcome {
  report: ArenaReport;
  /** The run was stopped before every game was played; the report covers those played. */
  interrupted: boolean;
}

export function describeOpenings(source: OpeningSource): string {
  switch (source.kind) {
    case 'empty': return 'the empty board';
    case 'list': return `${source.moves.length} from ${source.source}, in order`;
    case 'random': {
      const plies = source.minPlies === source.maxPlies ? `${source.minPlies}` : `${source.minPlies}-${source.maxPlies}`;
      return `${plies} random plies`;
    }
  }
}

/**
 * Starts the backend and loads every net once, here, so that a missing or corrupt model or
 * an unavailable backend is reported before any game. Returns the backend's description
 * (null without nets).
 */
export async function checkNets(specs: readonly AgentSpec[], backend: BackendChoice): Promise<string | null> {
  const nets = specs.filter((s) => s.kind === 'net');
  if (nets.length === 0) return null;
  const selected = await selectBackend(backend);
  for (const spec of nets) {
    if (spec.dir === null) throw new Error(`${spec.name}: the model directory is not resolved`);
    (await loadModelFromDir(spec.dir)).dispose();
  }
  return selected.detail;
}

export async function runArena(o: ArenaOptions): Promise<ArenaOutcome> {
  const backend = await checkNets([o.subject, ...o.opponents], o.backend);
  const openings = chooseOpenings(o.openings, Math.ceil(o.games / 2), o.seed);
  const tasks = planGames(o.subject, o.opponents, o.games, openings, o.seed, o.checkFrom);
  const started = performance.now();
  const played: PlayedGame[] = [];
  let interrupted = false;
  const record = (game: PlayedGame) => {
    played.push(game);
    o.onGame?.(played.length, tasks.length, game);
  };

  if (o.workers <= 1) {
    const player = new GamePlayer();
    try {
      for (const task of tasks) {
        if (o.shouldStop?.()) {
          interrupted = true;
          break;
        }
        await player.prepare([task.first, task.second], o.backend);
        record(player.play(task));
        // Let timers (the progress bar, Ctrl-C) run between games.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      player.dispose();
    }
  } else {
    const pool = createArenaPool(o.workers);
    const stopWatch = setInterval(() => {
      if (o.shouldStop?.() && !interrupted) {
        interrupted = true;
        void pool.destroy();
      }
    }, 100);
    // A worker that fails outside a task (e.g. cannot load its module) leaves the tasks queued: fail the run.
    const workerFailed = new Promise<never>((_, reject) => pool.once('error', reject));
    workerFailed.catch(() => {}); // handled by the race below; later errors (during destroy) do not matter
    try {
      // One game per worker at a time, the next handed to whichever finishes first: games differ
      // in cost by orders of magnitude (a solver game against a random one), so no worker may
      // hold a queue of its own.
      let next = 0;
      let failed = false;
      const feed = async (): Promise<void> => {
        try {
          while (next < tasks.length && !interrupted && !failed) {
            const task = tasks[next++];
            record(await pool.run({ task, backend: o.backend }));
          }
        } catch (e) {
          failed = true;
          throw e;
        }
      };
      const feeders = Promise.all(Array.from({ length: o.workers }, feed));
      await Promise.race([feeders, workerFailed]);
    } catch (e) {
      if (!interrupted) throw e;
    } finally {
      clearInterval(stopWatch);
      if (!interrupted) await pool.destroy();
    }
  }

  const seconds = (performance.now() - started) / 1000;
  return { report: buildReport(o, played, { seconds, interrupted, backend }), interrupted };
}

interface RunFacts {
  seconds: number;
  interrupted: boolean;
  backend: string | null;
}

function buildReport(o: ArenaOptions, played: readonly PlayedGame[], { seconds, interrupted, backend }: RunFacts): ArenaReport {
  const byPairing = o.opponents.map(() => [] as GameRecord[]);
  const solver: SolverWork = { analyses: 0, weakSolves: 0, ms: 0 };
  for (const game of played) {
    byPairing[game.record.pairing].push(game.record);
    solver.analyses += game.solver.analyses;
    solver.weakSolves += game.solver.weakSolves;
    solver.ms += game.solver.ms;
  }
  const nets: Record<string, string> = {};
  for (const spec of [o.subject, ...o.opponents]) if (spec.kind === 'net' && spec.dir !== null) nets[spec.name] = spec.dir;
  return {
    format: 'c4-arena/1',
    settings: {
      subject: o.subject.name,
      opponents: o.opponents.map((s) => s.name),
      nets,
      gamesPerPairing: o.games,
      seed: o.seed,
      openings: describeOpenings(o.openings),
      checkFrom: o.checkFrom,
      workers: o.workers,
      backend,
    },
    pairings: o.opponents.map((opponent, i) => pairingReport(o.subject.name, opponent.name, byPairing[i])),
    interrupted,
    seconds,
    gamesPerSecond: seconds > 0 ? played.length / seconds : 0,
    solver: { analyses: solver.analyses, weakSolves: solver.weakSolves, ms: Math.round(solver.ms) },
  };
}
