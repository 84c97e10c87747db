/**
 * A worker of the labelling pool (piscina). It keeps one solver, and so one
 * transposition table (and opening book), for its whole life: they are loaded once,
 * and later positions reuse what earlier ones stored.
 *
 * `progress` (shared memory) tells the main thread which position of the batch is being
 * labelled, so that it can stop the worker when one runs past `--max-ms`.
 *
 * Test hooks (set by the main thread from environment variables, see GENERATE.md):
 * `crash` makes this worker die ('exit') or throw ('throw') instead of labelling the
 * batch; `delayMs` makes it wait that long after each position.
 */
import { Position } from '@c4/engine';
import { createLabeller, type Labeller } from '../generate/label.ts';
import { Solver } from '../index.ts';
import { readOpeningBook } from './opening-book-file.ts';
import { tuneV8ForSearch } from './v8-tuning.ts';

tuneV8ForSearch();

export interface LabelTask {
  /** Move strings of the positions to label. */
  readonly moves: readonly string[];
  /** Opening book file for the solver, or null for none (read once per worker). */
  readonly book: string | null;
  /** Slot 0: index of the position being labelled, -1 before the first / after the last. */
  readonly progress?: Int32Array;
  readonly crash?: 'exit' | 'throw';
  readonly delayMs?: number;
}

export interface LabelledPosition {
  readonly moves: string;
  readonly scores: (number | null)[];
  readonly ms: number;
  readonly nodes: number;
}

let labeller: Labeller | undefined;

export default async function labelBatch(task: LabelTask): Promise<LabelledPosition[]> {
  if (task.crash === 'exit') process.exit(70);
  if (task.crash === 'throw') throw new Error('test hook: worker failed on purpose');
  labeller ??= createLabeller(new Solver({ book: task.book === null ? null : readOpeningBook(task.book) }));
  const labelled: LabelledPosition[] = [];
  for (let i = 0; i < task.moves.length; i++) {
    const moves = task.moves[i]!;
    if (task.progress) Atomics.store(task.progress, 0, i);
    const start = performance.now();
    const labels = labeller.label(Position.fromMoves(moves));
    labelled.push({ moves, scores: labels.scores, ms: performance.now() - start, nodes: labels.nodes });
    if (task.delayMs) await new Promise((resolve) => setTimeout(resolve, task.delayMs));
  }
  if (task.progress) Atomics.store(task.progress, 0, -1);
  return labelled;
}
