/**
 * Plays arena games, in a worker of the pool (the default export, one game per task) or in
 * the main thread (`GamePlayer`, for `--workers 1`). A player keeps for its whole life what
 * is costly to make: the tfjs backend, each network it has loaded, and one solver (with its
 * transposition table and the `Analyst`'s memory of exact values).
 */
import { PolicyNet } from '@c4/engine/policy';
import { loadModelFromDir } from '@c4/engine/node';
import type { AgentSpec } from '../arena/agents.ts';
import { Solver } from '@c4/minimax';
import { loadDefaultOpeningBook, tuneV8ForSearch } from '@c4/minimax/node';
import { Analyst } from '../arena/analyst.ts';
import { playGame } from '../arena/match.ts';
import type { GameRecord, GameTask } from '../arena/match.ts';
import { selectBackend } from '../backend/select-backend.ts';
import type { BackendChoice } from '../backend/select-backend.ts';

tuneV8ForSearch();

export interface ArenaWorkerTask {
  task: GameTask;
  backend: BackendChoice;
}

/** Solver work done, the solver agent and the check together. */
export interface SolverWork {
  analyses: number;
  weakSolves: number;
  ms: number;
}

export interface PlayedGame {
  record: GameRecord;
  /** Solver work of this game. */
  solver: SolverWork;
}

export class GamePlayer {
  private readonly nets = new Map<string, PolicyNet>();
  private analyst?: Analyst;
  private backendStarted = false;

  /** Starts the backend and loads the nets `specs` need (once each). */
  async prepare(specs: readonly AgentSpec[], backend: BackendChoice): Promise<void> {
    for (const spec of specs) {
      if (spec.kind !== 'net' || spec.dir === null || this.nets.has(spec.dir)) continue;
      if (!this.backendStarted) await selectBackend(backend);
      this.backendStarted = true;
      this.nets.set(spec.dir, new PolicyNet(await loadModelFromDir(spec.dir)));
    }
  }

  /** Plays one game. Precondition: `prepare` was awaited for its agents. */
  play(task: GameTask): PlayedGame {
    const before = this.solverWork();
    const record = playGame(task, {
      net: (dir) => {
        const net = this.nets.get(dir);
        if (!net) throw new Error(`net ${dir} was not prepared`);
        return net;
      },
      analyst: () => this.solverMemory(),
    });
    const after = this.solverWork();
    const solver = { analyses: after.analyses - before.analyses, weakSolves: after.weakSolves - before.weakSolves, ms: after.ms - before.ms };
    return { record, solver };
  }

  private solverWork(): SolverWork {
    const a = this.analyst;
    return a ? { analyses: a.calls.analyze, weakSolves: a.calls.weak, ms: a.solverMs } : { analyses: 0, weakSolves: 0, ms: 0 };
  }

  dispose(): void {
    for (const net of this.nets.values()) net.dispose();
    this.nets.clear();
  }

  /** The solver is made on first use: its 80 MB table is not needed by games without it. */
  private solverMemory(): Analyst {
    this.analyst ??= new Analyst(new Solver({ book: loadDefaultOpeningBook() }));
    return this.analyst;
  }
}

let player: GamePlayer | undefined;

/** The pool's task: one game. */
export default async function playOneGame({ task, backend }: ArenaWorkerTask): Promise<PlayedGame> {
  player ??= new GamePlayer();
  await player.prepare([task.first, task.second], backend);
  return player.play(task);
}
