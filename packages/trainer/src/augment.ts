/**
 * Mirror augmentation: Connect Four is symmetric left ↔ right, so every training position
 * also teaches its mirror image. Done on the encoded arrays (no replay of move strings):
 *
 *   x      cell (r, c) ↔ (r, 6 − c), both planes        (see `encodePosition`)
 *   label  c ↦ 6 − c
 *   scores reversed
 *
 * The label is the mirror of the best move, not `bestFromScores` of the mirrored scores:
 * the centre tie-break (2 before 4, 1 before 5, …) is not itself symmetric, so when two
 * columns tie the recomputed label could differ, but 6 − c is equally best and keeps the
 * augmented data exactly symmetric.
 *
 * Symmetric positions (their own mirror) are not added twice: their mirrored copy would have
 * the same input with a possibly different (tied) label.
 */
import { INPUT_SIZE, mirrorColumn, WIDTH } from '@c4/engine';
import { allocateExamples, type ExampleSet } from './dataset.ts';

/** Writes the mirror of the encoded position at `from` in `src` to `to` in `dst`. */
export function mirrorEncoded(src: Float32Array, from: number, dst: Float32Array, to: number): void {
  for (let cell = 0; cell < INPUT_SIZE / 2; cell++) {
    const r = Math.floor(cell / WIDTH);
    const c = cell % WIDTH;
    const m = (r * WIDTH + mirrorColumn(c)) * 2;
    dst[to + m] = src[from + cell * 2];
    dst[to + m + 1] = src[from + cell * 2 + 1];
  }
}

function isSymmetric(x: Float32Array, offset: number): boolean {
  for (let cell = 0; cell < INPUT_SIZE / 2; cell++) {
    const r = Math.floor(cell / WIDTH);
    const m = (r * WIDTH + mirrorColumn(cell % WIDTH)) * 2;
    if (x[offset + cell * 2] !== x[offset + m] || x[offset + cell * 2 + 1] !== x[offset + m + 1]) return false;
  }
  return true;
}

/** `set` followed by the mirror of each of its non-symmetric positions. */
export function withMirrors(set: ExampleSet): ExampleSet {
  const asymmetric: number[] = [];
  for (let i = 0; i < set.size; i++) if (!isSymmetric(set.x, i * INPUT_SIZE)) asymmetric.push(i);
  const n = set.size + asymmetric.length;
  const out = allocateExamples(n);
  out.x.set(set.x);
  out.labels.set(set.labels);
  out.scores.set(set.scores);
  out.plies.set(set.plies);
  out.keys.set(set.keys);
  for (let i = 0; i < set.size; i++) out.moves[i] = set.moves[i];
  asymmetric.forEach((i, k) => {
    const j = set.size + k;
    mirrorEncoded(set.x, i * INPUT_SIZE, out.x, j * INPUT_SIZE);
    out.labels[j] = mirrorColumn(set.labels[i]);
    for (let c = 0; c < WIDTH; c++) out.scores[j * WIDTH + c] = set.scores[i * WIDTH + mirrorColumn(c)];
    out.plies[j] = set.plies[i];
    out.keys[j] = set.keys[i];
    out.moves[j] = mirrorMoves(set.moves[i]);
  });
  return out;
}

/** The move string of the mirrored position: each 1-based column d becomes 8 − d. */
export function mirrorMoves(moves: string): string {
  let out = '';
  for (const ch of moves) out += String(8 - Number(ch));
  return out;
}
