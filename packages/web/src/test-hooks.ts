/**
 * Small read-only windows into the page for the end-to-end test (and the curious): the game
 * state, where to click to drop a piece in a column, and timing figures. Nothing here changes
 * the game; the test plays through the same clicks and keys as a person.
 *
 *   window.__c4.state()        { ready, busy, moves, mode, human, toMove, over, winner, status, teacherBusy }
 *   window.__c4.cellPoint(r, c) page coordinates of a cell's centre (row 0 = bottom) and its side
 *   window.__c4Stats           { backend, interactiveMs, modelMs, warmupMs, replyMs[], replies[] }
 */
import type { BoardView } from './board-view.ts';
import type { GameController } from './game-controller.ts';
import type { TeacherClient } from './teacher-client.ts';

export interface C4Stats {
  /** The tfjs backend in use, null until chosen. */
  backend: string | null;
  /** Milliseconds from navigation start until the board accepts moves with the network loaded. */
  interactiveMs: number | null;
  /** Loading the model (fetch + build). */
  modelMs: number | null;
  /** The first inference, which compiles shaders / warms the wasm code up; not counted in replyMs. */
  warmupMs: number | null;
  /** Inference time (encode, predict, read back) of each network reply, in ms. */
  replyMs: number[];
  /** Each network reply: the move string before it and the column (0-based) it chose. */
  replies: { moves: string; col: number }[];
}

export interface C4State {
  ready: boolean;
  busy: boolean;
  moves: string;
  mode: string;
  human: number;
  toMove: number;
  over: boolean;
  winner: number;
  status: string;
  teacherBusy: boolean;
}

declare global {
  interface Window {
    __c4?: { state(): C4State; cellPoint(row: number, col: number): { x: number; y: number; cell: number } };
    __c4Stats?: C4Stats;
  }
}

export function createStats(): C4Stats {
  return { backend: null, interactiveMs: null, modelMs: null, warmupMs: null, replyMs: [], replies: [] };
}

export function exposeTestHooks(parts: { controller: GameController; board: BoardView; stats: C4Stats; teacher: TeacherClient }): void {
  const { controller, board, stats, teacher } = parts;
  window.__c4Stats = stats;
  window.__c4 = {
    state: () => ({
      ready: document.body.dataset.ready === 'true',
      busy: controller.busy,
      moves: controller.moves,
      mode: controller.mode,
      human: controller.human,
      toMove: controller.toMove,
      over: controller.isOver,
      winner: controller.winner,
      status: document.getElementById('status')?.textContent ?? '',
      teacherBusy: teacher.busy,
    }),
    cellPoint: (row, col) => board.cellPoint(row, col),
  };
}
