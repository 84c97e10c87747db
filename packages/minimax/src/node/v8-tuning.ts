/**
 * V8 settings for processes that run the solver for long.
 *
 * The search is one large recursive function (`Search.negamax`). When a search first
 * reaches a rarely taken branch (the mirror keys below 12 stones, the big table, the
 * book), V8 deoptimizes it; with on-stack replacement on, it then often kept the search
 * in code that ran 2.5x slower for the rest of the process (measured: 3.3 M instead of
 * 8.3 M nodes/s in about half of the runs labelling the same 1 000 positions, never with
 * `--no-use-osr`, which was fast in 15 processes of 15). Without OSR a frame that is already
 * running stays in its tier, but the search recurses so much that new calls pick up the
 * optimized code at once.
 */
import { setFlagsFromString } from 'node:v8';

/** Turns off on-stack replacement for the whole process (V8 flags are per process); call before searching. */
export function tuneV8ForSearch(): void {
  setFlagsFromString('--no-use-osr');
}
